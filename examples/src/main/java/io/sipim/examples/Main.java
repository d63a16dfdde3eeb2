package io.sipim.examples;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Entry point of {@code sipim-examples.jar}: {@code java -jar sipim-examples.jar <command> [args]}.
 * Each command's flags and printed lines are a stable contract that scripts rely on.
 */
public final class Main {
    private Main() {}

    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;

    public static void main(String[] args) {
        // slf4j-simple: warnings and errors only, on stderr, so stdout stays the command's contract.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("sipim.log", "warn"));
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return usage(err);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "lint":
                return new LintCommand(out, err).run(rest);
            case "server": {
                java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                return new ServerCommand(out, err).run(rest, stop);
            }
            case "msrp-relay": {
                java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                return new MsrpRelayCommand(out, err).run(rest, stop);
            }
            case "demo":
                return new DemoCommand(out).run();
            case "client":
                return new ClientCommand(System.in, out, err).run(rest);
            case "msrp-send":
                return new MsrpSendCommand(out, err).run(rest);
            case "msrp-recv":
                return new MsrpRecvCommand(out, err).run(rest);
            case "-h":
            case "--help":
            case "help":
                usage(out);
                return OK;
            default:
                err.println("sipim: unknown command '" + args[0] + "'");
                return usage(err);
        }
    }

    private static int usage(PrintStream s) {
        s.println("usage: java -jar sipim-examples.jar <command> [arguments]");
        s.println("commands:");
        s.println("  lint [--stream] FILE...   validate SIP messages (one datagram per file, or a TCP byte stream)");
        s.println("  lint --msrp FILE...       validate MSRP frames (each file a byte stream of frames)");
        s.println("  demo                      registrar + proxy and two user agents exchanging MESSAGEs on loopback");
        s.println("  server [--bind IP] [--sip-port N] [--tls-port N] [--domain D] [--users u:p,...]");
        s.println("                            registrar + proxy; prints READY sip=HOST:PORT tls=HOST:PORT");
        s.println("  client --user U --password P --server HOST:PORT [--transport udp|tcp|tls] [--domain D]");
        s.println("                            register, then /msg USER TEXT, /wait SECONDS, /quit from stdin");
        s.println("  msrp-recv [--listen HOST:PORT] --dir DIR");
        s.println("                            wait for an MSRP session; prints READY <msrp uri>, PROGRESS and RECEIVED lines");
        s.println("  msrp-send --to MSRP-URI [--chunk-size N] FILE");
        s.println("                            send FILE over MSRP; prints SENT <file> <bytes> sha256=<hex> or FAILED");
        s.println("  msrp-relay --listen HOST:PORT --users u:p,... [--realm R]");
        s.println("                            MSRP relay (RFC 4976); prints READY <relay msrp uri>, then a line per AUTH and message");
        return USAGE;
    }
}
