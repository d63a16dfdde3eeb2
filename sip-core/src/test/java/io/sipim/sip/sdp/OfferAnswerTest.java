package io.sipim.sip.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OfferAnswerTest {

    static final Origin BOB = Origin.builder().username("bob").sessionId(2890844730L).sessionVersion(2890844730L)
            .unicastAddress("biloxi.example.com").build();

    static SessionDescription local(MediaDescription... templates) {
        return SessionDescription.builder().origin(BOB).sessionName(" ")
                .connection(Connection.of("IP4", "biloxi.example.com"))
                .media(List.of(templates)).build();
    }

    static final MediaDescription BOB_MSRP = MediaDescription.msrp(8888, false,
            "msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp", List.of("text/plain"));

    @Test
    void msrpOfferIsAnsweredWithTheLocalPathAndTheOfferTiming() {
        SessionDescription offer = SessionDescription.parse(MsrpMediaTest.MSRP_OFFER);
        SessionDescription answer = OfferAnswer.answer(offer, local(BOB_MSRP));
        assertEquals("""
                v=0\r
                o=bob 2890844730 2890844730 IN IP4 biloxi.example.com\r
                s= \r
                c=IN IP4 biloxi.example.com\r
                t=0 0\r
                m=message 8888 TCP/MSRP *\r
                a=accept-types:text/plain\r
                a=path:msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp\r
                """, answer.toString());
    }

    @Test
    void streamsWithoutAMatchingTemplateAreRejectedWithPortZeroAndTheLineCountIsKept() {
        // RFC 3264 §6: one answer m= line per offer m= line, in order; rejection is port 0.
        SessionDescription offer = SessionDescription.parse("""
                v=0\r
                o=alice 1 1 IN IP4 192.0.2.1\r
                s=-\r
                c=IN IP4 192.0.2.1\r
                t=0 0\r
                m=audio 49170 RTP/AVP 0\r
                m=message 7394 TCP/TLS/MSRP *\r
                a=accept-types:text/plain\r
                m=message 7395 TCP/MSRP *\r
                a=accept-types:text/plain\r
                m=video 0 RTP/AVP 31\r
                """);
        SessionDescription answer = OfferAnswer.answer(offer, local(BOB_MSRP,
                MediaDescription.builder("video", 5006, "RTP/AVP", "31").build()));
        assertEquals(4, answer.media().size());
        MediaDescription audio = answer.media().get(0);
        assertEquals("m=audio 0 RTP/AVP 0\r\n", audio.toString());
        assertTrue(audio.isRejected());
        assertEquals("m=message 0 TCP/TLS/MSRP *\r\n", answer.media().get(1).toString());
        assertEquals(8888, answer.media().get(2).port());
        // An offered stream with port 0 stays rejected even though a template exists (RFC 3264 §8.2).
        assertEquals("m=video 0 RTP/AVP 31\r\n", answer.media().get(3).toString());
    }

    @Test
    void eachTemplateAnswersOneStreamOnly() {
        SessionDescription offer = SessionDescription.parse(RFC8866().toString());
        SessionDescription answer = OfferAnswer.answer(offer,
                local(MediaDescription.builder("audio", 6000, "RTP/AVP", "0").build()));
        assertEquals(List.of(6000, 0, 0), answer.media().stream().map(MediaDescription::port).toList());
    }

    static SessionDescription RFC8866() {
        return SessionDescription.parse(SessionDescriptionTest.RFC8866_EXAMPLE);
    }

    @Test
    void directionIsInvertedAndNarrowedByTheLocalSide() {
        // RFC 3264 §6.1: sendonly is answered recvonly (or inactive), recvonly sendonly, inactive inactive.
        SessionDescription offer = SessionDescription.parse("""
                v=0\r
                o=alice 1 1 IN IP4 192.0.2.1\r
                s=-\r
                t=0 0\r
                m=audio 49170 RTP/AVP 0\r
                a=sendonly\r
                m=audio 49172 RTP/AVP 0\r
                a=recvonly\r
                m=audio 49174 RTP/AVP 0\r
                a=inactive\r
                m=audio 49176 RTP/AVP 0\r
                m=audio 49178 RTP/AVP 0\r
                a=sendonly\r
                """);
        MediaDescription any = MediaDescription.builder("audio", 5000, "RTP/AVP", "0").build();
        MediaDescription sendOnly = any.toBuilder().port(5010).direction(Direction.SENDONLY).build();
        SessionDescription answer = OfferAnswer.answer(offer, local(any, any.toBuilder().port(5002).build(),
                any.toBuilder().port(5004).build(), sendOnly, any.toBuilder().port(5006).direction(Direction.SENDONLY).build()));
        assertEquals(List.of(Direction.RECVONLY, Direction.SENDONLY, Direction.INACTIVE, Direction.SENDONLY,
                Direction.INACTIVE), answer.media().stream().map(MediaDescription::direction).toList());
        assertEquals("m=audio 5000 RTP/AVP 0\r\na=recvonly\r\n", answer.media().get(0).toString());
    }

    @Test
    void sessionLevelOfferDirectionIsHonoured() {
        SessionDescription offer = SessionDescription.parse(
                "v=0\r\no=a 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\na=sendonly\r\nm=audio 1 RTP/AVP 0\r\n");
        SessionDescription answer = OfferAnswer.answer(offer,
                local(MediaDescription.builder("audio", 2, "RTP/AVP", "0").build()));
        assertEquals(Direction.RECVONLY, answer.media().get(0).direction());
    }

    @Test
    void formatsAreIntersectedInOfferOrderAndUnusedRtpmapsDropped() {
        SessionDescription offer = SessionDescription.parse("""
                v=0\r
                o=alice 1 1 IN IP4 192.0.2.1\r
                s=-\r
                t=0 0\r
                m=audio 49170 RTP/AVP 8 0 97 101\r
                a=rtpmap:97 OPUS/48000/2\r
                a=rtpmap:101 telephone-event/8000\r
                """);
        MediaDescription template = MediaDescription.builder("audio", 5000, "RTP/AVP", "0", "111", "18", "8")
                .addAttribute("rtpmap", "111 opus/48000/2")
                .addAttribute("fmtp", "111 useinbandfec=1")
                .addAttribute("rtpmap", "18 G729/8000")
                .addAttribute("ptime", "20")
                .build();
        MediaDescription answered = OfferAnswer.answer(offer, local(template)).media().get(0);
        // RFC 3264 §6.1: the dynamic type keeps the offer's number (97), its rtpmap/fmtp follow.
        assertEquals(List.of("8", "0", "97"), answered.formats());
        assertEquals(List.of(Attribute.of("rtpmap", "97 opus/48000/2"), Attribute.of("fmtp", "97 useinbandfec=1"),
                Attribute.of("ptime", "20")), answered.attributes());
    }

    @Test
    void noCommonFormatRejectsTheStream() {
        SessionDescription offer = SessionDescription.parse(
                "v=0\r\no=a 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nm=audio 1 RTP/AVP 96\r\na=rtpmap:96 AMR/8000\r\n");
        MediaDescription template = MediaDescription.builder("audio", 2, "RTP/AVP", "96")
                .addAttribute("rtpmap", "96 opus/48000/2").build();
        MediaDescription answered = OfferAnswer.answer(offer, local(template)).media().get(0);
        assertEquals("m=audio 0 RTP/AVP 96\r\n", answered.toString());
    }

    @Test
    void answerOriginIsTheLocalOneAndNextVersionBumpsIt() {
        SessionDescription answer = OfferAnswer.answer(SessionDescription.parse(MsrpMediaTest.MSRP_OFFER), local(BOB_MSRP));
        assertEquals(BOB, answer.origin());
        assertEquals("2890844731", answer.nextVersion().origin().sessionVersion());
    }
}
