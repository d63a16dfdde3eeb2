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

/** {@code sipim lint --msrp}: the printed lines and exit statuses are a contract, checked exactly. */
class MsrpLintCommandTest {

    @TempDir
    Path dir;

    private static final String PATHS = "To-Path: msrp://bob.example.com:8888/9di4eae923wzd;tcp\r\n"
            + "From-Path: msrp://alicepc.example.com:7777/iau39soe2843z;tcp\r\n";

    /** RFC 4975 §7.1's example SEND. */
    private static final String SEND = "MSRP d93kswow SEND\r\n" + PATHS
            + "Message-ID: 12339sdqwer\r\n"
            + "Byte-Range: 1-16/16\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + "Hi, I'm Alice!\r\n"
            + "-------d93kswow$\r\n";

    private static final String OK = "MSRP d93kswow 200 OK\r\n" + PATHS + "-------d93kswow$\r\n";

    private static final String BAD_METHOD = "MSRP badm1234 send\r\n" + PATHS + "-------badm1234$\r\n";

    private record Run(int status, List<String> out, String err) {}

    private static Run lint(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        return new Run(status, text.isEmpty() ? List.of() : List.of(text.split("\\R")),
                err.toString(StandardCharsets.UTF_8));
    }

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void pipelinedFramesPrintOneOkLineEachAndExitZero() throws IOException {
        Path f = file("chat.msrp", SEND + OK + "MSRP a786hjs2 NICKNAME\r\n" + PATHS + "-------a786hjs2$\r\n");
        Run r = lint("lint", "--msrp", f.toString());
        assertEquals(List.of("OK SEND d93kswow", "OK 200 d93kswow", "OK NICKNAME a786hjs2"), r.out());
        assertEquals(0, r.status());
    }

    @Test
    void streamFlagIsAcceptedAndImplied() throws IOException {
        Path f = file("one.msrp", SEND);
        assertEquals(lint("lint", "--msrp", f.toString()), lint("lint", "--stream", "--msrp", f.toString()));
    }

    @Test
    void badFrameIsReportedAtItsOffsetAndTheNextStillParses() throws IOException {
        Path f = file("bad.msrp", SEND + BAD_METHOD + OK);
        Run r = lint("lint", "--msrp", f.toString());
        int at = SEND.length() + "MSRP badm1234 ".length();
        assertEquals(List.of("OK SEND d93kswow", "ERROR " + f + ":" + at + ": method must be upper-case letters",
                "OK 200 d93kswow"), r.out());
        assertEquals(1, r.status());
    }

    @Test
    void unframeableInputStopsTheFile() throws IOException {
        Path f = file("garbage.msrp", OK + "GET / HTTP/1.1\r\n\r\n" + SEND);
        Run r = lint("lint", "--msrp", f.toString());
        assertEquals(List.of("OK 200 d93kswow", "ERROR " + f + ":" + OK.length() + ": start line must begin with 'MSRP '"),
                r.out());
        assertEquals(1, r.status());
    }

    @Test
    void truncatedStreamIsAnErrorAtItsEnd() throws IOException {
        String cut = SEND.substring(0, SEND.length() - 5);
        Path f = file("cut.msrp", OK + cut);
        Run r = lint("lint", "--msrp", f.toString());
        assertEquals(List.of("OK 200 d93kswow", "ERROR " + f + ":" + (OK.length() + cut.length())
                + ": stream ends inside the frame that starts at offset " + OK.length()), r.out());
        assertEquals(1, r.status());
    }

    @Test
    void severalFilesInOrder() throws IOException {
        Path a = file("a.msrp", SEND);
        Path b = file("b.msrp", BAD_METHOD);
        Run r = lint("lint", "--msrp", a.toString(), b.toString());
        assertEquals(2, r.out().size());
        assertEquals("OK SEND d93kswow", r.out().get(0));
        assertTrue(r.out().get(1).startsWith("ERROR " + b + ":14: "), r.out().get(1));
        assertEquals(1, r.status());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, lint("lint", "--msrp").status());
        assertEquals(2, lint("lint", "--msrp", "--bogus", "x").status());
        Run missing = lint("lint", "--msrp", dir.resolve("none.msrp").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("cannot read"));
    }
}
