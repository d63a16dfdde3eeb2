package io.sipim.msrp.parse;

import static io.sipim.msrp.parse.MsrpParserTest.HEAD;
import static io.sipim.msrp.parse.MsrpParserTest.OK;
import static io.sipim.msrp.parse.MsrpParserTest.send;
import static io.sipim.msrp.parse.Recorder.bytes;
import static io.sipim.msrp.parse.Recorder.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.message.MsrpParseException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each error: unrecoverable ones throw with the stream offset, the others skip the frame and report it. */
class MsrpParserErrorTest {

    private static final String NEXT = send("next", "after", '$');
    private static final List<String> NEXT_EVENTS = List.of("request SEND next body", "body after", "end $");

    /** Parses {@code bad + NEXT}: the bad frame is reported, then the next one parses. */
    private static String recovered(String bad) {
        List<String> events = parse(bad + NEXT).events();
        assertEquals(NEXT_EVENTS, events.subList(events.size() - 3, events.size()), events.toString());
        assertEquals(4, events.size(), events.toString());
        return events.get(0);
    }

    private static MsrpParseException fatal(String input, MsrpLimits limits) {
        Recorder r = new Recorder();
        MsrpParser p = new MsrpParser(limits, r);
        MsrpParseException e = assertThrows(MsrpParseException.class, () -> p.parse(ByteBuffer.wrap(bytes(input))));
        assertEquals(400, e.status());
        MsrpParseException again = assertThrows(MsrpParseException.class, () -> p.parse(ByteBuffer.wrap(bytes(NEXT))));
        assertTrue(again.reason().startsWith("parser is dead"), again.reason());
        return e;
    }

    /** The stream offset of the byte after {@code prefix}. */
    private static int at(String prefix) {
        return bytes(prefix).length;
    }

    private static final String START = "MSRP abcd SEND\n" + HEAD;

    private static MsrpParseException fatal(String input) {
        return fatal(input, MsrpLimits.DEFAULT);
    }

    @Test
    void garbageStartLineIsFatalAtItsOffset() {
        MsrpParseException e = fatal("HTTP/1.1 200 OK\n");
        assertEquals(0, e.offset());
        assertNull(e.transactionId());
        assertEquals(bytes(OK).length + 1, fatal(OK + "Mxxx").offset());
        assertEquals(4, fatal("MSRP\n").offset());
    }

    @Test
    void badTransactionIdsAreFatal() {
        assertEquals(8, fatal("MSRP abc SEND\n").offset());
        assertEquals(5, fatal("MSRP .abc SEND\n").offset());
        assertEquals(7, fatal("MSRP ab_cd SEND\n").offset());
        assertEquals(38, fatal("MSRP " + "a".repeat(33) + " SEND\n").offset());
    }

    @Test
    void startLineMustEndInCrlf() {
        Recorder r = new Recorder();
        MsrpParser p = new MsrpParser(MsrpLimits.DEFAULT, r);
        MsrpParseException e = assertThrows(MsrpParseException.class,
                () -> p.parse(ByteBuffer.wrap("MSRP abcd SEND\nTo-Path: x\r\n".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(14, e.offset());
    }

    @Test
    void overlongStartLineWithoutTidIsFatal() {
        MsrpLimits small = MsrpLimits.builder().maxStartLineBytes(10).build();
        MsrpParseException e = fatal("MSRP abcdefgh SEND\n", small);
        assertEquals(12, e.offset());
    }

    @Test
    void overlongStartLineWithTidSkipsTheFrame() {
        Recorder r = new Recorder();
        MsrpParser p = new MsrpParser(MsrpLimits.builder().maxStartLineBytes(20).build(), r);
        p.parse(ByteBuffer.wrap(bytes("MSRP abcd VERYLONGMETHODNAME\n" + HEAD + "-------abcd$\n" + NEXT)));
        assertEquals("badRequest 400 @22 abcd: start line longer than 20 bytes", r.events().get(0));
        assertEquals(NEXT_EVENTS, r.events().subList(1, 4));
    }

    @Test
    void rfc4975_9_methodMustBeUpperCase() {
        assertEquals("badRequest 400 @10 abcd: method must be upper-case letters",
                recovered("MSRP abcd send\n" + HEAD + "-------abcd$\n"));
        assertEquals("badRequest 400 @9 abcd: start line lacks a method", recovered("MSRP abcd\n" + HEAD
                + "-------abcd$\n"));
    }

    @Test
    void badStatusLineIsABadResponse() {
        assertEquals("badResponse 400 @12 abcd: status code must be 3 digits from 100",
                recovered("MSRP abcd 20\n" + HEAD + "-------abcd$\n"));
        assertEquals("badResponse 400 @13 abcd: status code must be 3 digits from 100",
                recovered("MSRP abcd 200OK\n" + HEAD + "-------abcd$\n"));
        assertTrue(recovered("MSRP abcd 099 Low\n" + HEAD + "-------abcd$\n").startsWith("badResponse"));
    }

    @Test
    void rfc4975_7_2_responseHasNoBodyAndEndsInDollar() {
        assertEquals("badResponse 400 @" + at("MSRP abcd 200 OK\n" + HEAD) + " abcd: a response has no body",
                recovered("MSRP abcd 200 OK\n" + HEAD + "\nbody\n-------abcd$\n"));
        assertEquals("badResponse 400 @" + at("MSRP abcd 200 OK\n" + HEAD + "-------abcd")
                + " abcd: a response's end-line must end in $",
                recovered("MSRP abcd 200 OK\n" + HEAD + "-------abcd+\n"));
    }

    @Test
    void rfc4975_9_contentTypeIsRequiredWithABody() {
        assertEquals("badRequest 400 @" + at(START) + " abcd: a request with a body needs Content-Type",
                recovered("MSRP abcd SEND\n" + HEAD + "\nhello\n-------abcd$\n"));
    }

    @Test
    void malformedHeaderLines() {
        int h = at(START);
        assertEquals("badRequest 400 @" + (h + 7) + " abcd: header line lacks ':'",
                recovered(START + "Nocolon\n-------abcd$\n"));
        assertEquals("badRequest 400 @" + h + " abcd: empty header name", recovered(START + ": x\n-------abcd$\n"));
        assertEquals("badRequest 400 @" + (h + 1) + " abcd: bad character in header name",
                recovered(START + "X Y: z\n-------abcd$\n"));
        assertEquals("badRequest 400 @" + (h + 4) + " abcd: bad character in value of header",
                recovered(START + "X: a\rb\n-------abcd$\n"));
        Recorder r = new Recorder();
        new MsrpParser(MsrpLimits.DEFAULT, r).parse(ByteBuffer.wrap(
                (Recorder.crlf(START) + "X: y\n\r\n-------abcd$\r\n").getBytes(StandardCharsets.US_ASCII)));
        assertEquals(List.of("badRequest 400 @" + (h + 4) + " abcd: header line must end in CRLF"), r.events());
    }

    @Test
    void rfc4975_9_toPathThenFromPathFirst() {
        assertEquals("badRequest 400 @16 abcd: the first header must be To-Path",
                recovered("MSRP abcd SEND\nFrom-Path: msrp://a/b;tcp\nTo-Path: msrp://a/b;tcp\n-------abcd$\n"));
        assertEquals("badRequest 400 @" + at("MSRP abcd SEND\nTo-Path: msrp://a/b;tcp\n")
                + " abcd: the second header must be From-Path",
                recovered("MSRP abcd SEND\nTo-Path: msrp://a/b;tcp\nX: y\n-------abcd$\n"));
        assertEquals("badRequest 400 @" + at(START) + " abcd: To-Path appears twice",
                recovered("MSRP abcd SEND\n" + HEAD + "to-path: msrp://a/b;tcp\n-------abcd$\n"));
        assertEquals("badRequest 400 @16 abcd: To-Path and From-Path are required",
                recovered("MSRP abcd SEND\n-------abcd$\n"));
    }

    @Test
    void badValuesAreReportedAtTheirByte() {
        String start = START;
        assertEquals("badRequest 400 @" + at(START + "Byte-Range: 1-")
                + " abcd: Byte-Range end must be a number or * in header Byte-Range",
                recovered(start + "Byte-Range: 1-x/3\n-------abcd$\n"));
        assertEquals("badRequest 400 @" + at(START + "Failure-Report: ")
                + " abcd: Failure-Report must be yes, no or partial in header Failure-Report",
                recovered(start + "Failure-Report: maybe\n-------abcd$\n"));
        assertEquals("badRequest 400 @" + at("MSRP abcd SEND\nTo-Path: msrp://a/b;tcp msrp://a")
                + " abcd: bad character in MSRP URI host in To-Path", recovered(
                "MSRP abcd SEND\nTo-Path: msrp://a/b;tcp msrp://a<b/c;tcp\nFrom-Path: msrp://a/b;tcp\n-------abcd$\n"));
        assertTrue(recovered(start + "Message-ID: aaaa\nMessage-ID: bbbb\n-------abcd$\n").contains("appears twice"));
    }

    private static String limited(String frame) {
        MsrpLimits limits = MsrpLimits.builder().maxHeaders(3).maxPathUris(2).maxHeaderSectionBytes(200).build();
        Recorder r = new Recorder();
        MsrpParser p = new MsrpParser(limits, r);
        p.parse(ByteBuffer.wrap(bytes(frame + OK)));
        assertEquals("response 200 d93kswow", r.events().get(1));
        return r.events().get(0);
    }

    @Test
    void limitsOnHeaders() {
        assertEquals("badRequest 400 @" + at(START + "A: 1\n") + " abcd: more than 3 header lines",
                limited(START + "A: 1\nB: 2\n-------abcd$\n"));
        assertEquals("badRequest 400 @" + at("MSRP abcd SEND\nTo-Path: ") + " abcd: more than 2 URIs in To-Path",
                limited("MSRP abcd SEND\nTo-Path: msrp://a/b;tcp msrp://c/d;tcp msrp://e/f;tcp\n-------abcd$\n"));
        // a complete line over the budget, and a line cut where the budget (plus room for an end-line) ends
        assertEquals("badRequest 400 @" + at(START) + " abcd: header section longer than 200 bytes",
                limited(START + "X: " + "y".repeat(70) + "\nContent-Type: a/b\n\nbody\n-------abcd$\n"));
        assertEquals("badRequest 400 @" + (200 + 7 + 32 + 3) + " abcd: header section longer than 200 bytes",
                limited(START + "X: " + "y".repeat(300) + "\n-------abcd$\n"));
    }

    @Test
    void headerBudgetSmallerThanTheStartLine() {
        Recorder r = new Recorder();
        MsrpParser p = new MsrpParser(MsrpLimits.builder().maxHeaderSectionBytes(10).build(), r);
        p.parse(ByteBuffer.wrap(bytes(START + "-------abcd$\n" + START + "Content-Type: a/b\n\nx\n-------abcd$\n")));
        // the start line alone is over the budget; the first header line is cut where the room left
        // for an end-line (7 dashes, a 32-character tid, flag, CRLF) ends
        int room = 7 + 32 + 1 + 2;
        assertEquals(List.of("badRequest 400 @" + (16 + room) + " abcd: header section longer than 10 bytes",
                "badRequest 400 @" + (at(START + "-------abcd$\n") + 16 + room)
                        + " abcd: header section longer than 10 bytes"), r.events());
    }

    @Test
    void malformedEndLineOfAFrameWithoutBody() {
        assertEquals("badRequest 400 @" + at(START + "-------abcd") + " abcd: malformed end-line",
                recovered("MSRP abcd SEND\n" + HEAD + "-------abcd$x\n"));
        assertEquals("badRequest 400 @" + at(START + "-------abcd") + " abcd: malformed end-line",
                recovered("MSRP abcd SEND\n" + HEAD + "-------abcd\n"));
        assertTrue(recovered("MSRP abcd SEND\n" + HEAD + "-------abcde$\n-------abcd$\n")
                .contains("header line lacks ':'"));
    }

    @Test
    void malformedEndLineAfterABodyIsFatal() {
        String bad = "MSRP abcd SEND\n" + HEAD + "Content-Type: a/b\n\nhi\n-------abcd$x\n";
        MsrpParseException e = fatal(bad);
        assertEquals(bytes(bad).length - 3, e.offset());
        assertEquals("abcd", e.transactionId());
    }

    @Test
    void finishReportsATruncatedStream() {
        Recorder r = new Recorder();
        MsrpParser p = new MsrpParser(MsrpLimits.DEFAULT, r);
        byte[] b = bytes(send("abcd", "hello", '$'));
        p.parse(ByteBuffer.wrap(b, 0, b.length - 1));
        assertFalse(p.atFrameBoundary());
        MsrpParseException e = assertThrows(MsrpParseException.class, p::finish);
        assertEquals(b.length - 1, e.offset());
        assertTrue(e.reason().contains("starts at offset 0"), e.reason());
    }
}
