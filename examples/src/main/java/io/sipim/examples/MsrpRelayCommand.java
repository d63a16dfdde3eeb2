package io.sipim.examples;

import io.sipim.msrp.message.ByteRange;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.relay.MsrpRelay;
import io.sipim.msrp.relay.RelayListener;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code msrp-relay --listen HOST:PORT --users u:p[,u:p...] [--realm R]}: an MSRP relay (RFC 4976)
 * over TCP. Port 0 picks a free port. Prints {@code READY <relay msrp uri>} once it accepts
 * connections, then one line per event:
 * <pre>
 * AUTH &lt;user or -&gt; &lt;code&gt; [&lt;use-path uri&gt; expires=&lt;seconds&gt;]
 * FORWARD &lt;method&gt; &lt;message-id or -&gt; &lt;sender uri&gt; -&gt; &lt;next hop uri&gt; [&lt;byte-range&gt;]
 * REFUSED &lt;method&gt; &lt;message-id or -&gt; &lt;code&gt; &lt;reason&gt;
 * </pre>
 * Runs until killed. Exit status 2 on usage errors, 1 when the address cannot be bound.
 */
final class MsrpRelayCommand {
    private static final String USAGE = "usage: msrp-relay --listen HOST:PORT --users u:p[,u:p...] [--realm R]";

    private final PrintStream out;
    private final PrintStream err;

    MsrpRelayCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args, CountDownLatch stop) {
        InetSocketAddress listen = null;
        Map<String, String> users = null;
        String realm = null;
        try {
            for (int i = 0; i < args.length; i++) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String v = args[++i];
                switch (args[i - 1]) {
                    case "--listen" -> listen = address(v);
                    case "--users" -> users = users(v);
                    case "--realm" -> realm = v;
                    default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
                }
            }
            if (listen == null || users == null) {
                throw new IllegalArgumentException("--listen and --users are required");
            }
        } catch (IllegalArgumentException e) {
            err.println("msrp-relay: " + e.getMessage());
            err.println(USAGE);
            return Main.USAGE;
        }
        MsrpRelay relay;
        try {
            relay = MsrpRelay.builder().listen(listen).realm(realm != null ? realm : listen.getHostString())
                    .users(users).listener(new Log()).start();
        } catch (UncheckedIOException e) {
            err.println("msrp-relay: " + e.getMessage());
            return Main.INVALID;
        }
        try (relay) {
            line("READY " + relay.uri());
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Main.OK;
    }

    private void line(String s) {
        synchronized (out) {
            out.println(s);
            out.flush();
        }
    }

    /** One line per relay event. */
    private final class Log implements RelayListener {
        @Override
        public void authenticated(String username, int code, MsrpUri usePath, long expiresSeconds) {
            line("AUTH " + (username != null ? username : "-") + " " + code
                    + (usePath != null ? " " + usePath + " expires=" + expiresSeconds : ""));
        }

        @Override
        public void forwarded(String method, String messageId, MsrpUri sender, MsrpUri nextHop, ByteRange range) {
            line("FORWARD " + method + " " + (messageId != null ? messageId : "-") + " " + sender + " -> " + nextHop
                    + (range != null ? " " + range : ""));
        }

        @Override
        public void refused(String method, String messageId, int code, String reason) {
            line("REFUSED " + method + " " + (messageId != null ? messageId : "-") + " " + code + " " + reason);
        }
    }

    private static InetSocketAddress address(String v) {
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1) {
            throw new IllegalArgumentException("--listen wants HOST:PORT");
        }
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(v.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in --listen: " + v);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return new InetSocketAddress(host, port);
    }

    private static Map<String, String> users(String spec) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException("--users wants user:password pairs separated by commas");
            }
            m.put(pair.substring(0, colon), pair.substring(colon + 1));
        }
        return m;
    }
}
