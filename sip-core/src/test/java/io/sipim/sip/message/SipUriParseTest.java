package io.sipim.sip.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.internal.UriParser;
import io.sipim.sip.parse.SipParseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SipUriParseTest {

    private static SipUri sip(String text) {
        Uri u = Uri.parse(text);
        SipUri s = assertInstanceOf(SipUri.class, u);
        assertEquals(text, s.toString(), "a parsed URI writes back exactly as read");
        return s;
    }

    private static SipParseException rejected(String text) {
        SipParseException e = assertThrows(SipParseException.class, () -> Uri.parse(text));
        assertEquals(400, e.status());
        return e;
    }

    @Test
    void rfc3261_19_1_allComponents() {
        SipUri u = sip("sips:alice:secret@atlanta.com:5061;transport=tcp;user=phone;method=INVITE;maddr=239.255.255.1;ttl=15;lr;x=y?subject=project%20x&priority=urgent");
        assertTrue(u.isSecure());
        assertEquals("sips", u.scheme());
        assertEquals("alice", u.user());
        assertEquals("secret", u.password());
        assertEquals("atlanta.com", u.host());
        assertEquals(5061, u.port());
        assertEquals("tcp", u.transport());
        assertEquals("phone", u.userParam());
        assertEquals("INVITE", u.method());
        assertEquals("239.255.255.1", u.maddr());
        assertEquals("15", u.parameter("ttl"));
        assertTrue(u.lr());
        assertEquals("y", u.parameter("X"));
        assertEquals(7, u.parameters().size());
        assertEquals(List.of(Map.entry("subject", "project x"), Map.entry("priority", "urgent")), u.headers());
        assertEquals("project x", u.header("Subject"));
        assertTrue(u.hasHeaders());
    }

    @Test
    void rfc3261_19_1_hostOnly() {
        SipUri u = sip("sip:atlanta.com");
        assertFalse(u.isSecure());
        assertNull(u.user());
        assertNull(u.password());
        assertEquals("atlanta.com", u.host());
        assertEquals(-1, u.port());
        assertTrue(u.parameters().isEmpty());
        assertFalse(u.lr());
        assertFalse(u.hasHeaders());
    }

    @Test
    void rfc3261_19_1_schemeIsCaseInsensitive() {
        SipUri u = sip("SIP:ALICE@AtLanTa.CoM");
        assertEquals("sip", u.scheme());
        assertEquals("ALICE", u.user());
        assertEquals("AtLanTa.CoM", u.host());
        assertTrue(sip("SiPs:a@b.example").isSecure());
    }

    @Test
    void rfc3261_19_1_1_emptyPasswordIsAllowed() {
        SipUri u = sip("sip:alice:@atlanta.com");
        assertEquals("alice", u.user());
        assertEquals("", u.password());
    }

    @Test
    void rfc3261_19_1_telephoneSubscriberUser() {
        SipUri u = sip("sip:+1-212-555-1212:1234@gateway.com;user=phone");
        assertEquals("+1-212-555-1212", u.user());
        assertEquals("1234", u.password());
        assertEquals("phone", u.userParam());
        SipUri v = sip("sip:+358-555-1234567;postd=pp22@foo.com;user=phone");
        assertEquals("+358-555-1234567;postd=pp22", v.user());
        assertEquals("foo.com", v.host());
    }

    @Test
    void rfc4475_esc01_escapedReservedCharactersInUser() {
        SipUri u = sip("sip:sips%3Auser%40example.com@example.net");
        assertEquals("sips:user@example.com", u.user());
        assertEquals("example.net", u.host());
        assertFalse(u.isSecure());
    }

    @Test
    void rfc4475_escnull_escapedNulInUser() {
        SipUri u = sip("sip:null-%00-null@example.com");
        assertEquals("null-\u0000-null", u.user());
        SipUri v = sip("sip:null-%00-null@example.com;lr");
        assertTrue(v.lr());
    }

    @Test
    void rfc4475_esc02_escapedUnreservedCharactersInUser() {
        assertEquals("user", sip("sip:%75se%72@example.com").user());
    }

    @Test
    void rfc4475_semiuri_semicolonBeforeAtBelongsToUser() {
        SipUri u = sip("sip:user;par=u%40example.net@example.com");
        assertEquals("user;par=u@example.net", u.user());
        assertEquals("example.com", u.host());
        assertTrue(u.parameters().isEmpty());
    }

    @Test
    void rfc4475_intmeth_unusualButValidUserAndPassword() {
        SipUri u = sip("sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com");
        assertEquals("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", u.user());
        assertEquals("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", u.password());
        assertEquals("example.com", u.host());
    }

    @ParameterizedTest
    @CsvSource({"udp", "tcp", "tls", "sctp", "ws", "wss", "UDP", "unknown-transport"})
    void rfc4475_transports_transportParameter(String transport) {
        assertEquals(transport, sip("sip:user@example.com;transport=" + transport).transport());
    }

    @Test
    void rfc4475_wsinv_unknownParameterFlag() {
        SipUri u = sip("sip:vivekg@chair-dnrc.example.com;unknownparam");
        assertTrue(u.parameters().has("unknownparam"));
        assertNull(u.parameter("unknownparam"));
        assertEquals("chair-dnrc.example.com", u.host());
    }

    @Test
    void rfc4475_escruri_headersInUriAreSyntacticallyValid() {
        SipUri u = sip("sip:user@example.com?Route=%3Csip:example.com%3E");
        assertTrue(u.hasHeaders());
        assertEquals("<sip:example.com>", u.header("route"));
    }

    @Test
    void rfc3261_25_1_escapedParameterValuesAreUnescapedForAccess() {
        SipUri u = sip("sip:a@b.example;x%41=v%20w;maddr=%31.2.3.4");
        assertEquals("v w", u.parameter("xA"));
        assertEquals("1.2.3.4", u.maddr());
    }

    @Test
    void rfc3261_25_1_ipv4Host() {
        SipUri u = sip("sip:alice@192.0.2.4:5060");
        assertEquals("192.0.2.4", u.host());
        assertEquals(5060, u.port());
    }

    @Test
    void rfc3261_25_1_hostNameWithTrailingDotAndDigitsInLabels() {
        assertEquals("ex-1.example.com.", sip("sip:ex-1.example.com.").host());
        assertEquals("localhost", sip("sip:localhost").host());
        assertEquals("3com.example", sip("sip:3com.example").host());
    }

    @Test
    void rfc3261_25_1_portRange() {
        assertEquals(0, sip("sip:h.example:0").port());
        assertEquals(65535, sip("sip:h.example:65535").port());
        assertEquals(5060, sip("sip:h.example:0005060").port());
    }

    @Test
    void rfc5118_4_4_portOutsideBrackets() {
        SipUri u = sip("sip:[2001:db8::10]:5070");
        assertEquals("[2001:db8::10]", u.host());
        assertEquals(5070, u.port());
    }

    @Test
    void rfc5118_4_3_portInsideBracketsIsPartOfAddress() {
        SipUri u = sip("sip:[2001:db8::10:5070]");
        assertEquals("[2001:db8::10:5070]", u.host());
        assertEquals(-1, u.port());
    }

    @Test
    void rfc5118_ipv6Forms() {
        assertEquals("[2001:db8::9:1]", sip("sip:[2001:db8::9:1]").host());
        assertEquals("[::ffff:192.0.2.1]", sip("sip:user@[::ffff:192.0.2.1];transport=udp").host());
        assertEquals("[::1]", sip("sips:[::1]").host());
        assertEquals("[2001:DB8:0:0:8:800:200C:417A]", sip("sip:[2001:DB8:0:0:8:800:200C:417A]").host());
        assertEquals("[::]", sip("sip:[::]").host());
    }

    @Test
    void offsetsAreIndexesInTheWholeString() {
        String s = "To: <sip:al ice@atlanta.com>";
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        SipParseException e = assertThrows(SipParseException.class, () -> UriParser.parse(b, 5, b.length - 1));
        assertEquals(11, e.offset());
        assertEquals("space in SIP URI user part", e.reason());
        byte[] ok = s.replace("al ice", "alice").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Uri u = UriParser.parse(ok, 5, ok.length - 1);
        assertEquals("sip:alice@atlanta.com", u.toString());
    }

    @ParameterizedTest(name = "{0} -> {2} at {1}")
    @CsvSource(delimiter = '|', value = {
        "''|0|empty URI",
        "sip|3|missing ':' after URI scheme",
        "1sip:a@b|0|invalid character '1' in URI scheme",
        "s_p:a@b|1|invalid character '_' in URI scheme",
        "sip:|4|missing host",
        "sip:alice@|10|missing host",
        "sip:@example.com|4|empty user part",
        "sip::pw@example.com|4|empty user part",
        "sip:us er@example.com|6|space in SIP URI user part",
        "sip:us<er@example.com|6|invalid character '<' in SIP URI user part",
        "sip:%zzalice@example.com|4|invalid escape sequence in SIP URI user part",
        "sip:alice%4@example.com|9|invalid escape sequence in SIP URI user part",
        "sip:alice:p:w@example.com|11|invalid character ':' in SIP URI password",
        "sip:alice@exa>mple.com|13|invalid character '>' in host",
        "sip:alice@exam%70le.com|14|invalid character '%' in host",
        "sip:alice@example.com:99999|22|port 99999 out of range",
        "sip:alice@example.com:|22|missing port after ':'",
        "sip:alice@example.com:50a|24|invalid character 'a' in port",
        "sip:alice@256.0.0.1|10|IPv4 address octet 256 out of range",
        "sip:alice@1.2.3|10|IPv4 address with 3 octets instead of 4",
        "sip:alice@-example.com|10|host name label starts with '-'",
        "sip:alice@example-.com|17|host name label ends with '-'",
        "sip:alice@example..com|18|empty label in host name",
        "sip:alice@example.123|18|top label of host name does not start with a letter",
        "sip:2001:db8::10|4|IPv6 address not enclosed in brackets",
        "sip:[2001:db8::10|4|unterminated IPv6 reference",
        "sip:[2001:db8::10;transport=tcp|4|unterminated IPv6 reference",
        "sip:[2001:db8::g]|15|invalid character 'g' in IPv6 reference",
        "sip:[1:2:3:4:5:6:7:8:9]|21|too many groups in IPv6 address",
        "sip:[1:2:3:4:5:6:7]|5|IPv6 address with 7 groups instead of 8",
        "sip:[1::2::3]|9|more than one '::' in IPv6 address",
        "sip:[12345::1]|5|IPv6 address group longer than 4 hex digits",
        "sip:[::1]x|9|invalid character 'x' in SIP URI after IPv6 reference",
        "sip:[]|5|empty IPv6 reference",
        "sip:user@example.com; lr|21|space in URI parameter",
        "sip:alice@example.com;|22|empty URI parameter name",
        "sip:alice@example.com;=x|22|empty URI parameter name",
        "sip:alice@example.com;x=|24|empty value of URI parameter x",
        "sip:alice@example.com;x=<|24|invalid character '<' in URI parameter",
        "sip:alice@example.com;x=%4|24|invalid escape sequence in URI parameter",
        "sip:alice@example.com?Subject|29|missing '=' after URI header name",
        "sip:alice@example.com?=x|22|empty URI header name",
        "sip:alice@example.com?a=b&|26|empty URI header name",
        "sip:alice@example.com?a=b c|25|space in URI header",
        "sip:alice@example.com?a=b=c|25|invalid character '=' in URI header",
        "sip:alice@example.com>|21|invalid character '>' in host",
    })
    void rfc3261_25_1_malformedSipUriIsRejectedAtTheOffendingCharacter(String text, int offset, String reason) {
        SipParseException e = rejected(text);
        assertEquals(reason, e.reason());
        assertEquals(offset, e.offset());
    }

    @Test
    void rfc4475_lwsruri_whitespaceAnywhereIsRejected() {
        assertEquals("space in URI parameter", rejected("sip:user@example.com; lr").reason());
        assertEquals("tab in host", rejected("sip:user@exa\tmple.com").reason());
        assertEquals("space in host", rejected("sip:user@example.com ").reason());
        assertEquals("invalid character 0x00 in SIP URI user part", rejected("sip:us\u0000er@example.com").reason());
        assertEquals("line break in URI parameter", rejected("sip:user@example.com;a\r\n b").reason());
    }

    @Test
    void sipUriParseRejectsOtherSchemes() {
        assertEquals("not a sip or sips URI", assertThrows(SipParseException.class,
                () -> SipUri.parse("tel:+1-201-555-0123")).reason());
    }
}
