package io.sipim.sip.ua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.loop.ManualScheduler;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.transaction.TransactionLayer;
import io.sipim.sip.transport.LoopNetwork;
import io.sipim.sip.transport.LoopTransport;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.transport.TransportAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The user agent over a lossy in-memory network on virtual time (RFC 3261 §17: retransmission
 * makes UDP reliable enough; Timers B and F bound the wait when the peer is gone).
 */
class UserAgentFaultTest {
    private ManualScheduler clock;
    private LoopNetwork net;
    private SipStack server;
    private SipStack client;
    private SipAccount alice;
    private int registers;
    private int messages;

    @BeforeEach
    void setUp() {
        clock = new ManualScheduler();
        net = new LoopNetwork(clock, 20261122L);
        server = SipStack.builder().callbackExecutor(Runnable::run)
                .runOn(clock, new LoopTransport(net, "10.0.0.1", 5060, Transport.UDP)).build();
        // A registrar and message sink in a few lines: every REGISTER and MESSAGE gets 200.
        server.onRequest((tx, request, received) -> {
            SipResponse.Builder ok = SipResponse.to(request, 200).toTag(TransactionLayer.newTag());
            if (request.isMethod(SipRequest.REGISTER)) {
                registers++;
                for (NameAddr c : request.contacts()) {
                    ok.contact(c.withParameter("expires", Long.toString(request.expires())));
                }
            } else if (request.isMethod(SipRequest.MESSAGE)) {
                messages++;
            } else {
                return false;
            }
            tx.respond(ok.build());
            return true;
        });
        client = SipStack.builder().callbackExecutor(Runnable::run)
                .runOn(clock, new LoopTransport(net, "10.0.0.2", 5060, Transport.UDP)).build();
        alice = client.account("sip:alice@example.com").outboundProxy("sip:10.0.0.1:5060").build();
    }

    /** Runs virtual time in 50 ms steps until {@code f} is done or {@code limit} has passed. */
    private <T> void runUntil(CompletableFuture<T> f, Duration limit) {
        long steps = limit.toMillis() / 50;
        clock.runPending();
        for (long i = 0; i < steps && !f.isDone(); i++) {
            clock.advance(Duration.ofMillis(50));
        }
    }

    @Test
    @DisplayName("RFC 3261 §17.1.2: with 20 % of datagrams dropped, 100 REGISTERs and 100 MESSAGEs all complete with 200")
    void lossyNetworkStillCompletes() {
        net.dropRate(0.2);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            CompletableFuture<Registration> r = alice.register(Duration.ofSeconds(3600));
            runUntil(r, Duration.ofSeconds(40));
            assertTrue(r.join().isActive());
            all.add(r);
            CompletableFuture<SipResponse> m = alice.message("sip:bob@example.com").text("hello " + i).send();
            runUntil(m, Duration.ofSeconds(40));
            assertEquals(200, m.join().status());
            all.add(m);
        }
        assertEquals(200, all.size());
        assertTrue(net.dropped() > 50, "the network really dropped datagrams: " + net.dropped());
        // Retransmitted requests reach the TU once each: the server transactions absorb the copies.
        assertEquals(100, registers);
        assertEquals(100, messages);
    }

    @Test
    @DisplayName("RFC 3261 §17.1.2.2: the peer is silent, Timer F fires after 64*T1 and the MESSAGE fails naming it")
    void timerF() {
        net.dropRate(1.0);
        CompletableFuture<SipResponse> m = alice.message("sip:bob@example.com").text("anyone?").send();
        runUntil(m, Duration.ofSeconds(31));
        assertTrue(!m.isDone(), "still waiting before 64*T1 = 32 s");
        runUntil(m, Duration.ofSeconds(2));
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, m::join);
        SipTimeoutException t = assertInstanceOf(SipTimeoutException.class, e.getCause());
        assertEquals("F", t.timer());
        assertTrue(t.getMessage().contains("Timer F"), t.getMessage());
    }

    @Test
    @DisplayName("RFC 3261 §17.1.1.2: the peer is silent, Timer B fires after 64*T1 and the INVITE fails naming it")
    void timerB() {
        net.dropRate(1.0);
        SipUri bob = SipUri.parse("sip:bob@example.com");
        CompletableFuture<SipResponse> f = alice.send(alice.newRequest(SipRequest.INVITE, bob, NameAddr.of(bob))
                .contact(NameAddr.of(SipUri.parse("sip:alice@10.0.0.2:5060"))).build());
        runUntil(f, Duration.ofSeconds(33));
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, f::join);
        assertEquals("B", assertInstanceOf(SipTimeoutException.class, e.getCause()).timer());
    }

    @Test
    @DisplayName("RFC 3261 §17.1.4: the peer's address is unreachable, the request fails with a transport error at once")
    void transportError() {
        net.fail(TransportAddress.of(Transport.UDP, "10.0.0.1", 5060));
        CompletableFuture<SipResponse> m = alice.message("sip:bob@example.com").text("x").send();
        runUntil(m, Duration.ofMillis(100));
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, m::join);
        assertInstanceOf(SipTransportException.class, e.getCause());
    }

    @Test
    @DisplayName("RFC 3261 §10.2.4: a registration refreshes itself before expiry with the same Call-ID and a higher CSeq")
    void registrationRefreshes() {
        CompletableFuture<Registration> r = alice.register(Duration.ofSeconds(120));
        runUntil(r, Duration.ofSeconds(5));
        assertEquals(120, r.join().expires().toSeconds());
        assertEquals(1, registers);
        clock.advance(Duration.ofSeconds(89));
        assertEquals(1, registers, "not refreshed before expires - 30 s");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(2, registers, "refreshed 30 s before expiry");
        List<SipRequest> sent = new ArrayList<>();
        for (var m : ((LoopTransport) client.transport()).sent()) {
            if (m instanceof SipRequest req && req.isMethod(SipRequest.REGISTER)) {
                sent.add(req);
            }
        }
        assertEquals(sent.get(0).callId(), sent.get(sent.size() - 1).callId());
        assertTrue(sent.get(sent.size() - 1).cseq().number() > sent.get(0).cseq().number());
        CompletableFuture<SipResponse> u = r.join().unregister();
        runUntil(u, Duration.ofSeconds(5));
        assertEquals(200, u.join().status());
        SipRequest last = null;
        for (var m : ((LoopTransport) client.transport()).sent()) {
            if (m instanceof SipRequest req && req.isMethod(SipRequest.REGISTER)) {
                last = req;
            }
        }
        assertEquals(0, last.expires(), "unregister sends Expires: 0");
        assertTrue(last.has(HeaderName.CONTACT));
    }
}
