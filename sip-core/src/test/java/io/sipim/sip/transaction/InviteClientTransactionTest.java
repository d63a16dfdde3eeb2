package io.sipim.sip.transaction;

import static io.sipim.sip.transaction.Fixture.CLIENT_IP;
import static io.sipim.sip.transaction.Fixture.SERVER_IP;
import static io.sipim.sip.transaction.Fixture.address;
import static io.sipim.sip.transaction.Fixture.request;
import static io.sipim.sip.transaction.Fixture.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.transaction.Transaction.State;
import io.sipim.sip.transport.Received;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.transport.TransportAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The INVITE client transaction, RFC 3261 §17.1.1 and RFC 6026 §8.4, against a scripted server. */
class InviteClientTransactionTest {
    private final Fixture f = new Fixture();
    private final TransactionLayer layer = f.layer(CLIENT_IP);
    private final Fixture.Peer server = f.peer(SERVER_IP);
    private final Fixture.ClientLog log = f.clientLog();
    private final TransportAddress udp = address(Transport.UDP, SERVER_IP);
    private final TransportAddress client = address(Transport.UDP, CLIENT_IP);
    private final SipRequest invite = request(SipRequest.INVITE, Transport.UDP, "z9hG4bKinv1");

    @Test
    @DisplayName("RFC 3261 §17.1.1.2: Timer A retransmits at T1, 3T1, 7T1 ... (doubling, no T2 cap); Timer B times out at 64*T1")
    void timerAScheduleThenTimerB() {
        ClientTransaction tx = layer.sendRequest(invite, udp, log);
        assertEquals(State.CALLING, tx.state());
        f.advanceTo(60_000);
        assertEquals(List.of(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L), server.times("INVITE"));
        assertEquals(List.of("32000 timeout B", "32000 terminated"), log.log);
        assertEquals(State.TERMINATED, tx.state());
        assertEquals(List.of("INVITE client Calling -> Terminated on Timer B"), f.transitions);
        assertEquals(0, layer.clientCount());
    }

    @Test
    @DisplayName("RFC 3261 §17.1.1.2: a silent peer (every datagram lost) gets 7 INVITEs and the TU a Timer B timeout")
    void silentPeerTimesOut() {
        f.network.dropRate(1.0);
        layer.sendRequest(invite, udp, log);
        f.advanceTo(60_000);
        assertEquals(7, f.sent(CLIENT_IP).size());
        assertEquals(List.of(), server.received);
        assertEquals(List.of("32000 timeout B", "32000 terminated"), log.log);
    }

    @Test
    @DisplayName("RFC 3261 §17.1.4: an unreachable peer is a transport error; the transaction ends without retransmitting")
    void unreachablePeerIsTransportError() {
        f.network.fail(udp);
        ClientTransaction tx = layer.sendRequest(invite, udp, log);
        f.advanceTo(60_000);
        assertEquals(List.of("0 transport error", "0 terminated"), log.log);
        assertTrue(log.error.getMessage().contains("unreachable"));
        assertEquals(List.of("INVITE"), f.sent(CLIENT_IP));
        assertEquals(State.TERMINATED, tx.state());
        assertEquals(List.of("INVITE client Calling -> Terminated on transport error"), f.transitions);
        assertEquals(0, layer.clientCount());
    }

    @Test
    @DisplayName("RFC 3261 §17.1.1.2: no Timer A on a reliable transport; Timer B still applies")
    void reliableTransportDoesNotRetransmit() {
        SipRequest tcpInvite = request(SipRequest.INVITE, Transport.TCP, "z9hG4bKinv1");
        layer.sendRequest(tcpInvite, address(Transport.TCP, SERVER_IP), log);
        f.advanceTo(60_000);
        assertEquals(List.of(0L), server.times("INVITE"));
        assertEquals(List.of("32000 timeout B", "32000 terminated"), log.log);
    }

    @Test
    @DisplayName("RFC 3261 §17.1.1.2: a 1xx moves Calling to Proceeding, stops Timer A and Timer B, and goes to the TU")
    void provisionalStopsRetransmissionsAndTimerB() {
        ClientTransaction tx = layer.sendRequest(invite, udp, log);
        f.advanceTo(700);
        server.send(response(invite, 100, null), client);
        f.advanceTo(800);
        server.send(response(invite, 180, "callee"), client);
        f.advanceTo(120_000);
        assertEquals(List.of(0L, 500L), server.times("INVITE"));
        assertEquals(List.of("700 100", "800 180"), log.log);
        assertEquals(State.PROCEEDING, tx.state());
        assertEquals(List.of("INVITE client Calling -> Proceeding on 100"), f.transitions);
        assertEquals(1, layer.clientCount(), "in Proceeding the TU (Timer C at a proxy) decides when to give up");
    }

    @Test
    @DisplayName("RFC 3261 §17.1.1.3: a 300-699 is acknowledged by the transaction: same destination, branch, Request-URI, "
            + "Call-ID, From, CSeq number and Route; To from the response")
    void finalErrorIsAcknowledgedByTransaction() {
        SipRequest routed = invite.toBuilder()
                .header(HeaderName.ROUTE, NameAddr.parse("<sip:p1.example.com;lr>"))
                .header(HeaderName.ROUTE, NameAddr.parse("<sip:p2.example.com;lr>"))
                .build();
        ClientTransaction tx = layer.sendRequest(routed, udp, log);
        f.clock.runPending();
        SipResponse busy = response(routed, 486, "callee");
        server.send(busy, client);
        f.clock.runPending();

        assertEquals(State.COMPLETED, tx.state());
        assertEquals(List.of("0 486"), log.log);
        Received ackIn = server.received.get(1);
        assertEquals(udp, ackIn.local(), "sent to the INVITE's destination");
        SipRequest ack = (SipRequest) ackIn.message();
        assertEquals(SipRequest.ACK, ack.method());
        assertEquals(routed.requestUri(), ack.requestUri());
        assertEquals(List.of(routed.topVia()), ack.via(), "a single Via, equal to the INVITE's top Via");
        assertEquals("z9hG4bKinv1", ack.topVia().branch());
        assertEquals(busy.to(), ack.to());
        assertEquals("callee", ack.to().tag());
        assertEquals(routed.from(), ack.from());
        assertEquals(routed.callId(), ack.callId());
        assertEquals("1 ACK", ack.cseq().toString());
        assertEquals(routed.routes(), ack.routes());
        assertEquals(0, ack.bodyLength());
    }

    @Test
    @DisplayName("RFC 3261 §17.1.1.2: in Completed a retransmitted final response is absorbed and re-ACKed; Timer D (32 s UDP) ends it")
    void completedAbsorbsRetransmissionsUntilTimerD() {
        ClientTransaction tx = layer.sendRequest(invite, udp, log);
        f.advanceTo(100);
        server.send(response(invite, 180, "callee"), client);
        f.advanceTo(2_000);
        SipResponse decline = response(invite, 603, "callee");
        server.send(decline, client);
        f.advanceTo(3_000);
        server.send(decline, client);
        f.advanceTo(4_000);
        server.send(decline, client);
        f.advanceTo(33_999);
        assertEquals(State.COMPLETED, tx.state());
        f.advanceTo(34_000);

        assertEquals(List.of(2_000L, 3_000L, 4_000L), server.times("ACK"));
        assertEquals(List.of("100 180", "2000 603", "34000 terminated"), log.log);
        assertEquals(List.of("INVITE client Calling -> Proceeding on 180",
                "INVITE client Proceeding -> Completed on 603",
                "INVITE client Completed -> Terminated on Timer D"), f.transitions);
        assertEquals(0, layer.clientCount());
    }

    @Test
    @DisplayName("RFC 3261 §17.1.1.2: Timer D is zero on a reliable transport; Completed ends at once")
    void timerDIsZeroOnReliableTransport() {
        SipRequest tcpInvite = request(SipRequest.INVITE, Transport.TCP, "z9hG4bKinv1");
        layer.sendRequest(tcpInvite, address(Transport.TCP, SERVER_IP), log);
        f.advanceTo(10);
        server.send(response(tcpInvite, 404, "callee"), address(Transport.TCP, CLIENT_IP));
        f.advanceTo(20);
        assertEquals(List.of("10 404", "10 terminated"), log.log);
        assertEquals(List.of(10L), server.times("ACK"));
        assertEquals(0, layer.clientCount());
    }

    @Test
    @DisplayName("RFC 3261 §17.1.4: an ACK that cannot be sent is a transport error")
    void ackSendFailureIsTransportError() {
        layer.sendRequest(invite, udp, log);
        f.clock.runPending();
        f.network.fail(udp);
        server.send(response(invite, 500, "callee"), client);
        f.clock.runPending();
        assertEquals(List.of("0 500", "0 transport error", "0 terminated"), log.log);
        assertEquals(List.of("INVITE", "ACK"), f.sent(CLIENT_IP));
    }

    @Test
    @DisplayName("RFC 6026 §8.4: a 2xx moves to Accepted without an ACK from the transaction; every 2xx (retransmitted "
            + "or forked) reaches the TU until Timer M; later ones are stray")
    void acceptedPassesEvery2xxUntilTimerM() {
        List<String> stray = new ArrayList<>();
        layer.strayResponses(r -> stray.add(f.ms() + " " + Fixture.describe(r.message())));
        ClientTransaction tx = layer.sendRequest(invite, udp, log);
        f.advanceTo(100);
        SipResponse ok = response(invite, 200, "callee");
        server.send(ok, client);
        f.advanceTo(600);
        server.send(ok, client);
        f.advanceTo(700);
        server.send(response(invite, 200, "fork2"), client);
        f.advanceTo(800);
        server.send(response(invite, 180, "fork3"), client);
        server.send(response(invite, 486, "fork4"), client);
        f.advanceTo(32_099);
        assertEquals(State.ACCEPTED, tx.state());
        f.advanceTo(32_100);
        assertEquals(State.TERMINATED, tx.state());
        server.send(ok, client);
        f.advanceTo(40_000);

        assertEquals(List.of("100 200", "600 200", "700 200", "32100 terminated"), log.log);
        assertEquals("fork2", log.responses.get(2).to().tag());
        assertEquals(List.of(), server.times("ACK"), "the TU acknowledges 2xx itself (§13.2.2.4)");
        assertEquals(List.of(0L), server.times("INVITE"));
        assertEquals(List.of("32100 200 INVITE"), stray);
        assertEquals(List.of("INVITE client Calling -> Accepted on 200",
                "INVITE client Accepted -> Terminated on Timer M"), f.transitions);
    }

    @Test
    @DisplayName("RFC 3261 §9.1: the CANCEL for an INVITE copies Request-URI, Call-ID, From, To, CSeq number and top Via")
    void cancelRequestMirrorsInvite() {
        ClientTransaction tx = layer.sendRequest(invite, udp, log);
        SipRequest cancel = tx.cancelRequest();
        assertEquals(SipRequest.CANCEL, cancel.method());
        assertEquals(invite.requestUri(), cancel.requestUri());
        assertEquals(List.of(invite.topVia()), cancel.via());
        assertEquals(invite.to(), cancel.to());
        assertNull(cancel.to().tag());
        assertEquals(invite.from(), cancel.from());
        assertEquals(invite.callId(), cancel.callId());
        assertEquals("1 CANCEL", cancel.cseq().toString());

        ClientTransaction options = layer.sendRequest(request(SipRequest.OPTIONS, Transport.UDP, "z9hG4bKo"), udp, log);
        assertThrows(IllegalStateException.class, options::cancelRequest);
    }
}
