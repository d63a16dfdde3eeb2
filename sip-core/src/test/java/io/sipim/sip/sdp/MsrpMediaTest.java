package io.sipim.sip.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** MSRP media lines as RFC 4975 §8.1 and RFC 4572/8122 use them; only generic attribute access here. */
class MsrpMediaTest {

    /** An RFC 4975 §7.1-style offer from Alice. */
    static final String MSRP_OFFER = """
            v=0\r
            o=alice 2890844526 2890844527 IN IP4 atlanta.example.com\r
            s= \r
            c=IN IP4 atlanta.example.com\r
            t=0 0\r
            m=message 7394 TCP/MSRP *\r
            a=accept-types:text/plain\r
            a=path:msrp://atlanta.example.com:7654/jshA7weztas;tcp\r
            """;

    @Test
    void rfc4975OfferIsReadAndWrittenBack() {
        SessionDescription sdp = SessionDescription.parse(MSRP_OFFER);
        MediaDescription m = sdp.media().get(0);
        assertEquals("message", m.media());
        assertEquals(7394, m.port());
        assertEquals("TCP/MSRP", m.proto());
        assertEquals(List.of("*"), m.formats());
        assertEquals("text/plain", m.attribute("accept-types").value());
        // RFC 4975 §8.1: the value is everything after the first colon, colons in the URI included.
        assertEquals("msrp://atlanta.example.com:7654/jshA7weztas;tcp", m.attribute("path").value());
        assertEquals(MSRP_OFFER, sdp.toString());
    }

    @Test
    void msrpFactoryBuildsTheSameMediaLine() {
        MediaDescription built = MediaDescription.msrp(7394, false,
                "msrp://atlanta.example.com:7654/jshA7weztas;tcp", List.of("text/plain"));
        assertEquals(SessionDescription.parse(MSRP_OFFER).media().get(0), built);
        assertEquals("m=message 7394 TCP/MSRP *\r\na=accept-types:text/plain\r\n"
                + "a=path:msrp://atlanta.example.com:7654/jshA7weztas;tcp\r\n", built.toString());
    }

    @Test
    void msrpFactoryJoinsAcceptTypesWithSpaces() {
        MediaDescription built = MediaDescription.msrp(2855, false, "msrp://h.example.com:2855/s;tcp",
                List.of("message/cpim", "text/plain"));
        assertEquals("message/cpim text/plain", built.attribute("accept-types").value());
        assertThrows(IllegalArgumentException.class, () -> MediaDescription.msrp(1, false, "msrp://h/s;tcp", List.of()));
    }

    @Test
    void tlsMsrpWithFingerprintAndSetup() {
        // RFC 4975 §14.1 TLS transport; RFC 6135 a=setup; RFC 8122 a=fingerprint.
        String fingerprint = "SHA-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:3B:FA:A2:3D:94:D1:C2:5E:3C:0A:BC:DE";
        MediaDescription tls = MediaDescription.msrp(7394, true, "msrps://atlanta.example.com:7394/jshA7weztas;tcp",
                        List.of("message/cpim", "text/plain"))
                .toBuilder()
                .addAttribute("setup", "actpass")
                .addAttribute("fingerprint", fingerprint)
                .build();
        SessionDescription sdp = SessionDescription.builder()
                .origin(Origin.builder().username("alice").sessionId(2890844526L).sessionVersion(2890844527L)
                        .unicastAddress("atlanta.example.com").build())
                .sessionName(" ")
                .connection(Connection.of("IP4", "atlanta.example.com"))
                .addMedia(tls)
                .build();
        String expected = """
                v=0\r
                o=alice 2890844526 2890844527 IN IP4 atlanta.example.com\r
                s= \r
                c=IN IP4 atlanta.example.com\r
                t=0 0\r
                m=message 7394 TCP/TLS/MSRP *\r
                a=accept-types:message/cpim text/plain\r
                a=path:msrps://atlanta.example.com:7394/jshA7weztas;tcp\r
                a=setup:actpass\r
                a=fingerprint:%s\r
                """.formatted(fingerprint);
        assertEquals(expected, sdp.toString());
        SessionDescription parsed = SessionDescription.parse(expected);
        assertEquals(sdp, parsed);
        assertEquals("TCP/TLS/MSRP", parsed.media().get(0).proto());
        assertEquals("actpass", parsed.media().get(0).attribute("setup").value());
        assertEquals(fingerprint, parsed.media().get(0).attribute("fingerprint").value());
    }
}
