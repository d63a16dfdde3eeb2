package io.sipim.sip.ua;

import io.sipim.sip.message.SipRequest;
import io.sipim.sip.transaction.ServerHandler;
import io.sipim.sip.transaction.ServerTransaction;
import io.sipim.sip.transport.Received;

/**
 * Takes incoming requests before the user agent does: how a registrar, a proxy or a presence
 * server plugs into a {@link SipStack}. Called on the stack's loop thread; must not block.
 */
@FunctionalInterface
public interface RequestHandler {
    /**
     * Handles {@code request} (answering through {@code tx}, now or later) and returns true, or
     * returns false to leave it to the user agent's own handling.
     */
    boolean onRequest(ServerTransaction tx, SipRequest request, Received received);

    /**
     * An ACK no INVITE server transaction consumed: one for a 2xx (RFC 3261 §13.3.1.4), which a
     * proxy routes on statelessly (§16.11). Return true when handled; by default false, and the
     * user agent ignores it. {@code invite} is as in {@link ServerHandler#onAck}.
     */
    default boolean onAck(SipRequest ack, Received received, ServerTransaction invite) {
        return false;
    }

    /**
     * A CANCEL with its own server transaction and the INVITE server transaction it matches, or
     * null (RFC 3261 §9.2). Return true when handled (a proxy answers it and cancels its branches,
     * §16.10); by default false, and the user agent answers as {@link ServerHandler#answerCancel}
     * does.
     */
    default boolean onCancel(ServerTransaction cancel, SipRequest request, Received received,
                             ServerTransaction invite) {
        return false;
    }

    /**
     * A response that matched no client transaction (RFC 3261 §17.1.3, §18.1.2): a proxy forwards
     * it by its next Via (§16.7, 2xx retransmissions after the transaction ended). Return true
     * when taken; otherwise the user agent's calls see it (a retransmitted 2xx to re-ACK).
     */
    default boolean onStrayResponse(Received received) {
        return false;
    }
}
