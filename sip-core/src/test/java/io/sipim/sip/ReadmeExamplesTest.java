package io.sipim.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.message.MediaType;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.Via;
import io.sipim.sip.parse.SipParser;
import io.sipim.sip.sdp.Connection;
import io.sipim.sip.sdp.MediaDescription;
import io.sipim.sip.sdp.OfferAnswer;
import io.sipim.sip.sdp.Origin;
import io.sipim.sip.sdp.SessionDescription;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.net.InetSocketAddress;
import io.sipim.sip.auth.UserStore;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.server.SipServer;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.ua.Call;
import io.sipim.sip.ua.Registration;
import io.sipim.sip.ua.SipAccount;
import io.sipim.sip.ua.SipStack;
import org.junit.jupiter.api.Test;

/** The README's quick starts, verbatim, so the README stays true. */
class ReadmeExamplesTest {

    @Test
    void quickStartSipMessages() {
        // --- README: Quick start: SIP messages ---
        SipRequest msg = SipRequest.builder(SipRequest.MESSAGE, SipUri.parse("sip:bob@example.com"))
                .via(Via.of("UDP", "pc33.example.com", 5060).withBranch("z9hG4bK776asdhds"))
                .from(NameAddr.parse("<sip:alice@example.com>;tag=1928301774")).to(NameAddr.parse("<sip:bob@example.com>"))
                .callId("a84b4c76e66710").cseq(1).maxForwards(70).body(MediaType.TEXT_PLAIN, "lunch?").build();
        SipMessage parsed = new SipParser().parseDatagram(msg.encode());    // throws SipParseException only
        System.out.println(parsed.topVia().branch() + " " + parsed.cseq() + " " + parsed.bodyText());
        // --- end ---
        assertEquals(msg, parsed);
        assertEquals("z9hG4bK776asdhds", parsed.topVia().branch());
        assertEquals("1 MESSAGE", parsed.cseq().toString());
        assertEquals("lunch?", parsed.bodyText());
    }

    @Test
    void quickStartSdp() {
        SipRequest invite = SipRequest.builder(SipRequest.INVITE, SipUri.parse("sip:bob@example.com"))
                .body(MediaType.APPLICATION_SDP, "v=0\r\no=alice 2890844526 2890844526 IN IP4 10.0.0.2\r\ns=-\r\n"
                        + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=message 7654 TCP/MSRP *\r\na=accept-types:text/plain\r\n"
                        + "a=path:msrp://10.0.0.2:7654/jshA7weztas;tcp\r\n").build();
        // --- README: Quick start: SDP ---
        SessionDescription offer = SessionDescription.parse(invite.bodyText());
        MediaDescription chat = MediaDescription.msrp(7394, false, "msrp://10.0.0.1:7394/abc;tcp", List.of("text/plain"));
        SessionDescription local = SessionDescription.builder()
                .origin(Origin.builder().username("-").sessionId(2890844527L).sessionVersion(1).unicastAddress("10.0.0.1").build())
                .connection(Connection.of("IP4", "10.0.0.1")).media(List.of(chat)).build();
        SessionDescription answer = OfferAnswer.answer(offer, local);      // RFC 3264: same m= lines, rejected ones get port 0
        System.out.println(answer);                                          // CRLF lines, RFC 8866 order
        // --- end ---
        assertEquals(1, answer.media().size());
        assertEquals(7394, answer.media().get(0).port());
        assertEquals("msrp://10.0.0.1:7394/abc;tcp", answer.media().get(0).attribute("path").value());
        assertTrue(answer.toString().contains("m=message 7394 TCP/MSRP *\r\n"));
    }

    @Test
    void quickStartServerAndUserAgent() throws Exception {
        // --- README: Quick start: registrar and proxy ---
        SipStack serverStack = SipStack.builder().listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 5070)).build();
        SipServer server = SipServer.builder(serverStack).domain("example.com")
                .users(UserStore.inMemory(Map.of("alice", "secret", "bob", "secret")))
                .registrar().proxy().requestLog(System.out::println).build();
        // --- end ---
        try (serverStack; SipStack bobStack = SipStack.builder().listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0)).build()) {
            SipAccount bob = bobStack.account("sip:bob@example.com").credentials("bob", "secret")
                    .outboundProxy("sip:127.0.0.1:5070").build();
            java.util.concurrent.LinkedBlockingQueue<String> got = new java.util.concurrent.LinkedBlockingQueue<>();
            bob.onMessage(in -> got.add(in.text()));
            bob.register(Duration.ofMinutes(10)).join();
            // --- README: Quick start: register and send a MESSAGE ---
            try (SipStack stack = SipStack.builder().listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0)).build()) {
                SipAccount alice = stack.account("sip:alice@example.com").credentials("alice", "secret")
                        .outboundProxy("sip:127.0.0.1:5070").build();
                Registration reg = alice.register(Duration.ofMinutes(10)).join();    // digest auth, refreshes itself
                SipResponse r = alice.message("sip:bob@example.com").text("lunch?").send().join(); // a 4xx is a value
                alice.onMessage(in -> System.out.println(in.from().uri() + ": " + in.text()));
                System.out.println(reg.expires() + " " + r.status());
            }
            // --- end ---
            assertEquals("lunch?", got.poll(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(1, server.bindings("sip:bob@example.com").join().size());
        }
    }

    @Test
    void quickStartCall() throws Exception {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=message 7394 TCP/MSRP *\r\na=accept-types:text/plain\r\na=path:msrp://127.0.0.1:7394/abc;tcp\r\n";
        SessionDescription myOffer = SessionDescription.parse(sdp);
        SessionDescription mySdp = SessionDescription.parse(sdp.replace("abc", "xyz"));
        try (SipStack a = SipStack.builder().listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0)).build();
             SipStack b = SipStack.builder().listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0)).build()) {
            SipAccount alice = a.account("sip:alice@example.com").build();
            SipAccount bob = b.account("sip:bob@example.com").build();
            String bobAddress = "sip:bob@" + b.localAddress(Transport.UDP).hostPort();
            // --- README: Quick start: an INVITE session ---
            bob.onCall(in -> in.accept(OfferAnswer.answer(in.offer(), mySdp)));      // or in.reject(486)
            Call call = alice.invite(bobAddress).offer(myOffer).start().join();        // 2xx received, ACK sent
            System.out.println(call.remoteSdp().media().get(0).attribute("path").value());
            call.bye().join();
            // --- end ---
            assertEquals("msrp://127.0.0.1:7394/xyz;tcp", call.remoteSdp().media().get(0).attribute("path").value());
            assertTrue(!call.isActive());
        }
    }
}
