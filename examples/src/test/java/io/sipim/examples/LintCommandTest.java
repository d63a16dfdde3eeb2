package io.sipim.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sipim lint}: the printed lines and exit statuses are a contract scripts rely on, so these
 * tests check them exactly. Each drives {@link Main#run} with temporary files.
 */
class LintCommandTest {

    @TempDir
    Path dir;

    private static final String INVITE = "INVITE sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: <sip:bob@example.com>\r\n"
            + "From: <sip:alice@example.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Content-Length: 0\r\n"
            + "\r\n";

    private static final String RESPONSE = "SIP/2.0 200 OK\r\n"
            + "Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds\r\n"
            + "To: <sip:bob@example.com>;tag=a6c85cf\r\n"
            + "From: <sip:alice@example.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Content-Length: 0\r\n"
            + "\r\n";

    /** Line 3 holds a Via whose parameter list has an empty element (";;"). */
    private static final String BAD_VIA_LINE = "Via: SIP/2.0/UDP pc33.example.com;;branch=z9hG4bK1";
    private static final String BAD_VIA = "OPTIONS sip:bob@example.com SIP/2.0\r\n"
            + "Max-Forwards: 70\r\n"
            + BAD_VIA_LINE + "\r\n"
            + "To: <sip:bob@example.com>\r\n"
            + "From: <sip:alice@example.com>;tag=88\r\n"
            + "Call-ID: badvia@pc33.example.com\r\n"
            + "CSeq: 1 OPTIONS\r\n"
            + "Content-Length: 0\r\n"
            + "\r\n";

    private static String message(String method, String callId, String body) {
        return method + " sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP pc33.example.com;branch=z9hG4bK-" + callId.replaceAll("[^A-Za-z0-9]", "") + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "From: <sip:alice@example.com>;tag=77\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + (body.isEmpty() ? "" : "Content-Type: text/plain\r\n")
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "\r\n"
                + body;
    }

    /** What one run printed and returned. */
    private record Run(int status, List<String> out, String err) {}

    private static Run lint(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        return new Run(status, text.isEmpty() ? List.of() : List.of(text.split("\\R")), err.toString(StandardCharsets.UTF_8));
    }

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void validRequestPrintsOkMethodCallIdAndExitsZero() throws IOException {
        Path f = file("invite.sip", INVITE);
        Run r = lint("lint", f.toString());
        assertEquals(0, r.status());
        assertEquals(List.of("OK INVITE a84b4c76e66710@pc33.example.com"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void validResponsePrintsOkStatusCodeCallId() throws IOException {
        Path f = file("ok.sip", RESPONSE);
        Run r = lint("lint", f.toString());
        assertEquals(0, r.status());
        assertEquals(List.of("OK 200 a84b4c76e66710@pc33.example.com"), r.out());
    }

    @Test
    void invalidMessagePrintsErrorWithExactLineAndColumnAndExitsOne() throws IOException {
        Path f = file("badvia.sip", BAD_VIA);
        Run r = lint("lint", f.toString());
        assertEquals(1, r.status());
        // The column of the second ';' of ";;" on line 3 (1-based).
        int column = BAD_VIA_LINE.indexOf(";;") + 2;
        assertEquals(List.of("ERROR " + f + ":3:" + column + ": expected parameter name but found ';' in Via"
                + " (would answer 400)"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void unsupportedVersionWouldAnswer505() throws IOException {
        Path f = file("v7.sip", INVITE.replace("sip:bob@example.com SIP/2.0", "sip:bob@example.com SIP/7.0"));
        Run r = lint("lint", f.toString());
        assertEquals(1, r.status());
        assertEquals(1, r.out().size());
        String line = r.out().get(0);
        assertTrue(line.startsWith("ERROR " + f + ":1:" + ("INVITE sip:bob@example.com ".length() + 1) + ": "), line);
        assertTrue(line.endsWith(" (would answer 505)"), line);
    }

    @Test
    void mixedFilesPrintOneLinePerFileInOrderAndExitOne() throws IOException {
        Path a = file("a.sip", INVITE);
        Path b = file("b.sip", BAD_VIA);
        Path c = file("c.sip", RESPONSE);
        Run r = lint("lint", a.toString(), b.toString(), c.toString());
        assertEquals(1, r.status());
        assertEquals(3, r.out().size());
        assertEquals("OK INVITE a84b4c76e66710@pc33.example.com", r.out().get(0));
        assertTrue(r.out().get(1).startsWith("ERROR " + b + ":3:"), r.out().get(1));
        assertEquals("OK 200 a84b4c76e66710@pc33.example.com", r.out().get(2));
    }

    @Test
    void streamWithThreePipelinedMessagesPrintsThreeOkLines() throws IOException {
        Path f = file("stream.bin", message("MESSAGE", "m1@example.com", "hello")
                + message("OPTIONS", "m2@example.com", "")
                + "\r\n\r\n" // a keep-alive between messages (RFC 5626) is not a message
                + message("MESSAGE", "m3@example.com", "h\u00e9llo"));
        Run r = lint("lint", "--stream", f.toString());
        assertEquals(0, r.status());
        assertEquals(List.of("OK MESSAGE m1@example.com", "OK OPTIONS m2@example.com", "OK MESSAGE m3@example.com"), r.out());
    }

    @Test
    void streamWithTruncatedLastMessagePrintsAnError() throws IOException {
        String first = message("MESSAGE", "m1@example.com", "hello");
        String second = message("MESSAGE", "m2@example.com", "hello world");
        Path f = file("cut.bin", first + second.substring(0, second.length() - 4));
        Run r = lint("lint", "--stream", f.toString());
        assertEquals(1, r.status());
        assertEquals(2, r.out().size());
        assertEquals("OK MESSAGE m1@example.com", r.out().get(0));
        // The error points at the first byte of the truncated message, right after the first body.
        long line = first.chars().filter(ch -> ch == '\n').count() + 1;
        int column = first.length() - (first.lastIndexOf('\n') + 1) + 1;
        String error = r.out().get(1);
        assertTrue(error.startsWith("ERROR " + f + ":" + line + ":" + column + ": "), error);
        assertTrue(error.contains("stream ends inside a message"), error);
        assertTrue(error.endsWith("(would answer 400)"), error);
    }

    @Test
    void datagramModeTreatsAPipelinedFileAsOneDatagram() throws IOException {
        // Without --stream the octets after Content-Length are ignored (RFC 3261 §18.3).
        Path f = file("two.sip", message("MESSAGE", "m1@example.com", "hello") + message("OPTIONS", "m2@example.com", ""));
        Run r = lint("lint", f.toString());
        assertEquals(0, r.status());
        assertEquals(List.of("OK MESSAGE m1@example.com"), r.out());
    }

    @Test
    void noFilesIsAUsageError() {
        Run r = lint("lint");
        assertEquals(2, r.status());
        assertEquals(List.of(), r.out());
        assertTrue(r.err().contains("usage: java -jar sipim-examples.jar lint [--stream] FILE..."), r.err());
    }

    @Test
    void unknownOptionIsAUsageError() throws IOException {
        Path f = file("invite.sip", INVITE);
        Run r = lint("lint", "--strict", f.toString());
        assertEquals(2, r.status());
        assertEquals(List.of(), r.out());
        assertTrue(r.err().contains("unknown option --strict"), r.err());
        assertTrue(r.err().contains("usage:"), r.err());
    }

    @Test
    void unknownCommandIsAUsageError() {
        Run r = lint("frobnicate");
        assertEquals(2, r.status());
        assertEquals(List.of(), r.out());
        assertTrue(r.err().contains("unknown command 'frobnicate'"), r.err());
        assertTrue(r.err().contains("usage: java -jar sipim-examples.jar <command> [arguments]"), r.err());
    }

    @Test
    void noArgumentsAtAllIsAUsageError() {
        Run r = lint();
        assertEquals(2, r.status());
        assertTrue(r.err().contains("usage:"), r.err());
    }

    @Test
    void unreadableFileIsAUsageErrorAndNothingIsLinted() throws IOException {
        Path good = file("invite.sip", INVITE);
        Path missing = dir.resolve("does-not-exist.sip");
        Run r = lint("lint", good.toString(), missing.toString());
        assertEquals(2, r.status());
        assertEquals(List.of(), r.out(), "all files are read before any is linted");
        assertTrue(r.err().contains("cannot read " + missing), r.err());
        assertTrue(r.err().contains("usage: java -jar sipim-examples.jar lint"), r.err());
    }

    @Test
    void helpPrintsUsageOnStdoutAndExitsZero() {
        Run r = lint("--help");
        assertEquals(0, r.status());
        assertTrue(String.join("\n", r.out()).contains("lint [--stream] FILE..."));
    }
}
