package io.sipim.sip.transaction;

import static io.sipim.sip.transaction.Fixture.CLIENT_IP;
import static io.sipim.sip.transaction.Fixture.SERVER_IP;
import static io.sipim.sip.transaction.Fixture.address;
import static io.sipim.sip.transaction.Fixture.request;
import static io.sipim.sip.transaction.Fixture.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.loop.ManualScheduler;
import io.sipim.sip.loop.Scheduler;
import io.sipim.sip.message.CSeq;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.Via;
import io.sipim.sip.transaction.Transaction.State;
import io.sipim.sip.transport.LoopNetwork;
import io.sipim.sip.transport.LoopTransport;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.transport.TransportAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The layer's contract: what sendRequest accepts, defaults, bookkeeping and the forward-only state rule. */
class TransactionLayerTest {
    private final Fixture f = new Fixture();
    private final TransactionLayer layer = f.layer(CLIENT_IP);
    private final TransportAddress udp = address(Transport.UDP, SERVER_IP);

    @Test
    @DisplayName("RFC 3261 §17.1: ACK has no client transaction; §8.1.1.7: the branch needs the magic cookie; "
            + "§8.1.1.5: CSeq carries the method")
    void sendRequestRejectsWhatIsNotATransaction() {
        Fixture.ClientLog log = f.clientLog();
        assertThrows(IllegalArgumentException.class,
                () -> layer.sendRequest(request(SipRequest.ACK, Transport.UDP, "z9hG4bKa"), udp, log));
        assertThrows(IllegalArgumentException.class,
                () -> layer.sendRequest(request(SipRequest.MESSAGE, Transport.UDP, "1234"), udp, log));
        assertThrows(IllegalArgumentException.class,
                () -> layer.sendRequest(request(SipRequest.MESSAGE, Transport.UDP, null), udp, log));
        SipRequest mismatched = request(SipRequest.MESSAGE, Transport.UDP, "z9hG4bKm").toBuilder()
                .cseq(new CSeq(1, SipRequest.OPTIONS)).build();
        assertThrows(IllegalArgumentException.class, () -> layer.sendRequest(mismatched, udp, log));
        assertEquals(List.of(), f.sent(CLIENT_IP));
        assertEquals(0, layer.clientCount());
    }

    @Test
    @DisplayName("RFC 3261 §17.1.3: branch and method identify a client transaction, so a second one is refused; "
            + "a CANCEL on the INVITE's branch is a different transaction")
    void duplicateBranchAndMethodRefused() {
        SipRequest invite = request(SipRequest.INVITE, Transport.UDP, "z9hG4bKdup");
        ClientTransaction tx = layer.sendRequest(invite, udp, f.clientLog());
        assertThrows(IllegalStateException.class, () -> layer.sendRequest(invite, udp, f.clientLog()));
        layer.sendRequest(tx.cancelRequest(), udp, f.clientLog());
        assertEquals(2, layer.clientCount());
        assertEquals("INVITE client z9hG4bKdup Calling", tx.toString());
    }

    @Test
    @DisplayName("Threading: transactions are driven on the scheduler's thread only")
    void offLoopCallsRefused() {
        ManualScheduler clock = new ManualScheduler();
        Scheduler elsewhere = new Scheduler() {
            @Override
            public long nanoTime() {
                return clock.nanoTime();
            }

            @Override
            public void execute(Runnable task) {
                clock.execute(task);
            }

            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                return clock.schedule(delay, task);
            }

            @Override
            public boolean inLoop() {
                return false;
            }
        };
        TransactionLayer off = new TransactionLayer(elsewhere,
                new LoopTransport(new LoopNetwork(clock, 1), CLIENT_IP, 5060), TransactionTimers.DEFAULT);
        assertThrows(IllegalStateException.class,
                () -> off.sendRequest(request(SipRequest.OPTIONS, Transport.UDP, "z9hG4bKo"), udp, f.clientLog()));
    }

    @Test
    @DisplayName("RFC 3261 §8.2.1: a layer without a TU answers requests 501 with a To tag")
    void noHandlerAnswers501() {
        Fixture.Peer peer = f.peer(SERVER_IP);
        peer.send(request(SipRequest.SUBSCRIBE, Transport.UDP, SERVER_IP, "z9hG4bKs", 1), address(Transport.UDP, CLIENT_IP));
        f.advanceTo(1);
        assertEquals(List.of("0 501 SUBSCRIBE"), peer.log);
        assertNotNull(((SipResponse) peer.last()).to().tag());
    }

    @Test
    @DisplayName("RFC 3261 §8.1.1.7, §19.3: new branches carry the magic cookie and new branches and tags are unique")
    void branchesAndTags() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String b = TransactionLayer.newBranch();
            assertTrue(b.startsWith(Via.MAGIC_COOKIE));
            assertTrue(Via.of("UDP", "h", 1).withBranch(b).hasRfc3261Branch());
            assertTrue(seen.add(b));
            assertTrue(seen.add(TransactionLayer.newTag()));
        }
    }

    @Test
    @DisplayName("PJSIP-style state rule: a transaction only moves forward")
    void stateOnlyMovesForward() {
        ClientTransaction tx = layer.sendRequest(request(SipRequest.MESSAGE, Transport.UDP, "z9hG4bKfw"), udp,
                f.clientLog());
        tx.moveTo(State.PROCEEDING, "test");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> tx.moveTo(State.TRYING, "test"));
        assertEquals("MESSAGE client z9hG4bKfw Proceeding: cannot move Proceeding -> Trying on test", e.getMessage());
        assertThrows(IllegalStateException.class, () -> tx.moveTo(State.PROCEEDING, "again"));
    }

    @Test
    @DisplayName("RFC 3261 §17.1.1.2, §17.2.1: terminated transactions leave both layers and leave no timer behind")
    void noLeaks() {
        Fixture.ServerLog tu = f.serverLog();
        TransactionLayer uas = f.layer(SERVER_IP).serverHandler(tu);
        tu.answer = (tx, r) -> {
            switch (r.method()) {
                case SipRequest.INVITE -> tx.respond(response(r, r.cseq().number() % 2 == 0 ? 200 : 486, "uas"));
                default -> tx.respond(response(r, 200, "uas"));
            }
        };
        int n = 0;
        for (Transport t : List.of(Transport.UDP, Transport.TCP)) {
            for (String method : List.of(SipRequest.INVITE, SipRequest.INVITE, SipRequest.MESSAGE, SipRequest.OPTIONS)) {
                n++;
                layer.sendRequest(request(method, t, CLIENT_IP, TransactionLayer.newBranch(), n),
                        address(t, SERVER_IP), f.clientLog());
            }
        }
        f.advanceTo(100);
        assertEquals(8, tu.transactions.size());
        assertTrue(layer.clientCount() > 0 && uas.serverCount() > 0, "UDP transactions linger to absorb retransmissions");
        f.advanceTo(40_000);
        assertEquals(0, layer.clientCount());
        assertEquals(0, uas.serverCount());
        assertEquals(0, f.clock.pendingTimers());
    }
}
