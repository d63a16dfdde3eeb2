package io.sipim.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The contracts of {@code msrp-recv} and {@code msrp-send}: their flags, printed lines and exit codes. */
@Timeout(60)
class MsrpCommandsTest {
    @TempDir
    Path dir;

    /** A PrintStream whose text can be read while the command still runs. */
    private static final class Capture {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        String await(Pattern p) throws InterruptedException {
            for (int i = 0; i < 400; i++) {
                Matcher m = p.matcher(text());
                if (m.find()) {
                    return m.group(1);
                }
                Thread.sleep(25);
            }
            throw new AssertionError("no " + p + " in:\n" + text());
        }
    }

    @Test
    void aFileSentWithMsrpSendIsReceivedWithItsNameSizeAndHash() throws Exception {
        byte[] content = new byte[700_000];
        new Random(3).nextBytes(content);
        Path file = dir.resolve("photo.jpg");
        Files.write(file, content);
        Path inbox = dir.resolve("inbox");
        Capture recvOut = new Capture();
        Capture recvErr = new Capture();
        CompletableFuture<Integer> recv = CompletableFuture.supplyAsync(() -> Main.run(
                new String[] {"msrp-recv", "--listen", "127.0.0.1:0", "--dir", inbox.toString()}, recvOut.stream,
                recvErr.stream));
        String uri = recvOut.await(Pattern.compile("^READY (msrp://127\\.0\\.0\\.1:\\d+/[A-Za-z0-9_-]{20};tcp)$",
                Pattern.MULTILINE));

        Capture sendOut = new Capture();
        int sent = Main.run(new String[] {"msrp-send", "--to", uri, "--chunk-size", "8192", file.toString()},
                sendOut.stream, new PrintStream(new ByteArrayOutputStream()));
        assertEquals(Main.OK, sent, sendOut.text());
        String hash = MsrpRecvCommand.sha256(file);
        assertTrue(sendOut.text().contains("SENT " + file + " 700000 sha256=" + hash), sendOut.text());

        assertEquals(Main.OK, recv.get(20, TimeUnit.SECONDS), recvErr.text());
        Path got = inbox.resolve("photo.jpg");
        assertTrue(recvOut.text().contains("RECEIVED " + got + " 700000 sha256=" + hash), recvOut.text());
        assertTrue(recvOut.text().contains("PROGRESS " + got + " 700000/700000"), recvOut.text());
        assertArrayEquals(content, Files.readAllBytes(got));
    }

    @Test
    void sendingToASessionThatDoesNotExistFails() throws Exception {
        Capture recvOut = new Capture();
        CompletableFuture<Integer> recv = CompletableFuture.supplyAsync(() -> Main.run(
                new String[] {"msrp-recv", "--listen", "127.0.0.1:0", "--dir", dir.toString()}, recvOut.stream,
                new PrintStream(new ByteArrayOutputStream())));
        String uri = recvOut.await(Pattern.compile("^READY (\\S+)$", Pattern.MULTILINE));
        Path file = Files.writeString(dir.resolve("a.txt"), "x");
        Capture out = new Capture();
        String wrong = uri.replaceAll("/[^/;]+;tcp$", "/nosuchsession;tcp");
        assertEquals(Main.INVALID, Main.run(new String[] {"msrp-send", "--to", wrong, file.toString()}, out.stream,
                new PrintStream(new ByteArrayOutputStream())));
        assertTrue(out.text().startsWith("FAILED "), out.text());
        assertTrue(out.text().contains("481"), out.text());
        recv.cancel(true);
    }

    @Test
    void usageErrorsExitWith2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err);
        PrintStream o = new PrintStream(new ByteArrayOutputStream());
        assertEquals(Main.USAGE, Main.run(new String[] {"msrp-send", "--to", "msrp://h:1/s;tcp"}, o, e));
        assertEquals(Main.USAGE, Main.run(new String[] {"msrp-send", "--to", "not-a-uri", "x"}, o, e));
        assertEquals(Main.USAGE, Main.run(new String[] {"msrp-recv", "--listen", "127.0.0.1:0"}, o, e));
        assertTrue(err.toString().contains("usage: msrp-send"));
    }
}
