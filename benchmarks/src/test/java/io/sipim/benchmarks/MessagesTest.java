package io.sipim.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.header.ExtensionHeaderImpl;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.SIPHeaderList;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.sipim.sip.message.Credentials;
import io.sipim.sip.message.Header;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.message.SubscriptionState;
import io.sipim.sip.message.Via;
import io.sipim.sip.parse.SipParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps the benchmark inputs honest: both parsers accept them and both do a full, typed parse. */
class MessagesTest {

    static Iterable<String> names() {
        return Messages.NAMES;
    }

    @Test
    void benchmarksUseEveryMessage() throws NoSuchFieldException {
        for (Class<?> c : new Class<?>[] {SipParseBenchmark.class, SipEncodeBenchmark.class}) {
            String[] params = c.getField("message").getAnnotation(org.openjdk.jmh.annotations.Param.class).value();
            assertEquals(Messages.NAMES, List.of(params), c.getSimpleName());
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void wireBytesAreCrlfWithExactContentLength(String name) {
        byte[] b = Messages.bytes(name);
        String text = new String(b, StandardCharsets.UTF_8);
        int headerEnd = text.indexOf("\r\n\r\n");
        assertTrue(headerEnd > 0, "no CRLF CRLF");
        String head = text.substring(0, headerEnd + 2);
        assertFalse(head.replace("\r\n", "").contains("\n"), "bare LF in the header section");
        int bodyLength = b.length - (headerEnd + 4);
        assertTrue(head.contains("\r\nContent-Length: " + bodyLength + "\r\n"), "Content-Length is not " + bodyLength);
    }

    @ParameterizedTest
    @MethodSource("names")
    void sipimParsesEveryHeaderToATypedValue(String name) {
        byte[] b = Messages.bytes(name);
        SipMessage m = new SipParser().parseDatagram(b);
        for (Header h : m.headers()) {
            assertTrue(h.name().isKnown(), "not a known header: " + h);
            assertFalse(h.values().isEmpty(), "no typed value: " + h);
        }
        assertNotNull(m.topVia().branch());
        assertNotNull(m.cseq());
        assertNotNull(m.from().tag());
        assertNotNull(m.callId());
        assertEquals(b.length - (new String(b, StandardCharsets.UTF_8).indexOf("\r\n\r\n") + 4), m.bodyLength());
        assertTrue(Messages.readValues(m) > 0);
        // SIPIM writes a parsed message back as received.
        assertArrayEquals(b, m.encode());
    }

    @ParameterizedTest
    @MethodSource("names")
    void jainSipParsesEveryHeaderToATypedValue(String name) throws ParseException {
        byte[] b = Messages.bytes(name);
        SIPMessage jain = new StringMsgParser().parseSIPMessage(b, true, false, Messages.RETHROW);
        SipMessage sipim = new SipParser().parseDatagram(b);

        // Same headers with the same number of values on both sides, none left as an extension.
        Map<String, Integer> jainCounts = new TreeMap<>();
        for (Iterator<SIPHeader> it = jain.getHeaders(); it.hasNext(); ) {
            SIPHeader h = it.next();
            assertFalse(h instanceof ExtensionHeaderImpl, "JAIN-SIP left untyped: " + h.getHeaderName());
            int n = h instanceof SIPHeaderList<?> list ? list.size() : 1;
            jainCounts.merge(h.getHeaderName().toLowerCase(Locale.ROOT), n, Integer::sum);
        }
        Map<String, Integer> sipimCounts = new TreeMap<>();
        for (Header h : sipim.headers()) {
            sipimCounts.merge(h.name().name().toLowerCase(Locale.ROOT), h.values().size(), Integer::sum);
        }
        assertEquals(sipimCounts, jainCounts);
        assertEquals(sipim.bodyLength(), jain.getRawContent() == null ? 0 : jain.getRawContent().length);
        // JAIN-SIP's encoding differs in layout (Via lines joined by commas, no space after commas)
        // but means the same: SIPIM reads the same start line, typed values and body from it.
        byte[] jainEncoded = jain.encodeAsBytes(jain.getTopmostVia().getTransport());
        SipMessage again = new SipParser().parseDatagram(jainEncoded);
        assertEquals(sipim.startLine(), again.startLine());
        assertEquals(typedValues(sipim), typedValues(again));
        assertArrayEquals(sipim.body(), again.body());
    }

    private static Map<String, List<Object>> typedValues(SipMessage m) {
        Map<String, List<Object>> out = new TreeMap<>();
        for (Header h : m.headers()) {
            out.computeIfAbsent(h.name().name(), k -> new ArrayList<>()).addAll(h.values());
        }
        return out;
    }

    @Test
    void registerCarriesDigestCredentials() {
        SipMessage m = new SipParser().parseDatagram(Messages.bytes("register"));
        Credentials c = m.first(HeaderName.AUTHORIZATION);
        assertEquals("alice", c.username());
        assertEquals("MD5", c.algorithm());
        assertEquals("auth", c.qop());
        assertEquals(1, c.nonceCount());
        assertEquals(3600, m.contacts().get(0).expires());
    }

    @Test
    void notifyCarriesPresence() {
        SipMessage m = new SipParser().parseDatagram(Messages.bytes("notify"));
        assertEquals("presence", m.first(HeaderName.EVENT).eventPackage());
        SubscriptionState s = m.first(HeaderName.SUBSCRIPTION_STATE);
        assertEquals("active", s.state());
        assertEquals(599, s.expires());
        assertEquals("application/pidf+xml", m.contentType().essence());
        assertTrue(m.bodyLength() > 550 && m.bodyLength() < 700, "PIDF body of " + m.bodyLength() + " bytes");
    }

    @Test
    void inviteCarriesMsrpOffer() {
        SipMessage m = new SipParser().parseDatagram(Messages.bytes("invite"));
        assertEquals("application/sdp", m.contentType().essence());
        assertTrue(m.bodyText().contains("m=message 7394 TCP/MSRP *\r\n"));
        assertTrue(m.bodyText().contains("a=path:msrp://"));
    }

    @Test
    void okHasThreeViasAndTwoRecordRoutes() {
        SipMessage m = new SipParser().parseDatagram(Messages.bytes("ok200"));
        assertEquals(3, m.via().size());
        for (Via v : m.via()) {
            assertNotNull(v.received());
            assertTrue(v.rport() > 0);
        }
        assertEquals(2, m.recordRoutes().size());
        assertNotNull(m.to().tag());
        assertEquals(0, m.bodyLength());
    }
}
