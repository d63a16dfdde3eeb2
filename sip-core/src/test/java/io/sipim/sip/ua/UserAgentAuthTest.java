package io.sipim.sip.ua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.auth.DigestAlgorithm;
import io.sipim.sip.auth.DigestResult;
import io.sipim.sip.auth.DigestServer;
import io.sipim.sip.auth.UserStore;
import io.sipim.sip.loop.ManualScheduler;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.transaction.TransactionLayer;
import io.sipim.sip.transport.LoopNetwork;
import io.sipim.sip.transport.LoopTransport;
import io.sipim.sip.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Digest challenges met by the user agent (RFC 3261 §22.2, §22.3; RFC 3428 §7: MESSAGE may be challenged). */
class UserAgentAuthTest {
    private ManualScheduler clock;
    private SipStack client;
    private LoopTransport clientTransport;
    private DigestServer proxyAuth;
    private final List<Integer> answers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        clock = new ManualScheduler();
        LoopNetwork net = new LoopNetwork(clock, 7);
        SipStack proxy = SipStack.builder().callbackExecutor(Runnable::run)
                .runOn(clock, new LoopTransport(net, "10.0.0.1", 5060, Transport.UDP)).build();
        proxyAuth = DigestServer.builder("proxy.example.com", UserStore.inMemory(Map.of("alice", "secret")))
                .algorithms(DigestAlgorithm.SHA_256).clock(clock::nanoTime).nonceLifetime(Duration.ofSeconds(60)).build();
        // A proxy that wants Proxy-Authorization on every MESSAGE (407), then accepts it.
        proxy.onRequest((tx, request, received) -> {
            DigestResult r = proxyAuth.verify(request, HeaderName.PROXY_AUTHORIZATION);
            SipResponse answer = r.isOk() ? SipResponse.to(request, 200).toTag(TransactionLayer.newTag()).build()
                    : proxyAuth.reject(request, r, HeaderName.PROXY_AUTHORIZATION).toTag(TransactionLayer.newTag()).build();
            answers.add(answer.status());
            tx.respond(answer);
            return true;
        });
        clientTransport = new LoopTransport(net, "10.0.0.2", 5060, Transport.UDP);
        client = SipStack.builder().callbackExecutor(Runnable::run).runOn(clock, clientTransport).build();
    }

    private <T> T run(CompletableFuture<T> f) {
        for (int i = 0; i < 200 && !f.isDone(); i++) {
            clock.advance(Duration.ofMillis(50));
        }
        return f.join();
    }

    private List<SipRequest> sentMessages() {
        List<SipRequest> out = new ArrayList<>();
        for (SipMessage m : clientTransport.sent()) {
            if (m instanceof SipRequest r && r.isMethod(SipRequest.MESSAGE)) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    @DisplayName("§22.3: a 407 to MESSAGE is answered once with Proxy-Authorization, CSeq + 1 and a new branch; the retry gets 200")
    void messageChallengedByProxy() {
        SipAccount alice = client.account("sip:alice@example.com").credentials("alice", "secret")
                .outboundProxy("sip:10.0.0.1:5060").build();
        SipResponse r = run(alice.message("sip:bob@example.com").text("hi").send());
        assertEquals(200, r.status());
        assertEquals(List.of(407, 200), answers);
        List<SipRequest> sent = sentMessages();
        assertEquals(2, sent.size());
        assertEquals(sent.get(0).cseq().number() + 1, sent.get(1).cseq().number());
        assertTrue(!sent.get(0).topVia().branch().equals(sent.get(1).topVia().branch()));
        assertEquals(sent.get(0).callId(), sent.get(1).callId());
        assertTrue(sent.get(1).has(HeaderName.PROXY_AUTHORIZATION));
        assertEquals("SHA-256", sent.get(1).first(HeaderName.PROXY_AUTHORIZATION).algorithm());
    }

    @Test
    @DisplayName("§22.4: with a wrong password the 407 is the answer (a value), after exactly one retry")
    void wrongPasswordGivesTheChallengeBack() {
        SipAccount alice = client.account("sip:alice@example.com").credentials("alice", "wrong")
                .outboundProxy("sip:10.0.0.1:5060").build();
        SipResponse r = run(alice.message("sip:bob@example.com").text("hi").send());
        assertEquals(407, r.status());
        assertEquals(List.of(407, 407), answers);
    }

    @Test
    @DisplayName("Without credentials the 407 comes back as the response")
    void noCredentials() {
        SipAccount alice = client.account("sip:alice@example.com").outboundProxy("sip:10.0.0.1:5060").build();
        assertEquals(407, run(alice.message("sip:bob@example.com").text("hi").send()).status());
        assertEquals(List.of(407), answers);
    }
}
