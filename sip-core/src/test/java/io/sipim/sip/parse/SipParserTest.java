package io.sipim.sip.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.message.CSeq;
import io.sipim.sip.message.Challenge;
import io.sipim.sip.message.Credentials;
import io.sipim.sip.message.Event;
import io.sipim.sip.message.Header;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.MediaType;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.Parameters;
import io.sipim.sip.message.RetryAfter;
import io.sipim.sip.message.SipDate;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.SubscriptionState;
import io.sipim.sip.message.Via;
import io.sipim.sip.message.Warning;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SipParser#parseDatagram}: exact parsed values, and for bad input the exact reason, status,
 * offset, line, column, header and partial message. Every message here is ASCII unless a test says
 * otherwise, so a character index in the text is the byte offset on the wire.
 */
class SipParserTest {

    static final String RL = "OPTIONS sip:bob@example.com SIP/2.0\r\n";
    static final String VIA = "Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds\r\n";
    static final String FROM = "From: \"Alice\" <sip:alice@example.com>;tag=1928301774\r\n";
    static final String TO = "To: <sip:bob@example.com>\r\n";
    static final String CALL_ID = "Call-ID: a84b4c76e66710\r\n";
    static final String CSEQ = "CSeq: 314159 OPTIONS\r\n";
    static final String MF = "Max-Forwards: 70\r\n";
    /** Lines 2 to 7; an extra header line given to {@link #request(String)} is line 8. */
    static final String HEADERS = VIA + FROM + TO + CALL_ID + CSEQ + MF;

    static String request(String extraLines) {
        return RL + HEADERS + extraLines + "\r\n";
    }

    static String response(String statusLine, String extraLines) {
        return statusLine + "\r\n" + HEADERS + extraLines + "\r\n";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static SipMessage parse(String text) {
        return new SipParser().parseDatagram(utf8(text));
    }

    static SipRequest parseRequest(String text) {
        return assertInstanceOf(SipRequest.class, parse(text));
    }

    static SipParseException rejects(String text) {
        return rejects(new SipParser(), text);
    }

    static SipParseException rejects(SipParser parser, String text) {
        byte[] b = utf8(text);
        return assertThrows(SipParseException.class, () -> parser.parseDatagram(b));
    }

    static SipParser limited(SipLimits.Builder b) {
        return new SipParser(b.build());
    }

    /** 1-based column of {@code offset} in {@code text} (ASCII). */
    static int column(String text, int offset) {
        return offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1;
    }

    static void assertError(SipParseException e, String reason, int status, long offset, int line, int column,
                            String header) {
        assertEquals(reason, e.reason(), "reason");
        assertEquals(status, e.status(), "status");
        assertEquals(offset, e.offset(), "offset");
        assertEquals(line, e.line(), "line");
        assertEquals(column, e.column(), "column");
        assertEquals(header, e.header(), "header");
    }

    /** Asserts the full error position for an error at {@code offset} of {@code text} on {@code line}. */
    static void assertErrorAt(SipParseException e, String text, String reason, int status, int offset, int line,
                              String header) {
        assertError(e, reason, status, offset, line, column(text, offset), header);
    }

    static void assertPartialHasDialogHeaders(SipParseException e) {
        SipMessage partial = e.partialMessage().orElseThrow();
        assertEquals("z9hG4bK776asdhds", partial.topVia().branch());
        assertEquals("1928301774", partial.from().tag());
        assertEquals("sip:bob@example.com", partial.to().uri().toString());
        assertEquals("a84b4c76e66710", partial.callId());
        assertEquals(new CSeq(314159, "OPTIONS"), partial.cseq());
    }

    // ---- start line -------------------------------------------------------------------------

    @Nested
    class StartLine {

        @Test
        void rfc3261_7_1_requestLineGivesMethodRequestUriAndVersion() {
            SipRequest r = parseRequest(request(""));
            assertEquals("OPTIONS", r.method());
            assertEquals(SipUri.parse("sip:bob@example.com"), r.requestUri());
            assertEquals("sip:bob@example.com", r.requestUri().toString());
            assertEquals("SIP/2.0", r.version());
            assertEquals("OPTIONS sip:bob@example.com SIP/2.0", r.startLine());
        }

        @Test
        void rfc3261_7_5_leadingCrlfsBeforeTheStartLineAreIgnored() {
            SipRequest r = parseRequest("\r\n\r\n" + request(""));
            assertEquals("OPTIONS", r.method());
        }

        @Test
        void rfc3261_7_1_extensionMethodIsAnyTokenAndCaseSensitive() {
            String text = request("").replace("OPTIONS", "x-Fancy.Method!");
            SipRequest r = parseRequest(text);
            assertEquals("x-Fancy.Method!", r.method());
            assertEquals("x-Fancy.Method!", r.cseq().method());
        }

        @Test
        void rfc4475_lwsstart_twoSpacesAfterMethodRejected() {
            String text = request("").replace("OPTIONS sip", "OPTIONS  sip");
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "more than one SP after the method (RFC 4475 lwsstart)", 400, 8, 1, null);
            assertTrue(e.partialMessage().isEmpty());
        }

        @Test
        void rfc3261_7_1_twoSpacesBeforeVersionRejected() {
            String text = request("").replace(".com SIP/2.0", ".com  SIP/2.0");
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "more than one SP before the SIP-Version (RFC 4475 lwsruri/lwsstart)", 400,
                    28, 1, null);
        }

        @Test
        void rfc4475_trws_whiteSpaceAfterVersionRejected() {
            String text = request("").replace("SIP/2.0\r\nVia", "SIP/2.0  \r\nVia");
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "white space after the SIP-Version (RFC 4475 trws)", 400, 35, 1, null);
        }

        @Test
        void rfc4475_lwsruri_whiteSpaceInsideRequestUriRejected() {
            String text = request("").replace("sip:bob@example.com SIP", "sip:bob@example.com;lr SIP/2.0 x");
            SipParseException e = rejects(text);
            assertEquals(400, e.status());
            assertEquals("white space inside the Request-URI (RFC 4475 lwsruri)", e.reason());
            assertEquals(8, e.offset());
        }

        @Test
        void rfc3261_7_1_missingVersionRejected() {
            String text = "OPTIONS sip:bob@example.com\r\n" + HEADERS + "\r\n";
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "missing SIP-Version in the request line", 400, 27, 1, null);
        }

        @Test
        void rfc3261_7_2_statusLineGivesStatusAndReason() {
            SipResponse r = assertInstanceOf(SipResponse.class, parse(response("SIP/2.0 180 Ringing", "")));
            assertEquals(180, r.status());
            assertEquals("Ringing", r.reason());
            assertEquals("SIP/2.0", r.version());
            assertTrue(r.isProvisional());
        }

        @Test
        void rfc4475_noreason_emptyReasonPhraseAccepted() {
            SipResponse r = assertInstanceOf(SipResponse.class, parse(response("SIP/2.0 100 ", "")));
            assertEquals(100, r.status());
            assertEquals("", r.reason());
        }

        @Test
        void rfc4475_unreason_utf8ReasonPhraseDecoded() {
            String reason = "= 2**3 * 5**2 но сто девяносто девять - простое";
            SipResponse r = assertInstanceOf(SipResponse.class, parse(response("SIP/2.0 200 " + reason, "")));
            assertEquals(reason, r.reason());
        }

        @Test
        void rfc3261_25_1_reasonPhraseWithInvalidUtf8Rejected() {
            byte[] line = {'S', 'I', 'P', '/', '2', '.', '0', ' ', '2', '0', '0', ' ', 'O', (byte) 0xC3, 'K'};
            byte[] rest = utf8("\r\n" + HEADERS + "\r\n");
            byte[] msg = new byte[line.length + rest.length];
            System.arraycopy(line, 0, msg, 0, line.length);
            System.arraycopy(rest, 0, msg, line.length, rest.length);
            SipParseException e = assertThrows(SipParseException.class, () -> new SipParser().parseDatagram(msg));
            assertError(e, "invalid UTF-8", 400, 12, 1, 13, null);
            assertTrue(e.partialMessage().isPresent());
        }

        @ParameterizedTest
        @ValueSource(strings = {"099", "000", "700", "999"})
        void rfc3261_21_statusCodeOutsideOneHundredToSixHundredNinetyNineRejected(String code) {
            String text = response("SIP/2.0 " + code + " Odd", "");
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "status code " + Integer.parseInt(code) + " out of range 100..699", 400, 8, 1, null);
        }

        @ParameterizedTest
        @ValueSource(strings = {"4294967301", "20", "2000", "2x0", ""})
        void rfc4475_bigcode_statusCodeMustBeThreeDigits(String code) {
            String text = response("SIP/2.0 " + code + " Big", "");
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "status code must be three digits (RFC 4475 bigcode)", 400, 8, 1, null);
        }

        @Test
        void rfc3261_7_1_sipVersionIsCaseInsensitive() {
            SipRequest r = parseRequest(request("").replace("SIP/2.0\r\nVia", "sip/2.0\r\nVia"));
            assertEquals("SIP/2.0", r.version());
            SipResponse s = assertInstanceOf(SipResponse.class, parse(response("sIp/2.0 200 OK", "")));
            assertEquals("SIP/2.0", s.version());
            assertEquals(200, s.status());
        }

        @Test
        void rfc4475_badvers_otherVersionAnswers505WithPartialMessage() {
            String text = request("").replace("SIP/2.0\r\nVia", "SIP/7.0\r\nVia");
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "SIP-Version SIP/7.0 is not supported (RFC 4475 badvers)", 505, 28, 1, null);
            SipMessage partial = e.partialMessage().orElseThrow();
            assertEquals("SIP/7.0", partial.version());
            assertPartialHasDialogHeaders(e);
        }

        @Test
        void rfc3261_7_2_responseWithOtherVersionAnswers505() {
            String text = response("SIP/3.1 200 OK", "");
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "SIP-Version SIP/3.1 is not supported (RFC 4475 badvers)", 505, 0, 1, null);
            assertPartialHasDialogHeaders(e);
        }

        @Test
        void rfc3261_7_1_malformedVersionIs400WithoutPartialMessage() {
            String text = request("").replace("SIP/2.0\r\nVia", "HTTP/1.1\r\nVia");
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "malformed SIP-Version 'HTTP/1.1'", 400, 28, 1, null);
            assertTrue(e.partialMessage().isEmpty());
        }

        @Test
        void rfc3261_7_1_controlCharacterInRequestUriRejected() {
            String text = request("").replace("sip:bob@", "sip:b\u0001ob@");
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "control character 0x01 in the start line", 400, 13, 1, null);
        }

        @Test
        void rfc3261_7_emptyMessageRejected() {
            SipParseException e = rejects("\r\n\r\n");
            assertEquals("empty message", e.reason());
            assertEquals(400, e.status());
        }
    }

    // ---- header names, folding, white space ---------------------------------------------------

    @Nested
    class HeaderLines {

        @ParameterizedTest(name = "{0} = {1}")
        @CsvSource(delimiter = '|', value = {
            "i|Call-ID|replace|a84b4c76e66710",
            "m|Contact|add|<sip:bob@192.0.2.4>",
            "f|From|replace|\"Alice\" <sip:alice@example.com>;tag=1928301774",
            "t|To|replace|<sip:bob@example.com>",
            "v|Via|replace|SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds",
            "l|Content-Length|add|0",
            "c|Content-Type|add|text/plain",
            "k|Supported|add|100rel",
            "s|Subject|add|lunch",
            "e|Content-Encoding|add|gzip",
            "o|Event|add|presence",
            "u|Allow-Events|add|presence",
            "r|Refer-To|add|<sip:carol@example.com>",
            "b|Referred-By|add|<sip:alice@example.com>",
            "x|Session-Expires|add|1800",
            "y|Identity|add|abc.def.ghi",
        })
        void rfc3261_7_3_3_compactFormMapsToFullHeaderName(String compact, String full, String mode, String value) {
            HeaderName<?> known = HeaderName.of(full);
            assertTrue(known.isKnown());
            assertEquals(compact.charAt(0), known.compactForm());
            for (String spelled : List.of(compact, compact.toUpperCase())) {
                assertSame(known, HeaderName.of(spelled));
                String text = mode.equals("replace")
                        ? request("").replace("\r\n" + full + ": ", "\r\n" + spelled + ": ")
                        : request(spelled + ": " + value + "\r\n");
                SipMessage m = parse(text);
                Header h = m.headers().stream().filter(x -> x.spelledName().equals(spelled)).findFirst().orElseThrow();
                assertSame(known, h.name());
                assertEquals(full, h.name().name());
                assertEquals(value, h.value());
                assertEquals(value, m.header(full));
                assertEquals(value, m.header(spelled));
                assertNotNull(m.first(known), "typed value of " + full);
                assertEquals(1, h.values().size());
                // written back as received
                assertArrayEquals(utf8(text), m.encode());
            }
        }

        @Test
        void rfc3261_7_3_1_headerNamesAreCaseInsensitive() {
            String text = RL + VIA.replace("Via:", "VIA:") + FROM.replace("From:", "fROM:") + TO.replace("To:", "tO:")
                    + CALL_ID.replace("Call-ID:", "call-id:") + CSEQ.replace("CSeq:", "CSEQ:")
                    + MF.replace("Max-Forwards:", "max-FORWARDS:") + "\r\n";
            SipMessage m = parse(text);
            assertEquals("z9hG4bK776asdhds", m.topVia().branch());
            assertEquals("Alice", m.from().displayName());
            assertEquals("sip:bob@example.com", m.to().uri().toString());
            assertEquals("a84b4c76e66710", m.callId());
            assertEquals(new CSeq(314159, "OPTIONS"), m.cseq());
            assertEquals(70, m.maxForwards());
            assertSame(HeaderName.CALL_ID, m.headers().get(3).name());
            assertEquals("call-id", m.headers().get(3).spelledName());
            assertArrayEquals(utf8(text), m.encode());
        }

        @Test
        void rfc3261_7_3_1_commaSeparatedAndRepeatedViaLinesGiveTheSameValues() {
            String commas = request("Via: SIP/2.0/TCP b.example.com;branch=z9hG4bK2, SIP/2.0/UDP c.example.com:5070"
                    + ";branch=z9hG4bK3\r\n");
            String lines = request("Via: SIP/2.0/TCP b.example.com;branch=z9hG4bK2\r\n"
                    + "v: SIP/2.0/UDP c.example.com:5070;branch=z9hG4bK3\r\n");
            List<Via> a = parse(commas).values(HeaderName.VIA);
            List<Via> b = parse(lines).values(HeaderName.VIA);
            assertEquals(3, a.size());
            assertEquals(a, b);
            assertEquals(List.of("z9hG4bK776asdhds", "z9hG4bK2", "z9hG4bK3"),
                    a.stream().map(Via::branch).toList());
            assertEquals(5070, a.get(2).port());
            assertEquals(a, parse(commas).via());
        }

        @Test
        void rfc3261_7_3_1_unknownHeadersKeptVerbatimAndInOrder() {
            String text = request("X-Odd: ;;,,;;,;\r\nNewfangledHeader:   newfangled value\r\n"
                    + "X-Odd: second, value\r\nP-Weird: \"unbalanced <, quote\r\nx-empty:\r\n");
            SipMessage m = parse(text);
            List<Header> h = m.headers();
            assertEquals(11, h.size());
            assertEquals("X-Odd: ;;,,;;,;", h.get(6).toString());
            assertEquals("NewfangledHeader", h.get(7).spelledName());
            assertEquals("newfangled value", h.get(7).value());
            assertEquals(List.of(";;,,;;,;", "second, value"), m.headerValues("x-odd"));
            assertEquals(List.of(";;,,;;,;"), h.get(6).values());
            assertEquals("\"unbalanced <, quote", m.header("P-Weird"));
            assertEquals("", m.header("X-Empty"));
            assertFalse(h.get(6).name().isKnown());
            assertEquals(HeaderName.Kind.REPEATED, h.get(6).name().kind());
            // LWS after ':' is not part of the value; everything else is written back as received
            String expected = text.replace("NewfangledHeader:   newfangled", "NewfangledHeader: newfangled")
                    .replace("x-empty:", "x-empty: ");
            assertArrayEquals(utf8(expected), m.encode());
        }

        @Test
        void rfc3261_7_3_1_foldedHeaderValueIsUnfolded() {
            String text = request("Subject: I know you're there,\r\n   pick up the phone\r\n\tand talk to me!\r\n"
                    + "Via: SIP/2.0/UDP b.example.com;branch=z9hG4bK2,\r\n SIP/2.0/TCP c.example.com;branch=z9hG4bK3\r\n");
            SipMessage m = parse(text);
            // Each CRLF before white space goes; the white space itself stays (equivalent to one SP).
            assertEquals("I know you're there,   pick up the phone\tand talk to me!", m.header("Subject"));
            assertEquals(3, m.via().size());
            assertEquals("c.example.com", m.via().get(2).host());
            assertEquals("z9hG4bK3", m.via().get(2).branch());
        }

        @Test
        void rfc3261_7_3_1_foldAfterColonAndInsideTypedValue() {
            SipMessage m = parse(RL + VIA + FROM + TO + CALL_ID + "CSeq:\r\n 314159\r\n\tOPTIONS\r\n" + MF + "\r\n");
            assertEquals(new CSeq(314159, "OPTIONS"), m.cseq());
        }

        @Test
        void rfc3261_7_3_1_foldRightAfterColonStillGivesTypedValue() {
            SipMessage m = parse(request("").replace("To: <sip:bob@example.com>", "To:\r\n   <sip:bob@example.com>;tag=9"));
            assertEquals("9", m.to().tag());
            assertEquals("sip:bob@example.com", m.to().uri().toString());
            assertEquals("<sip:bob@example.com>;tag=9", m.header("To"), "LWS with a fold after ':' is not part of the value");
        }

        @Test
        void rfc3261_7_3_1_continuationLineWithoutHeaderRejected() {
            String text = RL + " Via: SIP/2.0/UDP x\r\n" + HEADERS + "\r\n";
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "continuation line without a header before it", 400, RL.length(), 2, null);
        }

        @Test
        void rfc3261_7_3_headerLineWithoutColonRejectedWithPartialMessage() {
            String text = request("NoColonHere\r\n");
            SipParseException e = rejects(text);
            int at = text.indexOf("NoColon") + "NoColonHere".length();
            assertErrorAt(e, text, "missing ':' after header name", 400, at, 8, null);
            assertPartialHasDialogHeaders(e);
        }

        @Test
        void rfc3261_25_1_lwsAroundColonAndSeparatorsIsAllowed() {
            SipMessage m = parse(RL + "Via  :  SIP / 2.0 / UDP   pc33.example.com ; branch = z9hG4bK776asdhds ;rport\r\n"
                    + FROM + TO + CALL_ID + CSEQ + MF
                    + "Contact\t:   <sip:c@192.0.2.4> ; q = 0.7 ; expires = 10 ,  \"C2\"<sip:c2@x.example.com>\r\n\r\n");
            Via v = m.topVia();
            assertEquals("SIP", v.protocolName());
            assertEquals("2.0", v.protocolVersion());
            assertEquals("UDP", v.transport());
            assertEquals("pc33.example.com", v.host());
            assertEquals("z9hG4bK776asdhds", v.branch());
            assertTrue(v.hasRport());
            List<NameAddr> c = m.contacts();
            assertEquals(2, c.size());
            assertEquals(0.7, c.get(0).q());
            assertEquals(10, c.get(0).expires());
            assertEquals("C2", c.get(1).displayName());
            assertEquals("sip:c2@x.example.com", c.get(1).uri().toString());
        }

        @Test
        void rfc3261_25_1_leadingZerosInNumbersAreAccepted() {
            SipMessage m = parse(request("").replace("Max-Forwards: 70", "Max-Forwards: 0068")
                    .replace("CSeq: 314159", "CSeq: 009"));
            assertEquals(68, m.maxForwards());
            assertEquals(new CSeq(9, "OPTIONS"), m.cseq());
            assertEquals("0068", m.header("Max-Forwards"));
            assertEquals("009 OPTIONS", m.header("CSeq"));
        }

        @Test
        void rfc3261_7_3_1_controlCharacterInHeaderValueRejected() {
            String text = request("Subject: a\u0001b\r\n");
            SipParseException e = rejects(text);
            int at = text.indexOf('\u0001');
            assertErrorAt(e, text, "control character 0x01 in header value", 400, at, 8, "Subject");
            assertPartialHasDialogHeaders(e);
        }

        @Test
        void rfc3261_25_1_delCharacterInHeaderValueRejected() {
            String text = request("X-Thing: a\u007fb\r\n");
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "control character 0x7f in header value", 400, text.indexOf('\u007f'), 8, "X-Thing");
        }

        @Test
        void rfc4475_intmeth_quotedPairEscapedControlsInQuotedDisplayNameAccepted() {
            SipMessage m = parse(request("").replace("From: \"Alice\"", "From: \"A\\\u0007l\\\u0000i\\\u007fce\""));
            assertEquals("A\u0007l\u0000i\u007fce", m.from().displayName());
            assertEquals("1928301774", m.from().tag());
        }

        @Test
        void rfc3261_25_1_unescapedControlInQuotedDisplayNameRejected() {
            String text = request("").replace("From: \"Alice\"", "From: \"Al\u0007ice\"");
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "control character 0x07 in header value", 400, text.indexOf('\u0007'), 3, "From");
        }

        @Test
        void rfc3261_8_2_partialMessageCarriesViaFromToCallIdCSeqWhenLaterHeaderIsBad() {
            String text = request("Expires: soon\r\nSubject: still read\r\n");
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "expected delta-seconds but found 's'", 400, text.indexOf("soon"), 8, "Expires");
            assertPartialHasDialogHeaders(e);
            SipMessage partial = e.partialMessage().orElseThrow();
            assertEquals("still read", partial.header("Subject"));
            // the bad line is kept as text, without typed values
            assertEquals("soon", partial.header("Expires"));
            assertEquals(-1, partial.expires());
            assertEquals(70, partial.maxForwards());
        }

        @Test
        void rfc3261_8_2_firstErrorWinsWhenSeveralHeadersAreBad() {
            String text = request("Expires: soon\r\nMax-Forwards: 999\r\n");
            SipParseException e = rejects(text);
            assertEquals("Expires", e.header());
        }
    }

    // ---- numbers and ranges ----------------------------------------------------------------

    @Nested
    class Numbers {

        @Test
        void rfc4475_scalar02_maxForwardsAbove255Rejected() {
            String text = request("").replace("Max-Forwards: 70", "Max-Forwards: 256");
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "Max-Forwards 256 exceeds 255", 400, text.indexOf("256"), 7, "Max-Forwards");
            assertPartialHasDialogHeaders(e);
            assertEquals(255, parse(request("").replace("Max-Forwards: 70", "Max-Forwards: 255")).maxForwards());
        }

        @Test
        void rfc3261_8_1_1_5_cseqNumberMustBeBelow2pow31() {
            String text = request("").replace("CSeq: 314159", "CSeq: 2147483648");
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "CSeq number 2147483648 is not below 2^31", 400, text.indexOf("2147483648"), 6,
                    "CSeq");
            SipMessage max = parse(request("").replace("CSeq: 314159", "CSeq: 2147483647"));
            assertEquals(CSeq.MAX, max.cseq().number());
        }

        @Test
        void rfc4475_scalar02_expiresAbove2pow32Rejected() {
            String text = request("Expires: 4294967296\r\n");
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "delta-seconds 4294967296 exceeds 2^32-1", 400, text.indexOf("4294967296"), 8,
                    "Expires");
            assertEquals(4294967295L, parse(request("Expires: 4294967295\r\n")).expires());
        }

        @Test
        void rfc4475_scalarlg_hugeNumberRejected() {
            String text = request("Expires: 1" + "0".repeat(30) + "\r\n");
            SipParseException e = rejects(text);
            assertEquals(400, e.status());
            assertEquals("Expires", e.header());
        }

        @Test
        void rfc3261_20_16_cseqWithoutWhiteSpaceBeforeMethodRejected() {
            String text = request("").replace("CSeq: 314159 OPTIONS", "CSeq: 314159OPTIONS");
            SipParseException e = rejects(text);
            assertEquals(400, e.status());
            assertEquals("CSeq", e.header());
            assertEquals(6, e.line());
        }
    }

    // ---- Content-Length and body -------------------------------------------------------------

    @Nested
    class Body {

        @Test
        void rfc3261_18_3_datagramOctetsBeyondContentLengthAreIgnored() {
            SipMessage m = parse(request("Content-Length: 5\r\n") + "hello, and more");
            assertArrayEquals(utf8("hello"), m.body());
            assertEquals(5, m.bodyLength());
        }

        @Test
        void rfc4475_clerr_datagramBodyShorterThanContentLengthIs400() {
            String text = request("Content-Length: 50\r\n") + "short";
            SipParseException e = rejects(text);
            int bodyStart = text.indexOf("short");
            assertErrorAt(e, text, "Content-Length 50 exceeds the 5 body bytes received (RFC 4475 clerr)", 400,
                    bodyStart, 10, null);
            assertPartialHasDialogHeaders(e);
        }

        @Test
        void rfc3261_18_3_datagramWithoutContentLengthHasBodyToTheEnd() {
            SipMessage m = parse(request("Content-Type: text/plain\r\n") + "all\r\nof it\r\n");
            assertEquals("all\r\nof it\r\n", m.bodyText());
            assertFalse(m.has(HeaderName.CONTENT_LENGTH));
        }

        @Test
        void rfc3261_20_14_negativeContentLengthRejected() {
            String text = request("Content-Length: -5\r\n") + "hello";
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "negative Content-Length", 400, text.indexOf("-5"), 8, "Content-Length");
        }

        @Test
        void rfc3261_20_14_compactContentLengthFramesTheBody() {
            SipMessage m = parse(request("l: 3\r\n") + "abcdef");
            assertEquals("abc", m.bodyText());
        }

        @Test
        void rfc3261_7_4_bodyBytesAreKeptExactly() {
            byte[] head = utf8(request("Content-Type: application/octet-stream\r\nContent-Length: 4\r\n"));
            byte[] msg = new byte[head.length + 4];
            System.arraycopy(head, 0, msg, 0, head.length);
            msg[head.length] = 0;
            msg[head.length + 1] = (byte) 0xff;
            msg[head.length + 2] = '\r';
            msg[head.length + 3] = '\n';
            SipMessage m = new SipParser().parseDatagram(msg);
            assertArrayEquals(new byte[] {0, (byte) 0xff, '\r', '\n'}, m.body());
        }

        @Test
        void rfc3261_21_4_14_bodyOverMaxBodyBytesIs413() {
            String text = request("Content-Length: 11\r\n") + "0123456789A";
            SipParseException e = rejects(limited(SipLimits.builder().maxBodyBytes(10)), text);
            assertErrorAt(e, text, "body of 11 bytes exceeds the limit of 10", 413, text.indexOf("0123"), 10, null);
            assertNotNull(limited(SipLimits.builder().maxBodyBytes(11)).parseDatagram(utf8(text)));
        }

        @Test
        void rfc3261_21_4_14_bodyOverMaxBodyBytesWithoutContentLengthIs413() {
            String text = request("") + "0123456789A";
            SipParseException e = rejects(limited(SipLimits.builder().maxBodyBytes(10)), text);
            assertEquals(413, e.status());
        }

        @Test
        void rfc3261_20_14_contentLengthAboveIntRangeIs413() {
            String text = request("Content-Length: 4294967296\r\n");
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "Content-Length 4294967296 is too large", 413, text.indexOf("4294967296"), 8,
                    "Content-Length");
        }
    }

    // ---- limits ---------------------------------------------------------------------------------

    @Nested
    class Limits {

        @Test
        void sipLimits_messageOverMaxMessageBytesIs513() {
            String text = request("");
            SipParseException e = rejects(limited(SipLimits.builder().maxMessageBytes(text.length() - 1)), text);
            assertError(e, "message of " + text.length() + " bytes exceeds the limit of " + (text.length() - 1), 513,
                    0, 0, 0, null);
            assertNotNull(limited(SipLimits.builder().maxMessageBytes(text.length())).parseDatagram(utf8(text)));
        }

        @Test
        void sipLimits_headerSectionOverMaxHeaderSectionBytesIs513() {
            String text = request("");
            SipParseException e = rejects(limited(SipLimits.builder().maxHeaderSectionBytes(100)), text);
            assertError(e, "header section exceeds 100 bytes", 513, 0, 1, 1, null);
        }

        @Test
        void sipLimits_moreHeaderLinesThanMaxHeadersIs400() {
            String text = request("");
            SipParseException e = rejects(limited(SipLimits.builder().maxHeaders(3)), text);
            assertErrorAt(e, text, "more than 3 header lines", 400, text.indexOf("Call-ID"), 5, null);
            assertNotNull(limited(SipLimits.builder().maxHeaders(6)).parseDatagram(utf8(text)));
        }

        @Test
        void sipLimits_headerLineOverMaxHeaderLineBytesIs400() {
            String text = request("Subject: " + "a".repeat(70) + "\r\n"); // 9 + 70 + CRLF = 81 bytes
            SipParseException e = rejects(limited(SipLimits.builder().maxHeaderLineBytes(80)), text);
            assertErrorAt(e, text, "header line longer than 80 bytes", 400, text.indexOf("Subject"), 8, null);
            assertNotNull(limited(SipLimits.builder().maxHeaderLineBytes(81)).parseDatagram(utf8(text)));
        }

        @Test
        void sipLimits_foldedHeaderLineCountsAllItsContinuations() {
            // 9 + 40 + CRLF + SP + 40 + CRLF = 94 bytes, each physical line under 80
            String text = request("Subject: " + "a".repeat(40) + "\r\n " + "b".repeat(40) + "\r\n");
            SipParseException e = rejects(limited(SipLimits.builder().maxHeaderLineBytes(80)), text);
            assertEquals("header line longer than 80 bytes", e.reason());
            assertEquals(8, e.line());
        }

        @Test
        void sipLimits_requestUriOverMaxUriLengthIs414() {
            String uri = "sip:bob@a-rather-long-host-name.example.com"; // 43 characters
            String text = request("").replace("OPTIONS sip:bob@example.com", "OPTIONS " + uri);
            SipParseException e = rejects(limited(SipLimits.builder().maxUriLength(42)), text);
            assertErrorAt(e, text, "Request-URI longer than 42 characters", 414, 8, 1, null);
            assertTrue(e.partialMessage().isEmpty());
            assertNotNull(limited(SipLimits.builder().maxUriLength(43)).parseDatagram(utf8(text)));
        }

        // A URI in a header over the limit is a bad request (400); 414 is the Request-URI's own status.
        @Test
        void sipLimits_headerUriOverMaxUriLengthIsRejected() {
            String text = request("Contact: <sip:" + "c".repeat(30) + "@example.com>\r\n");
            SipParseException e = rejects(limited(SipLimits.builder().maxUriLength(40)), text);
            assertEquals("URI longer than 40 characters", e.reason());
            assertEquals("Contact", e.header());
            assertEquals(text.indexOf("sip:ccc"), e.offset());
            assertPartialHasDialogHeaders(e);
        }

        @Test
        void sipLimits_moreParametersThanMaxParametersPerHeaderIs400() {
            String text = request("Contact: <sip:c@192.0.2.4>;a;b;c;d\r\n");
            SipParseException e = rejects(limited(SipLimits.builder().maxParametersPerHeader(3)), text);
            assertErrorAt(e, text, "more than 3 parameters", 400, text.indexOf(";d") + 1, 8, "Contact");
            assertNotNull(limited(SipLimits.builder().maxParametersPerHeader(4)).parseDatagram(utf8(text)));
        }

        @Test
        void sipLimits_moreParametersInViaThanMaxParametersPerHeaderIs400() {
            String text = request("").replace("branch=z9hG4bK776asdhds", "branch=z9hG4bK776asdhds;rport;x;y");
            SipParseException e = rejects(limited(SipLimits.builder().maxParametersPerHeader(3)), text);
            assertEquals("more than 3 parameters", e.reason());
            assertEquals("Via", e.header());
        }

        @Test
        void sipLimits_moreViasThanMaxViasIs400() {
            String text = request("Via: SIP/2.0/UDP a.example.com, SIP/2.0/UDP b.example.com\r\n");
            SipParseException e = rejects(limited(SipLimits.builder().maxVias(2)), text);
            assertErrorAt(e, text, "more than 2 Via values", 400, text.indexOf("Via: SIP/2.0/UDP a."), 8, null);
            assertNotNull(limited(SipLimits.builder().maxVias(3)).parseDatagram(utf8(text)));
        }
    }

    // ---- validation (RFC 3261 §8.2) -----------------------------------------------------------

    @Nested
    class Validation {

        @ParameterizedTest
        @ValueSource(strings = {"Via", "From", "To", "Call-ID", "CSeq"})
        void rfc3261_8_1_1_missingMandatoryHeaderIs400NamingIt(String name) {
            String line = switch (name) {
                case "Via" -> VIA;
                case "From" -> FROM;
                case "To" -> TO;
                case "Call-ID" -> CALL_ID;
                default -> CSEQ;
            };
            String text = request("").replace(line, "");
            SipParseException e = rejects(text);
            // no line to point at: the position is the end of the header section
            int endOfHeaders = text.length();
            assertErrorAt(e, text, "missing mandatory header " + name + " (RFC 3261 §8.1.1)", 400, endOfHeaders, 8,
                    name);
            assertTrue(e.partialMessage().isPresent());
        }

        @Test
        void rfc3261_8_1_1_responsesNeedTheMandatoryHeadersToo() {
            String text = response("SIP/2.0 200 OK", "").replace(CALL_ID, "");
            SipParseException e = rejects(text);
            assertEquals("missing mandatory header Call-ID (RFC 3261 §8.1.1)", e.reason());
            assertEquals("Call-ID", e.header());
        }

        @ParameterizedTest
        @ValueSource(strings = {"To: <sip:carol@example.com>", "Call-ID: other", "CSeq: 1 OPTIONS",
"From: <sip:x@example.com>", "Max-Forwards: 1"})
        void rfc4475_multi01_singleValuedHeaderTwiceIs400(String second) {
            String text = request(second + "\r\n");
            String name = second.substring(0, second.indexOf(':'));
            SipParseException e = rejects(text);
            assertErrorAt(e, text, name + " appears more than once but allows one value", 400,
                    text.lastIndexOf(second), 8, name);
            assertTrue(e.partialMessage().isPresent());
        }

        @Test
        void rfc4475_mcl01_contentLengthTwiceIs400() {
            String text = request("Content-Length: 0\r\nl: 0\r\n");
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "Content-Length appears more than once but allows one value", 400,
                    text.indexOf("l: 0"), 9, "Content-Length");
        }

        @Test
        void rfc4475_mismatch01_cseqMethodDifferentFromRequestMethodIs400() {
            String text = request("").replace("CSeq: 314159 OPTIONS", "CSeq: 314159 INVITE");
            SipParseException e = rejects(text);
            assertErrorAt(e, text,
                    "CSeq method INVITE does not match request method OPTIONS (RFC 3261 §8.1.1.5)", 400,
                    text.indexOf("CSeq"), 6, "CSeq");
            assertEquals("INVITE", e.partialMessage().orElseThrow().cseq().method());
        }

        @Test
        void rfc4475_escruri_requestUriWithHeadersIs400() {
            String text = request("").replace("OPTIONS sip:bob@example.com", "OPTIONS sip:bob@example.com?Route=%3Csip:x%3E");
            SipParseException e = rejects(text);
            assertEquals("Request-URI carries URI headers, which §19.1.1 forbids there", e.reason());
            assertEquals(400, e.status());
            assertNull(e.header());
            assertTrue(e.partialMessage().isPresent());
            assertEquals(1, e.line());
            assertEquals("OPTIONS ".length() + 1, e.column());
        }

        @Test
        void rfc3261_8_1_1_validMessagePassesTheValidator() {
            SipMessage m = parse(request(""));
            MessageValidator.validate(m);
        }
    }

    // ---- typed values -----------------------------------------------------------------------

    @Nested
    class TypedValues {

        @Test
        void rfc3261_20_42_viaGivesProtocolTransportSentByAndParameters() {
            SipMessage m = parse(request("").replace(VIA, "Via: SIP/2.0/TLS pc33.example.com:5061;branch=z9hG4bKnashds8"
                    + ";received=192.0.2.101;rport=1234;maddr=224.2.0.1;ttl=16;x-extra=\"q\"\r\n"));
            Via v = m.topVia();
            assertEquals("SIP", v.protocolName());
            assertEquals("2.0", v.protocolVersion());
            assertEquals("TLS", v.transport());
            assertEquals("pc33.example.com", v.host());
            assertEquals(5061, v.port());
            assertEquals("pc33.example.com:5061", v.sentBy());
            assertEquals("z9hG4bKnashds8", v.branch());
            assertTrue(v.hasRfc3261Branch());
            assertEquals("192.0.2.101", v.received());
            assertTrue(v.hasRport());
            assertEquals(1234, v.rport());
            assertEquals("224.2.0.1", v.maddr());
            assertEquals(16, v.ttl());
            assertEquals("q", v.parameters().get("x-extra"));
            assertEquals("\"q\"", v.parameters().getRaw("x-extra"));
        }

        @Test
        void rfc3581_rportFlagWithoutValue() {
            Via v = parse(request("").replace(";branch=z9hG4bK776asdhds", ";rport;branch=z9hG4bK776asdhds")).topVia();
            assertTrue(v.hasRport());
            assertEquals(-1, v.rport());
            assertEquals(-1, v.port());
            assertEquals(-1, v.ttl());
            assertNull(v.received());
            assertNull(v.maddr());
        }

        @Test
        void rfc5118_viaWithIpv6SentByAndReceived() {
            Via v = parse(request("").replace("pc33.example.com;", "[2001:db8::9:1]:5070;received=[2001:db8::9:255];"))
                    .topVia();
            assertEquals("[2001:db8::9:1]", v.host());
            assertEquals(5070, v.port());
            assertEquals("[2001:db8::9:255]", v.received());
        }

        @ParameterizedTest
        @ValueSource(strings = {";ttl=256", ";rport=65536", ";received=not.an.ip", ";branch", ";maddr"})
        void rfc3261_20_42_malformedViaParameterRejected(String param) {
            String text = request("").replace(";branch=z9hG4bK776asdhds", ";branch=z9hG4bK776asdhds" + param);
            SipParseException e = rejects(text);
            assertEquals(400, e.status());
            assertEquals("Via", e.header());
            assertEquals(2, e.line());
        }

        @Test
        void rfc3261_20_10_quotedDisplayNameWithEscapes() {
            SipMessage m = parse(request("").replace("From: \"Alice\"", "From: \"J Rosenberg \\\\\\\"\"  "));
            assertEquals("J Rosenberg \\\"", m.from().displayName());
            assertEquals("sip:alice@example.com", m.from().uri().toString());
            assertEquals("1928301774", m.from().tag());
        }

        @Test
        void rfc3261_20_10_utf8QuotedDisplayName() {
            SipMessage m = parse(request("").replace("From: \"Alice\"", "From: \"Алиса ☎\""));
            assertEquals("Алиса ☎", m.from().displayName());
        }

        @Test
        void rfc4475_lwsdisp_unquotedTokenDisplayName() {
            SipMessage m = parse(request("").replace("To: <sip:bob@example.com>", "To: Bob   The Builder<sip:bob@example.com>;tag=8"));
            assertEquals("Bob   The Builder", m.to().displayName());
            assertEquals("8", m.to().tag());
        }

        @Test
        void rfc3261_20_10_addrSpecFormSemicolonStartsHeaderParameters() {
            SipMessage m = parse(request("").replace("To: <sip:bob@example.com>", "To: sip:bob@example.com;tag=77;x=y")
                    .replace("Max-Forwards: 70", "Max-Forwards: 70\r\nContact: sip:c@192.0.2.4;expires=60;q=0.25"));
            NameAddr to = m.to();
            assertNull(to.displayName());
            assertEquals("sip:bob@example.com", to.uri().toString());
            assertTrue(((SipUri) to.uri()).parameters().isEmpty());
            assertEquals("77", to.tag());
            assertEquals("y", to.parameters().get("x"));
            NameAddr c = m.contacts().get(0);
            assertEquals("sip:c@192.0.2.4", c.uri().toString());
            assertEquals(60, c.expires());
            assertEquals(0.25, c.q());
        }

        @Test
        void rfc3261_20_10_nameAddrKeepsUriParametersApartFromHeaderParameters() {
            NameAddr c = parse(request("Contact: \"C\" <sip:c@192.0.2.4;transport=tcp;lr>;expires=3600;q=1.0;+sip.instance=\"<urn:x>\"\r\n"))
                    .contacts().get(0);
            SipUri u = (SipUri) c.uri();
            assertEquals("tcp", u.transport());
            assertTrue(u.lr());
            assertEquals(3600, c.expires());
            assertEquals(1.0, c.q());
            assertEquals("<urn:x>", c.parameters().get("+sip.instance"));
            assertEquals(Parameters.of("expires", "3600", "q", "1.0", "+sip.instance", "\"<urn:x>\""), c.parameters());
        }

        @Test
        void rfc3261_10_2_2_contactWildcard() {
            SipMessage m = parse(request("Contact: *\r\nExpires: 0\r\n").replace("OPTIONS", "REGISTER"));
            assertEquals(1, m.contacts().size());
            assertTrue(m.contacts().get(0).isWildcard());
            assertSame(NameAddr.WILDCARD, m.contacts().get(0));
            assertEquals(0, m.expires());
        }

        @Test
        void rfc3261_20_7_authorizationDigestParametersWithQuotedCommas() {
            SipMessage m = parse(request("Authorization: Digest username=\"bob, jr\", realm=\"biloxi, example.com\", "
                    + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"sip:bob@biloxi.com\", qop=auth, nc=0000000a, "
                    + "cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", algorithm=SHA-256\r\n"));
            Credentials c = m.first(HeaderName.AUTHORIZATION);
            assertEquals("Digest", c.scheme());
            assertTrue(c.isDigest());
            assertEquals("bob, jr", c.username());
            assertEquals("biloxi, example.com", c.realm());
            assertEquals("dcd98b7102dd2f0e8b11d0f600bfb0c093", c.nonce());
            assertEquals("sip:bob@biloxi.com", c.uri());
            assertEquals("auth", c.qop());
            assertEquals(10, c.nonceCount());
            assertEquals("0a4f113b", c.cnonce());
            assertEquals("6629fae49393a05397450978507c4ef1", c.response());
            assertEquals("5ccc069c403ebaf9f0171e9517f40e41", c.opaque());
            assertEquals("SHA-256", c.algorithm());
            assertEquals(10, c.parameters().size());
            assertEquals("\"bob, jr\"", c.parameters().getRaw("username"));
        }

        @Test
        void rfc3261_20_44_wwwAuthenticateChallengesOnSeparateLines() {
            SipMessage m = parse(response("SIP/2.0 401 Unauthorized",
                    "WWW-Authenticate: Digest realm=\"atlanta, example.com\", qop=\"auth,auth-int\", nonce=\"84a4cc6f\", "
                            + "opaque=\"\", stale=TRUE, domain=\"sip:a.example.com sip:b.example.com\"\r\n"
                            + "WWW-Authenticate: Digest realm=\"atlanta.example.com\", nonce=\"x\", algorithm=SHA-256\r\n"));
            List<Challenge> cs = m.values(HeaderName.WWW_AUTHENTICATE);
            assertEquals(2, cs.size());
            Challenge c = cs.get(0);
            assertEquals("atlanta, example.com", c.realm());
            assertEquals("auth,auth-int", c.qop());
            assertEquals("84a4cc6f", c.nonce());
            assertEquals("", c.opaque());
            assertTrue(c.stale());
            assertEquals("MD5", c.algorithm());
            assertEquals("sip:a.example.com sip:b.example.com", c.domain());
            assertEquals("SHA-256", cs.get(1).algorithm());
            assertFalse(cs.get(1).stale());
        }

        @Test
        void rfc4475_regaut01_otherAuthSchemeAccepted() {
            Credentials c = parse(request("Authorization: NoOneKnowsThisScheme opaque-data=here\r\n"))
                    .first(HeaderName.AUTHORIZATION);
            assertEquals("NoOneKnowsThisScheme", c.scheme());
            assertFalse(c.isDigest());
            assertEquals("here", c.parameters().get("opaque-data"));
        }

        @Test
        void rfc3261_20_6_authenticationInfo() {
            Parameters p = parse(response("SIP/2.0 200 OK",
                    "Authentication-Info: nextnonce=\"47364c23432d2e131a5fb210812c\", qop=auth, rspauth=\"a, b\", "
                            + "cnonce=\"0a4f113b\", nc=00000001\r\n")).first(HeaderName.AUTHENTICATION_INFO);
            assertEquals("47364c23432d2e131a5fb210812c", p.get("nextnonce"));
            assertEquals("auth", p.get("qop"));
            assertEquals("a, b", p.get("rspauth"));
            assertEquals("00000001", p.get("nc"));
            assertEquals(5, p.size());
        }

        @Test
        void rfc6665_8_2_1_eventWithId() {
            Event e = parse(request("Event: presence.winfo;id=abc;x\r\n")).first(HeaderName.EVENT);
            assertEquals("presence.winfo", e.type());
            assertEquals("presence", e.eventPackage());
            assertEquals("abc", e.id());
            assertTrue(e.parameters().has("x"));
            assertTrue(e.matches(Event.parse("PRESENCE.winfo;id=abc")));
        }

        @Test
        void rfc6665_8_2_3_subscriptionStateWithExpiresAndReason() {
            SubscriptionState a = parse(request("Subscription-State: active;expires=3600\r\n"))
                    .first(HeaderName.SUBSCRIPTION_STATE);
            assertEquals("active", a.state());
            assertEquals(3600, a.expires());
            assertNull(a.reason());
            assertFalse(a.isTerminated());
            SubscriptionState t = parse(request("Subscription-State: terminated;reason=timeout;retry-after=30\r\n"))
                    .first(HeaderName.SUBSCRIPTION_STATE);
            assertTrue(t.isTerminated());
            assertEquals("timeout", t.reason());
            assertEquals(30, t.retryAfter());
            assertEquals(-1, t.expires());
        }

        @Test
        void rfc6665_8_2_3_subscriptionStateExpiresMustBeDeltaSeconds() {
            String text = request("Subscription-State: active;expires=soon\r\n");
            SipParseException e = rejects(text);
            assertEquals(400, e.status());
            assertEquals("Subscription-State", e.header());
        }

        @Test
        void rfc3261_20_33_retryAfterWithCommentAndParameters() {
            RetryAfter r = parse(response("SIP/2.0 503 Service Unavailable",
                    "Retry-After: 18000 (in a (nested) meeting) ;duration=3600\r\n")).first(HeaderName.RETRY_AFTER);
            assertEquals(18000, r.seconds());
            assertEquals("in a (nested) meeting", r.comment());
            assertEquals("3600", r.parameters().get("duration"));
            RetryAfter plain = parse(response("SIP/2.0 503 Service Unavailable", "Retry-After: 120\r\n"))
                    .first(HeaderName.RETRY_AFTER);
            assertEquals(120, plain.seconds());
            assertNull(plain.comment());
            assertTrue(plain.parameters().isEmpty());
        }

        @Test
        void rfc3261_20_43_warningList() {
            List<Warning> w = parse(response("SIP/2.0 488 Not Acceptable Here",
                    "Warning: 307 isi.edu \"Session parameter 'foo' not understood\", 399 [2001:db8::1]:5060 \"a \\\"b\\\"\"\r\n"))
                    .values(HeaderName.WARNING);
            assertEquals(List.of(new Warning(307, "isi.edu", "Session parameter 'foo' not understood"),
                    new Warning(399, "[2001:db8::1]:5060", "a \"b\"")), w);
        }

        @Test
        void rfc3261_20_43_warnCodeMustBeThreeDigits() {
            SipParseException e = rejects(request("Warning: 3070 isi.edu \"x\"\r\n"));
            assertEquals("warn-code must be three digits", e.reason());
            assertEquals("Warning", e.header());
        }

        @Test
        void rfc3261_20_15_contentTypeWithParameters() {
            SipMessage m = parse(request("Content-Type: multipart/mixed ; boundary=\"simple; boundary\";charset=ISO-8859-1\r\n"));
            MediaType t = m.contentType();
            assertEquals("multipart", t.type());
            assertEquals("mixed", t.subtype());
            assertEquals("simple; boundary", t.parameters().get("boundary"));
            assertEquals(StandardCharsets.ISO_8859_1, t.charset());
            assertEquals("multipart/mixed", t.essence());
        }

        @Test
        void rfc3261_20_1_acceptList() {
            List<MediaType> a = parse(request("Accept: application/sdp;level=1, text/*;q=0.5,\r\n */*;q=0.1\r\n"))
                    .values(HeaderName.ACCEPT);
            assertEquals(3, a.size());
            assertEquals(MediaType.APPLICATION_SDP.withParameter("level", "1"), a.get(0));
            assertEquals("text", a.get(1).type());
            assertEquals("*", a.get(1).subtype());
            assertEquals("0.5", a.get(1).parameters().get("q"));
            assertTrue(a.get(2).matches(MediaType.TEXT_PLAIN));
        }

        @Test
        void rfc3261_20_1_emptyAcceptIsAnEmptyList() {
            SipMessage m = parse(request("Accept:\r\nAllow: \r\n"));
            assertTrue(m.has(HeaderName.ACCEPT));
            assertEquals(List.of(), m.values(HeaderName.ACCEPT));
            assertEquals("", m.header("Accept"));
            assertEquals(List.of(), m.values(HeaderName.ALLOW));
            assertNull(m.first(HeaderName.ACCEPT));
        }

        @Test
        void rfc3261_20_5_tokenListsForAllowSupportedRequire() {
            SipMessage m = parse(request("Allow: INVITE, ACK ,OPTIONS\r\nAllow: MESSAGE\r\nSupported: 100rel, path, gruu\r\n"
                    + "Require: timer\r\nk: outbound\r\n"));
            assertEquals(List.of("INVITE", "ACK", "OPTIONS", "MESSAGE"), m.values(HeaderName.ALLOW));
            assertEquals(List.of("100rel", "path", "gruu", "outbound"), m.values(HeaderName.SUPPORTED));
            assertEquals(List.of("timer"), m.values(HeaderName.REQUIRE));
        }

        @Test
        void rfc3261_20_5_nonTokenInTokenListRejected() {
            String text = request("Allow: INVITE, <ACK>\r\n");
            SipParseException e = rejects(text);
            assertErrorAt(e, text, "expected token but found '<'", 400, text.indexOf("<ACK"), 8, "Allow");
        }

        @Test
        void rfc3261_20_17_validDateHasDateTime() {
            SipDate d = parse(request("Date: Sat, 13 Nov 2010 23:29:00 GMT\r\n")).first(HeaderName.DATE);
            assertEquals("Sat, 13 Nov 2010 23:29:00 GMT", d.text());
            assertEquals(ZonedDateTime.of(2010, 11, 13, 23, 29, 0, 0, ZoneOffset.UTC).toInstant(),
                    d.dateTime().orElseThrow().toInstant());
        }

        @ParameterizedTest
        @ValueSource(strings = {"Fri, 01 Jan 2010 16:00:00 EST", "yesterday", "Sat, 32 Nov 2010 23:29:00 GMT"})
        void rfc4475_baddate_invalidDateKeepsMessageValidWithEmptyDateTime(String date) {
            SipMessage m = parse(request("Date: " + date + "\r\n"));
            SipDate d = m.first(HeaderName.DATE);
            assertEquals(date, d.text());
            assertTrue(d.dateTime().isEmpty());
        }

        @Test
        void rfc3261_20_8_callIdWithAtSign() {
            assertEquals("f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com",
                    parse(request("").replace("a84b4c76e66710", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com")).callId());
        }
    }

    // ---- RFC 4475 torture messages -------------------------------------------------------------

    record Torture(String file, boolean valid, Integer expectedStatus) {
        @Override
        public String toString() {
            return file;
        }
    }

    static List<Torture> tortureExpectations() {
        String json = new String(resource("expectations.json"), StandardCharsets.UTF_8);
        List<Torture> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"file\":\\s*\"(rfc4475/[^\"]+)\"[^{}]*?\"valid\":\\s*(true|false),\\s*"
                + "\"expectedStatus\":\\s*(null|\\d+)").matcher(json);
        while (m.find()) {
            out.add(new Torture(m.group(1), Boolean.parseBoolean(m.group(2)),
                    m.group(3).equals("null") ? null : Integer.valueOf(m.group(3))));
        }
        return out;
    }

    /** The names of the torture files in {@code dir} ({@code rfc4475} or {@code rfc5118}), from expectations.json. */
    static List<String> tortureFiles(String dir) {
        String json = new String(resource("expectations.json"), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"file\":\\s*\"" + dir + "/([^\"]+)\"").matcher(json);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static byte[] resource(String name) {
        try (InputStream in = SipParserTest.class.getResourceAsStream("/torture/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /torture/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> validTorture() {
        return tortureExpectations().stream().filter(Torture::valid).map(Arguments::of);
    }

    static Stream<Arguments> invalidTortureWithStatus() {
        return tortureExpectations().stream().filter(t -> !t.valid() && t.expectedStatus() != null)
                .filter(t -> !t.file().equals("rfc4475/baddate.dat")).map(Arguments::of);
    }

    @Test
    void rfc4475_expectationsListAllFortyNineMessages() {
        assertEquals(49, tortureExpectations().size());
    }

    /** Well-formed, but RFC 4475 says to answer them 400 (§3.3.1, §3.3.9, §3.3.10): this parser's validator does. */
    static final List<String> WELL_FORMED_BUT_400 = List.of("rfc4475/insuf.dat", "rfc4475/multi01.dat", "rfc4475/mcl01.dat");

    @ParameterizedTest(name = "{0}")
    @MethodSource("validTorture")
    void rfc4475_3_1_1_wellFormedTortureMessageParses(Torture t) {
        byte[] b = resource(t.file());
        SipParser parser = new SipParser();
        if (WELL_FORMED_BUT_400.contains(t.file())) {
            SipParseException e = assertThrows(SipParseException.class, () -> parser.parseDatagram(b));
            assertEquals(400, e.status());
            assertTrue(e.partialMessage().isPresent());
            return;
        }
        SipMessage m = parser.parseDatagram(b);
        assertNotNull(m.callId());
        SipMessage again = parser.parseDatagram(m.encode());
        assertEquals(m.via(), again.via());
        assertEquals(m.from(), again.from());
        assertEquals(m.to(), again.to());
        assertEquals(m.cseq(), again.cseq());
        assertArrayEquals(m.body(), again.body());
        assertEquals(m, again);
        assertArrayEquals(m.encode(), again.encode(), "re-encoding is stable");
    }

    @Test
    void rfc4475_baddate_isAcceptedWithAnEmptyDateTime() {
        // expectations.json lists baddate as 400; SIPIM follows RFC 4475 §3.1.2.12's advice to be liberal here
        // (SipDate: a malformed date does not make the message invalid).
        SipMessage m = new SipParser().parseDatagram(resource("rfc4475/baddate.dat"));
        SipDate d = m.first(HeaderName.DATE);
        assertEquals("Fri, 01 Jan 2010 16:00:00 EST", d.text());
        assertTrue(d.dateTime().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTortureWithStatus")
    void rfc4475_3_1_2_malformedTortureMessageRejectedWithItsStatus(Torture t) {
        byte[] b = resource(t.file());
        SipParseException e = assertThrows(SipParseException.class, () -> new SipParser().parseDatagram(b));
        // mismatch02: RFC 4475 §3.1.2.16 allows 400 instead of 501
        int expected = t.expectedStatus() == 501 ? 400 : t.expectedStatus();
        assertEquals(expected, e.status(), e.getMessage());
        assertTrue(e.offset() >= 0 && e.offset() <= b.length, "offset " + e.offset());
        assertTrue(e.line() >= 1, "line " + e.line());
    }
}
