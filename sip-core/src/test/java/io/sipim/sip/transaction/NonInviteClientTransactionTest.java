package io.sipim.sip.transaction;

import static io.sipim.sip.transaction.Fixture.CLIENT_IP;
import static io.sipim.sip.transaction.Fixture.SERVER_IP;
import static io.sipim.sip.transaction.Fixture.address;
import static io.sipim.sip.transaction.Fixture.request;
import static io.sipim.sip.transaction.Fixture.response;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.transaction.Transaction.State;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.transport.TransportAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The non-INVITE client transaction, RFC 3261 §17.1.2, against a scripted server. */
class NonInviteClientTransactionTest {
    private final Fixture f = new Fixture();
    private final TransactionLayer layer = f.layer(CLIENT_IP);
    private final Fixture.Peer server = f.peer(SERVER_IP);
    private final Fixture.ClientLog log = f.clientLog();
    private final TransportAddress udp = address(Transport.UDP, SERVER_IP);
    private final TransportAddress client = address(Transport.UDP, CLIENT_IP);
    private final SipRequest message = request(SipRequest.MESSAGE, Transport.UDP, "z9hG4bKmsg1");

    @Test
    @DisplayName("RFC 3261 §17.1.2.2: Timer E retransmits at T1, 3T1, 7T1, then every T2 (capped); Timer F times out at 64*T1")
    void timerEScheduleThenTimerF() {
        ClientTransaction tx = layer.sendRequest(message, udp, log);
        assertEquals(State.TRYING, tx.state());
        f.advanceTo(60_000);
        assertEquals(List.of(0L, 500L, 1_500L, 3_500L, 7_500L, 11_500L, 15_500L, 19_500L, 23_500L, 27_500L, 31_500L),
                server.times("MESSAGE"));
        assertEquals(List.of("32000 timeout F", "32000 terminated"), log.log);
        assertEquals(List.of("MESSAGE client Trying -> Terminated on Timer F"), f.transitions);
        assertEquals(0, layer.clientCount());
    }

    @Test
    @DisplayName("RFC 3261 §17.1.2.2: T2 caps Timer E at its configured value (T1 = 100 ms, T2 = 400 ms)")
    void timerECapFollowsConfiguredT2() {
        TransactionLayer fast = f.layer("10.0.0.3", TransactionTimers.builder()
                .t1(Duration.ofMillis(100)).t2(Duration.ofMillis(400)).build());
        fast.sendRequest(request(SipRequest.MESSAGE, Transport.UDP, "10.0.0.3", "z9hG4bKfast", 1), udp, log);
        f.advanceTo(10_000);
        assertEquals(List.of(0L, 100L, 300L, 700L, 1_100L, 1_500L, 1_900L, 2_300L, 2_700L, 3_100L, 3_500L, 3_900L,
                4_300L, 4_700L, 5_100L, 5_500L, 5_900L, 6_300L), server.times("MESSAGE"));
        assertEquals(List.of("6400 timeout F", "6400 terminated"), log.log);
    }

    @Test
    @DisplayName("RFC 3261 §17.1.2.2: a silent peer (every datagram lost) gets 11 requests and the TU a Timer F timeout")
    void silentPeerTimesOut() {
        f.network.dropRate(1.0);
        layer.sendRequest(message, udp, log);
        f.advanceTo(60_000);
        assertEquals(11, f.sent(CLIENT_IP).size());
        assertEquals(List.of("32000 timeout F", "32000 terminated"), log.log);
    }

    @Test
    @DisplayName("RFC 3261 §17.1.4: an unreachable peer is a transport error and ends the transaction")
    void unreachablePeerIsTransportError() {
        f.network.fail(udp);
        layer.sendRequest(message, udp, log);
        f.advanceTo(60_000);
        assertEquals(List.of("0 transport error", "0 terminated"), log.log);
        assertEquals(List.of("MESSAGE"), f.sent(CLIENT_IP));
        assertEquals(List.of("MESSAGE client Trying -> Terminated on transport error"), f.transitions);
    }

    @Test
    @DisplayName("RFC 3261 §17.1.4: a retransmission that cannot be sent is a transport error too")
    void failedRetransmissionIsTransportError() {
        layer.sendRequest(message, udp, log);
        f.advanceTo(100);
        f.network.fail(udp);
        f.advanceTo(60_000);
        assertEquals(List.of("500 transport error", "500 terminated"), log.log);
        assertEquals(List.of(0L), server.times("MESSAGE"));
    }

    @Test
    @DisplayName("RFC 3261 §17.1.2.2: no Timer E on a reliable transport; Timer F still applies")
    void reliableTransportDoesNotRetransmit() {
        SipRequest tcp = request(SipRequest.MESSAGE, Transport.TCP, "z9hG4bKmsg1");
        layer.sendRequest(tcp, address(Transport.TCP, SERVER_IP), log);
        f.advanceTo(60_000);
        assertEquals(List.of(0L), server.times("MESSAGE"));
        assertEquals(List.of("32000 timeout F", "32000 terminated"), log.log);
    }

    @Test
    @DisplayName("RFC 3261 §17.1.2.2: in Proceeding the request is still retransmitted, every T2, until Timer F")
    void proceedingRetransmitsEveryT2() {
        ClientTransaction tx = layer.sendRequest(message, udp, log);
        f.advanceTo(600);
        server.send(response(message, 100, null), client);
        f.advanceTo(60_000);
        assertEquals(List.of(0L, 500L, 1_500L, 5_500L, 9_500L, 13_500L, 17_500L, 21_500L, 25_500L, 29_500L),
                server.times("MESSAGE"));
        assertEquals(List.of("600 100", "32000 timeout F", "32000 terminated"), log.log);
        assertEquals(State.TERMINATED, tx.state());
        assertEquals(List.of("MESSAGE client Trying -> Proceeding on 100",
                "MESSAGE client Proceeding -> Terminated on Timer F"), f.transitions);
    }

    @Test
    @DisplayName("RFC 3261 §17.1.2.2: a final response in Proceeding completes; retransmissions are absorbed; Timer K = T4 on UDP")
    void finalResponseCompletesAndTimerKEnds() {
        ClientTransaction tx = layer.sendRequest(message, udp, log);
        f.advanceTo(100);
        server.send(response(message, 180, "srv"), client);
        f.advanceTo(200);
        SipResponse ok = response(message, 200, "srv");
        server.send(ok, client);
        f.advanceTo(300);
        server.send(ok, client);
        f.advanceTo(5_199);
        assertEquals(State.COMPLETED, tx.state());
        f.advanceTo(40_000);

        assertEquals(List.of("100 180", "200 200", "5200 terminated"), log.log);
        assertEquals(List.of(0L), server.times("MESSAGE"), "Timer E stopped before its first firing at 500 ms");
        assertEquals(List.of("MESSAGE client Trying -> Proceeding on 180",
                "MESSAGE client Proceeding -> Completed on 200",
                "MESSAGE client Completed -> Terminated on Timer K"), f.transitions);
        assertEquals(0, layer.clientCount());
    }

    @Test
    @DisplayName("RFC 3261 §17.1.2.2: a final response in Trying completes directly; Timer K is zero on a reliable transport")
    void timerKIsZeroOnReliableTransport() {
        SipRequest tcp = request(SipRequest.REGISTER, Transport.TCP, "z9hG4bKreg1");
        layer.sendRequest(tcp, address(Transport.TCP, SERVER_IP), log);
        f.advanceTo(10);
        server.send(response(tcp, 401, "srv"), address(Transport.TCP, CLIENT_IP));
        f.advanceTo(20);
        assertEquals(List.of("10 401", "10 terminated"), log.log);
        assertEquals(List.of("REGISTER client Trying -> Completed on 401",
                "REGISTER client Completed -> Terminated on Timer K"), f.transitions);
    }
}
