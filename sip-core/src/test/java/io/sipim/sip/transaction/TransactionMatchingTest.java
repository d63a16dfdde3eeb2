package io.sipim.sip.transaction;

import static io.sipim.sip.transaction.Fixture.CLIENT_IP;
import static io.sipim.sip.transaction.Fixture.SERVER_IP;
import static io.sipim.sip.transaction.Fixture.address;
import static io.sipim.sip.transaction.Fixture.request;
import static io.sipim.sip.transaction.Fixture.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.Via;
import io.sipim.sip.transaction.Transaction.State;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.transport.TransportAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How the layer finds the transaction a message belongs to: RFC 3261 §17.1.3, §17.2.3, §9.2. */
class TransactionMatchingTest {
    private final Fixture f = new Fixture();
    private final Fixture.ServerLog tu = f.serverLog();
    private final TransactionLayer layer = f.layer(SERVER_IP).serverHandler(tu);
    private final Fixture.Peer client = f.peer(CLIENT_IP);
    private final TransportAddress server = address(Transport.UDP, SERVER_IP);
    private final SipRequest invite = request(SipRequest.INVITE, Transport.UDP, "z9hG4bKinv1");

    private static SipRequest withVia(SipRequest r, Via via) {
        return r.toBuilder().remove(HeaderName.VIA).via(via).build();
    }

    // ---- §17.2.3, RFC 3261 branch ---------------------------------------------------------

    @Test
    @DisplayName("RFC 3261 §17.2.3: the same branch from another sent-by, or with another method, is another transaction")
    void branchSentByAndMethodAllCount() {
        SipRequest message = request(SipRequest.MESSAGE, Transport.UDP, "z9hG4bKsame");
        client.send(message, server);
        client.send(withVia(message, Via.of("UDP", "10.0.0.5", 5060).withBranch("z9hG4bKsame")), server);
        client.send(request(SipRequest.OPTIONS, Transport.UDP, "z9hG4bKsame"), server);
        client.send(message, server);
        f.advanceTo(1);
        assertEquals(List.of("0 request MESSAGE", "0 request MESSAGE", "0 request OPTIONS"), tu.log);
        assertEquals(3, layer.serverCount());
    }

    @Test
    @DisplayName("RFC 3261 §17.2.3: an ACK matches the INVITE transaction by branch and sent-by; from another sent-by it "
            + "matches nothing and goes to the TU")
    void ackNeedsSameSentBy() {
        tu.answer = (t, r) -> t.respond(response(r, 486, "uas"));
        client.send(invite, server);
        f.advanceTo(100);
        SipRequest ack = request(SipRequest.ACK, Transport.UDP, "z9hG4bKinv1").toBuilder()
                .to(((SipResponse) client.last()).to()).build();
        client.send(withVia(ack, Via.of("UDP", "10.0.0.5", 5060).withBranch("z9hG4bKinv1")), server);
        f.advanceTo(200);
        assertEquals(State.COMPLETED, tu.transactions.get(0).state());
        client.send(ack, server);
        f.advanceTo(300);
        assertEquals(State.CONFIRMED, tu.transactions.get(0).state());
        assertEquals(List.of("0 request INVITE", "100 ack"), tu.log);
    }

    // ---- §9.2 CANCEL -----------------------------------------------------------------------

    @Test
    @DisplayName("RFC 3261 §9.2: a CANCEL is its own transaction; the TU gets the INVITE it matches; by default the "
            + "INVITE is answered 487 and the CANCEL 200, with the To tag already used")
    void cancelAnswers487And200() {
        tu.answer = (t, r) -> t.respond(response(r, 180, "uas"));
        client.send(invite, server);
        f.advanceTo(1_000);
        SipRequest cancel = request(SipRequest.CANCEL, Transport.UDP, "z9hG4bKinv1");
        client.send(cancel, server);
        f.advanceTo(1_500);
        client.send(cancel, server);
        f.advanceTo(1_600);

        assertEquals(List.of("0 request INVITE", "1000 cancel of INVITE"), tu.log);
        assertEquals(List.of("0 180 INVITE", "1000 487 INVITE", "1000 200 CANCEL", "1500 487 INVITE", "1500 200 CANCEL"),
                client.log.subList(0, 5), "the CANCEL retransmission gets its 200 again; Timer G resends the 487");
        SipResponse terminated = (SipResponse) client.message(1);
        SipResponse ok = (SipResponse) client.message(2);
        assertEquals("uas", terminated.to().tag());
        assertEquals("uas", ok.to().tag());
        ServerTransaction inv = tu.transactions.get(0);
        ServerTransaction can = tu.transactions.get(1);
        assertEquals(State.COMPLETED, inv.state());
        assertEquals(SipRequest.CANCEL, can.method());
        assertEquals(State.COMPLETED, can.state());
        assertEquals(2, layer.serverCount());
    }

    @Test
    @DisplayName("RFC 3261 §9.2: a CANCEL that matches no INVITE is answered 481")
    void unmatchedCancelGets481() {
        client.send(request(SipRequest.CANCEL, Transport.UDP, "z9hG4bKnone"), server);
        f.advanceTo(1);
        assertEquals(List.of("0 cancel unmatched"), tu.log);
        assertEquals(List.of("0 481 CANCEL"), client.log);
        assertNotNull(((SipResponse) client.last()).to().tag());
    }

    @Test
    @DisplayName("RFC 3261 §9.2: a CANCEL after the final response has no effect on the INVITE; the CANCEL still gets 200")
    void cancelAfterFinalOnlyGets200() {
        tu.answer = (t, r) -> t.respond(response(r, 200, "uas"));
        client.send(invite, server);
        f.advanceTo(100);
        client.send(request(SipRequest.CANCEL, Transport.UDP, "z9hG4bKinv1"), server);
        f.advanceTo(200);
        assertEquals(List.of("0 200 INVITE", "100 200 CANCEL"), client.log);
        assertEquals("uas", ((SipResponse) client.last()).to().tag());
        assertEquals(State.ACCEPTED, tu.transactions.get(0).state());
    }

    @Test
    @DisplayName("RFC 3261 §9.2: findInviteFor matches a CANCEL as if its method were INVITE")
    void findInviteFor() {
        client.send(invite, server);
        f.advanceTo(1);
        assertSame(tu.transactions.get(0), layer.findInviteFor(request(SipRequest.CANCEL, Transport.UDP, "z9hG4bKinv1")));
        assertNull(layer.findInviteFor(request(SipRequest.CANCEL, Transport.UDP, "z9hG4bKother")));
    }

    // ---- §17.2.3, RFC 2543 fallback -------------------------------------------------------

    @Test
    @DisplayName("RFC 3261 §17.2.3 (RFC 2543 fallback): without the magic cookie an INVITE retransmission is matched by "
            + "Request-URI, To tag, From tag, Call-ID, CSeq and top Via; another CSeq or From tag is a new transaction")
    void rfc2543InviteMatching() {
        SipRequest old = request(SipRequest.INVITE, Transport.UDP, "old-branch-1");
        client.send(old, server);
        f.advanceTo(300);
        client.send(old, server);
        SipRequest noBranch = request(SipRequest.INVITE, Transport.UDP, null);
        client.send(noBranch, server);
        client.send(noBranch, server);
        client.send(request(SipRequest.INVITE, Transport.UDP, CLIENT_IP, "old-branch-1", 2), server);
        client.send(old.toBuilder().from(NameAddr.parse("<sip:alice@example.com>;tag=other")).build(), server);
        f.advanceTo(301);
        assertEquals(List.of("0 request INVITE", "300 request INVITE", "300 request INVITE", "300 request INVITE"),
                tu.log);
        assertEquals(4, layer.serverCount());
        assertEquals(List.of(200L, 300L), client.times("100 INVITE").subList(0, 2),
                "the retransmission got the 100 Trying again");
    }

    @Test
    @DisplayName("RFC 3261 §17.2.3 (RFC 2543 fallback): an ACK matches when its To tag is the one the transaction's "
            + "response carried; with another To tag it goes to the TU")
    void rfc2543AckMatching() {
        tu.answer = (t, r) -> t.respond(response(r, 486, "uas"));
        SipRequest old = request(SipRequest.INVITE, Transport.UDP, "old-branch-1");
        client.send(old, server);
        f.advanceTo(100);
        SipRequest ack = request(SipRequest.ACK, Transport.UDP, "old-branch-1").toBuilder()
                .to(NameAddr.parse("<sip:bob@example.com>;tag=wrong")).build();
        client.send(ack, server);
        f.advanceTo(200);
        assertEquals(State.COMPLETED, tu.transactions.get(0).state());
        client.send(ack.toBuilder().to(NameAddr.parse("<sip:bob@example.com>;tag=uas")).build(), server);
        f.advanceTo(300);
        assertEquals(State.CONFIRMED, tu.transactions.get(0).state());
        assertEquals(List.of("0 request INVITE", "100 ack"), tu.log);
    }

    @Test
    @DisplayName("RFC 3261 §9.2 with §17.2.3 (RFC 2543 fallback): a CANCEL without the magic cookie finds its INVITE")
    void rfc2543Cancel() {
        client.send(request(SipRequest.INVITE, Transport.UDP, "old-branch-1"), server);
        f.advanceTo(1_000);
        client.send(request(SipRequest.CANCEL, Transport.UDP, "old-branch-1"), server);
        f.advanceTo(1_001);
        assertEquals(List.of("0 request INVITE", "1000 cancel of INVITE"), tu.log);
        assertEquals(List.of("200 100 INVITE", "1000 487 INVITE", "1000 200 CANCEL"), client.log);
    }

    @Test
    @DisplayName("RFC 3261 §17.2.3 (RFC 2543 fallback): a non-INVITE retransmission gets the final response again")
    void rfc2543NonInviteRetransmission() {
        tu.answer = (t, r) -> t.respond(response(r, 200, "uas"));
        SipRequest old = request(SipRequest.MESSAGE, Transport.UDP, null);
        client.send(old, server);
        f.advanceTo(500);
        client.send(old, server);
        f.advanceTo(501);
        assertEquals(List.of("0 request MESSAGE"), tu.log);
        assertEquals(List.of("0 200 MESSAGE", "500 200 MESSAGE"), client.log);
    }

    // ---- §17.1.3 responses ----------------------------------------------------------------

    @Test
    @DisplayName("RFC 3261 §17.1.3: a response matches by top Via branch and CSeq method, so an INVITE and its CANCEL "
            + "share a branch but not their responses; anything else is stray")
    void clientMatchingByBranchAndMethod() {
        Fixture.Peer uas = f.peer("10.0.0.7");
        TransactionLayer uac = f.layer("10.0.0.8");
        List<String> stray = new ArrayList<>();
        uac.strayResponses(r -> stray.add(Fixture.describe(r.message()) + " " + r.message().topVia().branch()));
        TransportAddress to = address(Transport.UDP, "10.0.0.7");
        TransportAddress back = address(Transport.UDP, "10.0.0.8");
        SipRequest inv = request(SipRequest.INVITE, Transport.UDP, "10.0.0.8", "z9hG4bKx", 1);
        Fixture.ClientLog inviteLog = f.clientLog();
        Fixture.ClientLog cancelLog = f.clientLog();
        ClientTransaction invTx = uac.sendRequest(inv, to, inviteLog);
        f.advanceTo(100);
        uas.send(response(inv, 180, "uas"), back);
        f.advanceTo(200);
        SipRequest cancel = invTx.cancelRequest();
        uac.sendRequest(cancel, to, cancelLog);
        f.advanceTo(300);
        uas.send(response(cancel, 200, "uas"), back);
        uas.send(response(inv, 487, "uas"), back);
        uas.send(response(request(SipRequest.INVITE, Transport.UDP, "10.0.0.8", "z9hG4bKunknown", 1), 200, "u"), back);
        uas.send(response(request(SipRequest.OPTIONS, Transport.UDP, "10.0.0.8", "z9hG4bKx", 1), 200, "u"), back);
        f.advanceTo(400);

        assertEquals(List.of("100 180", "300 487"), inviteLog.log);
        assertEquals(List.of("300 200"), cancelLog.log);
        assertEquals(List.of("200 INVITE z9hG4bKunknown", "200 OPTIONS z9hG4bKx"), stray);
        assertEquals(List.of("INVITE", "CANCEL", "ACK"), f.sent("10.0.0.8"));
    }

    @Test
    @DisplayName("RFC 3261 §9 end to end: a CANCEL between two layers ends the INVITE with 487 (ACKed by the client "
            + "transaction) and leaves no transaction behind")
    void cancelEndToEnd() {
        TransactionLayer uac = f.layer("10.0.0.8");
        Fixture.ClientLog inviteLog = f.clientLog();
        Fixture.ClientLog cancelLog = f.clientLog();
        SipRequest inv = request(SipRequest.INVITE, Transport.UDP, "10.0.0.8", "z9hG4bKe2e", 1);
        ClientTransaction invTx = uac.sendRequest(inv, server, inviteLog);
        f.advanceTo(1_000);
        uac.sendRequest(invTx.cancelRequest(), server, cancelLog);
        f.advanceTo(1_001);
        assertEquals(List.of("200 100", "1000 487"), inviteLog.log);
        assertEquals(List.of("1000 200"), cancelLog.log);
        assertEquals(State.CONFIRMED, tu.transactions.get(0).state(), "the client transaction's ACK reached the server");
        f.advanceTo(60_000);
        assertEquals(0, uac.clientCount());
        assertEquals(0, layer.serverCount());
        assertEquals(List.of("0 request INVITE", "1000 cancel of INVITE", "6000 terminated INVITE",
                "33000 terminated CANCEL"), tu.log, "Timer I (T4) after the ACK; Timer J (64*T1) after the CANCEL's 200");
    }
}
