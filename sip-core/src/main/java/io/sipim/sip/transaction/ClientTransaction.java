package io.sipim.sip.transaction;

import io.sipim.sip.message.CSeq;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.transport.TransportAddress;
import java.io.IOException;

/**
 * The client side of a transaction (RFC 3261 §17.1): sends a request, retransmits it over UDP,
 * matches the responses and tells its {@link Listener} what happened. Made by
 * {@link TransactionLayer#sendRequest}.
 */
public abstract sealed class ClientTransaction extends Transaction
        permits InviteClientTransaction, NonInviteClientTransaction {

    /**
     * What a client transaction tells its TU, on the scheduler's thread. After
     * {@link #onTimeout} or {@link #onTransportError} no response follows; {@link #onTerminated}
     * is always the last call.
     */
    @FunctionalInterface
    public interface Listener {
        /**
         * A response for the TU: every provisional response, the final response, and for INVITE
         * every 2xx received while Accepted (RFC 6026 §8.4: retransmissions and forks alike). Final
         * response retransmissions of a non-INVITE or a 300–699 to INVITE are absorbed.
         */
        void onResponse(SipResponse response);

        /** No final response in time: {@code "B"} for INVITE, {@code "F"} otherwise (§17.1.1.2, §17.1.2.2). */
        default void onTimeout(String timer) {
        }

        /** The transport could not send the request or the ACK (§17.1.4). */
        default void onTransportError(IOException error) {
        }

        /** The transaction has ended and left its layer. */
        default void onTerminated() {
        }
    }

    final Listener listener;

    ClientTransaction(TransactionLayer layer, SipRequest request, TransportAddress destination, Object key,
                      State initial, Listener listener) {
        super(layer, request, destination, key, initial);
        this.listener = listener;
    }

    /** Where the request is sent. */
    public final TransportAddress destination() {
        return peer;
    }

    /**
     * The CANCEL for this INVITE (RFC 3261 §9.1): same Request-URI, Call-ID, From, To, CSeq number
     * and Route set, a single Via equal to the request's top Via, so that it reaches the same
     * server transaction. Send it with {@link TransactionLayer#sendRequest} once a provisional
     * response has arrived (§9.1: not before).
     *
     * @throws IllegalStateException when this is not an INVITE transaction
     */
    public final SipRequest cancelRequest() {
        if (!isInvite()) {
            throw new IllegalStateException("only an INVITE can be cancelled (RFC 3261 §9.1), not " + method());
        }
        return derivedRequest(SipRequest.CANCEL, request.to());
    }

    /**
     * A request on this transaction's branch (ACK for a 300–699 per §17.1.1.3, CANCEL per §9.1):
     * Request-URI, Call-ID, From, CSeq number, Max-Forwards and Route copied, one Via equal to the
     * original top Via, and the given To.
     */
    final SipRequest derivedRequest(String method, NameAddr to) {
        SipRequest.Builder b = SipRequest.builder(method, request.requestUri())
                .via(request.topVia())
                .from(request.from())
                .to(to)
                .callId(request.callId())
                .cseq(new CSeq(request.cseq().number(), method));
        int maxForwards = request.maxForwards();
        b.maxForwards(maxForwards < 0 ? 70 : maxForwards);
        for (NameAddr route : request.routes()) {
            b.header(HeaderName.ROUTE, route);
        }
        return b.build();
    }

    /** Starts the machine: sends the request and starts the timers for the initial state. */
    abstract void start();

    /** A response whose top Via branch and CSeq method match this transaction (§17.1.3). */
    abstract void receive(SipResponse response);

    @Override
    final void notifyTerminated() {
        listener.onTerminated();
    }

    /** §17.1.4: a transport failure ends the transaction and is reported to the TU. */
    @Override
    final void transportError(IOException error) {
        try {
            listener.onTransportError(error);
        } finally {
            moveTo(State.TERMINATED, "transport error");
        }
    }

    /** Reports a timeout (Timer B or F) and ends the transaction. */
    final void timeout(String timer) {
        try {
            listener.onTimeout(timer);
        } finally {
            moveTo(State.TERMINATED, "Timer " + timer);
        }
    }
}
