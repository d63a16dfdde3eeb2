package io.sipim.sip.transaction;

import static io.sipim.sip.transaction.Fixture.CLIENT_IP;
import static io.sipim.sip.transaction.Fixture.SERVER_IP;
import static io.sipim.sip.transaction.Fixture.address;
import static io.sipim.sip.transaction.Fixture.request;
import static io.sipim.sip.transaction.Fixture.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.message.SipRequest;
import io.sipim.sip.transaction.Transaction.State;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.transport.TransportAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The non-INVITE server transaction, RFC 3261 §17.2.2, against a scripted client. */
class NonInviteServerTransactionTest {
    private final Fixture f = new Fixture();
    private final Fixture.ServerLog tu = f.serverLog();
    private final TransactionLayer layer = f.layer(SERVER_IP).serverHandler(tu);
    private final Fixture.Peer client = f.peer(CLIENT_IP);
    private final TransportAddress server = address(Transport.UDP, SERVER_IP);
    private final SipRequest message = request(SipRequest.MESSAGE, Transport.UDP, "z9hG4bKmsg1");

    private ServerTransaction tx() {
        return tu.transactions.get(0);
    }

    @Test
    @DisplayName("RFC 3261 §17.2.2: a new request creates a transaction in Trying; retransmissions in Trying are "
            + "absorbed without an answer and without reaching the TU again")
    void tryingAbsorbsRetransmissions() {
        client.send(message, server);
        f.advanceTo(500);
        client.send(message, server);
        f.advanceTo(1_500);
        client.send(message, server);
        f.advanceTo(2_000);
        assertEquals(State.TRYING, tx().state());
        assertEquals(List.of(), client.received, "no automatic 100 for non-INVITE (§17.2.2)");
        assertEquals(List.of("0 request MESSAGE"), tu.log);
        assertEquals(1, layer.serverCount());
    }

    @Test
    @DisplayName("RFC 3261 §17.2.2: a provisional response moves to Proceeding; a retransmission gets it again")
    void proceedingResendsProvisional() {
        client.send(message, server);
        f.advanceTo(100);
        assertTrue(tx().respond(response(message, 100, null)));
        f.advanceTo(200);
        tx().respond(response(message, 180, "uas"));
        f.advanceTo(500);
        client.send(message, server);
        f.advanceTo(600);
        assertEquals(List.of("100 100 MESSAGE", "200 180 MESSAGE", "500 180 MESSAGE"), client.log);
        assertEquals(State.PROCEEDING, tx().state());
        assertEquals(List.of("MESSAGE server Trying -> Proceeding on 100 from TU"), f.transitions);
    }

    @Test
    @DisplayName("RFC 3261 §17.2.2: a final response moves to Completed; retransmissions get it again, later TU "
            + "responses are discarded; Timer J (64*T1 on UDP) ends it")
    void completedResendsFinalUntilTimerJ() {
        client.send(message, server);
        f.advanceTo(100);
        tx().respond(response(message, 180, "uas"));
        f.advanceTo(200);
        assertTrue(tx().respond(response(message, 202, "uas")));
        assertFalse(tx().respond(response(message, 500, "uas")));
        assertFalse(tx().respond(response(message, 180, "uas")));
        f.advanceTo(500);
        client.send(message, server);
        f.advanceTo(1_500);
        client.send(message, server);
        f.advanceTo(32_199);
        assertEquals(State.COMPLETED, tx().state());
        f.advanceTo(32_200);
        client.send(message, server);
        f.advanceTo(32_300);

        assertEquals(List.of(200L, 500L, 1_500L), client.times("202 MESSAGE"));
        assertEquals(List.of("0 request MESSAGE", "32200 terminated MESSAGE", "32200 request MESSAGE"), tu.log,
                "after Timer J a late retransmission is a new request");
        assertEquals(List.of("MESSAGE server Trying -> Proceeding on 180 from TU",
                "MESSAGE server Proceeding -> Completed on 202 from TU",
                "MESSAGE server Completed -> Terminated on Timer J"), f.transitions);
    }

    @Test
    @DisplayName("RFC 3261 §17.2.2: a final response in Trying completes directly; Timer J is zero on a reliable transport")
    void timerJIsZeroOnReliableTransport() {
        SipRequest tcp = request(SipRequest.OPTIONS, Transport.TCP, "z9hG4bKopt1");
        tu.answer = (t, r) -> t.respond(response(r, 200, "uas"));
        client.send(tcp, address(Transport.TCP, SERVER_IP));
        f.advanceTo(1);
        assertEquals(List.of("0 200 OPTIONS"), client.log);
        assertEquals(List.of("0 request OPTIONS", "0 terminated OPTIONS"), tu.log);
        assertEquals(List.of("OPTIONS server Trying -> Completed on 200 from TU",
                "OPTIONS server Completed -> Terminated on Timer J"), f.transitions);
        assertEquals(0, layer.serverCount());
    }

    @Test
    @DisplayName("RFC 3261 §17.2.4: a response that cannot be sent is reported to the TU and ends the transaction")
    void transportErrorEndsTransaction() {
        client.send(message, server);
        f.clock.runPending();
        f.network.fail(address(Transport.UDP, CLIENT_IP));
        tx().respond(response(message, 200, "uas"));
        f.advanceTo(10);
        assertEquals(List.of("0 request MESSAGE", "0 transport error MESSAGE", "0 terminated MESSAGE"), tu.log);
        assertEquals(List.of("MESSAGE server Trying -> Completed on 200 from TU",
                "MESSAGE server Completed -> Terminated on transport error"), f.transitions);
        assertEquals(0, layer.serverCount());
        assertFalse(tx().respond(response(message, 200, "uas")), "a terminated transaction sends nothing");
    }

    @Test
    @DisplayName("RFC 3261 §18.2.2: responses go to the request's source address and transport")
    void responsesGoToSource() {
        Fixture.Peer other = f.peer("10.0.0.9");
        // The Via names 10.0.0.1, but the datagram comes from 10.0.0.9: the answer follows the packet (RFC 3581).
        tu.answer = (t, r) -> t.respond(response(r, 200, "uas"));
        other.send(message, server);
        f.advanceTo(1);
        assertEquals(List.of(), client.received);
        assertEquals(List.of("0 200 MESSAGE"), other.log);
        assertEquals(address(Transport.UDP, "10.0.0.9"), tx().peer());
    }

    @Test
    @DisplayName("RFC 3261 §17.2.2: in Completed over UDP only the encoded final response is kept for Timer J; "
            + "retransmissions get the same bytes, lastResponse() still answers, the parsed request is let go")
    void completedKeepsOnlyTheEncodedResponse() {
        client.send(message, server);
        f.advanceTo(100);
        var ok = response(message, 200, "uas");
        assertTrue(tx().respond(ok));
        assertEquals(message, tx().request(), "still there in the task that answered");
        f.advanceTo(200);
        assertEquals(null, tx().request());
        assertEquals(null, tx().received());
        assertEquals(ok, tx().lastResponse());
        assertEquals("MESSAGE", tx().method());
        client.send(message, server);
        f.advanceTo(300);
        assertEquals(List.of("100 200 MESSAGE", "200 200 MESSAGE"), client.log);
        assertEquals(ok, client.received.get(1).message());
    }
}
