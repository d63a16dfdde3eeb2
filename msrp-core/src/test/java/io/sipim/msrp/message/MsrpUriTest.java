package io.sipim.msrp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MsrpUriTest {

    private static MsrpUri u(String s) {
        return MsrpUri.parse(s);
    }

    @Test
    void rfc4975_6_parts() {
        MsrpUri a = u("msrps://alice%20x:pw@atlanta.example.com:7654/jshA7weztas/2;tcp;foo=bar;flag");
        assertTrue(a.secure());
        assertEquals("msrps", a.scheme());
        assertEquals("alice%20x:pw", a.userinfo());
        assertEquals("atlanta.example.com", a.host());
        assertEquals(7654, a.port());
        assertEquals("jshA7weztas/2", a.sessionId());
        assertEquals("tcp", a.transport());
        assertEquals(List.of(new MsrpUri.Parameter("foo", "bar"), new MsrpUri.Parameter("flag", null)), a.parameters());
        assertEquals(Optional.of("bar"), a.parameter("FOO"));
        assertEquals(Optional.of(""), a.parameter("flag"));
        assertEquals(Optional.empty(), a.parameter("none"));
        assertEquals("msrps://alice%20x:pw@atlanta.example.com:7654/jshA7weztas/2;tcp;foo=bar;flag", a.toString());
    }

    @Test
    void relayUriWithoutSessionIdOrPort() {
        MsrpUri r = u("msrps://relay.example.net;tcp");
        assertNull(r.sessionId());
        assertEquals(-1, r.port());
        assertEquals(2855, r.portOrDefault());
        assertEquals("relay.example.net:2855", r.authority());
    }

    @Test
    void ipv6References() {
        MsrpUri a = u("msrp://[2001:db8::1]:2855/abc;tcp");
        assertEquals("2001:db8::1", a.host());
        assertEquals("[2001:db8::1]:2855", a.authority());
        assertEquals("::ffff:192.0.2.1", u("msrp://[::ffff:192.0.2.1]/s;tcp").host());
        for (String bad : List.of("msrp://[]/s;tcp", "msrp://[a:b:c/s;tcp", "msrp://[1.2.3.4]/s;tcp",
                "msrp://[1::2::3]/s;tcp", "msrp://[12345::1]/s;tcp", "msrp://[1:2:3:4:5:6:7:8:9]/s;tcp",
                "msrp://[::1]x/s;tcp", "msrp://[::ffff:300.0.0.1]/s;tcp", "msrp://[g::1]/s;tcp")) {
            assertThrows(MsrpParseException.class, () -> u(bad), bad);
        }
    }

    @Test
    void userinfoMayHoldSubDelims() {
        MsrpUri a = u("msrp://a;b/c@host/s;tcp".replace("/c", "c"));
        assertEquals("a;bc", a.userinfo());
        assertEquals("host", a.host());
        assertThrows(MsrpParseException.class, () -> u("msrp://a%zz@host/s;tcp"));
    }

    @Test
    void syntaxErrorsCarryTheirIndex() {
        assertEquals(0, assertThrows(MsrpParseException.class, () -> u("sip://a/b;tcp")).offset());
        assertEquals(7, assertThrows(MsrpParseException.class, () -> u("msrp://;tcp")).offset());
        assertEquals(12, assertThrows(MsrpParseException.class, () -> u("msrp://host:/s;tcp")).offset());
        assertEquals(16, assertThrows(MsrpParseException.class, () -> u("msrp://host:65536/s;tcp")).offset());
        assertEquals(13, assertThrows(MsrpParseException.class, () -> u("msrp://host/s?;tcp")).offset());
        assertEquals(13, assertThrows(MsrpParseException.class, () -> u("msrp://host/s")).offset());
        assertEquals(12, assertThrows(MsrpParseException.class, () -> u("msrp://host/;tcp")).offset());
        assertEquals(14, assertThrows(MsrpParseException.class, () -> u("msrp://host/s;")).offset());
        assertEquals(18, assertThrows(MsrpParseException.class, () -> u("msrp://host/s;tcp;")).offset());
        assertEquals(20, assertThrows(MsrpParseException.class, () -> u("msrp://host/s;tcp;a=")).offset());
    }

    @Test
    void rfc4975_6_1_comparison() {
        MsrpUri a = u("msrp://Alice@Host.Example.COM:2855/AbC;TCP;x=1");
        assertEquals(a, u("MSRP://bob@host.example.com:2855/AbC;tcp"));
        assertEquals(a.hashCode(), u("MSRP://bob@host.example.com:2855/AbC;tcp").hashCode());
        // session-id is case-sensitive
        assertNotEquals(a, u("msrp://host.example.com:2855/abc;tcp"));
        // an explicit port never equals an absent one, even the default
        assertNotEquals(a, u("msrp://host.example.com/AbC;tcp"));
        assertNotEquals(a, u("msrps://host.example.com:2855/AbC;tcp"));
        assertNotEquals(a, u("msrp://host.example.com:2855/AbC;sctp"));
        assertNotEquals(u("msrp://host/s;tcp"), u("msrp://host;tcp"));
        // percent-encoded unreserved characters in the authority are decoded before comparing
        assertEquals(u("msrp://%68ost/s;tcp"), u("msrp://HOST/s;tcp"));
        assertEquals(u("msrp://%68ost/s;tcp").hashCode(), u("msrp://HOST/s;tcp").hashCode());
        // IPv6 addresses compare as addresses
        assertEquals(u("msrp://[2001:DB8:0:0:0:0:0:1]:9/s;tcp"), u("msrp://[2001:db8::1]:9/s;tcp"));
        assertEquals(u("msrp://[2001:DB8:0:0:0:0:0:1]:9/s;tcp").hashCode(), u("msrp://[2001:db8::1]:9/s;tcp").hashCode());
        assertEquals(u("msrp://[::ffff:192.0.2.1]/s;tcp"), u("msrp://[::ffff:c000:201]/s;tcp"));
        assertFalse(a.equals("msrp://host.example.com:2855/AbC;tcp"));
    }

    @Test
    void builderFormatsAndValidates() {
        MsrpUri b = MsrpUri.builder().secure(true).host("::1").port(2855).sessionId("s1").parameter("p", "v").build();
        assertEquals("msrps://[::1]:2855/s1;tcp;p=v", b.toString());
        assertEquals(b, u(b.toString()));
        assertEquals(u("msrp://h:1/other;tcp"), u("msrp://h:1/s;tcp").withSessionId("other"));
        assertEquals("msrp://u@h:1/s;tcp;x", u("msrp://u@h:1/s;tcp;x").toBuilder().build().toString());
        assertThrows(NullPointerException.class, () -> MsrpUri.builder().build());
        assertThrows(NullPointerException.class, () -> MsrpUri.builder().host("h").transport(null).build());
        assertThrows(IllegalArgumentException.class, () -> MsrpUri.builder().host("h").port(70000).build());
        assertThrows(IllegalArgumentException.class, () -> MsrpUri.builder().host("a:b").build());
        assertThrows(IllegalArgumentException.class, () -> MsrpUri.builder().host("h").sessionId("").build());
        assertThrows(IllegalArgumentException.class, () -> MsrpUri.builder().host("h").sessionId("a b").build());
        assertThrows(IllegalArgumentException.class, () -> MsrpUri.builder().host("h").userinfo("a@b").build());
        assertThrows(IllegalArgumentException.class, () -> MsrpUri.builder().host("h").transport("t/x").build());
    }
}
