package io.sipim.sip.sdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SessionDescriptionTest {

    /** RFC 8866 §5: the example session description. */
    static final String RFC8866_EXAMPLE = """
            v=0\r
            o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1\r
            s=Call to John Smith\r
            i=SDP Offer #1\r
            u=http://www.jdoe.example.com/home.html\r
            e=Jane Doe <jane@jdoe.example.com>\r
            p=+1 617 555-6011\r
            c=IN IP4 198.51.100.1\r
            t=0 0\r
            m=audio 49170 RTP/AVP 0\r
            m=audio 49180 RTP/AVP 0\r
            m=video 51372 RTP/AVP 99\r
            c=IN IP6 2001:db8::2\r
            a=rtpmap:99 h263-1998/90000\r
            """;

    @Test
    void rfc8866Section5ExampleIsReadFieldByField() {
        SessionDescription sdp = SessionDescription.parse(RFC8866_EXAMPLE);

        assertEquals(0, sdp.version());
        Origin o = sdp.origin();
        assertEquals("jdoe", o.username());
        assertEquals("3724394400", o.sessionId());
        assertEquals("3724394405", o.sessionVersion());
        assertEquals("IN", o.netType());
        assertEquals("IP4", o.addrType());
        assertEquals("198.51.100.1", o.unicastAddress());
        assertEquals("Call to John Smith", sdp.sessionName());
        assertEquals("SDP Offer #1", sdp.information());
        assertEquals("http://www.jdoe.example.com/home.html", sdp.uri());
        assertEquals(List.of("Jane Doe <jane@jdoe.example.com>"), sdp.emails());
        assertEquals(List.of("+1 617 555-6011"), sdp.phones());
        assertEquals(Connection.of("IP4", "198.51.100.1"), sdp.connection());
        assertEquals(List.of(Timing.PERMANENT), sdp.timings());
        assertEquals(3, sdp.media().size());

        MediaDescription video = sdp.media().get(2);
        assertEquals("video", video.media());
        assertEquals(51372, video.port());
        assertEquals("RTP/AVP", video.proto());
        assertEquals(List.of("99"), video.formats());
        assertEquals("IP6", video.connection().addrType());
        assertEquals("2001:db8::2", video.connection().address());
        assertEquals("99 h263-1998/90000", video.attribute("rtpmap").value());
        assertEquals(Direction.SENDRECV, sdp.direction(video));
        assertEquals(List.of("0"), sdp.media().get(0).formats());
        assertNull(sdp.media().get(0).connection());
    }

    @Test
    void rfc8866ExampleIsWrittenBackByteForByte() {
        SessionDescription sdp = SessionDescription.parse(RFC8866_EXAMPLE);
        assertEquals(RFC8866_EXAMPLE, sdp.toString());
        assertEquals(sdp, SessionDescription.parse(sdp.toString()));
        assertArrayEquals(RFC8866_EXAMPLE.getBytes(StandardCharsets.UTF_8), sdp.toBytes());
        assertEquals(sdp, SessionDescription.parse(RFC8866_EXAMPLE.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bareLineFeedsAndAMissingLastLineEndAreAccepted() {
        // RFC 8866 §5: parsers should accept LF alone as a line end.
        String lf = RFC8866_EXAMPLE.replace("\r\n", "\n");
        assertEquals(SessionDescription.parse(RFC8866_EXAMPLE), SessionDescription.parse(lf));
        String unterminated = RFC8866_EXAMPLE.substring(0, RFC8866_EXAMPLE.length() - 2);
        assertEquals(SessionDescription.parse(RFC8866_EXAMPLE), SessionDescription.parse(unterminated));
        assertEquals(RFC8866_EXAMPLE, SessionDescription.parse(unterminated).toString());
    }

    @Test
    void aStrayLineEndAfterTheLastLineIsIgnored() {
        assertEquals(RFC8866_EXAMPLE, SessionDescription.parse(RFC8866_EXAMPLE + "\r\n").toString());
    }

    @Test
    void sessionNameMayBeASingleSpace() {
        // RFC 8866 §5.3: "s= " when the session has no meaningful name.
        String text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns= \r\nt=0 0\r\n";
        SessionDescription sdp = SessionDescription.parse(text);
        assertEquals(" ", sdp.sessionName());
        assertEquals(text, sdp.toString());
    }

    @Test
    void sessionIdAndVersionKeepEveryDigit() {
        // RFC 8866 §5.2: numeric strings; 64 bits and more must survive unchanged.
        String id = "184467440737095516150000";
        String text = "v=0\r\no=- " + id + " 18446744073709551615 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n";
        SessionDescription sdp = SessionDescription.parse(text);
        assertEquals(id, sdp.origin().sessionId());
        assertEquals("18446744073709551616", sdp.nextVersion().origin().sessionVersion());
        assertEquals(id, sdp.nextVersion().origin().sessionId());
        assertEquals(text, sdp.toString());
    }

    @Test
    void nextVersionIncrementsOnlyTheVersion() {
        // RFC 3264 §8: each new offer in a session carries sess-version one higher.
        SessionDescription sdp = SessionDescription.parse(RFC8866_EXAMPLE);
        SessionDescription next = sdp.nextVersion();
        assertEquals("3724394406", next.origin().sessionVersion());
        assertEquals(RFC8866_EXAMPLE.replace("3724394405", "3724394406"), next.toString());
    }

    @Test
    void multicastConnectionsSplitTtlAndCount() {
        // RFC 8866 §5.7 examples.
        String text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 233.252.0.1/127/3\r\nt=0 0\r\n"
                + "m=audio 49170/2 RTP/AVP 0\r\nc=IN IP6 ff15::101/3\r\nc=IN IP4 233.252.0.2/64\r\n";
        SessionDescription sdp = SessionDescription.parse(text);
        assertEquals("233.252.0.1", sdp.connection().address());
        assertEquals(OptionalInt.of(127), sdp.connection().ttl());
        assertEquals(OptionalInt.of(3), sdp.connection().numberOfAddresses());
        MediaDescription audio = sdp.media().get(0);
        assertEquals(OptionalInt.of(2), audio.numberOfPorts());
        assertEquals(2, audio.connections().size());
        assertEquals(OptionalInt.empty(), audio.connections().get(0).ttl());
        assertEquals(OptionalInt.of(3), audio.connections().get(0).numberOfAddresses());
        assertEquals(OptionalInt.of(64), audio.connections().get(1).ttl());
        assertEquals(text, sdp.toString());
    }

    @Test
    void timeDescriptionsKeepRepeatAndZoneLines() {
        // RFC 8866 §5.10 and §5.11 examples.
        String text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=Seminar\r\nb=CT:128\r\n"
                + "t=3724394400 3724398000\r\nr=604800 3600 0 90000\r\nr=7d 1h 0 25h\r\n"
                + "z=3730928400 -1h 3749680800 0\r\nt=0 0\r\nk=prompt\r\na=recvonly\r\na=tool:x\r\n";
        SessionDescription sdp = SessionDescription.parse(text);
        Timing first = sdp.timings().get(0);
        assertEquals(3724394400L, first.start());
        assertEquals(List.of("604800 3600 0 90000", "7d 1h 0 25h"), first.repeats());
        assertEquals("3730928400 -1h 3749680800 0", first.zone());
        assertEquals(Timing.PERMANENT, sdp.timings().get(1));
        assertEquals(List.of(Bandwidth.of("CT", 128)), sdp.bandwidths());
        assertEquals("prompt", sdp.key());
        assertEquals(Direction.RECVONLY, sdp.direction());
        assertEquals(text, sdp.toString());
    }

    @Test
    void attributesKeepOrderValuesAndProperties() {
        String text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n"
                + "m=audio 5004 RTP/AVP 96 0\r\na=rtpmap:96 opus/48000/2\r\na=fmtp:96 minptime=10;useinbandfec=1\r\n"
                + "a=empty:\r\na=sendonly\r\na=x-custom:a:b:c\r\na=rtpmap:0 PCMU/8000\r\n";
        MediaDescription audio = SessionDescription.parse(text).media().get(0);
        assertEquals(6, audio.attributes().size());
        assertEquals(List.of(Attribute.of("rtpmap", "96 opus/48000/2"), Attribute.of("rtpmap", "0 PCMU/8000")),
                audio.attributes("rtpmap"));
        assertEquals("", audio.attribute("empty").value());
        assertTrue(audio.attribute("sendonly").isProperty());
        assertEquals("a:b:c", audio.attribute("x-custom").value());
        assertNull(audio.attribute("SENDONLY"));
        assertEquals(Direction.SENDONLY, audio.direction());
        assertEquals(text, SessionDescription.parse(text).toString());
    }

    @Test
    void builderWritesCanonicalLinesAndDefaultsTimingToZero() {
        SessionDescription sdp = SessionDescription.builder()
                .origin(Origin.builder().sessionId(1).sessionVersion(2).unicastAddress("192.0.2.1").build())
                .connection(Connection.of("IP4", "192.0.2.1"))
                .addMedia(MediaDescription.builder("audio", 5004, "RTP/AVP", "0", "8")
                        .direction(Direction.RECVONLY).build())
                .build();
        assertEquals("v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                + "m=audio 5004 RTP/AVP 0 8\r\na=recvonly\r\n", sdp.toString());
        MediaDescription changed = sdp.media().get(0).toBuilder().direction(Direction.INACTIVE).build();
        assertEquals(List.of(Attribute.of("inactive")), changed.attributes());
        assertEquals(sdp, sdp.toBuilder().build());
    }

    @Test
    void buildersRejectValuesThatCannotBeWritten() {
        assertThrows(IllegalArgumentException.class, () -> Attribute.of("bad name", "v"));
        assertThrows(IllegalArgumentException.class, () -> Attribute.of("ok", "line\r\nbreak"));
        assertThrows(IllegalArgumentException.class, () -> MediaDescription.builder("audio", 70000, "RTP/AVP", "0").build());
        assertThrows(IllegalArgumentException.class, () -> MediaDescription.builder("audio", 1, "RTP/AVP").build());
        assertThrows(IllegalArgumentException.class, () -> MediaDescription.builder("audio", 1, "RTP//AVP", "0").build());
        assertThrows(IllegalArgumentException.class, () -> Origin.builder().sessionId("12a").sessionVersion(1)
                .unicastAddress("h").build());
        assertThrows(IllegalArgumentException.class, () -> Connection.builder().addrType("IP6").address("ff15::1")
                .ttl(3).build());
        assertThrows(IllegalArgumentException.class, () -> Connection.builder().address("233.252.0.1")
                .numberOfAddresses(3).build());
        assertThrows(NullPointerException.class, () -> SessionDescription.builder().build());
    }

    @Test
    void sessionLevelDirectionAppliesToMediaWithoutTheirOwn() {
        // RFC 8866 §6.7: a media-level direction overrides the session-level one.
        String text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\na=sendonly\r\n"
                + "m=audio 5004 RTP/AVP 0\r\nm=video 5006 RTP/AVP 31\r\na=inactive\r\n";
        SessionDescription sdp = SessionDescription.parse(text);
        assertEquals(Direction.SENDONLY, sdp.direction(sdp.media().get(0)));
        assertEquals(Direction.INACTIVE, sdp.direction(sdp.media().get(1)));
        assertEquals(Direction.SENDRECV, sdp.media().get(0).direction());
    }
}
