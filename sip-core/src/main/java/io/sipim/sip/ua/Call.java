package io.sipim.sip.ua;

import io.sipim.sip.dialog.Dialog;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.MediaType;
import io.sipim.sip.message.RetryAfter;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.sdp.OfferAnswer;
import io.sipim.sip.sdp.SdpParseException;
import io.sipim.sip.sdp.SessionDescription;
import io.sipim.sip.transaction.ServerTransaction;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An established INVITE session (RFC 3261 §13–§15) on a confirmed {@link Dialog}, with the SDP
 * offer/answer state (RFC 3264) of both ends. Made by {@link OutgoingCall#start()} when the 2xx
 * arrives (the ACK is already on its way) or by {@link IncomingCall#accept} when the ACK arrives.
 *
 * <p>In the call: {@link #bye()} ends it (§15.1.1), {@link #reinvite} changes the session (§14.1);
 * the peer's BYE is answered 200 and reported to {@link #onTerminated}; the peer's re-INVITE goes
 * to {@link #onReinvite}, or without a listener is answered from the current local description
 * ({@link OfferAnswer#answer}), which keeps a session refresh working. A request whose CSeq is
 * lower than the peer's last one is answered 500 (§12.2.2).
 *
 * <p>Glare (§14.1): a re-INVITE received while ours is pending is answered 491; a 491 to ours is
 * retried after the randomized wait of §14.1 (2.1–4 s when we own the Call-ID, else 0–2 s), at
 * most {@value #MAX_GLARE_RETRIES} times, then the future fails with the 491.
 *
 * <p>Thread-safe: methods may be called from any thread; state changes on the stack's loop thread;
 * futures and listeners run on the callback executor.
 */
public final class Call {
    /** How often a re-INVITE answered 491 is retried before the 491 is reported. */
    public static final int MAX_GLARE_RETRIES = 5;
    private static final Logger LOG = LoggerFactory.getLogger(Call.class);

    private final SipAccount account;
    private final SipStack stack;
    private final Dialog dialog;
    private final List<Runnable> terminatedListeners = new CopyOnWriteArrayList<>();
    private volatile SessionDescription localSdp;
    private volatile SessionDescription remoteSdp;
    private volatile boolean terminated;
    private volatile Consumer<IncomingReinvite> reinviteListener;
    // Loop thread only from here on.
    /** §13.2.2.4: the ACK of each 2xx we received, by INVITE CSeq, re-sent per 2xx retransmission. */
    private final Map<Long, AckSender> acks = new HashMap<>();
    /** §13.3.1.4: our 2xx waiting for its ACK, and what to do then. */
    private AckWait ackWait;
    private Runnable ackDone;
    /** §14.1: one INVITE transaction at a time in either direction. */
    private boolean outgoingInvite;
    /** §14.1: our re-INVITE drew a 491 and waits to be sent again; no transaction is in progress. */
    private boolean glareWait;
    private ServerTransaction incomingInvite;

    Call(SipAccount account, Dialog dialog, SessionDescription localSdp, SessionDescription remoteSdp) {
        this.account = account;
        this.stack = account.stack();
        this.dialog = dialog;
        this.localSdp = localSdp;
        this.remoteSdp = remoteSdp;
    }

    /** The dialog the call lives in. */
    public Dialog dialog() {
        return dialog;
    }

    /** The account the call belongs to. */
    public SipAccount account() {
        return account;
    }

    /** Our current session description (the last offer or answer we sent that took effect). */
    public SessionDescription localSdp() {
        return localSdp;
    }

    /** The peer's current session description, or null before one arrived. */
    public SessionDescription remoteSdp() {
        return remoteSdp;
    }

    /** True until either side has ended the call. */
    public boolean isActive() {
        return !terminated;
    }

    /** Calls {@code listener} once when the call ends, whoever ends it (at once if it has ended). */
    public Call onTerminated(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        terminatedListeners.add(listener);
        if (terminated && terminatedListeners.remove(listener)) {
            stack.callbackExecutor().execute(listener);
        }
        return this;
    }

    /** Takes the peer's re-INVITEs (§14.2); each must be accepted or rejected. */
    public Call onReinvite(Consumer<IncomingReinvite> listener) {
        this.reinviteListener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Ends the call with a BYE (RFC 3261 §15.1.1): the session ends at once, the future completes
     * with the BYE's final response (any status is a value), or fails on timeout or transport error.
     *
     * @throws IllegalStateException (in the future) when the call has already ended
     */
    public CompletableFuture<SipResponse> bye() {
        CompletableFuture<SipResponse> f = new CompletableFuture<>();
        stack.loop().execute(() -> {
            if (terminated) {
                f.completeExceptionally(new IllegalStateException("the call has already ended"));
            } else {
                relay(sendBye(), f);
            }
        });
        return stack.onCallbacks(f);
    }

    /**
     * Offers a new session description in a re-INVITE (RFC 3261 §14.1). Completes with the peer's
     * answer, which is then {@link #remoteSdp()} (and {@code offer} {@link #localSdp()}); fails
     * with {@link CallException} for a non-2xx (the session is unchanged; 481 and 408 end the
     * call), or with {@link IllegalStateException} while another INVITE is in progress.
     */
    public CompletableFuture<SessionDescription> reinvite(SessionDescription offer) {
        Objects.requireNonNull(offer, "offer");
        CompletableFuture<SessionDescription> f = new CompletableFuture<>();
        stack.loop().execute(() -> {
            if (terminated) {
                f.completeExceptionally(new IllegalStateException("the call has ended"));
            } else if (outgoingInvite || glareWait || incomingInvite != null) {
                f.completeExceptionally(new IllegalStateException(
                        "an INVITE transaction is already in progress in this dialog (RFC 3261 §14.1)"));
            } else {
                outgoingInvite = true;
                sendReinvite(offer, f, 0);
            }
        });
        return stack.onCallbacks(f);
    }

    @Override
    public String toString() {
        return "Call[" + dialog.id() + (terminated ? " ended" : "") + "]";
    }

    // ---- UAC side: re-INVITE, BYE, ACK --------------------------------------------------------

    private void sendReinvite(SessionDescription offer, CompletableFuture<SessionDescription> f, int attempt) {
        SipRequest invite = dialog.newRequest(SipRequest.INVITE).body(MediaType.APPLICATION_SDP, offer.toBytes()).build();
        RequestSender s = RequestSender.create(stack, invite, account.auth(), r -> { });
        s.late2xx(this::resendAck);
        start(s, invite).whenComplete((r, e) -> {
            SipRequest sent = s.transaction() == null ? invite : s.transaction().request();
            dialog.advanceLocalCseq(sent.cseq().number());
            if (e != null) {
                outgoingInvite = false;
                f.completeExceptionally(e);
                if (e instanceof SipTimeoutException && !terminated) {
                    sendBye(); // §14.1: no answer to a re-INVITE ends the dialog
                }
                return;
            }
            dialog.receive(sent, r);
            if (r.isSuccess()) {
                outgoingInvite = false;
                ack(sent, r);
                try {
                    SessionDescription answer = sdpOf(r);
                    if (answer == null) {
                        throw new IllegalArgumentException("the 2xx carries no answer");
                    }
                    localSdp = offer;
                    remoteSdp = answer;
                    f.complete(answer);
                } catch (RuntimeException bad) {
                    f.completeExceptionally(new CallException("unusable answer in " + r.startLine() + ": "
                            + bad.getMessage(), r));
                }
            } else if (r.status() == 491 && attempt < MAX_GLARE_RETRIES && !terminated) {
                // §14.1: no transaction is in progress while we wait, so the peer's re-INVITE can get through.
                outgoingInvite = false;
                glareWait = true;
                retryAfterGlare(offer, f, attempt, r);
            } else {
                outgoingInvite = false;
                f.completeExceptionally(new CallException(r));
                if (r.status() == 408) {
                    sendBye(); // §14.1
                } else if (r.status() == 481) {
                    terminate(); // §12.2.1.2: the peer has no such dialog any more
                }
            }
        });
    }

    private void retryAfterGlare(SessionDescription offer, CompletableFuture<SessionDescription> f, int attempt,
                                 SipResponse pending) {
        stack.loop().schedule(glareDelay(), () -> {
            if (terminated) {
                glareWait = false;
                f.completeExceptionally(new CallException(pending));
            } else if (incomingInvite != null) {
                retryAfterGlare(offer, f, attempt, pending); // the peer's re-INVITE is still going on
            } else {
                glareWait = false;
                outgoingInvite = true;
                sendReinvite(offer, f, attempt + 1);
            }
        });
    }

    /** §14.1: the owner of the Call-ID waits 2.1–4 s, the other side 0–2 s, in units of 10 ms. */
    private Duration glareDelay() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return Duration.ofMillis(dialog.isCaller() ? r.nextInt(210, 401) * 10L : r.nextInt(0, 201) * 10L);
    }

    /** Sends a BYE and ends the call at once (§15.1.1); completes on the loop thread. */
    CompletableFuture<SipResponse> sendBye() {
        SipRequest bye = dialog.newRequest(SipRequest.BYE).build();
        terminate();
        RequestSender s = RequestSender.create(stack, bye, account.auth(), r -> { });
        return start(s, bye);
    }

    private CompletableFuture<SipResponse> start(RequestSender s, SipRequest request) {
        if (!(dialog.nextHop() instanceof SipUri hop)) {
            return CompletableFuture.failedFuture(new IllegalStateException("cannot route " + request.method()
                    + " to " + dialog.nextHop()));
        }
        return s.start(hop);
    }

    /**
     * Acknowledges a 2xx to our INVITE {@code sent} (RFC 3261 §13.2.2.4): the first time builds
     * the ACK (CSeq number of the INVITE, the INVITE's credentials per §22.1), every time sends it.
     */
    void ack(SipRequest sent, SipResponse ok) {
        long cseq = sent.cseq().number();
        AckSender a = acks.get(cseq);
        if (a == null) {
            SipRequest.Builder b = dialog.newAck(cseq);
            for (var c : sent.values(HeaderName.AUTHORIZATION)) {
                b.header(HeaderName.AUTHORIZATION, c);
            }
            for (var c : sent.values(HeaderName.PROXY_AUTHORIZATION)) {
                b.header(HeaderName.PROXY_AUTHORIZATION, c);
            }
            a = new AckSender(stack, b.build(), dialog.nextHop());
            // §14.1: a new INVITE waits for the previous one to complete, so only the previous
            // INVITE's 2xx can still be retransmitted; older ACKs are dropped.
            acks.keySet().removeIf(n -> n < cseq - 1);
            acks.put(cseq, a);
        }
        a.send();
    }

    /** A retransmitted 2xx (from the transaction, or stray after Timer M): the same ACK again. */
    void resendAck(SipResponse ok) {
        AckSender a = acks.get(ok.cseq().number());
        if (a != null) {
            a.send();
        }
    }

    /** The ACK of the 2xx to the INVITE with CSeq {@code cseq} (tests and diagnostics), or null. */
    AckSender ackFor(long cseq) {
        return acks.get(cseq);
    }

    // ---- UAS side -----------------------------------------------------------------------------

    /**
     * Sends our 2xx on {@code tx} and retransmits it until the ACK (§13.3.1.4): then
     * {@code acked} runs; after 64·T1 without ACK, {@code failed} runs and a BYE ends the call.
     */
    void awaitAck(ServerTransaction tx, SipResponse ok, Runnable acked, Runnable failed) {
        ackDone = acked;
        ackWait = new AckWait(stack, tx, ok, () -> {
            ackWait = null;
            ackDone = null;
            LOG.warn("no ACK for {} {} within 64*T1; ending the call with BYE", ok.startLine(), dialog.id());
            failed.run();
            if (!terminated) {
                sendBye();
            }
        });
        ackWait.start();
    }

    /** An ACK in this dialog (a 2xx's, §13.3.1.4). */
    void onAck(SipRequest ack) {
        if (ackWait == null || ack.cseq().number() != ackWait.cseq()) {
            return;
        }
        ackWait.stop();
        ackWait = null;
        try {
            SessionDescription answer = sdpOf(ack);
            if (answer != null) {
                remoteSdp = answer; // RFC 3264 §4 / RFC 3261 §13.2.1: the offer was in our 2xx
            }
        } catch (RuntimeException e) {
            LOG.warn("ignoring the unusable SDP in the ACK of {}: {}", dialog.id(), e.getMessage());
        }
        Runnable done = ackDone;
        ackDone = null;
        if (done != null) {
            done.run();
        }
    }

    /** A request in this dialog other than ACK and CANCEL (§12.2.2). */
    void onRequest(ServerTransaction tx, SipRequest request) {
        if (!dialog.receive(request)) {
            // §12.2.2: lower CSeq than the last one from the peer — out of order.
            tx.respond(SipResponse.to(request, 500).reason("Out of Order CSeq").build());
            return;
        }
        switch (request.method()) {
            case SipRequest.BYE -> {
                // §15.1.2: answer 200, the session is over.
                tx.respond(SipResponse.to(request, 200).build());
                terminate();
            }
            case SipRequest.INVITE -> onReinvite(tx, request);
            case SipRequest.UPDATE -> tx.respond(withContact(SipResponse.to(request,
                    request.bodyLength() == 0 ? 200 : 488)).build()); // RFC 3311: target refresh only, no offers
            case SipRequest.INFO -> tx.respond(SipResponse.to(request, 200).build());
            case SipRequest.OPTIONS -> tx.respond(SipResponse.to(request, 200).header(HeaderName.ALLOW, SipStack.ALLOW)
                    .build());
            default -> tx.respond(SipResponse.to(request, 501).build());
        }
    }

    private void onReinvite(ServerTransaction tx, SipRequest request) {
        if (outgoingInvite) {
            tx.respond(SipResponse.to(request, 491).build()); // §14.2: glare
            return;
        }
        if (incomingInvite != null) {
            // §14.2: a second re-INVITE before the first one ended gets 500 with a random Retry-After.
            tx.respond(SipResponse.to(request, 500).header(HeaderName.RETRY_AFTER,
                    RetryAfter.parse(Integer.toString(ThreadLocalRandom.current().nextInt(0, 11)))).build());
            return;
        }
        SessionDescription offer;
        try {
            offer = sdpOf(request);
        } catch (IllegalArgumentException | SdpParseException e) {
            tx.respond(SipResponse.to(request, e instanceof SdpParseException ? 400 : 415)
                    .header(HeaderName.ACCEPT, MediaType.APPLICATION_SDP).build());
            return;
        }
        incomingInvite = tx;
        IncomingReinvite r = new IncomingReinvite(this, tx, request, offer);
        Consumer<IncomingReinvite> l = reinviteListener;
        if (l != null) {
            stack.callbackExecutor().execute(() -> l.accept(r));
            return;
        }
        SessionDescription local = localSdp;
        SessionDescription answer = offer == null ? local : OfferAnswer.answer(offer, local);
        acceptReinvite(tx, request, offer, answer.equals(local) ? local : answer.nextVersion());
    }

    void acceptReinvite(ServerTransaction tx, SipRequest request, SessionDescription offer, SessionDescription answer) {
        if (terminated || tx != incomingInvite) {
            return;
        }
        SipResponse ok = withContact(SipResponse.to(request, 200))
                .body(MediaType.APPLICATION_SDP, answer.toBytes()).build();
        localSdp = answer;
        if (offer != null) {
            remoteSdp = offer;
        }
        awaitAck(tx, ok, () -> incomingInvite = null, () -> incomingInvite = null);
    }

    void rejectReinvite(ServerTransaction tx, SipRequest request, int status) {
        if (tx != incomingInvite) {
            return;
        }
        incomingInvite = null;
        tx.respond(SipResponse.to(request, status).build()); // §14.2: the session stays as it was
    }

    /** Ends the call here: dialog terminated, out of the table, listeners told. Loop thread. */
    void terminate() {
        if (terminated) {
            return;
        }
        terminated = true;
        dialog.terminate();
        stack.calls().remove(this);
        if (incomingInvite != null) {
            // §15.1.2: pending requests still get a response; 487 is recommended.
            incomingInvite.respond(SipResponse.to(incomingInvite.request(), 487).build());
            incomingInvite = null;
        }
        if (ackWait != null) {
            ackWait.stop();
            ackWait = null;
            Runnable done = ackDone;
            ackDone = null;
            if (done != null) {
                done.run();
            }
        }
        for (Runnable l : terminatedListeners) {
            if (terminatedListeners.remove(l)) {
                stack.callbackExecutor().execute(l);
            }
        }
    }

    /**
     * The SDP body of {@code m}, or null without a body.
     *
     * @throws IllegalArgumentException when the body is not {@code application/sdp}
     * @throws SdpParseException when it does not parse
     */
    static SessionDescription sdpOf(SipMessage m) {
        if (m.bodyLength() == 0) {
            return null;
        }
        MediaType type = m.contentType();
        if (type == null || !type.essence().equals("application/sdp")) {
            throw new IllegalArgumentException("body is " + type + ", not application/sdp");
        }
        return SessionDescription.parse(m.body());
    }

    private SipResponse.Builder withContact(SipResponse.Builder b) {
        return dialog.localContact() == null ? b : b.contact(dialog.localContact());
    }

    private static <T> void relay(CompletableFuture<T> from, CompletableFuture<T> to) {
        from.whenComplete((v, e) -> {
            if (e != null) {
                to.completeExceptionally(e);
            } else {
                to.complete(v);
            }
        });
    }
}
