package io.sipim.examples;

import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.session.BodySource;
import io.sipim.msrp.session.Delivery;
import io.sipim.msrp.session.MsrpSession;
import io.sipim.msrp.session.MsrpStack;
import io.sipim.msrp.session.Transfer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * {@code msrp-send --to MSRP-URI [--chunk-size N] FILE}: connects to the MSRP URI that
 * {@code msrp-recv} printed, sends FILE as one message ({@code application/octet-stream}, its name
 * in Content-Disposition) in chunks, and prints {@code SENT <file> <bytes> sha256=<hex>} once every
 * chunk has been confirmed, or {@code FAILED <status> <comment>}. Exit status 0 when delivered, 1
 * when not, 2 on usage errors.
 */
final class MsrpSendCommand {
    private final PrintStream out;
    private final PrintStream err;

    MsrpSendCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        MsrpUri to = null;
        Path file = null;
        int chunkSize = 64 * 1024;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--to" -> to = MsrpUri.parse(value(args, ++i, "--to"));
                    case "--chunk-size" -> chunkSize = Integer.parseInt(value(args, ++i, "--chunk-size"));
                    default -> {
                        if (args[i].startsWith("--") || file != null) {
                            throw new IllegalArgumentException("unexpected argument " + args[i]);
                        }
                        file = Path.of(args[i]);
                    }
                }
            }
            if (to == null || file == null) {
                throw new IllegalArgumentException("--to and FILE are required");
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no such file: " + file);
            }
        } catch (RuntimeException e) {
            err.println("msrp-send: " + e.getMessage());
            err.println("usage: msrp-send --to MSRP-URI [--chunk-size N] FILE");
            return Main.USAGE;
        }
        try (MsrpStack stack = MsrpStack.builder().chunkSize(chunkSize).build()) {
            MsrpSession session = stack.newSession();
            session.connect(List.of(to)).join();
            Transfer t = session.message("application/octet-stream", BodySource.of(file))
                    .header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"")
                    .send();
            Delivery d = t.completion().join();
            if (!d.delivered()) {
                out.println("FAILED " + d.status() + " " + d.comment());
                return Main.INVALID;
            }
            out.println("SENT " + file + " " + Files.size(file) + " sha256=" + MsrpRecvCommand.sha256(file));
            session.close();
            session.closed().join();
            return Main.OK;
        } catch (CompletionException e) {
            out.println("FAILED 0 " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            return Main.INVALID;
        } catch (IOException | RuntimeException e) {
            out.println("FAILED 0 " + e.getMessage());
            return Main.INVALID;
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    /** {@code HOST:PORT} or {@code [IPv6]:PORT}. */
    static InetSocketAddress hostPort(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got " + s);
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, Integer.parseInt(s.substring(colon + 1)));
    }
}
