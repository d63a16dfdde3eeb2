package io.sipim.msrp.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuthParamsTest {

    @Test
    @DisplayName("RFC 4976 §5: a WWW-Authenticate value with quoted and token parameters")
    void parsesChallenge() {
        AuthParams p = AuthParams.parse("Digest realm=\"relay.example\", nonce=\"a\\\"b\",qop=\"auth\" , algorithm=SHA-256, stale=TRUE");
        assertEquals("Digest", p.scheme());
        assertEquals("relay.example", p.get("realm"));
        assertEquals("a\"b", p.get("nonce"));
        assertEquals("auth", p.get("qop"));
        assertEquals("SHA-256", p.get("algorithm"));
        assertEquals("TRUE", p.get("stale"));
    }

    @Test
    @DisplayName("Malformed values are refused with a reason")
    void refusesMalformed() {
        assertThrows(IllegalArgumentException.class, () -> AuthParams.parse(""));
        assertThrows(IllegalArgumentException.class, () -> AuthParams.parse("Digest realm"));
        assertThrows(IllegalArgumentException.class, () -> AuthParams.parse("Digest realm=\"x"));
        assertThrows(IllegalArgumentException.class, () -> AuthParams.parse("Digest realm=x realm=y"));
        assertThrows(IllegalArgumentException.class, () -> AuthParams.parse("Digest realm=x, realm=y"));
    }

    /** Quoted values with any printable characters survive format and parse. */
    @Property
    void roundTrip(@ForAll @StringLength(max = 40) @CharRange(from = ' ', to = '~') String realm,
                   @ForAll @StringLength(min = 1, max = 40) @CharRange(from = '!', to = '~') String nonce) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("realm", realm);
        m.put("nonce", nonce);
        m.put("algorithm", "MD5");
        AuthParams p = new AuthParams("Digest", m);
        assertEquals(p, AuthParams.parse(p.format()));
    }
}
