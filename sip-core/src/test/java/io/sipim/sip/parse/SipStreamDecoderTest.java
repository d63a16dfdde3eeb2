package io.sipim.sip.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.message.SipMessage;
import io.sipim.sip.message.SipRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SipStreamDecoder}: framing SIP messages out of a TCP/TLS byte stream (RFC 3261 §18.3). */
class SipStreamDecoderTest {

    static final String HEADERS = "Via: SIP/2.0/TCP pc33.example.com;branch=z9hG4bK776asdhds\r\n"
            + "From: <sip:alice@example.com>;tag=1928301774\r\n"
            + "To: <sip:bob@example.com>\r\n"
            + "CSeq: 1 MESSAGE\r\n"
            + "Max-Forwards: 70\r\n";

    /** A MESSAGE request with Call-ID {@code callId} and body {@code body}. */
    static String message(String callId, String body) {
        return "MESSAGE sip:bob@example.com SIP/2.0\r\n" + HEADERS + "Call-ID: " + callId + "\r\n"
                + "Content-Type: text/plain\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + body;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** What the decoder reported, in order. */
    static final class Recorder implements SipStreamDecoder.Listener {
        final List<Object> events = new ArrayList<>();
        final List<SipMessage> messages = new ArrayList<>();
        final List<SipParseException> errors = new ArrayList<>();
        final List<Boolean> fatal = new ArrayList<>();
        int keepAlives;

        @Override
        public void onMessage(SipMessage message) {
            messages.add(message);
            events.add(message.callId());
        }

        @Override
        public void onError(SipParseException error, boolean isFatal) {
            errors.add(error);
            fatal.add(isFatal);
            events.add((isFatal ? "fatal " : "error ") + error.status());
        }

        @Override
        public void onKeepAlive() {
            keepAlives++;
            events.add("keep-alive");
        }
    }

    static Recorder decode(String stream) {
        return decode(SipLimits.DEFAULT, utf8(stream), Integer.MAX_VALUE);
    }

    /** Feeds {@code bytes} in reads of at most {@code chunk} bytes. */
    static Recorder decode(SipLimits limits, byte[] bytes, int chunk) {
        Recorder r = new Recorder();
        SipStreamDecoder d = new SipStreamDecoder(limits, r);
        for (int i = 0; i < bytes.length; i += chunk) {
            d.feed(bytes, i, Math.min(chunk, bytes.length - i));
        }
        return r;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 64, 100_000})
    void rfc3261_18_3_pipelinedMessagesComeOutInOrderAcrossAnyReadSize(int chunk) {
        String stream = message("m1", "hello") + message("m2", "") + message("m3", "ünïcödé\r\n\r\nbody");
        Recorder r = decode(SipLimits.DEFAULT, utf8(stream), chunk);
        assertEquals(List.of("m1", "m2", "m3"), r.events);
        assertEquals("hello", r.messages.get(0).bodyText());
        assertEquals("", r.messages.get(1).bodyText());
        assertEquals("ünïcödé\r\n\r\nbody", r.messages.get(2).bodyText());
        assertEquals(new SipParser().parseDatagram(utf8(message("m1", "hello"))), r.messages.get(0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 100_000})
    void rfc5626_3_5_1_doubleCrlfBetweenMessagesIsAKeepAlive(int chunk) {
        String stream = "\r\n\r\n" + message("m1", "a") + "\r\n\r\n" + message("m2", "b") + "\r\n" + message("m3", "c")
                + "\r\n\r\n\r\n\r\n";
        Recorder r = decode(SipLimits.DEFAULT, utf8(stream), chunk);
        assertEquals(List.of("keep-alive", "m1", "keep-alive", "m2", "m3", "keep-alive", "keep-alive"), r.events);
    }

    @Test
    void rfc3261_18_3_messageWithoutContentLengthIsFatal() {
        String first = message("m1", "x");
        String bad = "MESSAGE sip:bob@example.com SIP/2.0\r\n" + HEADERS + "Call-ID: m2\r\n\r\n";
        Recorder r = new Recorder();
        SipStreamDecoder d = new SipStreamDecoder(r);
        byte[] b = utf8(first + bad + message("m3", "y"));
        d.feed(b, 0, b.length);
        assertEquals(List.of("m1", "fatal 400"), r.events);
        SipParseException e = r.errors.get(0);
        assertEquals("Content-Length is required on a stream transport (RFC 3261 §18.3)", e.reason());
        assertEquals(first.length(), e.offset());
        assertTrue(d.isFailed());
        assertEquals(0, d.buffered());
        // a failed stream ignores everything after
        byte[] more = utf8(message("m4", "z"));
        d.feed(more, 0, more.length);
        assertEquals(2, r.events.size());
        assertEquals(0, d.buffered());
    }

    @Test
    void rfc3261_18_3_conflictingContentLengthsAreFatal() {
        String first = message("m1", "x");
        String bad = "MESSAGE sip:bob@example.com SIP/2.0\r\n" + HEADERS + "Call-ID: m2\r\nContent-Length: 3\r\n"
                + "l: 4\r\n\r\nabcd";
        String stream = first + bad + message("m3", "y");
        Recorder r = decode(stream);
        assertEquals(List.of("m1", "fatal 400"), r.events);
        SipParseException e = r.errors.get(0);
        assertEquals("conflicting Content-Length values 3 and 4", e.reason());
        assertEquals(stream.indexOf("l: 4"), e.offset());
    }

    @Test
    void rfc3261_20_14_negativeContentLengthOnAStreamIsFatal() {
        Recorder r = decode(message("m1", "").replace("Content-Length: 0", "Content-Length: -3") + "abc");
        assertEquals(List.of("fatal 400"), r.events);
        assertEquals("Content-Length is not a number", r.errors.get(0).reason());
    }

    @Test
    void rfc4475_mcl01_equalContentLengthTwiceIsANonFatalError() {
        String bad = message("m1", "abc").replace("Content-Length: 3\r\n", "Content-Length: 3\r\nl: 3\r\n");
        Recorder r = decode(bad + message("m2", ""));
        assertEquals(List.of("error 400", "m2"), r.events);
        assertEquals("Content-Length", r.errors.get(0).header());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 100_000})
    void rfc3261_21_4_14_bodyOverMaxBodyBytesIs413AndTheNextMessageIsStillDecoded(int chunk) {
        String big = message("big", "0123456789ABCDEF");
        String stream = message("m1", "ok") + big + message("m3", "after");
        Recorder r = decode(SipLimits.builder().maxBodyBytes(10).build(), utf8(stream), chunk);
        assertEquals(List.of("m1", "error 413", "m3"), r.events);
        SipParseException e = r.errors.get(0);
        assertEquals("body of 16 bytes exceeds the limit of 10", e.reason());
        assertFalse(r.fatal.get(0));
        assertEquals(stream.indexOf("0123456789ABCDEF"), e.offset());
        assertEquals("after", r.messages.get(1).bodyText());
    }

    @Test
    void rfc3261_18_3_framedButInvalidMessageIsReportedAndTheStreamGoesOn() {
        String first = message("m1", "a");
        String bad = message("m2", "b").replace("CSeq: 1 MESSAGE", "CSeq: 1 INVITE");
        String stream = first + bad + message("m3", "c");
        Recorder r = decode(stream);
        assertEquals(List.of("m1", "error 400", "m3"), r.events);
        SipParseException e = r.errors.get(0);
        assertFalse(r.fatal.get(0));
        assertEquals("CSeq method INVITE does not match request method MESSAGE (RFC 3261 §8.1.1.5)", e.reason());
        assertEquals("CSeq", e.header());
        // offset is relative to the stream; line and column to the message
        assertEquals(stream.indexOf("CSeq: 1 INVITE"), e.offset());
        assertEquals(5, e.line());
        assertEquals(1, e.column());
        SipRequest partial = assertInstanceOf(SipRequest.class, e.partialMessage().orElseThrow());
        assertEquals("m2", partial.callId());
    }

    @Test
    void rfc3261_18_3_badHeaderValueOffsetIsRelativeToTheStream() {
        String first = "\r\n\r\n" + message("m1", "a");
        String bad = message("m2", "b").replace("Max-Forwards: 70", "Max-Forwards: 300");
        String stream = first + bad;
        Recorder r = decode(stream);
        assertEquals(List.of("keep-alive", "m1", "error 400"), r.events);
        SipParseException e = r.errors.get(0);
        assertEquals(stream.indexOf("300"), e.offset());
        assertEquals(6, e.line());
        assertEquals(15, e.column());
        assertEquals("Max-Forwards", e.header());
    }

    @Test
    void sipLimits_headerSectionOverMaxHeaderSectionBytesIsFatal513() {
        String first = message("m1", "a").replace("Content-Type: text/plain\r\n", "");
        String second = message("m2", "b").replace("Call-ID: m2", "Call-ID: m2\r\nSubject: " + "s".repeat(100));
        int limit = first.indexOf("\r\n\r\n") + 4;
        SipLimits limits = SipLimits.builder().maxHeaderSectionBytes(limit).build();
        String stream = first + second + message("m3", "c");
        // Byte by byte the limit is hit before the end of the header section is seen.
        // (Fed in one read the same limit is fatal too: ParserRegressionTest.)
        Recorder r = new Recorder();
        SipStreamDecoder d = new SipStreamDecoder(limits, r);
        byte[] b = utf8(stream);
        for (int i = 0; i < b.length; i++) {
            d.feed(b, i, 1);
            assertTrue(d.buffered() <= limit + 1 + limits.maxBodyBytes(), "buffered " + d.buffered());
        }
        assertEquals(List.of("m1", "fatal 513"), r.events);
        assertEquals("header section exceeds " + limit + " bytes", r.errors.get(0).reason());
        assertEquals(first.length(), r.errors.get(0).offset());
        assertTrue(d.isFailed());
        assertEquals(0, d.buffered());
    }

    @Test
    void sipStreamDecoder_incompleteMessageStaysBuffered() {
        String m = message("m1", "hello");
        Recorder r = new Recorder();
        SipStreamDecoder d = new SipStreamDecoder(r);
        byte[] b = utf8(m);
        d.feed(b, 0, b.length - 1);
        assertEquals(List.of(), r.events);
        assertEquals(b.length - 1, d.buffered());
        d.feed(b, b.length - 1, 1);
        assertEquals(List.of("m1"), r.events);
        assertEquals(0, d.buffered());
        assertFalse(d.isFailed());
    }

    @Test
    void sipStreamDecoder_feedsHeapByteBufferSlices() {
        byte[] msgs = utf8(message("m1", "a") + message("m2", "b"));
        byte[] padded = new byte[msgs.length + 20];
        System.arraycopy(msgs, 0, padded, 10, msgs.length);
        // a slice has a non-zero arrayOffset; position moves too
        ByteBuffer slice = ByteBuffer.wrap(padded, 5, padded.length - 5).slice();
        slice.position(5).limit(5 + msgs.length);
        Recorder r = new Recorder();
        SipStreamDecoder d = new SipStreamDecoder(r);
        d.feed(slice);
        assertEquals(List.of("m1", "m2"), r.events);
        assertFalse(slice.hasRemaining());
        assertEquals(0, d.buffered());
    }

    @Test
    void sipStreamDecoder_feedsDirectByteBuffers() {
        byte[] msgs = utf8(message("m1", "a".repeat(70_000)) + "\r\n\r\n" + message("m2", "b"));
        Recorder r = new Recorder();
        SipStreamDecoder d = new SipStreamDecoder(r);
        ByteBuffer direct = ByteBuffer.allocateDirect(msgs.length);
        direct.put(msgs).flip();
        ByteBuffer first = direct.duplicate();
        first.limit(1000);
        d.feed(first);
        assertFalse(first.hasRemaining());
        direct.position(1000);
        d.feed(direct);
        assertFalse(direct.hasRemaining());
        assertEquals(List.of("m1", "keep-alive", "m2"), r.events);
        assertEquals(70_000, r.messages.get(0).bodyLength());
    }
}
