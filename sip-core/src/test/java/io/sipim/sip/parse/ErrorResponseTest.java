package io.sipim.sip.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.message.SipResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 3261 §8.2, §21.4.1: what a server answers to a request it cannot accept. */
class ErrorResponseTest {

    private static final String HEADERS = "Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: <sip:bob@example.com>\r\n"
            + "From: <sip:alice@example.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710\r\n";

    private static SipParseException reject(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return assertThrows(SipParseException.class, () -> new SipParser().parseDatagram(b));
    }

    @Test
    void rfc3261_8_2_6_badHeaderGets400WithReasonAndCopiedHeaders() {
        SipParseException e = reject("OPTIONS sip:bob@example.com SIP/2.0\r\n" + HEADERS
                + "CSeq: 1 OPTIONS\r\nExpires: soon\r\nContent-Length: 0\r\n\r\n");
        SipResponse r = e.response("srv1").orElseThrow();
        assertEquals(400, r.status());
        assertEquals(e.reason(), r.reason());
        assertEquals("z9hG4bK776asdhds", r.topVia().branch());
        assertEquals("a84b4c76e66710", r.callId());
        assertEquals("1 OPTIONS", r.cseq().toString());
        assertEquals("1928301774", r.from().tag());
        assertEquals("srv1", r.to().tag(), "§8.2.6.2: the UAS adds a To tag");
        assertEquals(r, new SipParser().parseDatagram(r.encode()), "the answer itself is valid SIP");
    }

    @Test
    void rfc3261_8_2_5_unsupportedVersionGets505() {
        SipParseException e = reject("OPTIONS sip:bob@example.com SIP/7.0\r\n" + HEADERS
                + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
        assertEquals(505, e.response("t").orElseThrow().status());
    }

    @Test
    void rfc3261_17_2_ackIsNeverAnswered() {
        SipParseException e = reject("ACK sip:bob@example.com SIP/2.0\r\n" + HEADERS
                + "CSeq: 1 ACK\r\nExpires: soon\r\nContent-Length: 0\r\n\r\n");
        assertTrue(e.partialMessage().isPresent());
        assertTrue(e.response("t").isEmpty());
    }

    @Test
    void rfc3261_8_2_responsesAreNeverAnswered() {
        SipParseException e = reject("SIP/2.0 200 OK\r\n" + HEADERS + "CSeq: 1 OPTIONS\r\nExpires: soon\r\n\r\n");
        assertTrue(e.response("t").isEmpty());
    }

    @Test
    void rfc3261_18_2_2_requestWithoutCallIdIsDropped() {
        SipParseException e = reject("OPTIONS sip:bob@example.com SIP/2.0\r\n"
                + HEADERS.replace("Call-ID: a84b4c76e66710\r\n", "") + "CSeq: 1 OPTIONS\r\n\r\n");
        assertEquals(400, e.status());
        assertTrue(e.response("t").isEmpty(), "without Call-ID the answer could not be matched");
    }

    @Test
    void rfc3261_8_2_6_existingToTagIsKept() {
        SipParseException e = reject("OPTIONS sip:bob@example.com SIP/2.0\r\n"
                + HEADERS.replace("To: <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=abc")
                + "CSeq: 1 OPTIONS\r\nExpires: soon\r\n\r\n");
        assertEquals("abc", e.response("new").orElseThrow().to().tag());
    }

    @Test
    void rfc3261_8_2_6_unparsableToLineBeforeAGoodOneStillGetsAnAnswer() {
        // Found by fuzzing: the To tag went looking in the first To line, which had no typed value.
        SipParseException e = reject("OPTIONS sip:bob@example.com SIP/2.0\r\n" + "To: <sip:bob@exa mple.com>\r\n"
                + HEADERS + "CSeq: 1 OPTIONS\r\n\r\n");
        SipResponse r = e.response("t1").orElseThrow();
        assertEquals(400, r.status());
        assertEquals("t1", r.to().tag());
    }
}
