package io.sipim.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code server}, {@code client} and {@code demo} command contracts: flags and printed lines. */
class ServerClientCommandTest {
    @TempDir
    Path dir;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final LinkedBlockingQueue<String> serverLines = new LinkedBlockingQueue<>();
    private CompletableFuture<Integer> server;
    private String sip;
    private String tls;

    @BeforeEach
    void startServer() throws Exception {
        PipedInputStream in = new PipedInputStream(1 << 16);
        PrintStream out = new PrintStream(new PipedOutputStream(in), true, StandardCharsets.UTF_8);
        server = CompletableFuture.supplyAsync(() -> new ServerCommand(out, System.err).run(new String[] {
            "--bind", "127.0.0.1", "--sip-port", "0", "--tls-port", "0", "--domain", "sipim.test",
            "--users", "alice:secret,bob:hunter2", "--tls-cert-out", dir.resolve("server.pem").toString()}, stop));
        Thread reader = new Thread(() -> {
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    serverLines.add(line);
                }
            } catch (IOException ignored) {
                // The server's stream closed.
            }
        });
        reader.setDaemon(true);
        reader.start();
        String ready = serverLines.poll(20, TimeUnit.SECONDS);
        assertTrue(ready != null && ready.matches("READY sip=127\\.0\\.0\\.1:\\d+ tls=127\\.0\\.0\\.1:\\d+"), String.valueOf(ready));
        sip = ready.substring("READY sip=".length(), ready.indexOf(' ', 6));
        tls = ready.substring(ready.indexOf("tls=") + 4);
    }

    @AfterEach
    void stopServer() throws Exception {
        stop.countDown();
        assertEquals(Main.OK, server.get(10, TimeUnit.SECONDS));
    }

    /** Runs a client with {@code commands} on stdin; returns its output lines and exit code. */
    private CompletableFuture<List<String>> client(String commands, String... args) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
            int code = new ClientCommand(new ByteArrayInputStream(commands.getBytes(StandardCharsets.UTF_8)), out, System.err)
                    .run(args);
            out.println("EXIT " + code);
            return buf.toString(StandardCharsets.UTF_8).lines().toList();
        });
    }

    @Test
    @DisplayName("Two clients register with digest auth through the server and exchange a MESSAGE; the server logs each request")
    void messageThroughServer() throws Exception {
        CompletableFuture<List<String>> bob = client("/wait 4\n/quit\n", "--user", "bob", "--password", "hunter2",
                "--server", sip, "--transport", "tcp");
        Thread.sleep(1500); // bob registers first
        List<String> alice = client("/msg bob hello\nbob\n/msg nobody hi\n/quit\n", "--user", "alice", "--password", "secret",
                "--server", sip).get(30, TimeUnit.SECONDS);
        assertEquals("REGISTERED sip:alice@sipim.test", alice.get(0));
        assertEquals("SENT sip:bob@sipim.test 200 OK", alice.get(1));
        assertEquals("FAILED unknown command: bob", alice.get(2));
        assertTrue(alice.get(3).startsWith("SENT sip:nobody@sipim.test 404"), alice.get(3));
        assertEquals("EXIT 0", alice.get(alice.size() - 1));
        List<String> b = bob.get(30, TimeUnit.SECONDS);
        assertEquals(List.of("REGISTERED sip:bob@sipim.test", "MESSAGE from=sip:alice@sipim.test text=hello", "EXIT 0"), b);
        assertTrue(serverLines.stream().anyMatch(l -> l.startsWith("REGISTER") && l.contains("200")), serverLines.toString());
        assertTrue(serverLines.stream().anyMatch(l -> l.startsWith("MESSAGE")), serverLines.toString());
    }

    @Test
    @DisplayName("A wrong password prints ERROR and exits 1; a missing flag is a usage error (exit 2)")
    void failures() throws Exception {
        List<String> bad = client("", "--user", "alice", "--password", "nope", "--server", sip).get(30, TimeUnit.SECONDS);
        assertEquals(List.of("ERROR registration failed: 401 Unauthorized", "EXIT 1"), bad);
        List<String> usage = client("", "--user", "alice").get(10, TimeUnit.SECONDS);
        assertEquals(List.of("EXIT 2"), usage);
    }

    @Test
    @DisplayName("TLS: the client trusts the server's certificate from --tls-cert-out and registers over TLS")
    void tls() throws Exception {
        assertTrue(Files.readString(dir.resolve("server.pem")).startsWith("-----BEGIN CERTIFICATE-----"));
        List<String> alice = client("/quit\n", "--user", "alice", "--password", "secret", "--server", tls,
                "--transport", "tls", "--trust", dir.resolve("server.pem").toString()).get(30, TimeUnit.SECONDS);
        assertEquals(List.of("REGISTERED sip:alice@sipim.test", "EXIT 0"), alice);
        List<String> untrusted = client("/quit\n", "--user", "alice", "--password", "secret", "--server", tls,
                "--transport", "tls").get(60, TimeUnit.SECONDS);
        assertTrue(untrusted.get(0).startsWith("ERROR registration failed"), untrusted.toString());
    }

    @Test
    @DisplayName("demo: registers alice and bob, exchanges two MESSAGEs, then chats and sends a file over MSRP through a relay, ending with OK")
    void demo() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = new DemoCommand(new PrintStream(buf, true, StandardCharsets.UTF_8)).run();
        String text = buf.toString(StandardCharsets.UTF_8);
        assertEquals(Main.OK, code, text);
        assertTrue(text.contains("bob      MESSAGE from=sip:alice@sipim.test text=Hi Bob, lunch at noon?"), text);
        assertTrue(text.contains("bob      MSRP message text=Here is the menu."), text);
        assertTrue(text.contains("bob      MSRP file menu.pdf 1048576 bytes, size and sha-1 checked"), text);
        assertTrue(text.trim().endsWith("OK demo finished"), text);
    }
}
