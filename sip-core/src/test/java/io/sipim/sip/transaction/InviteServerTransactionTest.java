package io.sipim.sip.transaction;

import static io.sipim.sip.transaction.Fixture.CLIENT_IP;
import static io.sipim.sip.transaction.Fixture.SERVER_IP;
import static io.sipim.sip.transaction.Fixture.address;
import static io.sipim.sip.transaction.Fixture.request;
import static io.sipim.sip.transaction.Fixture.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.transaction.Transaction.State;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.transport.TransportAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The INVITE server transaction, RFC 3261 §17.2.1 and RFC 6026 §8.7, against a scripted client. */
class InviteServerTransactionTest {
    private final Fixture f = new Fixture();
    private final Fixture.ServerLog tu = f.serverLog();
    private final TransactionLayer layer = f.layer(SERVER_IP).serverHandler(tu);
    private final Fixture.Peer client = f.peer(CLIENT_IP);
    private final TransportAddress server = address(Transport.UDP, SERVER_IP);
    private final SipRequest invite = request(SipRequest.INVITE, Transport.UDP, "z9hG4bKinv1");

    private ServerTransaction tx() {
        return tu.transactions.get(0);
    }

    /** The ACK a client transaction sends for {@code response} (§17.1.1.3). */
    private SipRequest ackFor(SipResponse response, String branch) {
        return request(SipRequest.ACK, Transport.UDP, branch).toBuilder().to(response.to()).build();
    }

    @Test
    @DisplayName("RFC 3261 §17.2.1: a TU silent for 200 ms gets a 100 Trying sent for it, without To tag, Timestamp echoed")
    void automaticTryingAfter200ms() {
        client.send(invite.toBuilder().header(HeaderName.TIMESTAMP, "54").build(), server);
        f.advanceTo(199);
        assertEquals(List.of(), client.received);
        assertEquals(State.PROCEEDING, tx().state());
        f.advanceTo(1_000);
        assertEquals(List.of(200L), client.times("100 INVITE"));
        SipResponse trying = (SipResponse) client.last();
        assertNull(trying.to().tag(), "§8.2.6.1: no To tag on 100 Trying");
        assertEquals(invite.via(), trying.via());
        assertEquals("54", trying.first(HeaderName.TIMESTAMP));
        assertEquals(100, tx().lastResponse().status());
        assertEquals(List.of("0 request INVITE"), tu.log);
    }

    @Test
    @DisplayName("RFC 3261 §17.2.1: no 100 Trying when the TU answers within 200 ms")
    void noTryingWhenTuAnswersInTime() {
        client.send(invite, server);
        f.advanceTo(150);
        assertTrue(tx().respond(response(invite, 180, "uas")));
        f.advanceTo(5_000);
        assertEquals(List.of("150 180 INVITE"), client.log);
    }

    @Test
    @DisplayName("RFC 3261 §17.2.1: in Proceeding a retransmitted INVITE gets the latest provisional response again, "
            + "and nothing before there is one; the TU sees the INVITE once")
    void proceedingResendsLatestProvisional() {
        client.send(invite, server);
        f.advanceTo(100);
        client.send(invite, server);
        f.advanceTo(300);
        client.send(invite, server);
        f.advanceTo(400);
        tx().respond(response(invite, 180, "uas"));
        f.advanceTo(500);
        client.send(invite, server);
        f.advanceTo(600);
        assertEquals(List.of("200 100 INVITE", "300 100 INVITE", "400 180 INVITE", "500 180 INVITE"), client.log);
        assertEquals(List.of("0 request INVITE"), tu.log);
        assertEquals(1, layer.serverCount());
    }

    @Test
    @DisplayName("RFC 3261 §17.2.1: a 300-699 moves to Completed; Timer G resends it at T1, 3T1, 7T1, then every T2; "
            + "Timer H (64*T1) without ACK informs the TU and ends the transaction")
    void timerGScheduleThenTimerH() {
        tu.answer = (t, r) -> t.respond(response(r, 486, "uas"));
        client.send(invite, server);
        f.advanceTo(60_000);
        assertEquals(List.of(0L, 500L, 1_500L, 3_500L, 7_500L, 11_500L, 15_500L, 19_500L, 23_500L, 27_500L, 31_500L),
                client.times("486 INVITE"));
        assertEquals(List.of("0 request INVITE", "32000 timeout H", "32000 terminated INVITE"), tu.log);
        assertEquals(List.of("INVITE server Proceeding -> Completed on 486 from TU",
                "INVITE server Completed -> Terminated on Timer H"), f.transitions);
        assertEquals(0, layer.serverCount());
    }

    @Test
    @DisplayName("RFC 3261 §17.2.1: in Completed a retransmitted INVITE gets the final response again; the ACK moves to "
            + "Confirmed, stops Timer G, is not passed to the TU; ACK retransmissions are absorbed until Timer I (T4)")
    void ackConfirmsThenTimerI() {
        tu.answer = (t, r) -> t.respond(response(r, 486, "uas"));
        client.send(invite, server);
        f.advanceTo(600);
        client.send(invite, server);
        f.advanceTo(700);
        SipRequest ack = ackFor((SipResponse) client.last(), "z9hG4bKinv1");
        client.send(ack, server);
        f.advanceTo(800);
        client.send(ack, server);
        f.advanceTo(5_699);
        assertEquals(State.CONFIRMED, tx().state());
        f.advanceTo(60_000);

        assertEquals(List.of(0L, 500L, 600L), client.times("486 INVITE"));
        assertEquals(List.of("0 request INVITE", "5700 terminated INVITE"), tu.log);
        assertEquals(List.of("INVITE server Proceeding -> Completed on 486 from TU",
                "INVITE server Completed -> Confirmed on ACK",
                "INVITE server Confirmed -> Terminated on Timer I"), f.transitions);
    }

    @Test
    @DisplayName("RFC 3261 §17.2.1: on a reliable transport there is no Timer G and Timer I is zero")
    void reliableTransportNoTimerGAndZeroTimerI() {
        SipRequest tcpInvite = request(SipRequest.INVITE, Transport.TCP, "z9hG4bKinv1");
        tu.answer = (t, r) -> t.respond(response(r, 603, "uas"));
        client.send(tcpInvite, address(Transport.TCP, SERVER_IP));
        f.advanceTo(10_000);
        SipRequest ack = request(SipRequest.ACK, Transport.TCP, "z9hG4bKinv1").toBuilder()
                .to(((SipResponse) client.last()).to()).build();
        client.send(ack, address(Transport.TCP, SERVER_IP));
        f.advanceTo(10_001);
        assertEquals(List.of(0L), client.times("603 INVITE"));
        assertEquals(List.of("0 request INVITE", "10000 terminated INVITE"), tu.log);
    }

    @Test
    @DisplayName("RFC 6026 §8.7: a 2xx moves to Accepted; retransmitted INVITEs are absorbed, 2xx from the TU pass, other "
            + "responses do not; ACKs go to the TU; Timer L (64*T1) ends it")
    void acceptedAbsorbsInvitesAndPassesAcksToTu() {
        tu.answer = (t, r) -> t.respond(response(r, 200, "uas"));
        client.send(invite, server);
        f.advanceTo(500);
        client.send(invite, server);
        f.advanceTo(1_000);
        SipResponse ok = response(invite, 200, "uas");
        assertTrue(tx().respond(ok), "the TU's 2xx retransmission (§13.3.1.4) passes");
        assertFalse(tx().respond(response(invite, 486, "uas")));
        f.advanceTo(1_200);
        client.send(ackFor(ok, "z9hG4bKack2xx"), server);
        f.advanceTo(1_300);
        client.send(ackFor(ok, "z9hG4bKinv1"), server);
        f.advanceTo(31_999);
        assertEquals(State.ACCEPTED, tx().state());
        f.advanceTo(32_000);

        assertEquals(List.of("0 200 INVITE", "1000 200 INVITE"), client.log);
        assertEquals(List.of("0 request INVITE", "1200 ack", "1300 ack in Accepted", "32000 terminated INVITE"), tu.log);
        assertNull(tu.ackedInvites.get(0), "an ACK with its own branch matches no transaction");
        assertSame(tx(), tu.ackedInvites.get(1));
        assertEquals(List.of("INVITE server Proceeding -> Accepted on 200 from TU",
                "INVITE server Accepted -> Terminated on Timer L"), f.transitions);
        assertEquals(0, layer.serverCount());
    }

    @Test
    @DisplayName("RFC 3261 §17.2.1: after a final response the TU cannot send another one or a provisional one")
    void noResponsesAfterFinal() {
        tu.answer = (t, r) -> t.respond(response(r, 404, "uas"));
        client.send(invite, server);
        f.advanceTo(10);
        assertFalse(tx().respond(response(invite, 180, "uas")));
        assertFalse(tx().respond(response(invite, 200, "uas")));
        f.advanceTo(20);
        assertEquals(List.of("0 404 INVITE"), client.log);
        assertThrows(IllegalArgumentException.class,
                () -> tx().respond(response(request(SipRequest.INVITE, Transport.UDP, Fixture.CLIENT_IP,
                        "z9hG4bKinv1", 2), 200, "uas")), "CSeq 2 is not this transaction's");
    }

    @Test
    @DisplayName("RFC 3261 §17.2.4: a response that cannot be sent is reported to the TU and ends the transaction")
    void transportErrorEndsTransaction() {
        client.send(invite, server);
        f.clock.runPending();
        f.network.fail(address(Transport.UDP, CLIENT_IP));
        f.advanceTo(1_000);
        assertEquals(List.of("0 request INVITE", "200 transport error INVITE", "200 terminated INVITE"), tu.log);
        assertEquals(List.of("INVITE server Proceeding -> Terminated on transport error"), f.transitions);
        assertEquals(0, layer.serverCount());
    }

    @Test
    @DisplayName("RFC 3261 §17.2.4 with RFC 6026 Figure 7: in Accepted a transport error is reported but the "
            + "transaction stays until Timer L, still absorbing INVITE retransmissions")
    void transportErrorInAcceptedKeepsTransaction() {
        client.send(invite, server);
        f.clock.runPending();
        f.network.fail(address(Transport.UDP, CLIENT_IP));
        tx().respond(response(invite, 200, "uas"));
        f.advanceTo(100);
        assertEquals(State.ACCEPTED, tx().state());
        client.send(invite, server);
        f.advanceTo(40_000);
        assertEquals(List.of("0 request INVITE", "0 transport error INVITE", "32000 terminated INVITE"), tu.log);
    }
}
