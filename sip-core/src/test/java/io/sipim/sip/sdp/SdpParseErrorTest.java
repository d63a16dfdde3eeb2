package io.sipim.sip.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each bad description names the line, the line type and the reason. */
class SdpParseErrorTest {

    static final String HEAD = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n";

    static SdpParseException fail(String text) {
        return assertThrows(SdpParseException.class, () -> SessionDescription.parse(text));
    }

    @Test
    void badPortNamesTheLineAndTheField() {
        SdpParseException e = fail(HEAD + "m=audio x RTP/AVP 0\r\n");
        assertEquals("bad m= line at line 5: port 'x' is not a number", e.getMessage());
        assertEquals(5, e.line());
        assertEquals("m", e.type());
        assertEquals(HEAD.length() + "m=audio ".length(), e.offset());
        assertEquals("bad m= line at line 5: port 70000 is not in 0 to 65535",
                fail(HEAD + "m=audio 70000 RTP/AVP 0\r\n").getMessage());
    }

    @Test
    void mediaLineNeedsAFormat() {
        assertEquals("bad m= line at line 5: expected <media> <port> <proto> <fmt> ..., found 3 fields",
                fail(HEAD + "m=message 7394 TCP/MSRP\r\n").getMessage());
    }

    @Test
    void versionOriginAndNameMustComeFirst() {
        assertEquals("bad v= line at line 1: version '1' is not 0, the only version (RFC 8866 §5.1)",
                fail("v=1\r\n").getMessage());
        assertEquals("bad s= line at line 2: expected o= line, found s=",
                fail("v=0\r\ns=-\r\no=- 1 1 IN IP4 h\r\nt=0 0\r\n").getMessage());
        assertEquals("bad session description at line 3: missing s= line",
                fail("v=0\r\no=- 1 1 IN IP4 h\r\n").getMessage());
        assertEquals("bad session description at line 1: missing v= line", fail("").getMessage());
    }

    @Test
    void originFieldsAreChecked() {
        assertEquals("bad o= line at line 2: sess-version 'x1' is not a number",
                fail("v=0\r\no=- 1 x1 IN IP4 h\r\ns=-\r\nt=0 0\r\n").getMessage());
        assertEquals("bad o= line at line 2: expected 6 fields (username sess-id sess-version nettype addrtype "
                + "unicast-address) separated by single spaces, found 5",
                fail("v=0\r\no=- 1 1 IN IP4\r\ns=-\r\nt=0 0\r\n").getMessage());
    }

    @Test
    void timingIsMandatory() {
        assertEquals("bad session description at line 4: missing t= line before the first m= line (RFC 8866 §5.9)",
                fail("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nm=audio 1 RTP/AVP 0\r\n").getMessage());
        SdpParseException e = fail("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 h\r\n");
        assertEquals("bad session description at line 4: missing t= line (RFC 8866 §5.9: at least one is required)",
                e.getMessage());
        assertEquals("bad r= line at line 4: r= line before any t= line (RFC 8866 §5.10)",
                fail("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nr=1 2 3\r\nt=0 0\r\n").getMessage());
    }

    @Test
    void sectionRulesAreEnforced() {
        assertEquals("bad t= line at line 6: t= is a session-level line and cannot follow an m= line (RFC 8866 §5)",
                fail(HEAD + "m=audio 1 RTP/AVP 0\r\nt=0 0\r\n").getMessage());
        assertEquals("bad c= line at line 5: more than one c= line in this section (RFC 8866 §9)",
                fail(HEAD.replace("t=0 0\r\n", "c=IN IP4 h\r\nc=IN IP4 h\r\nt=0 0\r\n")).getMessage());
        assertEquals("bad i= line at line 7: more than one i= line in this section (RFC 8866 §9)",
                fail(HEAD + "m=audio 1 RTP/AVP 0\r\ni=a\r\ni=b\r\n").getMessage());
    }

    @Test
    void unknownAndMalformedLinesAreRejected() {
        assertEquals("bad x= line at line 5: unknown line type 'x'", fail(HEAD + "x=1\r\n").getMessage());
        assertEquals("bad session description at line 5: expected '<type>=' at the start of the line "
                + "(RFC 8866 §5: no spaces around '=')", fail(HEAD + "a =x\r\n").getMessage());
        assertEquals("bad session description at line 5: empty line", fail(HEAD + "\r\na=x\r\n").getMessage());
        assertEquals("bad a= line at line 5: attribute name 'bad name' is not a token",
                fail(HEAD + "a=bad name:1\r\n").getMessage());
        assertEquals("bad b= line at line 5: bandwidth 'fast' is not a number",
                fail(HEAD + "b=AS:fast\r\n").getMessage());
        assertEquals("bad c= line at line 5: TTL 300 is not in 0 to 255",
                fail(HEAD + "c=IN IP4 233.252.0.1/300\r\n").getMessage());
        assertEquals("bad a= line at line 5: CR inside a line", fail(HEAD + "a=x\ry\r\n").getMessage());
    }

    @Test
    void limitsAreEnforced() {
        SdpLimits tight = SdpLimits.builder().maxLines(4).maxLineLength(40).maxBytes(200).build();
        assertEquals("bad session description at line 5: more than 4 lines",
                assertThrows(SdpParseException.class, () -> SessionDescription.parse(HEAD + "a=x\r\n", tight))
                        .getMessage());
        assertEquals("bad session description at line 4: line longer than 40 characters",
                assertThrows(SdpParseException.class,
                        () -> SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\na=" + "x".repeat(60), tight))
                        .getMessage());
        assertEquals("bad session description: larger than 200 bytes",
                assertThrows(SdpParseException.class,
                        () -> SessionDescription.parse(HEAD + "a=" + "x".repeat(300), tight)).getMessage());
        SdpLimits oneMedia = SdpLimits.builder().maxMediaDescriptions(1).build();
        assertEquals("bad m= line at line 6: more than 1 media descriptions",
                assertThrows(SdpParseException.class, () -> SessionDescription.parse(
                        HEAD + "m=audio 1 RTP/AVP 0\r\nm=audio 2 RTP/AVP 0\r\n", oneMedia)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SdpLimits.builder().maxBytes(0).build());
    }

    @Test
    void byteInputReportsByteOffsetsAndBadUtf8() {
        byte[] bad = (HEAD + "i=caf\u00e9 x\r\nm=audio x RTP/AVP 0\r\n").getBytes(StandardCharsets.UTF_8);
        SdpParseException e = assertThrows(SdpParseException.class, () -> SessionDescription.parse(bad));
        assertEquals(6, e.line());
        // The é takes two bytes, so the byte offset is one more than the character offset.
        assertEquals(HEAD.length() + "i=café x\r\nm=audio ".length() + 1, e.offset());

        byte[] notUtf8 = (HEAD + "i=xx\r\n").getBytes(StandardCharsets.UTF_8);
        notUtf8[HEAD.length() + 2] = (byte) 0xC3;
        notUtf8[HEAD.length() + 3] = (byte) 0x28;
        SdpParseException u = assertThrows(SdpParseException.class, () -> SessionDescription.parse(notUtf8));
        assertEquals("bad session description at line 5: not valid UTF-8 at byte " + (HEAD.length() + 2), u.getMessage());
    }
}
