package io.sipim.sip.ua;

import static io.sipim.sip.ua.CallSetupTest.ALICE_OFFER;
import static io.sipim.sip.ua.CallSetupTest.BOB_LOCAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.message.SipResponse;
import io.sipim.sip.sdp.OfferAnswer;
import io.sipim.sip.sdp.SessionDescription;
import io.sipim.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two SIP stacks on real sockets at 127.0.0.1: a whole call — set-up, re-INVITE, BYE (RFC 3261 §13–§15). */
class CallSocketTest {
    private static SipStack stack() {
        return SipStack.builder().listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0))
                .listen(Transport.TCP, new InetSocketAddress("127.0.0.1", 0)).build();
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    @DisplayName("RFC 3261 §13-§15 on real sockets: INVITE/180/200/ACK with SDP, a re-INVITE, then BYE")
    void wholeCall(Transport t) throws Exception {
        try (SipStack a = stack(); SipStack b = stack()) {
            SipAccount alice = a.account("sip:alice@atlanta.example.com").transport(t).build();
            SipAccount bob = b.account("sip:bob@biloxi.example.com").transport(t).build();
            CompletableFuture<Call> bobCall = new CompletableFuture<>();
            bob.onCall(in -> {
                in.ringing();
                in.accept(OfferAnswer.answer(in.offer(), BOB_LOCAL)).whenComplete((c, e) -> {
                    if (e != null) {
                        bobCall.completeExceptionally(e);
                    } else {
                        bobCall.complete(c);
                    }
                });
            });
            int port = b.localAddress(t).address().getPort();
            String target = "sip:bob@127.0.0.1:" + port + (t == Transport.TCP ? ";transport=tcp" : "");
            CompletableFuture<Integer> ringing = new CompletableFuture<>();
            Call call = alice.invite(target).offer(ALICE_OFFER)
                    .provisional(r -> {
                        if (r.status() == 180) {
                            ringing.complete(180);
                        }
                    })
                    .start().get(10, TimeUnit.SECONDS);
            Call callee = bobCall.get(10, TimeUnit.SECONDS);
            assertEquals(180, ringing.get(1, TimeUnit.SECONDS));
            assertEquals(OfferAnswer.answer(ALICE_OFFER, BOB_LOCAL), call.remoteSdp());
            assertEquals(ALICE_OFFER, callee.remoteSdp());
            assertEquals(call.dialog().id().localTag(), callee.dialog().id().remoteTag());

            SessionDescription hold = ALICE_OFFER.toBuilder().addAttribute("sendonly").build().nextVersion();
            SessionDescription answer = call.reinvite(hold).get(10, TimeUnit.SECONDS);
            assertEquals(answer, callee.localSdp());
            assertEquals(hold, callee.remoteSdp());

            CountDownLatch ended = new CountDownLatch(1);
            callee.onTerminated(ended::countDown);
            SipResponse bye = call.bye().get(10, TimeUnit.SECONDS);
            assertEquals(200, bye.status());
            assertTrue(ended.await(5, TimeUnit.SECONDS));
            assertFalse(call.isActive() || callee.isActive());
        }
    }
}
