package io.sipim.sip.transaction;

import io.sipim.sip.message.CSeq;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.transport.Received;
import java.io.IOException;
import java.util.Objects;

/**
 * The server side of a transaction (RFC 3261 §17.2): absorbs request retransmissions, sends the
 * TU's responses to where the request came from and retransmits them where the RFC says. Made by
 * the {@link TransactionLayer} for each new request and handed to its {@link ServerHandler};
 * events after that (timeouts, transport errors, the end) go to the same handler.
 */
public abstract sealed class ServerTransaction extends Transaction
        permits InviteServerTransaction, NonInviteServerTransaction {

    final Received received;
    private SipResponse lastResponse;

    ServerTransaction(TransactionLayer layer, SipRequest request, Received received, Object key, State initial) {
        super(layer, request, received.source(), key, initial);
        this.received = received;
    }

    /** The request as it arrived, with its source and the local address it arrived on. */
    public final Received received() {
        return received;
    }

    /** The most recent response sent on this transaction (including an automatic 100 Trying), or null. */
    public final SipResponse lastResponse() {
        return lastResponse;
    }

    /**
     * Sends a response from the TU to the request's source (RFC 3261 §18.2.2 with RFC 3581: the
     * source IP and port, over the same connection on a stream transport). A provisional response
     * is sent while no final response has been; the first final response completes the
     * transaction; for INVITE, further 2xx are let through while Accepted (RFC 6026 §8.7, the TU's
     * 2xx retransmissions of §13.3.1.4).
     *
     * @return true when sent; false when the state no longer allows it (a final response has been
     *     sent, for instance a 487 after a CANCEL, or the transaction has ended). Not an error:
     *     the TU may lose such a race against the network.
     * @throws IllegalArgumentException when the response's CSeq is not the request's
     * @throws IllegalStateException when called off the scheduler's thread
     */
    public final boolean respond(SipResponse response) {
        Objects.requireNonNull(response, "response");
        layer.checkLoop();
        CSeq cseq = response.cseq();
        if (cseq == null || !cseq.equals(request.cseq())) {
            throw new IllegalArgumentException("response CSeq " + cseq + " does not match request CSeq "
                    + request.cseq());
        }
        if (isTerminated()) {
            return false;
        }
        return fromTu(response);
    }

    /** Sends {@code response} and remembers it for retransmission. */
    final void sendResponse(SipResponse response) {
        lastResponse = response;
        send(response);
    }

    /** Sends the last response again (on a request retransmission, or Timer G). */
    final void resendLastResponse() {
        if (lastResponse != null) {
            send(lastResponse);
        }
    }

    /** A response from the TU, in a state that is not Terminated. */
    abstract boolean fromTu(SipResponse response);

    /** A retransmission of the request that created this transaction (§17.2.3 matched it). */
    abstract void receiveRetransmission(SipRequest request);

    @Override
    final void notifyTerminated() {
        layer.handler().onTerminated(this);
    }

    /**
     * §17.2.4: the TU hears of the failure and the transaction ends, except in Accepted, where RFC
     * 6026 keeps it (Figure 7) so that INVITE retransmissions are still absorbed until Timer L.
     */
    @Override
    final void transportError(IOException error) {
        try {
            layer.handler().onTransportError(this, error);
        } finally {
            if (state() != State.ACCEPTED && !isTerminated()) {
                moveTo(State.TERMINATED, "transport error");
            }
        }
    }
}
