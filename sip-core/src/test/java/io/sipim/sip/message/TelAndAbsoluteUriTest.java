package io.sipim.sip.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.parse.SipParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TelAndAbsoluteUriTest {

    private static TelUri tel(String text) {
        TelUri t = assertInstanceOf(TelUri.class, Uri.parse(text));
        assertEquals(text, t.toString());
        return t;
    }

    @Test
    void rfc3966_5_1_4_globalNumberWithVisualSeparators() {
        TelUri t = tel("tel:+1-201-555-0123");
        assertTrue(t.isGlobal());
        assertEquals("tel", t.scheme());
        assertEquals("+1-201-555-0123", t.number());
        assertTrue(t.parameters().isEmpty());
        assertNull(t.phoneContext());
    }

    @Test
    void rfc3966_5_1_5_localNumberWithPhoneContext() {
        TelUri t = tel("tel:7042;phone-context=example.com");
        assertFalse(t.isGlobal());
        assertEquals("7042", t.number());
        assertEquals("example.com", t.phoneContext());
        assertEquals("+1-914-555", tel("tel:863-1234;phone-context=+1-914-555").phoneContext());
        assertEquals("*#AB", tel("TEL:*#AB;phone-context=example.com").number());
    }

    @Test
    void rfc3966_5_2_5_3_extensionSubaddressAndOtherParameters() {
        TelUri t = tel("tel:+1-201-555-0123;isub=1411;ext=1234;foo=a%20b;flag");
        assertEquals("1234", t.extension());
        assertEquals("1411", t.isdnSubaddress());
        assertEquals("a b", t.parameter("foo"));
        assertTrue(t.parameters().has("flag"));
    }

    @ParameterizedTest(name = "{0} -> {2} at {1}")
    @CsvSource(delimiter = '|', value = {
        "tel:7042|4|local number without phone-context",
        "tel:+|4|telephone number without digits",
        "tel:|4|telephone number without digits",
        "tel:+1 201|6|space in telephone number",
        "tel:+1-201;ext=|15|empty value of tel URI parameter ext",
        "tel:+1-201;ext=12a|17|invalid character 'a' in tel URI extension",
        "tel:+1-201;ext|14|tel URI parameter ext without value",
        "tel:+1-201;|11|empty tel URI parameter name",
        "tel:+1-201;a_b=1|12|invalid character '_' in tel URI parameter name",
        "tel:7042;phone-context=-bad.example|23|host name label starts with '-'",
        "tel:7042;phone-context=+|23|phone-context without digits",
        "tel:+1-201;x=<|13|invalid character '<' in tel URI parameter",
    })
    void rfc3966_3_malformedTelUriIsRejected(String text, int offset, String reason) {
        SipParseException e = assertThrows(SipParseException.class, () -> Uri.parse(text));
        assertEquals(reason, e.reason());
        assertEquals(offset, e.offset());
        assertEquals(400, e.status());
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiter = '|', value = {
        "tel:+1-201-555-0123|tel:+1.201.555.0123",
        "tel:+1-201-555-0123|tel:+1(201)5550123",
        "tel:7042;phone-context=example.com|tel:7042;phone-context=EXAMPLE.com",
        "tel:7042;phone-context=+1-914|tel:70-42;phone-context=+1914",
        "tel:+1-201-555-0123;ext=12-34;foo=X|tel:+12015550123;FOO=x;ext=1234",
        "tel:ab12;phone-context=example.com|tel:AB12;phone-context=example.com",
    })
    void rfc3966_4_equalTelUris(String a, String b) {
        assertEquals(Uri.parse(a), Uri.parse(b));
        assertEquals(Uri.parse(a).hashCode(), Uri.parse(b).hashCode());
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', value = {
        "tel:+1-201-555-0123|tel:+1-201-555-0124",
        "tel:+1-201-555-0123|tel:+1-201-555-0123;ext=1",
        "tel:+1-201-555-0123;foo=1|tel:+1-201-555-0123;bar=1",
        "tel:7042;phone-context=example.com|tel:7042;phone-context=example.net",
        "tel:+7042|tel:7042;phone-context=example.com",
        "tel:+1-201-555-0123|sip:+1-201-555-0123@example.com;user=phone",
    })
    void rfc3966_4_differentTelUris(String a, String b) {
        assertNotEquals(Uri.parse(a), Uri.parse(b));
    }

    @Test
    void rfc3966_builderWritesAndChecks() {
        TelUri t = TelUri.builder().number("+1-201-555-0123").extension("1234").parameter("foo", "a b").build();
        assertEquals("tel:+1-201-555-0123;ext=1234;foo=a%20b", t.toString());
        assertEquals("a b", t.parameter("foo"));
        assertEquals(t, t.toBuilder().build());
        TelUri local = TelUri.builder().number("7042").phoneContext("example.com").build();
        assertEquals("tel:7042;phone-context=example.com", local.toString());
        assertThrows(IllegalArgumentException.class, () -> TelUri.builder().number("7042").build());
        assertThrows(IllegalArgumentException.class, () -> TelUri.builder().number("+1 201").build());
    }

    @Test
    void rfc4475_unkscm_unknownSchemeIsAnAbsoluteUri() {
        AbsoluteUri u = assertInstanceOf(AbsoluteUri.class, Uri.parse("nobarr.url.type:9;bar=1?x=y"));
        assertEquals("nobarr.url.type", u.scheme());
        assertEquals("9;bar=1?x=y", u.schemeSpecificPart());
        assertEquals("nobarr.url.type:9;bar=1?x=y", u.toString());
    }

    @Test
    void rfc4475_novelsc_novelSchemeIsAnAbsoluteUri() {
        AbsoluteUri u = assertInstanceOf(AbsoluteUri.class, Uri.parse("soap.beep://192.0.2.103:3002"));
        assertEquals("soap.beep", u.scheme());
        assertEquals("//192.0.2.103:3002", u.schemeSpecificPart());
    }

    @Test
    void rfc3986_3_1_absoluteUriSchemeComparesIgnoringCaseAndRestExactly() {
        assertEquals(Uri.parse("HTTP://www.example.com/a%20b"), Uri.parse("http://www.example.com/a%20b"));
        assertEquals("http", Uri.parse("HTTP://x").scheme());
        assertEquals("HTTP://x", Uri.parse("HTTP://x").toString());
        assertNotEquals(Uri.parse("http://www.example.com/A"), Uri.parse("http://www.example.com/a"));
        assertEquals(AbsoluteUri.parse("im:alice@example.com"), AbsoluteUri.of("IM", "alice@example.com"));
        assertEquals("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6#frag[1]",
                Uri.parse("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6#frag[1]").toString());
    }

    @ParameterizedTest(name = "{0} -> {2} at {1}")
    @CsvSource(delimiter = '|', value = {
        "http://exa mple.com|10|space in URI",
        "http://example.com/<|19|invalid character '<' in URI",
        "im:|3|empty URI after scheme",
        "im:a%2|4|invalid escape sequence in URI",
        "im:\"a\"|3|invalid character '\"' in URI",
    })
    void rfc3261_25_1_malformedAbsoluteUriIsRejected(String text, int offset, String reason) {
        SipParseException e = assertThrows(SipParseException.class, () -> Uri.parse(text));
        assertEquals(reason, e.reason());
        assertEquals(offset, e.offset());
    }

    @Test
    void absoluteUriRefusesSchemesWithTheirOwnType() {
        assertThrows(SipParseException.class, () -> AbsoluteUri.parse("sip:alice@example.com"));
        assertThrows(SipParseException.class, () -> AbsoluteUri.parse("TEL:+1"));
        assertThrows(IllegalArgumentException.class, () -> AbsoluteUri.of("sips", "x"));
    }
}
