package io.sipim.sip.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.message.CSeq;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.Via;
import io.sipim.sip.transaction.ClientTransaction;
import io.sipim.sip.transaction.ServerTransaction;
import io.sipim.sip.transaction.TransactionLayer;
import io.sipim.sip.transport.Received;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.transport.TransportAddress;
import io.sipim.sip.ua.IncomingMessage;
import io.sipim.sip.ua.RequestHandler;
import io.sipim.sip.ua.SipAccount;
import io.sipim.sip.ua.SipStack;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The stateful proxy (RFC 3261 §16) between real SIPIM user agents over loopback. */
class ProxyTest {
    private static final long WAIT = 10;

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    @DisplayName("§16.5: a MESSAGE to a registered user reaches her contact, and back")
    void messageBetweenRegisteredUsers(Transport t) throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            SipAccount alice = f.account(f.client(), "alice", t);
            SipAccount bob = f.account(f.client(), "bob", t);
            LinkedBlockingQueue<IncomingMessage> bobInbox = new LinkedBlockingQueue<>();
            LinkedBlockingQueue<IncomingMessage> aliceInbox = new LinkedBlockingQueue<>();
            bob.onMessage(bobInbox::add);
            alice.onMessage(aliceInbox::add);
            alice.register(Duration.ofSeconds(300)).get(WAIT, TimeUnit.SECONDS);
            bob.register(Duration.ofSeconds(300)).get(WAIT, TimeUnit.SECONDS);

            SipResponse r = alice.message("sip:bob@sipim.test").text("lunch? ünïcödé").send().get(WAIT, TimeUnit.SECONDS);
            assertEquals(200, r.status());
            IncomingMessage m = bobInbox.poll(WAIT, TimeUnit.SECONDS);
            assertNotNull(m);
            assertEquals("lunch? ünïcödé", m.text());
            assertEquals("alice", ((SipUri) m.from().uri()).user());
            assertEquals(2, m.request().via().size(), "our Via on top of alice's");

            assertEquals(200, bob.message("sip:alice@sipim.test").text("yes").send().get(WAIT, TimeUnit.SECONDS).status());
            assertEquals("yes", aliceInbox.poll(WAIT, TimeUnit.SECONDS).text());
            assertTrue(f.log.stream().anyMatch(l -> l.startsWith("MESSAGE sip:bob@sipim.test from " + t + ":127.0.0.1:")
                    && l.endsWith("-> 200")), f.log::toString);
        }
    }

    @Test
    @DisplayName("§16.5: an unknown user gets 404; a known user with no binding gets 480")
    void notRegistered() throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            SipAccount alice = f.account(f.client(), "alice", Transport.UDP);
            assertEquals(404, alice.message("sip:nobody@sipim.test").text("?").send().get(WAIT, TimeUnit.SECONDS).status());
            assertEquals(480, alice.message("sip:carol@sipim.test").text("?").send().get(WAIT, TimeUnit.SECONDS).status());
        }
    }

    @Test
    @DisplayName("§16.6: parallel forking to every contact of the AOR; the first 200 goes upstream")
    void parallelForking() throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            SipAccount alice = f.account(f.client(), "alice", Transport.UDP);
            SipAccount bob1 = f.account(f.client(), "bob", Transport.UDP);
            SipAccount bob2 = f.account(f.client(), "bob", Transport.TCP);
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            bob1.onMessage(m -> got.add("bob1 " + m.text()));
            bob2.onMessage(m -> got.add("bob2 " + m.text()));
            bob1.register(Duration.ofSeconds(300)).get(WAIT, TimeUnit.SECONDS);
            bob2.register(Duration.ofSeconds(300)).get(WAIT, TimeUnit.SECONDS);
            assertEquals(2, f.server.bindings("sip:bob@sipim.test").get(WAIT, TimeUnit.SECONDS).size());

            assertEquals(200, alice.message("sip:bob@sipim.test").text("hi").send().get(WAIT, TimeUnit.SECONDS).status());
            assertEquals(java.util.Set.of("bob1 hi", "bob2 hi"),
                    java.util.Set.of(got.poll(WAIT, TimeUnit.SECONDS), got.poll(WAIT, TimeUnit.SECONDS)));
        }
    }

    @Test
    @DisplayName("§16.3 step 3: Max-Forwards 0 is answered 483, not forwarded")
    void maxForwardsZero() throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            SipStack c = f.client();
            SipUri bob = SipUri.parse("sip:bob@sipim.test");
            SipRequest r = SipRequest.builder(SipRequest.MESSAGE, bob)
                    .from(NameAddr.of(SipUri.parse("sip:alice@sipim.test")).withTag("a1"))
                    .to(NameAddr.of(bob)).callId("mf0@test").cseq(new CSeq(1, SipRequest.MESSAGE))
                    .maxForwards(0).header(HeaderName.ROUTE, f.route(Transport.UDP)).build();
            assertEquals(483, c.send(r).get(WAIT, TimeUnit.SECONDS).status());
        }
    }

    @Test
    @DisplayName("§16.9, §16.7 step 2: unreachable contacts: TCP refused -> 503, UDP silence -> 408")
    void unreachableContact() throws Exception {
        int deadTcp;
        int deadUdp;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DatagramSocket d = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            deadTcp = s.getLocalPort();
            deadUdp = d.getLocalPort();
        }
        try (ServerFixture f = new ServerFixture(b -> { })) {
            SipStack c = f.client();
            SipResponse ok = c.send(f.register("carol", "dead@test", 1)
                    .contact(NameAddr.parse("<sip:carol@127.0.0.1:" + deadTcp + ";transport=tcp>")).expires(300).build())
                    .get(WAIT, TimeUnit.SECONDS);
            assertEquals(200, ok.status());
            SipAccount alice = f.account(c, "alice", Transport.UDP);
            assertEquals(503, alice.message("sip:carol@sipim.test").text("?").send().get(WAIT, TimeUnit.SECONDS).status());

            c.send(f.register("dave", "dead2@test", 1)
                    .contact(NameAddr.parse("<sip:dave@127.0.0.1:" + deadUdp + ">")).expires(300).build())
                    .get(WAIT, TimeUnit.SECONDS);
            // Timer F of the server (64·T1 = 3.2 s) fires long before the client's (32 s).
            assertEquals(408, alice.message("sip:dave@sipim.test").text("?").send().get(WAIT, TimeUnit.SECONDS).status());
        }
    }

    /** A UAS: answers INVITE with 180 then holds it, or answers 200 at once; records what it sees. */
    private static final class Callee implements RequestHandler {
        final LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
        final boolean answer;

        Callee(boolean answer) {
            this.answer = answer;
        }

        @Override
        public boolean onRequest(ServerTransaction tx, SipRequest request, Received received) {
            if (!request.isMethod(SipRequest.INVITE)) {
                return false;
            }
            seen.add("INVITE");
            String tag = TransactionLayer.newTag();
            tx.respond(dialogResponse(request, 180, tag).build());
            if (answer) {
                tx.respond(dialogResponse(request, 200, tag).contact(NameAddr.of(request.requestUri())).build());
            }
            return true;
        }

        /** §12.1.1: a dialog-creating response copies the Record-Route. */
        private static SipResponse.Builder dialogResponse(SipRequest request, int status, String tag) {
            SipResponse.Builder b = SipResponse.to(request, status).toTag(tag);
            for (NameAddr rr : request.recordRoutes()) {
                b.header(HeaderName.RECORD_ROUTE, rr);
            }
            return b;
        }

        @Override
        public boolean onAck(SipRequest ack, Received received, ServerTransaction invite) {
            seen.add("ACK");
            return true;
        }

        @Override
        public boolean onCancel(ServerTransaction cancel, SipRequest request, Received received,
                                ServerTransaction invite) {
            seen.add("CANCEL");
            return false; // the stack answers: 200 to the CANCEL, 487 to the INVITE
        }
    }

    /** Sends {@code request} from {@code caller}'s transaction layer to the server, collecting responses. */
    private static ClientTransaction[] invite(SipStack caller, ServerFixture f, SipRequest request,
                                              LinkedBlockingQueue<SipResponse> responses, boolean cancelOn180)
            throws Exception {
        ClientTransaction[] tx = new ClientTransaction[1];
        TransportAddress proxy = f.stack.localAddress(Transport.UDP);
        java.util.concurrent.CompletableFuture<Void> started = new java.util.concurrent.CompletableFuture<>();
        caller.loop().execute(() -> {
            tx[0] = caller.transactions().sendRequest(request, proxy, new ClientTransaction.Listener() {
                @Override
                public void onResponse(SipResponse response) {
                    responses.add(response);
                    if (cancelOn180 && response.status() == 180) {
                        caller.transactions().sendRequest(tx[0].cancelRequest(), proxy, r -> responses.add(r));
                    }
                }
            });
            started.complete(null);
        });
        started.get(WAIT, TimeUnit.SECONDS);
        return tx;
    }

    private static SipRequest inviteFor(SipStack caller, ServerFixture f, String user) {
        TransportAddress local = caller.localAddress(Transport.UDP);
        SipUri target = SipUri.parse("sip:" + user + "@sipim.test");
        return SipRequest.builder(SipRequest.INVITE, target)
                .via(Via.of("UDP", "127.0.0.1", local.address().getPort()).withBranch(TransactionLayer.newBranch()))
                .from(NameAddr.of(SipUri.parse("sip:alice@sipim.test")).withTag(TransactionLayer.newTag()))
                .to(NameAddr.of(target)).callId(TransactionLayer.newTag() + "@test")
                .cseq(new CSeq(1, SipRequest.INVITE)).maxForwards(70)
                .contact(NameAddr.of(SipUri.parse("sip:alice@127.0.0.1:" + local.address().getPort())))
                .header(HeaderName.ROUTE, f.route(Transport.UDP)).build();
    }

    private static SipResponse nextFinal(LinkedBlockingQueue<SipResponse> responses, String method) throws Exception {
        while (true) {
            SipResponse r = responses.poll(WAIT, TimeUnit.SECONDS);
            assertNotNull(r, "no final response to " + method);
            if (r.isFinal() && r.cseq().method().equals(method)) {
                return r;
            }
        }
    }

    @Test
    @DisplayName("§16.7 step 5, §16.10: 180 is forwarded; a CANCEL is answered and propagated; the 487 comes back")
    void inviteCancelled() throws Exception {
        try (ServerFixture f = new ServerFixture(b -> b.recordRoute(true))) {
            SipStack callee = f.client();
            Callee uas = new Callee(false);
            callee.onRequest(uas);
            f.account(callee, "bob", Transport.UDP).register(Duration.ofSeconds(300)).get(WAIT, TimeUnit.SECONDS);

            SipStack caller = f.client();
            LinkedBlockingQueue<SipResponse> responses = new LinkedBlockingQueue<>();
            invite(caller, f, inviteFor(caller, f, "bob"), responses, true);
            assertEquals("INVITE", uas.seen.poll(WAIT, TimeUnit.SECONDS));
            SipResponse ringing = responses.poll(WAIT, TimeUnit.SECONDS);
            if (ringing.status() == 100) {
                ringing = responses.poll(WAIT, TimeUnit.SECONDS);
            }
            assertEquals(180, ringing.status());
            assertEquals(1, ringing.via().size(), "the proxy's Via is stripped");
            assertEquals(1, ringing.recordRoutes().size(), "Record-Route on");
            assertEquals(200, nextFinal(responses, SipRequest.CANCEL).status());
            assertEquals("CANCEL", uas.seen.poll(WAIT, TimeUnit.SECONDS));
            assertEquals(487, nextFinal(responses, SipRequest.INVITE).status());
        }
    }

    @Test
    @DisplayName("§16.7 step 10: the first 2xx to a forked INVITE is forwarded and the other branch cancelled; the ACK is routed on")
    void inviteAnsweredCancelsOtherBranch() throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            SipStack answering = f.client();
            Callee bob1 = new Callee(true);
            answering.onRequest(bob1);
            f.account(answering, "bob", Transport.UDP).register(Duration.ofSeconds(300)).get(WAIT, TimeUnit.SECONDS);
            SipStack ringing = f.client();
            Callee bob2 = new Callee(false);
            ringing.onRequest(bob2);
            f.account(ringing, "bob", Transport.UDP).register(Duration.ofSeconds(300)).get(WAIT, TimeUnit.SECONDS);

            SipStack caller = f.client();
            LinkedBlockingQueue<SipResponse> responses = new LinkedBlockingQueue<>();
            SipRequest inv = inviteFor(caller, f, "bob");
            invite(caller, f, inv, responses, false);
            SipResponse ok = nextFinal(responses, SipRequest.INVITE);
            assertEquals(200, ok.status());
            assertEquals("INVITE", bob2.seen.poll(WAIT, TimeUnit.SECONDS));
            assertEquals("CANCEL", bob2.seen.poll(WAIT, TimeUnit.SECONDS), "the ringing branch is cancelled");

            // §13.2.2.4: the caller ACKs the 2xx to its Contact (through the proxy, which has no Record-Route here,
            // so we route it explicitly to show the stateless forwarding of §16.11).
            TransportAddress local = caller.localAddress(Transport.UDP);
            SipRequest ack = SipRequest.builder(SipRequest.ACK, ok.contacts().get(0).uri())
                    .via(Via.of("UDP", "127.0.0.1", local.address().getPort()).withBranch(TransactionLayer.newBranch()))
                    .from(inv.from()).to(ok.to()).callId(inv.callId()).cseq(new CSeq(1, SipRequest.ACK)).maxForwards(70)
                    .header(HeaderName.ROUTE, f.route(Transport.UDP)).build();
            caller.loop().execute(() -> caller.transactions().sendStateless(ack, f.stack.localAddress(Transport.UDP), e -> { }));
            assertEquals("INVITE", bob1.seen.poll(WAIT, TimeUnit.SECONDS));
            assertEquals("ACK", bob1.seen.poll(WAIT, TimeUnit.SECONDS));
        }
    }

    @Test
    @DisplayName("§16.4: with Record-Route the route set names the proxy, and it pops itself from the Route")
    void recordRoute() throws Exception {
        try (ServerFixture f = new ServerFixture(b -> b.recordRoute(true))) {
            SipAccount alice = f.account(f.client(), "alice", Transport.UDP);
            SipAccount bob = f.account(f.client(), "bob", Transport.TCP);
            LinkedBlockingQueue<IncomingMessage> inbox = new LinkedBlockingQueue<>();
            bob.onMessage(inbox::add);
            bob.register(Duration.ofSeconds(300)).get(WAIT, TimeUnit.SECONDS);
            assertEquals(200, alice.message("sip:bob@sipim.test").text("rr").send().get(WAIT, TimeUnit.SECONDS).status());
            IncomingMessage m = inbox.poll(WAIT, TimeUnit.SECONDS);
            List<NameAddr> rr = m.request().recordRoutes();
            assertEquals(2, rr.size(), "UDP in, TCP out: double Record-Route " + rr);
            assertEquals(f.port(Transport.TCP), ((SipUri) rr.get(0).uri()).port());
            assertEquals(f.port(Transport.UDP), ((SipUri) rr.get(1).uri()).port());
            assertTrue(m.request().routes().isEmpty(), "the proxy removed its own Route");
        }
    }
}
