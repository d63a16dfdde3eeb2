package io.sipim.sip.ua;

import io.sipim.sip.dialog.Dialog;
import io.sipim.sip.message.MediaType;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.Uri;
import io.sipim.sip.sdp.SessionDescription;
import io.sipim.sip.transaction.ClientTransaction;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An INVITE being placed (RFC 3261 §13.2), from {@link SipAccount#invite}:
 *
 * <pre>{@code
 * OutgoingCall out = alice.invite("sip:bob@example.com").offer(sdp).provisional(r -> log(r.status()));
 * Call call = out.start().join();          // on the 2xx; the ACK is already sent
 * }</pre>
 *
 * <p>Each 101–199 with a To tag makes an early dialog, each 2xx a confirmed one. The first 2xx
 * makes the {@link Call}; a 2xx with another To tag (a fork) is acknowledged and then ended with
 * BYE (§13.2.2.4). Every 2xx is acknowledged by the UA itself — not by the transaction — outside
 * any transaction, to the remote target via the route set, with the INVITE's CSeq number and
 * credentials, again for each retransmission (§13.2.2.4). A final non-2xx fails the future with
 * {@link CallException} carrying it. {@link #cancel()} sends CANCEL once a provisional response
 * has arrived (§9.1) and the future then fails with the 487.
 *
 * <p>An offer is required (an INVITE without SDP, with the offer in the 2xx, is not supported
 * here). Thread-safe; futures and the provisional listener run on the callback executor.
 */
public final class OutgoingCall {
    private static final Logger LOG = LoggerFactory.getLogger(OutgoingCall.class);

    private final SipAccount account;
    private final SipStack stack;
    private final SipUri target;
    private volatile SessionDescription offer;
    private volatile Consumer<SipResponse> provisional = r -> { };
    private final CompletableFuture<Call> result = new CompletableFuture<>();
    // Loop thread only.
    private boolean started;
    private RequestSender sender;
    private ClientTransaction provisionalTx;
    private boolean cancelRequested;
    private boolean cancelSent;
    private boolean finalReceived;
    private Call call;
    private final Map<String, Dialog> early = new HashMap<>();
    /** Forked 2xx (other To tags): their dialogs, acknowledged then ended (§13.2.2.4). */
    private final Map<String, Call> forks = new HashMap<>();

    OutgoingCall(SipAccount account, SipUri target) {
        this.account = account;
        this.stack = account.stack();
        this.target = target;
    }

    /** The session description offered in the INVITE (required). */
    public OutgoingCall offer(SessionDescription sdp) {
        this.offer = Objects.requireNonNull(sdp, "sdp");
        return this;
    }

    /** Called for every provisional response (100 Trying, 180 Ringing, 183 Session Progress ...). */
    public OutgoingCall provisional(Consumer<SipResponse> listener) {
        this.provisional = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Sends the INVITE. Completes with the {@link Call} on the first 2xx; fails with
     * {@link CallException} on a final non-2xx (487 after {@link #cancel()}), with
     * {@link SipTimeoutException} (Timer B) or {@link SipTransportException}.
     *
     * @throws IllegalStateException when no offer was set or the call was started already
     */
    public CompletableFuture<Call> start() {
        SessionDescription sdp = offer;
        if (sdp == null) {
            throw new IllegalStateException("an INVITE needs an offer: call offer(sdp) first");
        }
        stack.loop().execute(() -> {
            if (started) {
                result.completeExceptionally(new IllegalStateException("already started"));
                return;
            }
            started = true;
            send(sdp);
        });
        return stack.onCallbacks(result);
    }

    /**
     * Cancels the INVITE (RFC 3261 §9.1): CANCEL goes out once a provisional response has
     * arrived, at once if one has. No effect after the final response; if a 2xx wins the race
     * the call is acknowledged and ended with BYE, and the future fails.
     */
    public void cancel() {
        stack.loop().execute(() -> {
            if (finalReceived || cancelRequested) {
                return;
            }
            cancelRequested = true;
            if (sender != null && provisionalTx != null && provisionalTx == sender.transaction()) {
                sendCancel();
            }
        });
    }

    private void send(SessionDescription sdp) {
        SipRequest invite = account.newRequest(SipRequest.INVITE, target, NameAddr.of(target))
                .contact(NameAddr.of(account.contact()))
                .body(MediaType.APPLICATION_SDP, sdp.toBytes()).build();
        Uri hop = invite.routes().isEmpty() ? invite.requestUri() : invite.routes().get(0).uri();
        sender = RequestSender.create(stack, invite, account.auth(), this::onProvisional).late2xx(this::on2xx);
        sender.start((SipUri) hop).whenComplete((r, e) -> {
            finalReceived = true;
            if (e != null) {
                result.completeExceptionally(e);
            } else if (r.isSuccess()) {
                on2xx(r);
            } else {
                // §13.2.2.3: a 300-699 ends every early dialog; the transaction has sent the ACK.
                early.values().forEach(Dialog::terminate);
                result.completeExceptionally(new CallException(r));
            }
        });
    }

    private void onProvisional(SipResponse r) {
        if (r.status() > 100 && r.to() != null && r.to().tag() != null && !early.containsKey(r.to().tag())) {
            early.put(r.to().tag(), Dialog.uac(sender.transaction().request(), r)); // §13.2.2.1
        }
        provisionalTx = sender.transaction();
        if (cancelRequested && !cancelSent) {
            sendCancel();
        }
        Consumer<SipResponse> l = provisional;
        stack.callbackExecutor().execute(() -> l.accept(r));
    }

    private void sendCancel() {
        cancelSent = true;
        ClientTransaction tx = sender.transaction();
        stack.transactions().sendRequest(tx.cancelRequest(), tx.destination(), new ClientTransaction.Listener() {
            @Override
            public void onResponse(SipResponse response) {
                LOG.debug("CANCEL answered {}", response.status());
            }
        });
    }

    /** §13.2.2.4: every 2xx — first, retransmitted or forked — is acknowledged by the UA core. */
    private void on2xx(SipResponse ok) {
        String tag = ok.to() == null ? null : ok.to().tag();
        SipRequest sent = sender.transaction().request();
        if (call != null && java.util.Objects.equals(tag, call.dialog().id().remoteTag())) {
            call.resendAck(ok);
            return;
        }
        Call fork = forks.get(tag);
        if (fork != null) {
            fork.resendAck(ok);
            return;
        }
        Dialog d = early.remove(tag);
        if (d != null) {
            d.receive(sent, ok);
        } else {
            d = Dialog.uac(sent, ok);
        }
        SessionDescription answer = null;
        String unusable = null;
        try {
            answer = Call.sdpOf(ok);
            if (answer == null) {
                unusable = "the 2xx carries no answer";
            }
        } catch (RuntimeException e) {
            unusable = "unusable answer: " + e.getMessage();
        }
        Call c = new Call(account, d, offer, answer);
        c.ack(sent, ok);
        if (call != null || result.isDone()) {
            // A fork answered too (or the first 2xx came too late): ACK, then BYE (§13.2.2.4).
            forks.put(tag, c);
            c.sendBye();
            return;
        }
        call = c;
        early.values().forEach(Dialog::terminate);
        early.clear();
        if (cancelRequested || unusable != null) {
            forks.put(tag, c);
            c.sendBye(); // §15: answered although we cancelled, or §13.2.2.4 with no usable answer
            result.completeExceptionally(new CallException(unusable != null ? unusable
                    : "answered " + ok.status() + " before the CANCEL took effect; the call was ended with BYE", ok));
            return;
        }
        stack.calls().add(c);
        result.complete(c);
    }
}
