package io.sipim.sip.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SipUriBuilderTest {

    @Test
    void rfc3261_25_1_builderEscapesEachComponentWithItsOwnCharacterSet() {
        SipUri u = SipUri.builder()
                .user("alice smith@home;x")
                .password("p:w%")
                .host("atlanta.com")
                .port(5060)
                .transport("tcp")
                .lr(true)
                .parameter("x y", "a;b=c")
                .header("Subject", "project x&y")
                .header("to", "<sip:bob@biloxi.com>")
                .build();
        assertEquals("sip:alice%20smith%40home;x:p%3Aw%25@atlanta.com:5060;transport=tcp;lr;x%20y=a%3Bb%3Dc"
                + "?Subject=project%20x%26y&to=%3Csip:bob%40biloxi.com%3E", u.toString());
        assertEquals("alice smith@home;x", u.user());
        assertEquals("p:w%", u.password());
        assertEquals("a;b=c", u.parameter("x y"));
        assertEquals(List.of(Map.entry("Subject", "project x&y"), Map.entry("to", "<sip:bob@biloxi.com>")), u.headers());
        assertEquals(u, SipUri.parse(u.toString()));
    }

    @Test
    void rfc5118_builderBracketsIpv6Hosts() {
        assertEquals("sips:[2001:db8::10]:5061", SipUri.builder().secure(true).host("2001:db8::10").port(5061).build().toString());
        assertEquals("sip:[::1]", SipUri.builder().host("[::1]").build().toString());
    }

    @Test
    void rfc3261_19_1_toBuilderCopiesAndChanges() {
        SipUri u = SipUri.parse("sip:alice@atlanta.com;transport=tcp;lr?subject=hi");
        SipUri v = u.toBuilder().transport(null).lr(false).clearHeaders().port(5070).build();
        assertEquals("sip:alice@atlanta.com:5070", v.toString());
        assertFalse(v.hasHeaders());
        SipUri w = u.toBuilder().build();
        assertEquals(u, w);
        assertEquals(u.toString(), w.toString());
        assertTrue(w.lr());
    }

    @Test
    void builderFailsFastWithExactMessages() {
        assertEquals("invalid host exa mple.com: space in host",
                assertThrows(IllegalArgumentException.class, () -> SipUri.builder().host("exa mple.com")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SipUri.builder().host("example.com:5060"));
        assertThrows(IllegalArgumentException.class, () -> SipUri.builder().host("a@b.example"));
        assertThrows(IllegalArgumentException.class, () -> SipUri.builder().host("[::1"));
        assertThrows(IllegalArgumentException.class, () -> SipUri.builder().port(65536));
        assertThrows(IllegalArgumentException.class, () -> SipUri.builder().user(""));
        assertThrows(IllegalArgumentException.class, () -> SipUri.builder().parameter("x", ""));
        assertThrows(IllegalStateException.class, () -> SipUri.builder().build());
        assertThrows(IllegalStateException.class, () -> SipUri.builder().host("h.example").password("x").build());
    }
}
