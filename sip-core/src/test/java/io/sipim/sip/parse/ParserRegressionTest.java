package io.sipim.sip.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipim.sip.message.SipMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Regression tests for defects found by the property and unit tests, each named after the rule it pins. */
class ParserRegressionTest {

    @Test
    void sipLimits_headerUriOverMaxUriLengthIs400_requestUriAlone414() {
        String text = SipParserTest.request("Contact: <sip:" + "c".repeat(30) + "@example.com>\r\n");
        SipParseException e = SipParserTest.rejects(new SipParser(SipLimits.builder().maxUriLength(40).build()), text);
        assertEquals(400, e.status());
        assertEquals("Contact", e.header());
        String longRuri = SipParserTest.request("").replace("OPTIONS sip:bob@example.com", "OPTIONS sip:" + "b".repeat(40) + "@example.com");
        assertEquals(414, SipParserTest.rejects(new SipParser(SipLimits.builder().maxUriLength(40).build()), longRuri).status());
    }

    @Test
    void rfc3261_19_1_1_requestUriWithHeadersErrorPointsAtTheRequestUri() {
        String text = SipParserTest.request("").replace("OPTIONS sip:bob@example.com", "OPTIONS sip:bob@example.com?Route=%3Csip:x%3E");
        SipParseException e = SipParserTest.rejects(text);
        assertEquals(8, e.offset());
        assertEquals(1, e.line());
        assertEquals(9, e.column());
    }

    @Test
    void rfc3261_7_3_1_foldRightAfterColonValueIsTrimmed() {
        String text = SipParserTest.request("Subject:\r\n  lunch?\r\n");
        SipMessage m = SipParserTest.parse(text);
        assertEquals("lunch?", m.header("Subject"));
    }

    @Test
    void rfc3261_7_3_1_foldRightAfterColonReencodeIsFixedPoint() {
        SipMessage m = SipParserTest.parse(SipParserTest.request("Subject:\r\n  lunch?\r\n"));
        SipMessage again = new SipParser().parseDatagram(m.encode());
        assertEquals(m, again);
    }

    @Test
    void sipLimits_headerSectionOverLimitInOneReadIsFatal() {
        SipLimits limits = SipLimits.builder().maxHeaderSectionBytes(100).build();
        String stream = SipStreamDecoderTest.message("m1", "a") + SipStreamDecoderTest.message("m2", "b");
        SipStreamDecoderTest.Recorder r = SipStreamDecoderTest.decode(limits, stream.getBytes(StandardCharsets.UTF_8), Integer.MAX_VALUE);
        assertEquals(List.of("fatal 513"), r.events);
    }

    @Test
    void rfc3261_25_1_contentLengthWithManyLeadingZerosOnAStream() {
        String m = SipStreamDecoderTest.message("m1", "abc").replace("Content-Length: 3", "Content-Length: 0000000000003");
        // the datagram parser accepts it
        assertEquals("abc", SipParserTest.parse(m).bodyText());
        SipStreamDecoderTest.Recorder r = SipStreamDecoderTest.decode(m);
        assertEquals(List.of("m1"), r.events);
    }
}
