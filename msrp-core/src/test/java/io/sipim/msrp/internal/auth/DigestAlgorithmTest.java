package io.sipim.msrp.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DigestAlgorithmTest {

    @Test
    @DisplayName("RFC 2617 §3.5: the MD5 qop=auth example response")
    void rfc2617Example() {
        DigestAlgorithm md5 = DigestAlgorithm.MD5;
        String ha1 = md5.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");
        assertEquals("6629fae49393a05397450978507c4ef1", md5.response(ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                "00000001", "0a4f113b", "auth", "GET", "/dir/index.html"));
    }

    @Test
    @DisplayName("RFC 7616 §3.9.1: the SHA-256 and MD5 examples")
    void rfc7616Example() {
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        for (var c : new Object[][] {
            {DigestAlgorithm.SHA_256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"},
            {DigestAlgorithm.MD5, "8ca523f5e9506fed4657c9700eebdbec"}}) {
            DigestAlgorithm a = (DigestAlgorithm) c[0];
            String ha1 = a.ha1("Mufasa", "http-auth@example.org", "Circle of Life");
            assertEquals(c[1], a.response(ha1, nonce, "00000001", cnonce, "auth", "GET", "/dir/index.html"));
        }
    }

    @Test
    @DisplayName("Tokens: absent means MD5 (RFC 7616 §3.3), unknown ones are refused")
    void tokens() {
        assertEquals(DigestAlgorithm.MD5, DigestAlgorithm.of(null));
        assertEquals(DigestAlgorithm.SHA_256, DigestAlgorithm.of("sha-256"));
        assertNull(DigestAlgorithm.of("SHA-512-256-sess"));
    }
}
