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

    Received received;
    private final CSeq cseq;
    private SipResponse lastResponse;
    /** The final response as sent, once the parsed request and response have been let go. */
    private byte[] finalWire;

    ServerTransaction(TransactionLayer layer, SipRequest request, Received received, Object key, State initial) {
        super(layer, request, received.source(), key, initial);
        this.received = received;
        this.cseq = request.cseq();
    }

    /**
     * The request as it arrived, with its source and the local address it arrived on; null once
     * a completed non-INVITE server transaction over UDP has let it go (see {@link #request()}).
     */
    public final Received received() {
        return received;
    }

    /** The most recent response sent on this transaction (including an automatic 100 Trying), or null. */
    public final SipResponse lastResponse() {
        if (lastResponse == null && finalWire != null) {
            return (SipResponse) new io.sipim.sip.parse.SipParser().parseDatagram(finalWire);
        }
        return lastResponse;
    }

    /**
     * Keeps only what Completed needs, the encoded final response, and lets the parsed request
     * and response go: Timer J holds a completed transaction for 64·T1 (32 s), and at tens of
     * thousands of requests a second the parsed messages would fill the heap.
     */
    final void release() {
        if (state() != State.COMPLETED || lastResponse == null) {
            return;
        }
        finalWire = lastResponse.encode();
        lastResponse = null;
        request = null;
        received = null;
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
        CSeq c = response.cseq();
        if (c == null || !c.equals(cseq)) {
            throw new IllegalArgumentException("response CSeq " + c + " does not match request CSeq " + cseq);
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
        } else if (finalWire != null) {
            sendEncoded(finalWire);
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
