package io.sipim.examples;

import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.transport.TlsConfig;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.ua.IncomingMessage;
import io.sipim.sip.ua.RegistrationException;
import io.sipim.sip.ua.SipAccount;
import io.sipim.sip.ua.SipStack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code client --user U --password P --server HOST:PORT [--transport udp|tcp|tls] [--domain D]
 * [--trust CERT.pem | --insecure] [--expires SECONDS]}: registers {@code sip:U@D} through the
 * server, prints {@code REGISTERED sip:U@D}, then runs commands read from standard input:
 *
 * <ul>
 *   <li>{@code /msg USER TEXT} sends a MESSAGE to {@code sip:USER@D} and prints
 *       {@code SENT sip:USER@D <status> <reason>} (or {@code FAILED sip:USER@D <why>});</li>
 *   <li>{@code /wait SECONDS} keeps listening for that long (for scripts);</li>
 *   <li>{@code /quit}, or the end of input, unregisters and exits.</li>
 * </ul>
 *
 * Every incoming MESSAGE prints {@code MESSAGE from=<uri> text=<text>} (line breaks in the text
 * as {@code \n}). Exit status 0, 1 when registration fails ({@code ERROR ...}), 2 on usage errors.
 */
final class ClientCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    ClientCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("client: " + e.getMessage());
            err.println("usage: client --user U --password P --server HOST:PORT [--transport udp|tcp|tls]"
                    + " [--domain D] [--trust CERT.pem | --insecure] [--expires SECONDS]");
            return Main.USAGE;
        }
        InetSocketAddress any = new InetSocketAddress(o.bindIp, 0);
        SipStack.Builder sb = SipStack.builder().userAgent("sipim-client/0.1");
        switch (o.transport) {
            // UDP, plus TCP for requests over 1300 bytes (RFC 3261 §18.1.1).
            case UDP -> sb.listen(Transport.UDP, any).listen(Transport.TCP, any);
            case TCP -> sb.listen(Transport.TCP, any);
            case TLS -> {
                // A development certificate so that the stack has a TLS listen point (Via, Contact).
                var cert = io.sipim.sip.transport.SelfSignedCertificate.generate(o.bindIp);
                try {
                    sb.listen(Transport.TLS, any).tls(tlsConfig(o, cert));
                } catch (IOException | java.security.GeneralSecurityException e) {
                    err.println("client: cannot read " + o.trust + ": " + e.getMessage());
                    return Main.USAGE;
                }
            }
        }
        try (SipStack stack = sb.build()) {
            String aor = "sip:" + o.user + "@" + o.domain;
            String scheme = o.transport == Transport.TLS ? "sips:" : "sip:";
            SipAccount account = stack.account(aor).credentials(o.user, o.password)
                    .outboundProxy(scheme + o.server + (o.transport == Transport.TCP ? ";transport=tcp" : ""))
                    .transport(o.transport).build();
            account.onMessage(this::print);
            try {
                account.register(Duration.ofSeconds(o.expires)).get(40, TimeUnit.SECONDS);
            } catch (Exception e) {
                Throwable c = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
                if (c instanceof RegistrationException re) {
                    out.println("ERROR registration failed: " + re.response().status() + " " + re.response().reason());
                } else {
                    out.println("ERROR registration failed: " + c.getMessage());
                }
                out.flush();
                return Main.INVALID;
            }
            out.println("REGISTERED " + aor);
            out.flush();
            commands(account, o);
            return Main.OK;
        }
    }

    private void commands(SipAccount account, Options o) {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        try {
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.equals("/quit")) {
                    return;
                }
                if (line.startsWith("/msg ")) {
                    String[] p = line.substring(5).strip().split("\\s+", 2);
                    if (p.length < 2) {
                        out.println("FAILED usage: /msg USER TEXT");
                        continue;
                    }
                    send(account, p[0].contains("@") ? "sip:" + p[0] : "sip:" + p[0] + "@" + o.domain, p[1]);
                } else if (line.startsWith("/wait ")) {
                    try {
                        Thread.sleep((long) (Double.parseDouble(line.substring(6).strip()) * 1000));
                    } catch (NumberFormatException e) {
                        out.println("FAILED usage: /wait SECONDS");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                } else {
                    out.println("FAILED unknown command: " + line);
                }
                out.flush();
            }
        } catch (IOException e) {
            err.println("client: reading commands failed: " + e.getMessage());
        }
    }

    private void send(SipAccount account, String to, String text) {
        try {
            SipResponse resp = account.message(to).text(text).send().get(40, TimeUnit.SECONDS);
            out.println("SENT " + to + " " + resp.status() + " " + resp.reason());
        } catch (Exception e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            out.println("FAILED " + to + " " + c.getMessage());
        }
    }

    private synchronized void print(IncomingMessage m) {
        String text = m.text().replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
        out.println("MESSAGE from=" + m.from().uri() + " text=" + text);
        out.flush();
    }

    private static TlsConfig tlsConfig(Options o, io.sipim.sip.transport.SelfSignedCertificate own)
            throws IOException, java.security.GeneralSecurityException {
        TlsConfig.Builder b = TlsConfig.builder().keyStore(own.keyStore(), io.sipim.sip.transport.SelfSignedCertificate.PASSWORD);
        if (o.insecure) {
            return b.insecureTrustAll().build();
        }
        if (o.trust == null) {
            return b.build();
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream pem = Files.newInputStream(Path.of(o.trust))) {
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                ks.setCertificateEntry("ca" + i++, cert);
            }
        }
        return b.trustStore(ks).build();
    }

    /** Parsed command line. */
    private static final class Options {
        String user;
        String password;
        String server;
        Transport transport = Transport.UDP;
        String domain = "sipim.test";
        String trust;
        boolean insecure;
        long expires = 600;
        String bindIp;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--insecure" -> o.insecure = true;
                    case "--user", "--password", "--server", "--transport", "--domain", "--trust", "--expires" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(a + " needs a value");
                        }
                        String v = args[++i];
                        switch (a) {
                            case "--user" -> o.user = v;
                            case "--password" -> o.password = v;
                            case "--server" -> o.server = v;
                            case "--domain" -> o.domain = v;
                            case "--trust" -> o.trust = v;
                            case "--expires" -> o.expires = Long.parseLong(v);
                            default -> {
                                Transport t = Transport.fromToken(v);
                                if (t == null) {
                                    throw new IllegalArgumentException("--transport must be udp, tcp or tls");
                                }
                                o.transport = t;
                            }
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (o.user == null || o.password == null || o.server == null) {
                throw new IllegalArgumentException("--user, --password and --server are required");
            }
            o.bindIp = localAddressTowards(o.server);
            SipUri.parse("sip:" + o.user + "@" + o.domain);
            return o;
        }

        /** The local IP the OS would use to reach {@code server} (HOST:PORT), so that Via and Contact name a real address. */
        private static String localAddressTowards(String server) {
            int colon = server.lastIndexOf(':');
            if (colon <= 0 || server.indexOf(']') > colon) {
                throw new IllegalArgumentException("--server must be HOST:PORT");
            }
            String host = server.substring(0, colon).replace("[", "").replace("]", "");
            int port = Integer.parseInt(server.substring(colon + 1));
            try (java.net.DatagramSocket probe = new java.net.DatagramSocket()) {
                probe.connect(new InetSocketAddress(host, port));
                return probe.getLocalAddress().getHostAddress();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot reach " + server + ": " + e.getMessage());
            }
        }
    }
}
