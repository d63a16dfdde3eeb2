package io.sipim.msrp.interop;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Kamailio's {@code msrp} module as an RFC 4976 relay with digest AUTH on 127.0.0.1, from
 * {@code src/test/resources/interop/kamailio-msrp-relay.cfg} (what it answers, and its quirks, are
 * in {@code KAMAILIO-MSRP.md} beside it). Skips the calling test loudly when Kamailio is missing.
 */
final class KamailioMsrpRelay implements AutoCloseable {
    static final String MODULES = "/usr/lib/x86_64-linux-gnu/kamailio/modules/";
    static final int MIN_EXPIRES = 60;
    static final int MAX_EXPIRES = 3600;

    final String realm;
    /** The MSRP port over TCP: clients AUTH to {@link #uri()}. */
    final int port;
    /** The msrps port, or -1 when started without TLS. */
    final int tlsPort;
    private final PeerProcess process;

    private KamailioMsrpRelay(String realm, int port, int tlsPort, PeerProcess process) {
        this.realm = realm;
        this.port = port;
        this.tlsPort = tlsPort;
        this.process = process;
    }

    /** Starts the relay for {@code users} (name → password) over TCP only. */
    static KamailioMsrpRelay start(String realm, Map<String, String> users, Path workDir) throws Exception {
        return start(realm, users, workDir, null, null);
    }

    /**
     * As {@link #start(String, Map, Path)}, plus an msrps listener (module {@code tls}, Debian
     * package {@code kamailio-tls-modules}) serving {@code cert} when it is not null.
     */
    static KamailioMsrpRelay start(String realm, Map<String, String> users, Path workDir, X509Certificate cert,
                                   PrivateKey key) throws Exception {
        Path exe = Peers.require("kamailio", "kamailio");
        Peers.requireFile(Path.of(MODULES, "msrp.so"), "kamailio");
        if (cert != null) {
            Peers.requireFile(Path.of(MODULES, "tls.so"), "kamailio-tls-modules");
        }
        int port = Peers.freePort();
        int tlsPort = cert == null ? -1 : Peers.freePort();
        Files.createDirectories(workDir);
        String cfg;
        try (InputStream in = KamailioMsrpRelay.class.getResourceAsStream("/interop/kamailio-msrp-relay.cfg")) {
            cfg = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder userBlock = new StringBuilder();
        users.forEach((u, p) -> userBlock.append("        if ($au == \"").append(u).append("\") { $var(password) = \"")
                .append(p).append("\"; }\n"));
        String tlsCore = "";
        String tlsModule = "";
        if (cert != null) {
            Files.writeString(workDir.resolve("cert.pem"), pem("CERTIFICATE", der(cert)));
            Files.writeString(workDir.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));
            Files.writeString(workDir.resolve("tls.cfg"), "[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\n"
                    + "require_certificate = no\nprivate_key = " + workDir.resolve("key.pem") + "\ncertificate = "
                    + workDir.resolve("cert.pem") + "\n\n[client:default]\nmethod = TLSv1.2+\nverify_certificate = no\n"
                    + "require_certificate = no\n");
            tlsCore = "enable_tls=yes\nlisten=tls:127.0.0.1:" + tlsPort;
            tlsModule = "loadmodule \"tls.so\"\nmodparam(\"tls\", \"config\", \"" + workDir.resolve("tls.cfg") + "\")";
        }
        cfg = cfg.replace("@TLS_CORE@", tlsCore).replace("@TLS_MODULE@", tlsModule)
                .replace("@MSRP_PORT@", Integer.toString(port)).replace("@TLS_PORT@", Integer.toString(tlsPort))
                .replace("@RUNDIR@", workDir.toString()).replace("@REALM@", realm)
                .replace("@USERS@", userBlock.toString())
                .replace("@MIN_EXPIRES@", Integer.toString(MIN_EXPIRES))
                .replace("@MAX_EXPIRES@", Integer.toString(MAX_EXPIRES));
        Path file = workDir.resolve("kamailio-msrp-relay.cfg");
        Files.writeString(file, cfg);
        PeerProcess p = PeerProcess.start("kamailio", List.of(exe.toString(), "-DD", "-E", "-f", file.toString(),
                "-Y", workDir.toString(), "-w", workDir.toString()), workDir);
        KamailioMsrpRelay relay = new KamailioMsrpRelay(realm, port, tlsPort, p);
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("kamailio exited at start\n" + p.output());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                // Connecting only shows the listener is bound; the TCP workers that run the MSRP
                // event route come up alongside it.
                Thread.sleep(300);
                return relay;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        relay.close();
        throw new IllegalStateException("kamailio did not listen on " + port + " within 15 s\n" + p.output());
    }

    /** The relay's URI for AUTH over TCP (RFC 4976 §5.1: no session-id). */
    String uri() {
        return "msrp://127.0.0.1:" + port + ";tcp";
    }

    /** The relay's URI for AUTH over TLS. */
    String tlsUri() {
        if (tlsPort < 0) {
            throw new IllegalStateException("started without TLS");
        }
        return "msrps://127.0.0.1:" + tlsPort + ";tcp";
    }

    /** Kamailio's log so far, for assertion messages. */
    String output() {
        return process.output();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }

    private static byte[] der(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
