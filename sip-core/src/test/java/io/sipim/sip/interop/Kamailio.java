package io.sipim.sip.interop;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Kamailio as registrar (digest auth, MD5) and stateful proxy on 127.0.0.1, from the minimal
 * configuration in {@code src/test/resources/interop/kamailio.cfg}.
 */
final class Kamailio implements AutoCloseable {
    final int port;
    /** The TLS port, or -1 when started without TLS. */
    final int tlsPort;
    final String domain;
    private final PeerProcess process;

    private Kamailio(int port, int tlsPort, String domain, PeerProcess process) {
        this.port = port;
        this.tlsPort = tlsPort;
        this.domain = domain;
        this.process = process;
    }

    /** Starts Kamailio for {@code domain} with {@code users} (name → password); skips the test when it is not installed. */
    static Kamailio start(String domain, Map<String, String> users, Path workDir) throws Exception {
        return start(domain, users, workDir, null);
    }

    /**
     * As {@link #start(String, Map, Path)}, plus a TLS listener (module {@code tls}, Debian package
     * {@code kamailio-tls-modules}) serving {@code cert} when it is not null.
     */
    static Kamailio start(String domain, Map<String, String> users, Path workDir,
                          io.sipim.sip.transport.SelfSignedCertificate cert) throws Exception {
        Path exe = Peers.require("kamailio", "kamailio");
        if (cert != null) {
            Peers.requireFile(Path.of("/usr/lib/x86_64-linux-gnu/kamailio/modules/tls.so"), "kamailio-tls-modules");
        }
        int port = Peers.freePort();
        int tlsPort = cert == null ? -1 : Peers.freePort();
        Files.createDirectories(workDir);
        String cfg;
        try (InputStream in = Kamailio.class.getResourceAsStream("/interop/kamailio.cfg")) {
            cfg = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder userBlock = new StringBuilder();
        users.forEach((u, p) -> userBlock.append("    if ($fU == \"").append(u).append("\") { $avp(password) = \"")
                .append(p).append("\"; }\n"));
        String tlsCore = "";
        String tlsModule = "";
        if (cert != null) {
            Files.writeString(workDir.resolve("cert.pem"), pem("CERTIFICATE", cert.certificate().getEncoded()));
            Files.writeString(workDir.resolve("key.pem"), pem("PRIVATE KEY", cert.keyPair().getPrivate().getEncoded()));
            Files.writeString(workDir.resolve("tls.cfg"), "[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\n"
                    + "require_certificate = no\nprivate_key = " + workDir.resolve("key.pem") + "\ncertificate = "
                    + workDir.resolve("cert.pem") + "\n\n[client:default]\nmethod = TLSv1.2+\nverify_certificate = no\n"
                    + "require_certificate = no\n");
            tlsCore = "enable_tls=yes\nlisten=tls:127.0.0.1:" + tlsPort;
            tlsModule = "loadmodule \"tls.so\"\nmodparam(\"tls\", \"config\", \"" + workDir.resolve("tls.cfg") + "\")";
        }
        cfg = cfg.replace("@TLS_CORE@", tlsCore).replace("@TLS_MODULE@", tlsModule);
        cfg = cfg.replace("@LISTEN_PORT@", Integer.toString(port)).replace("@DOMAIN@", domain)
                .replace("@RUNDIR@", workDir.toString()).replace("@USERS@", userBlock.toString());
        Path file = workDir.resolve("kamailio.cfg");
        Files.writeString(file, cfg);
        PeerProcess p = PeerProcess.start("kamailio", List.of(exe.toString(), "-DD", "-E", "-f", file.toString(),
                "-Y", workDir.toString(), "-w", workDir.toString()), workDir);
        Kamailio k = new Kamailio(port, tlsPort, domain, p);
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("kamailio exited at start\n" + p.output());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                Thread.sleep(300); // the UDP workers come up alongside the TCP ones
                return k;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        k.close();
        throw new IllegalStateException("kamailio did not listen on " + port + " within 15 s\n" + p.output());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    String output() {
        return process.output();
    }

    @Override
    public void close() {
        process.close();
    }
}
