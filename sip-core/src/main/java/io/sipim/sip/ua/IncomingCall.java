package io.sipim.sip.ua;

import io.sipim.sip.dialog.Dialog;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.MediaType;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.sdp.SessionDescription;
import io.sipim.sip.transaction.ServerTransaction;
import io.sipim.sip.transaction.TransactionLayer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An INVITE received outside any dialog, handed to the account's {@link SipAccount#onCall}
 * listener (RFC 3261 §13.3). Answer it with {@link #ringing()}, then {@link #accept} or
 * {@link #reject}; {@link #onCancelled} hears of the caller's CANCEL (§9.2), which the stack has
 * already answered (200 to the CANCEL, 487 to the INVITE).
 *
 * <p>Every response carries the same To tag; 1xx and 2xx carry our Contact and the INVITE's
 * Record-Route (§12.1.1). Thread-safe; the responses are sent from the stack's loop thread.
 */
public final class IncomingCall {
    private final SipAccount account;
    private final ServerTransaction tx;
    private final SipRequest request;
    private final SessionDescription offer;
    private final String localTag = TransactionLayer.newTag();
    private final List<Runnable> cancelListeners = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;
    // Loop thread only.
    private Dialog dialog;
    private boolean answered;

    IncomingCall(SipAccount account, ServerTransaction tx, SipRequest request, SessionDescription offer) {
        this.account = account;
        this.tx = tx;
        this.request = request;
        this.offer = offer;
    }

    /** The INVITE as received. */
    public SipRequest request() {
        return request;
    }

    /** The caller (From). */
    public NameAddr from() {
        return request.from();
    }

    /** Who was called (To). */
    public NameAddr to() {
        return request.to();
    }

    /** The caller's offer, or null when the INVITE has none (then {@link #accept} makes the offer). */
    public SessionDescription offer() {
        return offer;
    }

    /** True once the caller has cancelled. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Sends 180 Ringing (§13.3.1.1); it makes the early dialog. */
    public void ringing() {
        loop(() -> {
            if (!answered && !cancelled) {
                SipResponse ringing = response(180).build();
                if (dialog == null) {
                    dialog = Dialog.uas(request, ringing);
                }
                tx.respond(ringing);
            }
        });
    }

    /**
     * Accepts with 200 carrying {@code sdp} — the answer to {@link #offer()}, or our offer when
     * the INVITE had none, to be answered in the ACK. The 200 is retransmitted until the ACK
     * (§13.3.1.4); the future completes with the {@link Call} when the ACK arrives, or fails with
     * {@link CallException} after 64·T1 without one (a BYE then ends the call), or with
     * {@link IllegalStateException} when the INVITE was already answered or cancelled.
     */
    public CompletableFuture<Call> accept(SessionDescription sdp) {
        Objects.requireNonNull(sdp, "sdp");
        CompletableFuture<Call> f = new CompletableFuture<>();
        loop(() -> {
            if (answered || cancelled || tx.isTerminated()) {
                f.completeExceptionally(new IllegalStateException("the INVITE was already "
                        + (cancelled ? "cancelled" : "answered")));
                return;
            }
            answered = true;
            account.stack().calls().answered(tx);
            SipResponse ok = response(200).body(MediaType.APPLICATION_SDP, sdp.toBytes()).build();
            if (dialog == null) {
                dialog = Dialog.uas(request, ok);
            } else {
                dialog.confirm();
            }
            Call call = new Call(account, dialog, sdp, offer);
            account.stack().calls().add(call);
            call.awaitAck(tx, ok, () -> f.complete(call), () -> f.completeExceptionally(new CallException(
                    "no ACK for the 2xx within 64*T1 (RFC 3261 §13.3.1.4); the call was ended with BYE", ok)));
        });
        return account.stack().onCallbacks(f);
    }

    /** Refuses with {@code status} (300–699: 486 Busy Here, 603 Decline ...); ends the early dialog. */
    public void reject(int status) {
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException("a rejection is a 300-699 final response, not " + status);
        }
        loop(() -> {
            if (!answered && !cancelled) {
                answered = true;
                account.stack().calls().answered(tx);
                if (dialog != null) {
                    dialog.terminate();
                }
                tx.respond(SipResponse.to(request, status).toTag(localTag).build());
            }
        });
    }

    /** Calls {@code listener} when the caller cancels (at once if it already has). */
    public IncomingCall onCancelled(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        cancelListeners.add(listener);
        if (cancelled && cancelListeners.remove(listener)) {
            account.stack().callbackExecutor().execute(listener);
        }
        return this;
    }

    /** The CANCEL arrived and was answered; loop thread. */
    void cancelled() {
        if (answered) {
            return;
        }
        answered = true;
        cancelled = true;
        if (dialog != null) {
            dialog.terminate();
        }
        for (Runnable l : cancelListeners) {
            if (cancelListeners.remove(l)) {
                account.stack().callbackExecutor().execute(l);
            }
        }
    }

    /** §12.1.1: a dialog-making response copies Record-Route and carries our Contact and To tag. */
    private SipResponse.Builder response(int status) {
        SipResponse.Builder b = SipResponse.to(request, status).toTag(localTag)
                .contact(NameAddr.of(account.contact()));
        for (NameAddr rr : request.recordRoutes()) {
            b.header(HeaderName.RECORD_ROUTE, rr);
        }
        return b;
    }

    private void loop(Runnable task) {
        account.stack().loop().execute(task);
    }
}
