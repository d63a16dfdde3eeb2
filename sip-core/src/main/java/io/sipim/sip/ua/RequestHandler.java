package io.sipim.sip.ua;

import io.sipim.sip.message.SipRequest;
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
}
