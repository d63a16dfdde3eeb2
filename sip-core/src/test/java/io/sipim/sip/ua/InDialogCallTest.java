package io.sipim.sip.ua;

import static io.sipim.sip.ua.CallFixture.sdp;
import static io.sipim.sip.ua.CallFixture.sent;
import static io.sipim.sip.ua.CallFixture.sentResponses;
import static io.sipim.sip.ua.CallSetupTest.ALICE_OFFER;
import static io.sipim.sip.ua.CallSetupTest.BOB_LOCAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.message.CSeq;
import io.sipim.sip.message.MediaType;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.Via;
import io.sipim.sip.sdp.OfferAnswer;
import io.sipim.sip.sdp.SessionDescription;
import io.sipim.sip.transaction.TransactionLayer;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.transport.TransportAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Requests inside an established call: BYE, re-INVITE, target refresh, CSeq order, route sets (RFC 3261 §12–§15). */
class InDialogCallTest {
    private final CallFixture f = new CallFixture(12L);
    private Call a;
    private Call b;

    /** Alice calls Bob (optionally through an outbound proxy) and both ends hold the call. */
    private void connect(String outboundProxy) {
        List<CompletableFuture<Call>> accepted = new ArrayList<>();
        f.bob.onCall(in -> accepted.add(in.accept(OfferAnswer.answer(in.offer(), BOB_LOCAL))));
        SipAccount caller = outboundProxy == null ? f.alice
                : f.aliceStack.account("sip:alice@atlanta.example.com").outboundProxy(outboundProxy).build();
        CompletableFuture<Call> out = caller.invite("sip:bob@10.0.0.2:5060").offer(ALICE_OFFER).start();
        f.runUntil(() -> out.isDone() && !accepted.isEmpty() && accepted.get(0).isDone(), Duration.ofSeconds(5));
        a = out.join();
        b = accepted.get(0).join();
    }

    @Test
    @DisplayName("RFC 3261 §15.1: the caller's BYE gets 200 and both ends see the call end")
    void byeFromCaller() {
        connect(null);
        List<String> events = new ArrayList<>();
        b.onTerminated(() -> events.add("bob"));
        a.onTerminated(() -> events.add("alice"));
        CompletableFuture<SipResponse> bye = a.bye();
        f.runUntil(bye, Duration.ofSeconds(5));
        assertEquals(200, bye.join().status());
        assertEquals(List.of("alice", "bob"), events);
        assertFalse(a.isActive() || b.isActive());
        SipRequest sentBye = sent(f.aliceStack, SipRequest.BYE).get(0);
        assertEquals(a.dialog().localCseq(), sentBye.cseq().number());
        assertTrue(sentBye.cseq().number() > sent(f.aliceStack, SipRequest.INVITE).get(0).cseq().number(),
                "§12.2.1.1: the local CSeq increments");
        CompletableFuture<SipResponse> again = a.bye();
        f.runUntil(again, Duration.ofMillis(50));
        assertInstanceOf(IllegalStateException.class, assertThrows(CompletionException.class, again::join).getCause());
    }

    @Test
    @DisplayName("RFC 3261 §15.1: the callee's BYE goes to the caller's Contact with From/To swapped")
    void byeFromCallee() {
        connect(null);
        CompletableFuture<SipResponse> bye = b.bye();
        f.runUntil(bye, Duration.ofSeconds(5));
        assertEquals(200, bye.join().status());
        assertFalse(a.isActive());
        SipRequest sentBye = sent(f.bobStack, SipRequest.BYE).get(0);
        assertEquals(SipUri.parse("sip:alice@10.0.0.1:5060"), sentBye.requestUri());
        assertEquals(a.dialog().id().localTag(), sentBye.to().tag());
        assertEquals(b.dialog().id().localTag(), sentBye.from().tag());
    }

    @Test
    @DisplayName("RFC 3261 §14, RFC 3264 §8: a re-INVITE changes the session on both ends; its 2xx is ACKed with its own CSeq")
    void reinviteChangesSdp() {
        connect(null);
        SessionDescription holdOffer = ALICE_OFFER.toBuilder().addAttribute("sendonly").build().nextVersion();
        SessionDescription bobAnswer = OfferAnswer.answer(holdOffer, BOB_LOCAL).nextVersion();
        List<SessionDescription> offers = new ArrayList<>();
        b.onReinvite(r -> {
            offers.add(r.offer());
            r.accept(bobAnswer);
        });
        CompletableFuture<SessionDescription> answer = a.reinvite(holdOffer);
        f.runUntil(answer, Duration.ofSeconds(5));
        f.run(Duration.ofMillis(100));
        assertEquals(bobAnswer, answer.join());
        assertEquals(List.of(holdOffer), offers);
        assertEquals(holdOffer, a.localSdp());
        assertEquals(bobAnswer, a.remoteSdp());
        assertEquals(holdOffer, b.remoteSdp());
        assertEquals(bobAnswer, b.localSdp());
        List<SipRequest> invites = sent(f.aliceStack, SipRequest.INVITE);
        List<SipRequest> acks = sent(f.aliceStack, SipRequest.ACK);
        assertEquals(2, acks.size());
        assertEquals(invites.get(1).cseq().number(), acks.get(1).cseq().number());
        assertEquals(1, sentResponses(f.bobStack, SipRequest.INVITE, 200).stream()
                .filter(r -> r.cseq().number() == invites.get(1).cseq().number()).count(), "ACKed at once: no 2xx retransmission");
    }

    @Test
    @DisplayName("RFC 3261 §14.2: without a listener a re-INVITE is answered from the local description; a reject keeps the session")
    void reinviteDefaultAnswerAndReject() {
        connect(null);
        CompletableFuture<SessionDescription> refresh = a.reinvite(ALICE_OFFER);
        f.runUntil(refresh, Duration.ofSeconds(5));
        assertEquals(b.localSdp(), refresh.join(), "same offer, same answer (a session refresh)");
        b.onReinvite(r -> r.reject(488));
        SessionDescription video = sdp("alice", "10.0.0.1", 49170, "31").nextVersion();
        CompletableFuture<SessionDescription> refused = a.reinvite(video);
        f.runUntil(refused, Duration.ofSeconds(5));
        assertEquals(488, assertInstanceOf(CallException.class,
                assertThrows(CompletionException.class, refused::join).getCause()).status());
        assertEquals(ALICE_OFFER, a.localSdp(), "§14.1: a non-2xx leaves the session unchanged");
        assertTrue(a.isActive() && b.isActive());
    }

    @Test
    @DisplayName("RFC 3261 §14.1/§14.2: glare — both re-INVITE at once, both get 491, both retry after the randomized wait and succeed")
    void glare() {
        connect(null);
        SessionDescription aliceNew = ALICE_OFFER.nextVersion();
        SessionDescription bobNew = OfferAnswer.answer(ALICE_OFFER, BOB_LOCAL).nextVersion();
        CompletableFuture<SessionDescription> fromAlice = a.reinvite(aliceNew);
        CompletableFuture<SessionDescription> fromBob = b.reinvite(bobNew);
        f.runUntil(() -> fromAlice.isDone() && fromBob.isDone(), Duration.ofSeconds(30));
        assertTrue(sentResponses(f.aliceStack, SipRequest.INVITE, 491).size()
                + sentResponses(f.bobStack, SipRequest.INVITE, 491).size() >= 2, "both sides answered 491");
        assertEquals(b.localSdp(), fromAlice.join(), "the caller retries last (2.1-4 s), so its offer is current");
        assertEquals(a.localSdp(), aliceNew);
        assertEquals(aliceNew, b.remoteSdp());
        assertTrue(fromBob.join() != null);
    }

    @Test
    @DisplayName("RFC 3261 §12.2.2/§12.2.1.1: a re-INVITE with a new Contact moves the remote target; the next BYE goes there")
    void targetRefresh() {
        CallFixture.Peer carol = f.new Peer("10.0.0.5");
        CompletableFuture<Call> out = f.alice.invite("sip:carol@10.0.0.5:5060").offer(ALICE_OFFER).start();
        f.run(Duration.ofMillis(50));
        SipRequest invite = carol.requests(SipRequest.INVITE).get(0);
        SipResponse ok = SipResponse.to(invite, 200).toTag("carol-tag").contact(NameAddr.of(carol.uri("carol")))
                .body(MediaType.APPLICATION_SDP, BOB_LOCAL.toBytes()).build();
        carol.respond(ok);
        f.runUntil(out, Duration.ofSeconds(1));
        Call call = out.join();
        SipUri moved = SipUri.parse("sip:carol@10.0.0.5:5062");
        SipRequest reinvite = inDialog(invite, SipRequest.INVITE, 7).contact(NameAddr.of(moved))
                .body(MediaType.APPLICATION_SDP, BOB_LOCAL.toBytes()).build();
        carol.send(reinvite, alice());
        f.run(Duration.ofMillis(100));
        SipResponse reOk = carol.responses(SipRequest.INVITE, 200).get(0);
        assertEquals(7, reOk.cseq().number());
        assertEquals(moved, call.dialog().remoteTarget());
        assertEquals(7, call.dialog().remoteCseq());
        CompletableFuture<SipResponse> bye = call.bye();
        f.run(Duration.ofMillis(100));
        assertEquals(moved, sent(f.aliceStack, SipRequest.BYE).get(0).requestUri());
        f.runUntil(bye, Duration.ofSeconds(1));
        assertTrue(bye.isCompletedExceptionally(), "nobody listens at the new target");
    }

    @Test
    @DisplayName("RFC 3261 §12.2.2: a request with a lower CSeq than the last one in the dialog gets 500; an unknown dialog 481")
    void lowerCseqGets500() {
        CallFixture.Peer carol = f.new Peer("10.0.0.5");
        CompletableFuture<Call> out = f.alice.invite("sip:carol@10.0.0.5:5060").offer(ALICE_OFFER).start();
        f.run(Duration.ofMillis(50));
        SipRequest invite = carol.requests(SipRequest.INVITE).get(0);
        carol.respond(SipResponse.to(invite, 200).toTag("carol-tag").contact(NameAddr.of(carol.uri("carol")))
                .body(MediaType.APPLICATION_SDP, BOB_LOCAL.toBytes()).build());
        f.runUntil(out, Duration.ofSeconds(1));
        carol.send(inDialog(invite, SipRequest.INFO, 10).build(), alice());
        carol.send(inDialog(invite, SipRequest.INFO, 5).build(), alice());
        f.run(Duration.ofMillis(100));
        assertEquals(1, carol.responses(SipRequest.INFO, 200).size());
        SipResponse r500 = carol.responses(SipRequest.INFO, 500).get(0);
        assertEquals(5, r500.cseq().number());
        assertEquals(10, out.join().dialog().remoteCseq());
        SipRequest stranger = inDialog(invite, SipRequest.BYE, 11).to(invite.from().withTag("no-such-tag")).build();
        carol.send(stranger, alice());
        f.run(Duration.ofMillis(100));
        SipResponse r481 = carol.responses(SipRequest.BYE, 481).get(0);
        assertEquals("no-such-tag", r481.to().tag(), "§8.2.6.2: the request's To tag is kept");
        assertTrue(out.join().isActive());
    }

    @Test
    @DisplayName("RFC 3261 §12.1.1/§12.1.2: through two record-routing relays the UAS keeps Record-Route in order, the UAC reversed; ACK and BYE follow it")
    void recordRouteBothSides() {
        CallFixture.Relay r1 = f.new Relay("10.0.0.9");
        CallFixture.Relay r2 = f.new Relay("10.0.0.8");
        r1.insertRoute = r2.self; // alice -> r1 -> r2 -> bob
        connect("sip:10.0.0.9:5060");
        NameAddr n1 = NameAddr.of(r1.self);
        NameAddr n2 = NameAddr.of(r2.self);
        assertEquals(List.of(n1, n2), a.dialog().routeSet(), "UAC: Record-Route reversed");
        assertEquals(List.of(n2, n1), b.dialog().routeSet(), "UAS: Record-Route as received");
        SipRequest ack = sent(f.aliceStack, SipRequest.ACK).get(0);
        assertEquals(SipUri.parse("sip:bob@10.0.0.2:5060"), ack.requestUri(), "loose routing: Request-URI = remote target");
        assertEquals(List.of(n1, n2), ack.routes());
        int before = r1.forwarded + r2.forwarded;
        CompletableFuture<SipResponse> bye = b.bye();
        f.runUntil(bye, Duration.ofSeconds(5));
        assertEquals(200, bye.join().status());
        assertFalse(a.isActive());
        SipRequest sentBye = sent(f.bobStack, SipRequest.BYE).get(0);
        assertEquals(List.of(n2, n1), sentBye.routes());
        assertEquals(SipUri.parse("sip:alice@10.0.0.1:5060"), sentBye.requestUri());
        assertEquals(before + 4, r1.forwarded + r2.forwarded, "the BYE and its 200 crossed both relays");
    }

    private TransportAddress alice() {
        return TransportAddress.of(Transport.UDP, "10.0.0.1", 5060);
    }

    /** A request from carol (the UAS of {@code invite}) to alice inside the dialog. */
    private static SipRequest.Builder inDialog(SipRequest invite, String method, long cseq) {
        SipUri aliceContact = (SipUri) invite.contacts().get(0).uri();
        return SipRequest.builder(method, aliceContact)
                .via(Via.of("UDP", "10.0.0.5", 5060).withBranch(TransactionLayer.newBranch()))
                .maxForwards(70)
                .from(invite.to().withTag("carol-tag"))
                .to(invite.from())
                .callId(invite.callId())
                .cseq(new CSeq(cseq, method));
    }
}
