package io.sipim.examples;

import io.sipim.sip.auth.UserStore;
import io.sipim.sip.server.SipServer;
import io.sipim.sip.transport.SelfSignedCertificate;
import io.sipim.sip.transport.TlsConfig;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.transport.TransportAddress;
import io.sipim.sip.ua.SipStack;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code server [--bind IP] [--sip-port N] [--tls-port N] [--domain D] [--users u:p,...]
 * [--tls-cert-out FILE.pem]}: a registrar (digest auth for the configured users) and stateful
 * proxy for domain D on UDP and TCP ({@code --sip-port}, default 5060) and TLS
 * ({@code --tls-port}, default 5061, with a self-signed development certificate for the bind
 * address and the domain, written as PEM to {@code --tls-cert-out} so that clients can trust it).
 * Port 0 picks a free port. Prints {@code READY sip=HOST:PORT tls=HOST:PORT} once it accepts
 * requests, then one line per request handled. Runs until killed. Exit status 2 on usage errors,
 * 1 when a port cannot be bound.
 */
final class ServerCommand {
    private final PrintStream out;
    private final PrintStream err;

    ServerCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args, CountDownLatch stop) {
        String bind = "127.0.0.1";
        int sipPort = 5060;
        int tlsPort = 5061;
        String domain = "sipim.test";
        String users = "alice:secret,bob:secret";
        String certOut = null;
        try {
            for (int i = 0; i < args.length; i++) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String v = args[++i];
                switch (args[i - 1]) {
                    case "--bind" -> bind = v;
                    case "--sip-port" -> sipPort = port(v);
                    case "--tls-port" -> tlsPort = port(v);
                    case "--domain" -> domain = v;
                    case "--users" -> users = v;
                    case "--tls-cert-out" -> certOut = v;
                    default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
                }
            }
            parseUsers(users);
        } catch (IllegalArgumentException e) {
            err.println("server: " + e.getMessage());
            err.println("usage: server [--bind IP] [--sip-port N] [--tls-port N] [--domain D] [--users u:p,...]"
                    + " [--tls-cert-out FILE.pem]");
            return Main.USAGE;
        }
        SelfSignedCertificate cert = SelfSignedCertificate.generate(bind, domain);
        if (certOut != null) {
            try {
                Files.writeString(Path.of(certOut), pem(cert), StandardCharsets.US_ASCII);
            } catch (IOException | java.security.cert.CertificateEncodingException e) {
                err.println("server: cannot write " + certOut + ": " + e.getMessage());
                return Main.INVALID;
            }
        }
        SipStack stack;
        try {
            // UDP and TCP share the SIP port (RFC 3261 §18: a server listens on both); 0 picks one free for both.
            int port = sipPort != 0 ? sipPort : freeUdpAndTcpPort(bind);
            stack = SipStack.builder().userAgent(null)
                    .listen(Transport.UDP, new InetSocketAddress(bind, port))
                    .listen(Transport.TCP, new InetSocketAddress(bind, port))
                    .listen(Transport.TLS, new InetSocketAddress(bind, tlsPort))
                    .tls(TlsConfig.builder().keyStore(cert.keyStore(), SelfSignedCertificate.PASSWORD).build())
                    .build();
        } catch (RuntimeException e) {
            err.println("server: cannot listen on " + bind + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            return Main.INVALID;
        }
        try (stack) {
            SipServer server = SipServer.builder(stack).domain(domain).users(UserStore.inMemory(parseUsers(users)))
                    .registrar().proxy()
                    .requestLog(line -> {
                        synchronized (out) {
                            out.println(line);
                            out.flush();
                        }
                    })
                    .build();
            TransportAddress sip = stack.localAddress(Transport.UDP);
            TransportAddress tls = stack.localAddress(Transport.TLS);
            synchronized (out) {
                out.println("READY sip=" + sip.hostPort() + " tls=" + tls.hostPort());
                out.flush();
            }
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.close();
        }
        return Main.OK;
    }

    private static int freeUdpAndTcpPort(String bind) {
        for (int i = 0; i < 50; i++) {
            try (java.net.DatagramSocket udp = new java.net.DatagramSocket(new InetSocketAddress(bind, 0))) {
                int p = udp.getLocalPort();
                try (java.net.ServerSocket tcp = new java.net.ServerSocket()) {
                    tcp.bind(new InetSocketAddress(bind, p));
                    return p;
                } catch (IOException taken) {
                    // TCP side busy; try another.
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot bind " + bind + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("no port free for both UDP and TCP on " + bind);
    }

    private static int port(String v) {
        int p = Integer.parseInt(v);
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port out of range: " + v);
        }
        return p;
    }

    private static Map<String, String> parseUsers(String spec) {
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

    private static String pem(SelfSignedCertificate cert) throws java.security.cert.CertificateEncodingException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
