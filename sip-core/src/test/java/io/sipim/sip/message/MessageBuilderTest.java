package io.sipim.sip.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.parse.MessageValidator;
import io.sipim.sip.parse.SipParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SipRequest.Builder}, {@link SipResponse.Builder} and {@link SipMessage#encode()}. */
class MessageBuilderTest {

    static final Via VIA = Via.of("UDP", "pc33.example.com", 5060).withBranch("z9hG4bK776asdhds");
    static final NameAddr FROM = NameAddr.parse("\"Alice\" <sip:alice@example.com>;tag=1928301774");
    static final NameAddr TO = NameAddr.parse("<sip:bob@example.com>");

    static SipRequest.Builder message() {
        return SipRequest.builder(SipRequest.MESSAGE, SipUri.parse("sip:bob@example.com"))
                .via(VIA).from(FROM).to(TO).callId("a84b4c76e66710").cseq(1).maxForwards(70);
    }

    static List<String> names(SipMessage m) {
        return m.headers().stream().map(Header::spelledName).toList();
    }

    @Test
    void rfc3261_7_encodeWritesTheBuiltMessageByteForByte() {
        SipRequest r = message().body(MediaType.TEXT_PLAIN, "lunch?").build();
        String expected = "MESSAGE sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP pc33.example.com:5060;branch=z9hG4bK776asdhds\r\n"
                + "From: \"Alice\" <sip:alice@example.com>;tag=1928301774\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "Call-ID: a84b4c76e66710\r\n"
                + "CSeq: 1 MESSAGE\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Type: text/plain\r\n"
                + "Content-Length: 6\r\n"
                + "\r\n"
                + "lunch?";
        assertArrayEquals(expected.getBytes(StandardCharsets.US_ASCII), r.encode());
        assertEquals(expected, r.toString());
        MessageValidator.validate(r);
    }

    @Test
    void rfc3261_7_2_encodeWritesAResponseWithUtf8ReasonByteForByte() {
        SipResponse r = SipResponse.builder(486).reason("Занято").via(VIA).from(FROM).to(TO.withTag("x"))
                .callId("c").cseq(new CSeq(7, "INVITE")).header("Subject", "ünï").build();
        String expected = "SIP/2.0 486 Занято\r\n"
                + "Via: SIP/2.0/UDP pc33.example.com:5060;branch=z9hG4bK776asdhds\r\n"
                + "From: \"Alice\" <sip:alice@example.com>;tag=1928301774\r\n"
                + "To: <sip:bob@example.com>;tag=x\r\n"
                + "Call-ID: c\r\n"
                + "CSeq: 7 INVITE\r\n"
                + "Subject: ünï\r\n"
                + "Content-Length: 0\r\n"
                + "\r\n";
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), r.encode());
    }

    @Test
    void rfc3261_20_14_contentLengthIsAddedAutomatically() {
        SipRequest empty = message().build();
        assertEquals("0", empty.header("Content-Length"));
        assertEquals("Content-Length", names(empty).get(names(empty).size() - 1));
        SipRequest withBody = message().body(MediaType.APPLICATION_SDP, new byte[] {1, 2, 3}).build();
        assertEquals(List.of(3L), withBody.values(HeaderName.CONTENT_LENGTH));
    }

    @Test
    void rfc3261_20_14_wrongContentLengthIsCorrectedWhereItStood() {
        SipRequest r = message().header("Content-Length", "99").header("Subject", "s")
                .body(MediaType.TEXT_PLAIN, "four").build();
        assertEquals(List.of("Via", "From", "To", "Call-ID", "CSeq", "Max-Forwards", "Content-Length", "Subject",
                "Content-Type"), names(r));
        assertEquals("4", r.header("Content-Length"));
        SipRequest same = message().header("Content-Length", "4").body(MediaType.TEXT_PLAIN, "four").build();
        assertEquals(List.of(4L), same.values(HeaderName.CONTENT_LENGTH));
    }

    @Test
    void messageBuilder_setReplacesEveryLineWhereTheFirstStood() {
        SipRequest r = message().header("Subject", "one").header("X-A", "a").header("Subject", "two")
                .set(HeaderName.SUBJECT, "three").build();
        assertEquals(List.of("Via", "From", "To", "Call-ID", "CSeq", "Max-Forwards", "Subject", "X-A", "Content-Length"),
                names(r));
        assertEquals(List.of("three"), r.headerValues("Subject"));
        SipRequest added = message().set(HeaderName.EXPIRES, 60L).build();
        assertEquals(60, added.expires());
        assertEquals("Expires", names(added).get(6));
    }

    @Test
    void rfc3261_16_6_prependPutsANewTopmostVia() {
        Via proxy = Via.of("TCP", "proxy.example.com", -1).withBranch("z9hG4bKp1");
        SipRequest r = message().build().toBuilder().prepend(HeaderName.VIA, proxy).build();
        assertEquals(List.of(proxy, VIA), r.via());
        assertEquals("Via", names(r).get(0));
        assertEquals(proxy, r.topVia());
    }

    @Test
    void messageBuilder_removeDropsEveryLine() {
        SipRequest r = message().header("X-A", "1").header("x-a", "2").header("X-B", "3").remove(HeaderName.of("X-A"))
                .build();
        assertEquals(List.of(), r.headerValues("X-A"));
        assertEquals("3", r.header("X-B"));
        assertFalse(message().build().toBuilder().remove(HeaderName.MAX_FORWARDS).build().has(HeaderName.MAX_FORWARDS));
    }

    @Test
    void rfc3261_16_7_removeFirstTakesTheTopValueAndKeepsTheRestOfItsLine() {
        Via a = Via.of("UDP", "a.example.com", -1).withBranch("z9hG4bKa");
        Via b = Via.of("UDP", "b.example.com", -1).withBranch("z9hG4bKb");
        SipRequest r = message().remove(HeaderName.VIA).header(Header.of(HeaderName.VIA, List.of(a, b)))
                .via(VIA).build();
        assertEquals(List.of(a, b, VIA), r.via());
        SipRequest once = r.toBuilder().removeFirst(HeaderName.VIA).build();
        assertEquals(List.of(b, VIA), once.via());
        assertEquals(names(r), names(once));
        SipRequest twice = once.toBuilder().removeFirst(HeaderName.VIA).build();
        assertEquals(List.of(VIA), twice.via());
        SipRequest thrice = twice.toBuilder().removeFirst(HeaderName.VIA).build();
        assertEquals(List.of(), thrice.via());
        assertEquals(thrice, thrice.toBuilder().removeFirst(HeaderName.ROUTE).build());
    }

    @Test
    void messageBuilder_toBuilderCopiesAndLeavesTheOriginalAlone() {
        SipRequest original = message().body(MediaType.TEXT_PLAIN, "hi").build();
        SipRequest copy = original.toBuilder().build();
        assertEquals(original, copy);
        assertArrayEquals(original.encode(), copy.encode());
        SipRequest changed = original.toBuilder().method(SipRequest.OPTIONS).cseq(2).set(HeaderName.SUBJECT, "x")
                .noBody().build();
        assertEquals("MESSAGE", original.method());
        assertEquals(new CSeq(1, "MESSAGE"), original.cseq());
        assertNull(original.header("Subject"));
        assertEquals("hi", original.bodyText());
        assertEquals("OPTIONS", changed.method());
        assertEquals(new CSeq(2, "OPTIONS"), changed.cseq());
        assertEquals(0, changed.bodyLength());
        assertNull(changed.contentType());
        assertEquals("0", changed.header("Content-Length"));
        assertNotEquals(original, changed);
        SipResponse resp = SipResponse.builder(200).via(VIA).build();
        assertEquals(resp, resp.toBuilder().build());
    }

    @Test
    void messageBuilder_bodyIsCopiedNotShared() {
        byte[] content = {1, 2, 3};
        SipRequest.Builder b = message().body(MediaType.APPLICATION_SDP, content);
        content[0] = 9;
        SipRequest r = b.build();
        assertArrayEquals(new byte[] {1, 2, 3}, r.body());
        r.body()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, r.body());
    }

    @Test
    void rfc3261_7_4_1_textBodyUsesTheCharsetParameter() {
        SipRequest r = message().body(MediaType.TEXT_PLAIN.withParameter("charset", "ISO-8859-1"), "é").build();
        assertArrayEquals(new byte[] {(byte) 0xe9}, r.body());
        assertEquals("é", r.bodyText());
        SipRequest utf8 = message().body(MediaType.TEXT_PLAIN, "é").build();
        assertArrayEquals(new byte[] {(byte) 0xc3, (byte) 0xa9}, utf8.body());
    }

    @Test
    void rfc3261_8_2_6_2_responseToRequestCopiesViaFromToCallIdCSeq() {
        Via second = Via.of("TCP", "proxy.example.com", 5060).withBranch("z9hG4bKp").withReceived("192.0.2.1");
        SipRequest req = message().via(second).contact(NameAddr.parse("<sip:alice@192.0.2.4>"))
                .header("Subject", "s").body(MediaType.TEXT_PLAIN, "lunch?").build();
        SipResponse r = SipResponse.to(req, 200).toTag("a6c85cf").build();
        assertEquals(200, r.status());
        assertEquals("OK", r.reason());
        assertEquals(List.of(VIA, second), r.via());
        assertEquals(req.from(), r.from());
        assertEquals(req.to().withTag("a6c85cf"), r.to());
        assertEquals("a6c85cf", r.to().tag());
        assertEquals(req.callId(), r.callId());
        assertEquals(req.cseq(), r.cseq());
        // copied in the request's order: the second Via was added after Max-Forwards
        assertEquals(List.of("Via", "From", "To", "Call-ID", "CSeq", "Via", "Content-Length"), names(r));
        assertEquals(List.of(), r.contacts());
        assertEquals(-1, r.maxForwards());
        assertEquals(0, r.bodyLength());
        MessageValidator.validate(r);
        String expected = "SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP pc33.example.com:5060;branch=z9hG4bK776asdhds\r\n"
                + "From: \"Alice\" <sip:alice@example.com>;tag=1928301774\r\n"
                + "To: <sip:bob@example.com>;tag=a6c85cf\r\n"
                + "Call-ID: a84b4c76e66710\r\n"
                + "CSeq: 1 MESSAGE\r\n"
                + "Via: SIP/2.0/TCP proxy.example.com:5060;branch=z9hG4bKp;received=192.0.2.1\r\n"
                + "Content-Length: 0\r\n"
                + "\r\n";
        assertEquals(expected, r.toString());
    }

    @Test
    void rfc3261_8_2_6_2_responseToParsedRequestKeepsTheReceivedSpelling() {
        SipRequest req = (SipRequest) SipParser.parse("OPTIONS sip:b@example.com SIP/2.0\r\n"
                + "v: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\nf: <sip:a@example.com>;tag=1\r\n"
                + "t: <sip:b@example.com>\r\ni: c1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n\r\n");
        SipResponse r = SipResponse.to(req, 100).build();
        assertEquals(List.of("v", "f", "t", "i", "CSeq", "Content-Length"), names(r));
        assertEquals("Trying", r.reason());
        assertEquals(SipParser.parse(r.toString()), r);
    }

    @Test
    void rfc3261_21_defaultReasonPhrases() {
        assertEquals("Trying", SipResponse.defaultReason(100));
        assertEquals("Ringing", SipResponse.defaultReason(180));
        assertEquals("OK", SipResponse.defaultReason(200));
        assertEquals("Accepted", SipResponse.defaultReason(202));
        assertEquals("Moved Temporarily", SipResponse.defaultReason(302));
        assertEquals("Proxy Authentication Required", SipResponse.defaultReason(407));
        assertEquals("Request-URI Too Long", SipResponse.defaultReason(414));
        assertEquals("Call/Transaction Does Not Exist", SipResponse.defaultReason(481));
        assertEquals("Bad Event", SipResponse.defaultReason(489));
        assertEquals("Server Time-out", SipResponse.defaultReason(504));
        assertEquals("Message Too Large", SipResponse.defaultReason(513));
        assertEquals("Decline", SipResponse.defaultReason(603));
        assertEquals("", SipResponse.defaultReason(299));
        assertEquals("Not Found", SipResponse.builder(404).build().reason());
        assertEquals("Busy Here", SipResponse.builder(200).status(486).build().reason());
        assertEquals("SIP/2.0 299 ", SipResponse.builder(299).build().startLine());
    }

    @Test
    void rfc3261_7_2_builderRejectsBadStatusAndReason() {
        assertThrows(IllegalArgumentException.class, () -> SipResponse.builder(99));
        assertThrows(IllegalArgumentException.class, () -> SipResponse.builder(700));
        assertThrows(IllegalArgumentException.class, () -> SipResponse.builder(200).reason("a\r\nVia: x"));
        assertThrows(IllegalStateException.class, () -> SipResponse.builder(200).toTag("t"));
    }

    @Test
    void rfc3261_7_1_builderRejectsBadMethodAndMaxForwards() {
        SipUri uri = SipUri.parse("sip:bob@example.com");
        assertThrows(IllegalArgumentException.class, () -> SipRequest.builder("IN VITE", uri));
        assertThrows(IllegalArgumentException.class, () -> SipRequest.builder("", uri));
        assertThrows(IllegalArgumentException.class, () -> message().maxForwards(256));
        assertThrows(IllegalArgumentException.class, () -> message().maxForwards(-1));
        assertThrows(IllegalArgumentException.class, () -> message().cseq(CSeq.MAX + 1));
        assertThrows(io.sipim.sip.parse.SipParseException.class, () -> message().header("Max-Forwards", "abc"));
        assertThrows(IllegalArgumentException.class, () -> message().header("Bad Name", "x"));
    }

    @Test
    void rfc3261_7_3_1_typedListHeaderFormatsCommaSeparated() {
        Header h = Header.of(HeaderName.ALLOW, List.of("INVITE", "ACK", "MESSAGE"));
        assertEquals("Allow: INVITE, ACK, MESSAGE", h.toString());
        assertEquals(List.of("INVITE", "ACK", "MESSAGE"), h.values());
        assertThrows(IllegalArgumentException.class, () -> Header.of(HeaderName.TO, List.of(TO, FROM)));
    }

    @Test
    void rfc3261_7_builtMessageParsesBackEqual() {
        SipRequest r = message().header("X-Custom", "a, b; c").contact(NameAddr.parse("<sip:a@192.0.2.4>;expires=60"))
                .body(MediaType.TEXT_PLAIN, "x").build();
        SipMessage back = new SipParser().parseDatagram(r.encode());
        assertEquals(r, back);
        assertTrue(back instanceof SipRequest);
        assertEquals(r.contacts(), back.contacts());
    }
}
