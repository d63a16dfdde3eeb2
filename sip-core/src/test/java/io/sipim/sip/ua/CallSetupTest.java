package io.sipim.sip.ua;

import static io.sipim.sip.ua.CallFixture.sdp;
import static io.sipim.sip.ua.CallFixture.sent;
import static io.sipim.sip.ua.CallFixture.sentResponses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.dialog.Dialog;
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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Setting up INVITE sessions (RFC 3261 §13, §9; RFC 3264) on virtual time. */
class CallSetupTest {
    static final SessionDescription ALICE_OFFER = sdp("alice", "10.0.0.1", 49170, "0", "8");
    static final SessionDescription BOB_LOCAL = sdp("bob", "10.0.0.2", 3456, "8");

    private final CallFixture f = new CallFixture(3261L);

    /** Bob rings and answers every call from his local capabilities; the accept futures land in the list. */
    private List<CompletableFuture<Call>> bobAnswers() {
        List<CompletableFuture<Call>> accepted = new ArrayList<>();
        f.bob.onCall(in -> {
            in.ringing();
            accepted.add(in.accept(OfferAnswer.answer(in.offer(), BOB_LOCAL)));
        });
        return accepted;
    }

    @Test
    @DisplayName("RFC 3261 §13.2/§13.3, RFC 3264: INVITE with an offer, 180, 200 with the answer, ACK — both ends share one dialog")
    void basicCallSetup() {
        List<CompletableFuture<Call>> accepted = bobAnswers();
        List<Integer> provisional = new ArrayList<>();
        CompletableFuture<Call> out = f.alice.invite("sip:bob@10.0.0.2:5060").offer(ALICE_OFFER)
                .provisional(r -> provisional.add(r.status())).start();
        f.runUntil(() -> out.isDone() && !accepted.isEmpty() && accepted.get(0).isDone(), Duration.ofSeconds(5));
        Call a = out.join();
        Call b = accepted.get(0).join();
        assertTrue(provisional.contains(180), "180 Ringing reached the caller: " + provisional);
        SessionDescription answer = OfferAnswer.answer(ALICE_OFFER, BOB_LOCAL);
        assertEquals(answer, a.remoteSdp());
        assertEquals(ALICE_OFFER, a.localSdp());
        assertEquals(ALICE_OFFER, b.remoteSdp());
        assertEquals(answer, b.localSdp());
        Dialog da = a.dialog();
        Dialog db = b.dialog();
        assertEquals(Dialog.State.CONFIRMED, da.state());
        assertEquals(Dialog.State.CONFIRMED, db.state());
        assertEquals(da.id().callId(), db.id().callId());
        assertEquals(da.id().localTag(), db.id().remoteTag());
        assertEquals(da.id().remoteTag(), db.id().localTag());
        assertTrue(da.isCaller() && !db.isCaller());
        assertEquals(SipUri.parse("sip:bob@10.0.0.2:5060"), da.remoteTarget(), "Contact of the 2xx");
        assertEquals(SipUri.parse("sip:alice@10.0.0.1:5060"), db.remoteTarget(), "Contact of the INVITE");
        assertEquals(1, f.bobStack.calls().calls().size());
        assertEquals(1, f.aliceStack.calls().calls().size());
    }

    @Test
    @DisplayName("RFC 3261 §13.2.2.4: the ACK for a 2xx goes to the remote target, with the INVITE's CSeq number and its own branch")
    void ackForTwoHundred() {
        bobAnswers();
        CompletableFuture<Call> out = f.alice.invite("sip:bob@10.0.0.2:5060").offer(ALICE_OFFER).start();
        f.runUntil(out, Duration.ofSeconds(5));
        f.run(Duration.ofSeconds(1));
        SipRequest invite = sent(f.aliceStack, SipRequest.INVITE).get(0);
        List<SipRequest> acks = sent(f.aliceStack, SipRequest.ACK);
        assertEquals(1, acks.size(), "one 2xx, one ACK");
        SipRequest ack = acks.get(0);
        assertEquals(SipUri.parse("sip:bob@10.0.0.2:5060"), ack.requestUri());
        assertEquals(new CSeq(invite.cseq().number(), SipRequest.ACK), ack.cseq());
        assertNotEquals(invite.topVia().branch(), ack.topVia().branch(), "the ACK of a 2xx is its own transaction");
        assertEquals(invite.callId(), ack.callId());
        assertEquals(out.join().dialog().id().remoteTag(), ack.to().tag());
        assertTrue(ack.routes().isEmpty());
    }

    @Test
    @DisplayName("RFC 3261 §13.3.1.4: the UAS retransmits its 2xx at T1, 2T1, 4T1 … capped at T2 until the ACK arrives")
    void twoHundredRetransmittedUntilAck() {
        List<CompletableFuture<Call>> accepted = bobAnswers();
        CallFixture.Peer caller = f.new Peer("10.0.0.5");
        SipRequest invite = rawInvite(caller, 1);
        caller.send(invite, TransportAddress.of(Transport.UDP, "10.0.0.2", 5060));
        f.run(Duration.ofMillis(8000));
        List<Integer> at = caller.arrivalsOf(SipRequest.INVITE, 200);
        // Sent at 0, then +0.5, +1, +2, +4, +4 s (T1 = 500 ms, T2 = 4 s).
        assertEquals(List.of(0, 500, 1500, 3500, 7500), at);
        assertFalse(accepted.get(0).isDone());
        SipResponse ok = caller.responses(SipRequest.INVITE, 200).get(0);
        caller.send(ackFor(invite, ok), TransportAddress.of(Transport.UDP, "10.0.0.2", 5060));
        f.run(Duration.ofSeconds(20));
        assertEquals(5, caller.responses(SipRequest.INVITE, 200).size(), "no retransmission after the ACK");
        assertTrue(accepted.get(0).join().isActive());
    }

    @Test
    @DisplayName("RFC 3261 §13.3.1.4: without an ACK for 64*T1 the UAS ends the call with BYE and the accept fails")
    void noAckMeansBye() {
        List<CompletableFuture<Call>> accepted = bobAnswers();
        CallFixture.Peer caller = f.new Peer("10.0.0.5");
        caller.send(rawInvite(caller, 1), TransportAddress.of(Transport.UDP, "10.0.0.2", 5060));
        f.run(Duration.ofMillis(31_900));
        assertTrue(caller.requests(SipRequest.BYE).isEmpty());
        f.run(Duration.ofMillis(200));
        CompletionException e = assertThrows(CompletionException.class, accepted.get(0)::join);
        CallException ce = assertInstanceOf(CallException.class, e.getCause());
        assertEquals(200, ce.status());
        SipRequest bye = caller.requests(SipRequest.BYE).get(0);
        assertEquals(caller.uri("carol"), bye.requestUri(), "BYE to the caller's Contact");
        assertEquals(0, f.bobStack.calls().calls().size());
    }

    @Test
    @DisplayName("A stack that also runs a registrar/proxy still re-ACKs its own calls' stray 2xx (the proxy takes only responses with a Via below ours)")
    void strayTwoHundredWithServerOnTheSameStack() {
        io.sipim.sip.server.SipServer.builder(f.aliceStack).domain("atlanta.example.com").registrar().proxy().build();
        CallFixture.Peer callee = f.new Peer("10.0.0.5");
        CompletableFuture<Call> out = f.alice.invite("sip:carol@10.0.0.5:5060").offer(ALICE_OFFER).start();
        f.run(Duration.ofMillis(50));
        SipResponse ok = carolsOk(callee);
        callee.respond(ok);
        f.runUntil(out, Duration.ofSeconds(1));
        f.run(Duration.ofSeconds(40)); // Timer M has ended the client transaction
        callee.respond(ok);
        f.run(Duration.ofMillis(50));
        assertEquals(2, callee.requests(SipRequest.ACK).size(), "the stray 2xx reached the call, not the proxy");
    }

    @Test
    @DisplayName("RFC 3261 §13.2.2.4: every retransmitted 2xx gets the same ACK again, also after Timer M via the stray-response hook")
    void ackResentPerRetransmittedTwoHundred() {
        CallFixture.Peer callee = f.new Peer("10.0.0.5");
        CompletableFuture<Call> out = f.alice.invite("sip:carol@10.0.0.5:5060").offer(ALICE_OFFER).start();
        f.run(Duration.ofMillis(50));
        SipResponse ok = carolsOk(callee);
        for (int i = 0; i < 3; i++) {
            callee.respond(ok);
            f.run(Duration.ofMillis(500));
        }
        assertTrue(out.isDone());
        List<SipRequest> acks = callee.requests(SipRequest.ACK);
        assertEquals(3, acks.size());
        assertEquals(acks.get(0), acks.get(1), "the same ACK, branch and all");
        f.run(Duration.ofSeconds(40)); // Timer M (64*T1) has ended the client transaction
        assertEquals(0, f.aliceStack.transactions().clientCount());
        callee.respond(ok);
        f.run(Duration.ofMillis(50));
        assertEquals(4, callee.requests(SipRequest.ACK).size(), "a stray 2xx after Timer M is acknowledged too");
    }

    @Test
    @DisplayName("RFC 3261 §13.2.2.3: a 486 fails the future with CallException carrying the response; the transaction ACKs it")
    void rejectFailsWithStatus() {
        f.bob.onCall(in -> in.reject(486));
        CompletableFuture<Call> out = f.alice.invite("sip:bob@10.0.0.2:5060").offer(ALICE_OFFER).start();
        f.runUntil(out, Duration.ofSeconds(5));
        CallException e = assertInstanceOf(CallException.class, assertThrows(CompletionException.class, out::join).getCause());
        assertEquals(486, e.status());
        assertEquals(486, e.response().status());
        f.run(Duration.ofMillis(100));
        assertEquals(1, sent(f.aliceStack, SipRequest.ACK).size(), "§17.1.1.3: the ACK on the INVITE's branch");
        assertEquals(sent(f.aliceStack, SipRequest.INVITE).get(0).topVia().branch(),
                sent(f.aliceStack, SipRequest.ACK).get(0).topVia().branch());
    }

    @Test
    @DisplayName("An INVITE the application never answers gets 480 after Timer C's length (RFC 3261 §16.6 item 11), not a leak")
    void unansweredInviteTimesOut() {
        List<IncomingCall> seen = new ArrayList<>();
        f.bob.onCall(in -> {
            seen.add(in);
            in.ringing();
        });
        CompletableFuture<Call> out = f.alice.invite("sip:bob@10.0.0.2:5060").offer(ALICE_OFFER).start();
        f.run(Duration.ofSeconds(180));
        assertEquals(1, seen.size());
        assertTrue(!out.isDone(), "still ringing at 180 s");
        f.runUntil(out, Duration.ofSeconds(5));
        assertEquals(480, assertInstanceOf(CallException.class,
                assertThrows(CompletionException.class, out::join).getCause()).status());
    }

    @Test
    @DisplayName("RFC 3261 §8.2/§21.4.18: with no onCall listener an INVITE is answered 480")
    void noListenerGets480() {
        CompletableFuture<Call> out = f.alice.invite("sip:bob@10.0.0.2:5060").offer(ALICE_OFFER).start();
        f.runUntil(out, Duration.ofSeconds(5));
        assertEquals(480, assertInstanceOf(CallException.class,
                assertThrows(CompletionException.class, out::join).getCause()).status());
    }

    @Test
    @DisplayName("RFC 3261 §9.1/§9.2: CANCEL after 180 — 200 to the CANCEL, 487 to the INVITE, the callee hears of it")
    void cancelAfterRinging() {
        AtomicReference<IncomingCall> incoming = new AtomicReference<>();
        List<String> events = new ArrayList<>();
        f.bob.onCall(in -> {
            incoming.set(in);
            in.onCancelled(() -> events.add("cancelled"));
            in.ringing();
        });
        OutgoingCall outgoing = f.alice.invite("sip:bob@10.0.0.2:5060").offer(ALICE_OFFER)
                .provisional(r -> events.add("" + r.status()));
        CompletableFuture<Call> out = outgoing.start();
        f.runUntil(() -> events.contains("180"), Duration.ofSeconds(2));
        outgoing.cancel();
        f.runUntil(out, Duration.ofSeconds(5));
        assertEquals(487, assertInstanceOf(CallException.class,
                assertThrows(CompletionException.class, out::join).getCause()).status());
        assertTrue(events.contains("cancelled"), events.toString());
        assertTrue(incoming.get().isCancelled());
        assertEquals(1, sentResponses(f.bobStack, SipRequest.CANCEL, 200).size());
        SipResponse r487 = sentResponses(f.bobStack, SipRequest.INVITE, 487).get(0);
        SipResponse r180 = sentResponses(f.bobStack, SipRequest.INVITE, 180).get(0);
        assertEquals(r180.to().tag(), r487.to().tag(), "one To tag for every response");
        SipRequest cancel = sent(f.aliceStack, SipRequest.CANCEL).get(0);
        assertEquals(sent(f.aliceStack, SipRequest.INVITE).get(0).topVia().branch(), cancel.topVia().branch());
        // Accepting afterwards is refused.
        CompletableFuture<Call> late = incoming.get().accept(BOB_LOCAL);
        f.runUntil(late, Duration.ofMillis(100));
        assertInstanceOf(IllegalStateException.class, assertThrows(CompletionException.class, late::join).getCause());
    }

    @Test
    @DisplayName("RFC 3261 §9.1: cancel() before any provisional response waits for one before sending CANCEL")
    void cancelWaitsForProvisional() {
        f.bob.onCall(in -> { }); // Bob says nothing: the 100 Trying comes from the transaction after 200 ms.
        OutgoingCall outgoing = f.alice.invite("sip:bob@10.0.0.2:5060").offer(ALICE_OFFER);
        CompletableFuture<Call> out = outgoing.start();
        outgoing.cancel();
        f.run(Duration.ofMillis(150));
        assertTrue(sent(f.aliceStack, SipRequest.CANCEL).isEmpty(), "no CANCEL before a provisional response");
        f.runUntil(out, Duration.ofSeconds(5));
        assertEquals(1, sent(f.aliceStack, SipRequest.CANCEL).size());
        assertEquals(487, assertInstanceOf(CallException.class,
                assertThrows(CompletionException.class, out::join).getCause()).status());
    }

    @Test
    @DisplayName("RFC 3261 §13.2.2.4: a forked second 2xx with another To tag makes a second dialog, which is ACKed then ended with BYE")
    void forkedTwoHundreds() {
        CallFixture.Relay proxy = f.new Relay("10.0.0.9");
        SipStack carolStack = f.stack("10.0.0.3");
        SipAccount carol = carolStack.account("sip:carol@biloxi.example.com").build();
        proxy.forkTo = List.of(SipUri.parse("sip:bob@10.0.0.2:5060"), SipUri.parse("sip:carol@10.0.0.3:5060"));
        List<CompletableFuture<Call>> bobAccepted = bobAnswers();
        List<CompletableFuture<Call>> carolAccepted = new ArrayList<>();
        List<String> carolEvents = new ArrayList<>();
        carol.onCall(in -> carolAccepted.add(in.accept(OfferAnswer.answer(in.offer(), BOB_LOCAL))));
        // The INVITE reaches the forking relay as the account's outbound proxy (a Route with lr).
        SipAccount viaProxy = f.aliceStack.account("sip:alice2@atlanta.example.com")
                .outboundProxy("sip:10.0.0.9:5060").build();
        CompletableFuture<Call> call = viaProxy.invite("sip:bob@biloxi.example.com").offer(ALICE_OFFER).start();
        f.runUntil(() -> call.isDone() && !bobAccepted.isEmpty() && !carolAccepted.isEmpty()
                && bobAccepted.get(0).isDone() && carolAccepted.get(0).isDone(), Duration.ofSeconds(5));
        Call winner = call.join();
        Call bobCall = bobAccepted.get(0).join();
        Call carolCall = carolAccepted.get(0).join();
        carolCall.onTerminated(() -> carolEvents.add("terminated"));
        bobCall.onTerminated(() -> carolEvents.add("bob terminated"));
        f.run(Duration.ofSeconds(2));
        Call loser = winner.dialog().id().remoteTag().equals(bobCall.dialog().id().localTag()) ? carolCall : bobCall;
        Call kept = loser == carolCall ? bobCall : carolCall;
        assertFalse(loser.isActive(), "the second dialog was ended with BYE");
        assertTrue(kept.isActive());
        assertTrue(winner.isActive());
        assertEquals(2, sent(f.aliceStack, SipRequest.ACK).size(), "both 2xx acknowledged");
        assertEquals(1, sent(f.aliceStack, SipRequest.BYE).size());
        SipRequest bye = sent(f.aliceStack, SipRequest.BYE).get(0);
        assertEquals(loser.dialog().id().localTag(), bye.to().tag());
        assertEquals(List.of(NameAddr.of(proxy.self)), winner.dialog().routeSet(), "Record-Route of the relay");
    }

    @Test
    @DisplayName("RFC 3261 §17 with §13: with 20 % of datagrams lost, calls still set up (with answer) and tear down, 20 times")
    void lossyNetwork() {
        f.net.dropRate(0.2);
        List<CompletableFuture<Call>> accepted = bobAnswers();
        for (int i = 0; i < 20; i++) {
            int n = i;
            CompletableFuture<Call> out = f.alice.invite("sip:bob@10.0.0.2:5060").offer(ALICE_OFFER).start();
            f.runUntil(() -> out.isDone() && accepted.size() > n && accepted.get(n).isDone(), Duration.ofSeconds(40));
            Call a = out.join();
            Call b = accepted.get(n).join();
            assertEquals(OfferAnswer.answer(ALICE_OFFER, BOB_LOCAL), a.remoteSdp());
            CompletableFuture<SipResponse> bye = (i % 2 == 0 ? a : b).bye();
            f.runUntil(() -> bye.isDone() && !a.isActive() && !b.isActive(), Duration.ofSeconds(40));
            assertEquals(200, bye.join().status());
            assertFalse(a.isActive() || b.isActive());
        }
        assertTrue(f.net.dropped() > 10, "the network really dropped datagrams: " + f.net.dropped());
        assertEquals(0, f.aliceStack.calls().calls().size());
        assertEquals(0, f.bobStack.calls().calls().size());
    }

    /** An INVITE from a raw peer at {@code caller} to bob, with carol's Contact. */
    static SipRequest rawInvite(CallFixture.Peer caller, long cseq) {
        SipUri carol = caller.uri("carol");
        return SipRequest.builder(SipRequest.INVITE, SipUri.parse("sip:bob@10.0.0.2:5060"))
                .via(Via.of("UDP", "10.0.0.5", 5060).withBranch(TransactionLayer.newBranch()))
                .maxForwards(70)
                .from(NameAddr.of(carol).withTag("carol-tag"))
                .to(NameAddr.of(SipUri.parse("sip:bob@biloxi.example.com")))
                .callId("raw-call-" + cseq + "@10.0.0.5")
                .cseq(new CSeq(cseq, SipRequest.INVITE))
                .contact(NameAddr.of(carol))
                .body(MediaType.APPLICATION_SDP, ALICE_OFFER.toBytes()).build();
    }

    /** The ACK for a 2xx (§13.2.2.4), sent straight to bob. */
    static SipRequest ackFor(SipRequest invite, SipResponse ok) {
        return SipRequest.builder(SipRequest.ACK, ok.contacts().get(0).uri())
                .via(Via.of("UDP", "10.0.0.5", 5060).withBranch(TransactionLayer.newBranch()))
                .maxForwards(70).from(invite.from()).to(ok.to()).callId(invite.callId())
                .cseq(new CSeq(invite.cseq().number(), SipRequest.ACK)).build();
    }

    @Test
    @DisplayName("RFC 3261 §13.2.2.4: the ACK carries no body when the INVITE made the offer")
    void ackHasNoBody() {
        bobAnswers();
        CompletableFuture<Call> out = f.alice.invite("sip:bob@10.0.0.2:5060").offer(ALICE_OFFER).start();
        f.runUntil(out, Duration.ofSeconds(5));
        assertNotNull(out.join().dialog().localContact());
        assertEquals(0, sent(f.aliceStack, SipRequest.ACK).get(0).bodyLength());
    }

    /** Carol's 200 with an SDP answer to the INVITE {@code callee} received first. */
    private static SipResponse carolsOk(CallFixture.Peer callee) {
        SipRequest invite = callee.requests(SipRequest.INVITE).get(0);
        return SipResponse.to(invite, 200).toTag("carol-tag")
                .contact(NameAddr.of(callee.uri("carol"))).body(MediaType.APPLICATION_SDP, BOB_LOCAL.toBytes()).build();
    }
}
