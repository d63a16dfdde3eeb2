package io.sipim.sip.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.message.CSeq;
import io.sipim.sip.message.Event;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.Via;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The dialog state machine and its rules (RFC 3261 §12, RFC 6665 §4.1.2.4), on hand-made messages. */
class DialogTest {
    static final SipUri ALICE = SipUri.parse("sip:alice@atlanta.example.com");
    static final SipUri BOB = SipUri.parse("sip:bob@biloxi.example.com");
    static final SipUri ALICE_CONTACT = SipUri.parse("sip:alice@192.0.2.1:5060");
    static final SipUri BOB_CONTACT = SipUri.parse("sip:bob@192.0.2.4:5060");
    static final NameAddr P1 = NameAddr.parse("<sip:p1.example.com;lr>");
    static final NameAddr P2 = NameAddr.parse("<sip:p2.example.com;lr>");

    static SipRequest request(String method, long cseq) {
        return SipRequest.builder(method, BOB)
                .via(Via.of("UDP", "192.0.2.1", 5060).withBranch("z9hG4bK776asdhds"))
                .maxForwards(70)
                .from(NameAddr.of("Alice", ALICE).withTag("1928301774"))
                .to(NameAddr.of("Bob", BOB))
                .callId("a84b4c76e66710@pc33.atlanta.example.com")
                .cseq(new CSeq(cseq, method))
                .contact(NameAddr.of(ALICE_CONTACT))
                .header(HeaderName.RECORD_ROUTE, P2)
                .header(HeaderName.RECORD_ROUTE, P1)
                .build();
    }

    static SipResponse response(SipRequest r, int status, String toTag) {
        SipResponse.Builder b = SipResponse.to(r, status).toTag(toTag).contact(NameAddr.of(BOB_CONTACT));
        for (NameAddr rr : r.recordRoutes()) {
            b.header(HeaderName.RECORD_ROUTE, rr);
        }
        return b.build();
    }

    @Test
    @DisplayName("RFC 3261 §12.1.2: the UAC's dialog — id from the tags, route set reversed, remote target from Contact, CSeq from the request")
    void uacDialog() {
        SipRequest invite = request(SipRequest.INVITE, 314159);
        Dialog d = Dialog.uac(invite, response(invite, 200, "a6c85cf"));
        assertEquals(new DialogId("a84b4c76e66710@pc33.atlanta.example.com", "1928301774", "a6c85cf"), d.id());
        assertEquals(Dialog.State.CONFIRMED, d.state());
        assertEquals(List.of(P1, P2), d.routeSet());
        assertEquals(BOB_CONTACT, d.remoteTarget());
        assertEquals(314159, d.localCseq());
        assertEquals(-1, d.remoteCseq());
        assertNull(d.remoteUri().tag());
        assertFalse(d.isSecure());
        assertTrue(d.isCaller());
    }

    @Test
    @DisplayName("RFC 3261 §12.1.1: the UAS's dialog — route set in order, remote target the INVITE's Contact, remote CSeq from it")
    void uasDialog() {
        SipRequest invite = request(SipRequest.INVITE, 314159);
        Dialog d = Dialog.uas(invite, response(invite, 180, "a6c85cf"));
        assertEquals(new DialogId(invite.callId(), "a6c85cf", "1928301774"), d.id());
        assertEquals(Dialog.State.EARLY, d.state());
        assertEquals(List.of(P2, P1), d.routeSet());
        assertEquals(ALICE_CONTACT, d.remoteTarget());
        assertEquals(-1, d.localCseq());
        assertEquals(314159, d.remoteCseq());
        d.confirm();
        assertEquals(Dialog.State.CONFIRMED, d.state());
        SipRequest bye = d.newRequest(SipRequest.BYE).build();
        assertTrue(bye.cseq().number() > 0 && bye.cseq().number() < (1L << 31), "§8.1.1.5: a fresh CSeq below 2^31");
        assertEquals(ALICE_CONTACT, bye.requestUri());
        assertEquals(List.of(P2, P1), bye.routes());
        assertEquals("1928301774", bye.to().tag());
        assertEquals("a6c85cf", bye.from().tag());
    }

    @Test
    @DisplayName("RFC 3261 §12.1: a 100, a final non-2xx or a response without To tag makes no dialog; DialogId needs a To tag")
    void noDialogWithoutTag() {
        SipRequest invite = request(SipRequest.INVITE, 1);
        assertThrows(IllegalArgumentException.class, () -> Dialog.uac(invite, SipResponse.to(invite, 180).build()));
        assertThrows(IllegalArgumentException.class, () -> Dialog.uac(invite, response(invite, 100, "x")));
        assertThrows(IllegalArgumentException.class, () -> Dialog.uac(invite, response(invite, 486, "x")));
        assertNull(DialogId.ofRequest(invite));
        assertNull(DialogId.ofResponse(SipResponse.to(invite, 100).build()));
    }

    @Test
    @DisplayName("RFC 3261 §12.2.1.1: in-dialog requests — CSeq increments by one, Request-URI the remote target, Route the route set, Contact on target refreshes")
    void newRequestRules() {
        SipRequest invite = request(SipRequest.INVITE, 10);
        Dialog d = Dialog.uac(invite, response(invite, 200, "t"));
        SipRequest reinvite = d.newRequest(SipRequest.INVITE).build();
        SipRequest bye = d.newRequest(SipRequest.BYE).build();
        assertEquals(new CSeq(11, SipRequest.INVITE), reinvite.cseq());
        assertEquals(new CSeq(12, SipRequest.BYE), bye.cseq());
        assertEquals(BOB_CONTACT, bye.requestUri());
        assertEquals(List.of(P1, P2), bye.routes());
        assertEquals(List.of(NameAddr.of(ALICE_CONTACT)), reinvite.contacts());
        assertTrue(bye.contacts().isEmpty(), "BYE is no target refresh");
        SipRequest ack = d.newAck(11).build();
        assertEquals(new CSeq(11, SipRequest.ACK), ack.cseq());
        assertEquals(12, d.localCseq(), "§13.2.2.4: the ACK does not move the local CSeq");
        assertThrows(IllegalArgumentException.class, () -> d.newRequest(SipRequest.ACK));
        assertThrows(IllegalArgumentException.class, () -> d.newRequest(SipRequest.CANCEL));
        d.advanceLocalCseq(20); // a digest retry went out with 20
        assertEquals(21, d.newRequest(SipRequest.INFO).build().cseq().number());
        d.terminate();
        assertThrows(IllegalStateException.class, () -> d.newRequest(SipRequest.BYE));
    }

    @Test
    @DisplayName("RFC 3261 §12.2.1.1: a strict router first in the route set becomes the Request-URI; the remote target goes last in Route")
    void strictRouting() {
        SipRequest invite = request(SipRequest.INVITE, 1).toBuilder().remove(HeaderName.RECORD_ROUTE)
                .header(HeaderName.RECORD_ROUTE, P2)
                .header(HeaderName.RECORD_ROUTE, NameAddr.parse("<sip:strict.example.com;method=INVITE>")).build();
        Dialog d = Dialog.uac(invite, response(invite, 200, "t"));
        SipRequest bye = d.newRequest(SipRequest.BYE).build();
        assertEquals(SipUri.parse("sip:strict.example.com"), bye.requestUri(), "method parameter stripped");
        assertEquals(List.of(P2, NameAddr.of(BOB_CONTACT)), bye.routes());
        assertEquals(SipUri.parse("sip:strict.example.com;method=INVITE"), d.nextHop());
    }

    @Test
    @DisplayName("RFC 3261 §12.2.2: a request with a CSeq lower than the remote CSeq is out of order (500); equal or higher is taken")
    void remoteCseqOrder() {
        SipRequest invite = request(SipRequest.INVITE, 100);
        Dialog uas = Dialog.uas(invite, response(invite, 200, "t"));
        assertFalse(uas.receive(request(SipRequest.INFO, 99)));
        assertEquals(100, uas.remoteCseq());
        assertTrue(uas.receive(request(SipRequest.INFO, 101)));
        assertTrue(uas.receive(request(SipRequest.ACK, 100)), "ACK carries the INVITE's CSeq and is not sequenced");
        assertEquals(101, uas.remoteCseq());
        // A UAC dialog starts with an empty remote CSeq: any number is taken first.
        Dialog uac = Dialog.uac(invite, response(invite, 200, "t"));
        assertTrue(uac.receive(request(SipRequest.INFO, 7)));
        assertEquals(7, uac.remoteCseq());
    }

    @Test
    @DisplayName("RFC 3261 §12.2: target refresh — a received re-INVITE's Contact and a 2xx to our re-INVITE replace the remote target; BYE's do not")
    void targetRefresh() {
        SipRequest invite = request(SipRequest.INVITE, 1);
        Dialog uas = Dialog.uas(invite, response(invite, 200, "t"));
        SipUri moved = SipUri.parse("sip:alice@198.51.100.7:5070");
        uas.receive(request(SipRequest.INVITE, 2).toBuilder().set(HeaderName.CONTACT, NameAddr.of(moved)).build());
        assertEquals(moved, uas.remoteTarget());
        SipRequest upd = request(SipRequest.UPDATE, 3).toBuilder().set(HeaderName.CONTACT, NameAddr.of(ALICE_CONTACT)).build();
        uas.receive(upd);
        assertEquals(ALICE_CONTACT, uas.remoteTarget(), "RFC 3311: UPDATE refreshes the target too");

        Dialog uac = Dialog.uac(invite, response(invite, 200, "t"));
        SipRequest reinvite = uac.newRequest(SipRequest.INVITE).build();
        SipUri bobMoved = SipUri.parse("sip:bob@198.51.100.9");
        SipResponse ok = SipResponse.to(reinvite, 200).contact(NameAddr.of(bobMoved)).build();
        uac.receive(reinvite, ok);
        assertEquals(bobMoved, uac.remoteTarget());
        SipRequest info = uac.newRequest(SipRequest.INFO).build();
        uac.receive(info, SipResponse.to(info, 200).contact(NameAddr.of(BOB_CONTACT)).build());
        assertEquals(bobMoved, uac.remoteTarget(), "INFO is no target refresh");
    }

    @Test
    @DisplayName("RFC 3261 §13.2.2.4/§12.2.1.2: a 2xx confirms an early dialog and recomputes its route set; 481 ends a confirmed one")
    void earlyToConfirmedAndTermination() {
        SipRequest invite = request(SipRequest.INVITE, 1);
        Dialog d = Dialog.uac(invite, response(invite, 183, "t"));
        assertEquals(Dialog.State.EARLY, d.state());
        SipResponse ok = SipResponse.to(invite, 200).toTag("t").contact(NameAddr.of(BOB_CONTACT))
                .header(HeaderName.RECORD_ROUTE, P1).build();
        d.receive(invite, ok);
        assertEquals(Dialog.State.CONFIRMED, d.state());
        assertEquals(List.of(P1), d.routeSet());
        SipRequest info = d.newRequest(SipRequest.INFO).build();
        d.receive(info, SipResponse.to(info, 481).build());
        assertEquals(Dialog.State.TERMINATED, d.state());

        Dialog early = Dialog.uac(invite, response(invite, 180, "u"));
        early.receive(invite, SipResponse.to(invite, 486).toTag("u").build());
        assertEquals(Dialog.State.TERMINATED, early.state());
    }

    @Test
    @DisplayName("RFC 3261 §12.1.2: forked responses with different To tags make separate dialogs in the table")
    void forksAreSeparateDialogs() {
        SipRequest invite = request(SipRequest.INVITE, 1);
        DialogTable<Dialog> table = new DialogTable<>();
        Dialog one = Dialog.uac(invite, response(invite, 180, "fork-1"));
        Dialog two = Dialog.uac(invite, response(invite, 200, "fork-2"));
        table.put(one.id(), one);
        table.put(two.id(), two);
        assertEquals(2, table.size());
        assertSame(two, table.forResponse(response(invite, 200, "fork-2")));
        assertSame(one, table.forResponse(response(invite, 180, "fork-1")));
        assertNull(table.forResponse(response(invite, 200, "fork-3")));
        assertTrue(table.remove(one.id(), one));
        assertEquals(List.of(two), table.values());
    }

    @Test
    @DisplayName("RFC 3261 §12.1.1: a SIPS Request-URI makes a secure dialog")
    void secureFlag() {
        SipRequest invite = request(SipRequest.INVITE, 1).toBuilder()
                .requestUri(SipUri.parse("sips:bob@biloxi.example.com")).build();
        assertTrue(Dialog.uas(invite, response(invite, 200, "t")).isSecure());
        assertTrue(Dialog.uac(invite, response(invite, 200, "t")).isSecure());
    }

    // ---- SUBSCRIBE / NOTIFY (RFC 6665) ------------------------------------------------------

    static SipRequest subscribe() {
        return request(SipRequest.SUBSCRIBE, 5).toBuilder().remove(HeaderName.RECORD_ROUTE)
                .header(HeaderName.EVENT, Event.parse("presence;id=7")).expires(3600).build();
    }

    /** A NOTIFY from the notifier (Bob) in the subscription's dialog. */
    static SipRequest notify(SipRequest subscribe, String notifierTag, String event, long cseq) {
        return SipRequest.builder(SipRequest.NOTIFY, ALICE_CONTACT)
                .via(Via.of("UDP", "192.0.2.4", 5060).withBranch("z9hG4bKnotify" + cseq))
                .maxForwards(70)
                .from(NameAddr.of(BOB).withTag(notifierTag))
                .to(subscribe.from())
                .callId(subscribe.callId())
                .cseq(new CSeq(cseq, SipRequest.NOTIFY))
                .contact(NameAddr.of(BOB_CONTACT))
                .header(HeaderName.RECORD_ROUTE, P1)
                .header(HeaderName.EVENT, Event.parse(event))
                .header(HeaderName.SUBSCRIPTION_STATE, io.sipim.sip.message.SubscriptionState.parse("active;expires=3600"))
                .build();
    }

    @Test
    @DisplayName("RFC 6665 §4.1.2.4: a NOTIFY that arrives before the 2xx creates the subscriber's dialog; the 2xx then matches it")
    void notifyBeforeTwoHundred() {
        SipRequest sub = subscribe();
        SipRequest n = notify(sub, "notifier-1", "presence;id=7", 1);
        assertTrue(Dialog.isNotifyFor(sub, n));
        Dialog d = Dialog.fromNotify(sub, n);
        assertEquals(new DialogId(sub.callId(), "1928301774", "notifier-1"), d.id());
        assertEquals(Dialog.State.CONFIRMED, d.state());
        assertEquals(BOB_CONTACT, d.remoteTarget());
        assertEquals(List.of(P1), d.routeSet(), "as for a request received: Record-Route in order");
        assertEquals(1, d.remoteCseq());
        assertEquals(5, d.localCseq());
        DialogTable<Dialog> subs = new DialogTable<>();
        subs.put(d.id(), d);
        assertSame(d, subs.forRequest(notify(sub, "notifier-1", "presence;id=7", 2)), "later NOTIFYs match");
        SipResponse ok = SipResponse.to(sub, 200).toTag("notifier-1").contact(NameAddr.of(BOB_CONTACT)).expires(3600).build();
        assertSame(d, subs.forResponse(ok), "the late 2xx matches the dialog the NOTIFY made");
        d.receive(sub, ok);
        assertEquals(Dialog.State.CONFIRMED, d.state());
        SipRequest refresh = d.newRequest(SipRequest.SUBSCRIBE).build();
        assertEquals(6, refresh.cseq().number());
        assertEquals(BOB_CONTACT, refresh.requestUri());
        assertEquals("notifier-1", refresh.to().tag());
    }

    @Test
    @DisplayName("RFC 6665 §4.1.2.4/§8.2.1: a NOTIFY with another Call-ID, To tag, event package or id belongs to another subscription")
    void notifyMatching() {
        SipRequest sub = subscribe();
        assertFalse(Dialog.isNotifyFor(sub, notify(sub, "n", "presence;id=8", 1)));
        assertFalse(Dialog.isNotifyFor(sub, notify(sub, "n", "dialog;id=7", 1)));
        assertTrue(Dialog.isNotifyFor(sub, notify(sub, "n", "Presence;id=7", 1)), "package names are case-insensitive");
        SipRequest otherCall = notify(sub, "n", "presence;id=7", 1).toBuilder().callId("other").build();
        assertFalse(Dialog.isNotifyFor(sub, otherCall));
        SipRequest otherTag = notify(sub, "n", "presence;id=7", 1).toBuilder().to(NameAddr.of(ALICE).withTag("x")).build();
        assertFalse(Dialog.isNotifyFor(sub, otherTag));
        assertThrows(IllegalArgumentException.class, () -> Dialog.fromNotify(sub, otherTag));
    }

    @Test
    @DisplayName("RFC 6665 §4.1.2.4: forked NOTIFYs with different From tags make one dialog each")
    void forkedNotifies() {
        SipRequest sub = subscribe();
        Dialog d1 = Dialog.fromNotify(sub, notify(sub, "n1", "presence;id=7", 1));
        Dialog d2 = Dialog.fromNotify(sub, notify(sub, "n2", "presence;id=7", 1));
        assertFalse(d1.id().equals(d2.id()));
    }

    @Test
    @DisplayName("RFC 6665 §4.2.1: the notifier's dialog from an incoming SUBSCRIBE; its NOTIFYs carry the subscriber's tag and Event")
    void notifierDialog() {
        SipRequest sub = subscribe().toBuilder().header(HeaderName.RECORD_ROUTE, P1).build();
        SipResponse ok = SipResponse.to(sub, 202).toTag("notifier").contact(NameAddr.of(BOB_CONTACT)).build();
        Dialog d = Dialog.uas(sub, ok);
        SipRequest n = d.newRequest(SipRequest.NOTIFY).header(HeaderName.EVENT, sub.first(HeaderName.EVENT)).build();
        assertEquals(ALICE_CONTACT, n.requestUri());
        assertEquals(List.of(P1), n.routes());
        assertEquals("1928301774", n.to().tag());
        assertEquals("notifier", n.from().tag());
        assertEquals(List.of(NameAddr.of(BOB_CONTACT)), n.contacts(), "NOTIFY is a target refresh request");
        assertTrue(Dialog.isNotifyFor(sub, n));
    }
}
