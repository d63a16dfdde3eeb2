package io.sipim.sip.transaction;

import io.sipim.sip.loop.Scheduler.Cancellable;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.transport.TransportAddress;
import java.io.IOException;
import java.time.Duration;

/**
 * A SIP transaction (RFC 3261 §17): one request and the responses to it, with the state machine
 * that makes the exchange reliable over an unreliable transport. Created and owned by a
 * {@link TransactionLayer}; every method must be called on its scheduler's thread.
 *
 * <p>The four machines share this base: one method, {@link #moveTo}, changes state, and it only
 * ever moves forward. Each machine holds at most three RFC timers at a time: one that
 * retransmits (A, E or G), one that gives up (B, F or H) and one that ends the transaction once
 * retransmissions have drained (D, I, J, K, L or M).
 */
public abstract sealed class Transaction permits ClientTransaction, ServerTransaction {

    /**
     * The states of RFC 3261 §17 and RFC 6026, in the only order a transaction may pass through
     * them (each machine uses a subset).
     */
    public enum State {
        /** INVITE client: the request is out, no response yet. */
        CALLING("Calling"),
        /** Non-INVITE client or server: the request is out (client) or with the TU (server), no response yet. */
        TRYING("Trying"),
        /** A provisional response has been received (client) or sent (server). */
        PROCEEDING("Proceeding"),
        /** A final response (any, or 300–699 for INVITE) has been received or sent; absorbing retransmissions. */
        COMPLETED("Completed"),
        /** RFC 6026: a 2xx to an INVITE has been received or sent; further 2xx and their ACKs belong to the TU. */
        ACCEPTED("Accepted"),
        /** INVITE server: the ACK for a 300–699 arrived; absorbing ACK retransmissions. */
        CONFIRMED("Confirmed"),
        /** Over; the transaction has left its layer's tables. */
        TERMINATED("Terminated");

        private final String rfcName;

        State(String rfcName) {
            this.rfcName = rfcName;
        }

        /** The name as the RFC writes it, e.g. {@code Proceeding}. */
        public String rfcName() {
            return rfcName;
        }
    }

    final TransactionLayer layer;
    /** The request; a completed non-INVITE server transaction lets it go (see {@link ServerTransaction#request()}). */
    SipRequest request;
    private final String method;
    private final String branch;
    final TransportAddress peer;
    final Object key;
    private State state;
    private Cancellable retransmitTimer = Cancellable.NONE;
    private Cancellable timeoutTimer = Cancellable.NONE;
    private Cancellable endTimer = Cancellable.NONE;

    Transaction(TransactionLayer layer, SipRequest request, TransportAddress peer, Object key, State initial) {
        this.layer = layer;
        this.request = request;
        this.method = request.method();
        this.branch = request.topVia() == null ? null : request.topVia().branch();
        this.peer = peer;
        this.key = key;
        this.state = initial;
    }

    /** The current state. */
    public final State state() {
        return state;
    }

    /**
     * The request that created this transaction. A non-INVITE server transaction over UDP lets
     * it go once it has completed and the task that sent the final response has ended (it only
     * needs the encoded response for Timer J, RFC 3261 §17.2.2); after that this is null.
     */
    public SipRequest request() {
        return request;
    }

    /** The request method; ACK and CANCEL never own their INVITE's transaction. */
    public final String method() {
        return method;
    }

    /** The branch parameter of the request's top Via, the transaction's identifier (§8.1.1.7). */
    public final String branch() {
        return branch;
    }

    /** True for the INVITE machines. */
    public final boolean isInvite() {
        return SipRequest.INVITE.equals(method);
    }

    /** The other end: where a client sends the request, or where a server's request came from. */
    public final TransportAddress peer() {
        return peer;
    }

    /** True once the transaction has ended. */
    public final boolean isTerminated() {
        return state == State.TERMINATED;
    }

    /** E.g. {@code INVITE client z9hG4bK74bf9 Proceeding}. */
    @Override
    public String toString() {
        return method() + (this instanceof ClientTransaction ? " client " : " server ") + branch() + ' '
                + state.rfcName();
    }

    // ---- machinery shared by the four state machines -------------------------------------

    /** True when requests and responses are not retransmitted (TCP, TLS). */
    final boolean reliable() {
        return peer.transport().reliable();
    }

    final TransactionTimers timers() {
        return layer.timers();
    }

    /**
     * The one place state changes. Moves only forward (RFC 3261 §17 machines have no way back);
     * entering Terminated stops every timer and removes the transaction from its layer (§17.1.1.2:
     * it "MUST be destroyed the instant it enters the Terminated state").
     */
    final void moveTo(State to, String event) {
        State from = state;
        if (to.ordinal() <= from.ordinal()) {
            throw new IllegalStateException(this + ": cannot move " + from.rfcName() + " -> " + to.rfcName()
                    + " on " + event);
        }
        state = to;
        if (to == State.TERMINATED) {
            retransmitTimer.cancel();
            timeoutTimer.cancel();
            endTimer.cancel();
            stopOwnTimers();
            layer.remove(this);
        }
        layer.stateChanged(this, from, to, event);
        if (to == State.TERMINATED) {
            notifyTerminated();
        }
    }

    /** Sends {@code message} to the peer; a failure reported later is handled as §17.1.4 / §17.2.4 say. */
    final void sendEncoded(byte[] wire) {
        layer.transport().sendEncoded(wire, peer, this::sendFailed);
    }

    final void send(SipMessage message) {
        layer.transport().send(message, peer, this::sendFailed);
    }

    /** Schedules Timer A, E or G, replacing the previous one. */
    final void startRetransmitTimer(Duration delay, Runnable task) {
        retransmitTimer.cancel();
        retransmitTimer = schedule(delay, task);
    }

    final void stopRetransmitTimer() {
        retransmitTimer.cancel();
    }

    /** Schedules Timer B, F or H. */
    final void startTimeoutTimer(Duration delay, Runnable task) {
        timeoutTimer.cancel();
        timeoutTimer = schedule(delay, task);
    }

    final void stopTimeoutTimer() {
        timeoutTimer.cancel();
    }

    /** Schedules Timer D, I, J, K, L or M, whose firing ends the transaction. */
    final void startEndTimer(Duration delay, String timer) {
        endTimer.cancel();
        endTimer = schedule(delay, () -> moveTo(State.TERMINATED, "Timer " + timer));
    }

    /** A task on the scheduler that is skipped once the transaction has ended. */
    final Cancellable schedule(Duration delay, Runnable task) {
        return layer.scheduler().schedule(delay, () -> {
            if (state != State.TERMINATED) {
                task.run();
            }
        });
    }

    private void sendFailed(IOException error) {
        if (state != State.TERMINATED) {
            transportError(error);
        }
    }

    /** Stops timers a subclass keeps besides the three shared ones. */
    void stopOwnTimers() {
    }

    /** §17.1.4, §17.2.4: what a transport failure does in the current state. */
    abstract void transportError(IOException error);

    /** Tells the TU the transaction has ended. */
    abstract void notifyTerminated();
}
