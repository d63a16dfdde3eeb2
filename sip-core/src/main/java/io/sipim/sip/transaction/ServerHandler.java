package io.sipim.sip.transaction;

import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.transport.Received;
import java.io.IOException;

/**
 * The transaction user (TU) on the server side: the UAS core, a proxy or a registrar. The
 * {@link TransactionLayer} calls it on the scheduler's thread for every new request, for ACKs and
 * CANCELs, and for what happens to the server transactions it was given.
 */
@FunctionalInterface
public interface ServerHandler {

    /**
     * A new request (not a retransmission, not ACK, not CANCEL) with the server transaction
     * created for it. Answer with {@link ServerTransaction#respond}, now or later; an INVITE left
     * unanswered for {@link TransactionTimers#tryingDelay()} gets a 100 Trying from the
     * transaction (§17.2.1).
     */
    void onRequest(ServerTransaction tx, SipRequest request, Received received);

    /**
     * An ACK the transaction layer does not consume: one for a 2xx, which is its own transaction
     * (RFC 3261 §17, §13.3.1.4). {@code invite} is the INVITE server transaction when the ACK
     * matched one in Accepted (RFC 6026 §8.7), null when it matched none.
     */
    default void onAck(SipRequest ack, Received received, ServerTransaction invite) {
    }

    /**
     * A CANCEL (RFC 3261 §9.2) with its own server transaction and the INVITE server transaction
     * it matches ({@link TransactionLayer#findInviteFor}), or null. The default answers as §9.2
     * says with {@link #answerCancel}; override to also tell the application the call is off.
     */
    default void onCancel(ServerTransaction cancel, SipRequest request, Received received, ServerTransaction invite) {
        answerCancel(cancel, invite);
    }

    /** Timer H fired: the ACK for a 300–699 never came (§17.2.1). The transaction ends next. */
    default void onTimeout(ServerTransaction tx, String timer) {
    }

    /** A response could not be sent (§17.2.4). */
    default void onTransportError(ServerTransaction tx, IOException error) {
    }

    /** The transaction has ended and left its layer. */
    default void onTerminated(ServerTransaction tx) {
    }

    /**
     * Answers a CANCEL as RFC 3261 §9.2 says: 481 when it matched no INVITE; otherwise 200, after
     * a 487 to the INVITE if that has no final response yet. The CANCEL's 200 and the 487 carry
     * the To tag the INVITE's responses already use, or a new one.
     */
    static void answerCancel(ServerTransaction cancel, ServerTransaction invite) {
        if (invite == null) {
            cancel.respond(withTag(cancel.request(), 481, TransactionLayer.newTag()));
            return;
        }
        String tag = TransactionLayer.newTag();
        SipResponse last = invite.lastResponse();
        if (last != null && last.to() != null && last.to().tag() != null) {
            tag = last.to().tag();
        }
        if (invite.state() == Transaction.State.PROCEEDING) {
            invite.respond(withTag(invite.request(), 487, tag));
        }
        cancel.respond(withTag(cancel.request(), 200, tag));
    }

    /** A response to {@code request} with a To tag (§8.2.6.2), keeping one the request already has. */
    private static SipResponse withTag(SipRequest request, int status, String tag) {
        SipResponse.Builder b = SipResponse.to(request, status);
        if (request.to() != null && request.to().tag() == null) {
            b.toTag(tag);
        }
        return b.build();
    }
}
