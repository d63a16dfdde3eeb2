package io.sipim.sip.ua;

import io.sipim.sip.dialog.DialogTable;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.MediaType;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.sdp.SdpParseException;
import io.sipim.sip.sdp.SessionDescription;
import io.sipim.sip.transaction.ServerHandler;
import io.sipim.sip.transaction.ServerTransaction;
import io.sipim.sip.transaction.TransactionLayer;
import io.sipim.sip.transport.Received;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The part of the UA core that owns INVITE sessions (RFC 3261 §12–§15): the table of calls by
 * dialog id, new INVITEs to the account's {@link SipAccount#onCall} listener, in-dialog requests
 * and 2xx ACKs to their call, CANCELs to the INVITE they cancel, and 2xx retransmissions that
 * outlive the client transaction (after Timer M) to the call that must ACK them again. Loop
 * thread only.
 */
final class InviteCore {
    private final SipStack stack;
    private final DialogTable<Call> calls = new DialogTable<>();
    /**
     * How long an INVITE handed to the application may stay unanswered before the UA answers 480
     * itself: the length of a proxy's Timer C (RFC 3261 §16.6 item 11, "greater than 3 minutes"),
     * so that an application that never answers does not hold the transaction and this entry forever.
     */
    static final java.time.Duration UNANSWERED_INVITE = java.time.Duration.ofSeconds(181);

    /** INVITEs handed to the application and not answered yet, for CANCEL (§9.2). */
    private final Map<ServerTransaction, IncomingCall> ringing = new HashMap<>();

    InviteCore(SipStack stack) {
        this.stack = stack;
    }

    void add(Call call) {
        calls.put(call.dialog().id(), call);
    }

    void remove(Call call) {
        calls.remove(call.dialog().id(), call);
    }

    /** The calls in progress (a copy). */
    java.util.List<Call> calls() {
        return calls.values();
    }

    void answered(ServerTransaction tx) {
        ringing.remove(tx);
    }

    /**
     * An INVITE: a re-INVITE goes to its call (481 without one, §12.2.2); a new one to the
     * addressed account's call listener; without an account or a listener 480 Temporarily
     * Unavailable, as before calls existed.
     */
    void onInvite(ServerTransaction tx, SipRequest request) {
        if (request.to() != null && request.to().tag() != null) {
            if (!inDialog(tx, request)) {
                answer(tx, request, 481);
            }
            return;
        }
        SipAccount account = stack.accountFor(request.requestUri());
        Consumer<IncomingCall> listener = account == null ? null : account.callListener();
        if (listener == null) {
            answer(tx, request, 480);
            return;
        }
        SessionDescription offer;
        try {
            offer = Call.sdpOf(request);
        } catch (IllegalArgumentException e) {
            tx.respond(SipResponse.to(request, 415).toTag(TransactionLayer.newTag())
                    .header(HeaderName.ACCEPT, MediaType.APPLICATION_SDP).build());
            return;
        } catch (SdpParseException e) {
            tx.respond(SipResponse.to(request, 400).reason("Bad SDP").toTag(TransactionLayer.newTag()).build());
            return;
        }
        IncomingCall in = new IncomingCall(account, tx, request, offer);
        ringing.put(tx, in);
        stack.loop().schedule(UNANSWERED_INVITE, () -> {
            if (ringing.get(tx) == in) {
                in.reject(480);
            }
        });
        stack.callbackExecutor().execute(() -> listener.accept(in));
    }

    /** A request with a To tag: to its call; false when it matches none (the caller answers 481). */
    boolean inDialog(ServerTransaction tx, SipRequest request) {
        Call call = calls.forRequest(request);
        if (call == null) {
            return false;
        }
        call.onRequest(tx, request);
        return true;
    }

    /** An ACK the transactions did not consume: a 2xx's (§13.3.1.4). */
    void onAck(SipRequest ack) {
        Call call = calls.forRequest(ack);
        if (call != null) {
            call.onAck(ack);
        }
    }

    /** §9.2: answered as the RFC says (487 to the INVITE, 200 to the CANCEL), then the application hears of it. */
    void onCancel(ServerTransaction cancel, ServerTransaction invite) {
        ServerHandler.answerCancel(cancel, invite);
        IncomingCall in = invite == null ? null : ringing.remove(invite);
        if (in != null) {
            in.cancelled();
        }
    }

    /** §13.2.2.4: a 2xx retransmission after Timer M still gets its ACK. */
    void onStrayResponse(Received received) {
        if (received.message() instanceof SipResponse r && r.isSuccess() && r.cseq() != null
                && SipRequest.INVITE.equals(r.cseq().method())) {
            Call call = calls.forResponse(r);
            if (call != null) {
                call.resendAck(r);
            }
        }
    }

    /** §8.2.6.2: a To tag is added only when the request has none. */
    static void answer(ServerTransaction tx, SipRequest request, int status) {
        SipResponse.Builder b = SipResponse.to(request, status);
        if (request.to() == null || request.to().tag() == null) {
            b.toTag(TransactionLayer.newTag());
        }
        tx.respond(b.build());
    }
}
