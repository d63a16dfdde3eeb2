package io.sipim.sip.transaction;

import io.sipim.sip.loop.Scheduler;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.Via;
import io.sipim.sip.transport.Received;
import io.sipim.sip.transport.TransportAddress;
import io.sipim.sip.transport.TransportLayer;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The SIP transaction layer (RFC 3261 §17 with RFC 6026): creates client transactions for the
 * requests a TU sends, matches incoming messages to transactions, and creates server
 * transactions for new requests. It is the receiver of its {@link TransportLayer}.
 *
 * <p>Threading: every method must be called on the {@link Scheduler}'s thread, and every
 * callback (listeners, {@link ServerHandler}, hooks) is made on it; no state here is locked.
 *
 * <p>Incoming requests: a retransmission is absorbed by its transaction; an ACK matching an
 * INVITE server transaction is handled by it, any other ACK (a 2xx's, RFC 3261 §13.3.1.4) goes to
 * {@link ServerHandler#onAck}; a CANCEL gets its own server transaction and goes to
 * {@link ServerHandler#onCancel} with the INVITE it cancels; every other new request goes to
 * {@link ServerHandler#onRequest}. Incoming responses: matched to a client transaction (§17.1.3),
 * or else handed to the {@linkplain #strayResponses stray response hook}.
 */
public final class TransactionLayer {

    /** Observes state changes, e.g. for logging ({@code INVITE client z9hG4bK… Calling -> Proceeding on 180}). */
    @FunctionalInterface
    public interface Observer {
        /** {@code tx} moved from {@code from} to {@code to} because of {@code event} (a status, "ACK", "Timer D" ...). */
        void stateChanged(Transaction tx, Transaction.State from, Transaction.State to, String event);
    }

    /** Answers every request with 501 (RFC 3261 §8.2.1): what a layer without a TU does. */
    private static final ServerHandler NO_TU = (tx, request, received) ->
            tx.respond(SipResponse.to(request, 501).toTag(newTag()).build());

    private final Scheduler scheduler;
    private final TransportLayer transport;
    private final TransactionTimers timers;
    private final Map<Object, ClientTransaction> clients = new HashMap<>();
    private final Map<Object, ServerTransaction> servers = new HashMap<>();
    private ServerHandler handler = NO_TU;
    private Consumer<Received> strayResponses = r -> { };
    private Observer observer = (tx, from, to, event) -> { };

    /**
     * A transaction layer over {@code transport}, which it registers with as receiver.
     *
     * @param scheduler the thread that owns the layer, its transactions and timers
     * @param transport where messages go and come from
     * @param timers T1, T2, T4 and the timers derived from them
     */
    public TransactionLayer(Scheduler scheduler, TransportLayer transport, TransactionTimers timers) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.timers = Objects.requireNonNull(timers, "timers");
        transport.receiver(this::receive);
    }

    /** Sets the TU for incoming requests; without one, requests are answered 501. */
    public TransactionLayer serverHandler(ServerHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /**
     * Sets who receives responses that match no client transaction (RFC 3261 §17.1.3, §18.1.2):
     * 2xx retransmissions after Timer M for the UAC core, and responses a stateful proxy forwards.
     */
    public TransactionLayer strayResponses(Consumer<Received> hook) {
        this.strayResponses = Objects.requireNonNull(hook, "hook");
        return this;
    }

    /** Sets the state change observer. */
    public TransactionLayer observer(Observer observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        return this;
    }

    /** The timers this layer runs with. */
    public TransactionTimers timers() {
        return timers;
    }

    /**
     * Starts a client transaction: sends {@code request} to {@code destination} and retransmits it
     * as §17.1 says for the destination's transport. The INVITE machine (§17.1.1) runs for
     * INVITE, the non-INVITE machine (§17.1.2) for every other method.
     *
     * @param request a complete request whose top Via carries a unique RFC 3261 branch
     *     ({@link #newBranch()}) and whose CSeq method is its method; not ACK, which has no client
     *     transaction (send an ACK for a 2xx with {@link #sendStateless})
     * @throws IllegalArgumentException for an ACK, a missing Via or CSeq, or a branch without the magic cookie
     * @throws IllegalStateException when a transaction with the same branch and method is active,
     *     or when called off the scheduler's thread
     */
    public ClientTransaction sendRequest(SipRequest request, TransportAddress destination,
                                         ClientTransaction.Listener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(listener, "listener");
        checkLoop();
        if (request.isMethod(SipRequest.ACK)) {
            throw new IllegalArgumentException("ACK has no client transaction (RFC 3261 §17); use sendStateless");
        }
        Via via = request.topVia();
        if (via == null || !via.hasRfc3261Branch()) {
            throw new IllegalArgumentException("top Via needs a branch starting with " + Via.MAGIC_COOKIE
                    + " (RFC 3261 §8.1.1.7): " + via);
        }
        if (request.cseq() == null || !request.cseq().method().equals(request.method())) {
            throw new IllegalArgumentException("CSeq " + request.cseq() + " does not carry method " + request.method()
                    + " (RFC 3261 §8.1.1.5)");
        }
        TransactionKeys.Client key = TransactionKeys.client(request);
        if (clients.containsKey(key)) {
            throw new IllegalStateException("a client transaction with branch " + via.branch() + " and method "
                    + request.method() + " is already active");
        }
        ClientTransaction tx = request.isMethod(SipRequest.INVITE)
                ? new InviteClientTransaction(this, request, destination, key, listener)
                : new NonInviteClientTransaction(this, request, destination, key, listener);
        clients.put(key, tx);
        tx.start();
        return tx;
    }

    /** Sends a message outside any transaction: an ACK for a 2xx, a 2xx forwarded by a proxy. */
    public void sendStateless(SipMessage message, TransportAddress destination, Consumer<IOException> onFailure) {
        checkLoop();
        transport.send(message, destination, onFailure);
    }

    /**
     * The INVITE server transaction a CANCEL cancels (RFC 3261 §9.2: §17.2.3 matching as if the
     * CANCEL's method were INVITE), or null.
     */
    public ServerTransaction findInviteFor(SipRequest cancel) {
        ServerTransaction tx = servers.get(TransactionKeys.server(cancel, SipRequest.INVITE,
                TransactionKeys.tag(cancel.to())));
        return tx != null && tx.isInvite() ? tx : null;
    }

    /** Client transactions not yet terminated. */
    public int clientCount() {
        return clients.size();
    }

    /** Server transactions not yet terminated. */
    public int serverCount() {
        return servers.size();
    }

    /** A new RFC 3261 branch: the magic cookie and 64 random bits (§8.1.1.7). */
    public static String newBranch() {
        return Via.MAGIC_COOKIE + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }

    /** A new random tag for a From or To header (§19.3: at least 32 bits of randomness). */
    public static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }

    // ---- incoming -------------------------------------------------------------------------

    private void receive(Received received) {
        SipMessage m = received.message();
        // The parser guarantees Via, CSeq, From, To and Call-ID; a hand-made message might not.
        if (m.topVia() == null || m.cseq() == null) {
            if (m instanceof SipResponse) {
                strayResponses.accept(received);
            }
            return;
        }
        if (m instanceof SipRequest request) {
            receiveRequest(request, received);
        } else {
            receiveResponse((SipResponse) m, received);
        }
    }

    private void receiveResponse(SipResponse response, Received received) {
        ClientTransaction tx = clients.get(TransactionKeys.client(response));
        if (tx == null) {
            strayResponses.accept(received);
        } else {
            tx.receive(response);
        }
    }

    private void receiveRequest(SipRequest request, Received received) {
        if (request.isMethod(SipRequest.ACK)) {
            receiveAck(request, received);
            return;
        }
        Object key = TransactionKeys.server(request);
        ServerTransaction existing = servers.get(key);
        if (existing != null) {
            existing.receiveRetransmission(request);
            return;
        }
        if (request.isMethod(SipRequest.CANCEL)) {
            ServerTransaction cancel = new NonInviteServerTransaction(this, request, received, key);
            servers.put(key, cancel);
            handler.onCancel(cancel, request, received, findInviteFor(request));
        } else if (request.isMethod(SipRequest.INVITE)) {
            InviteServerTransaction invite = new InviteServerTransaction(this, request, received, key);
            servers.put(key, invite);
            invite.start();
            handler.onRequest(invite, request, received);
        } else {
            ServerTransaction tx = new NonInviteServerTransaction(this, request, received, key);
            servers.put(key, tx);
            handler.onRequest(tx, request, received);
        }
    }

    /**
     * §17.2.3: an ACK belongs to the INVITE transaction with its branch and sent-by; from an RFC
     * 2543 client, to the one with its Request-URI, From tag, Call-ID, CSeq number and top Via
     * whose response carried the ACK's To tag.
     */
    private void receiveAck(SipRequest ack, Received received) {
        String ackTag = TransactionKeys.tag(ack.to());
        ServerTransaction tx = servers.get(TransactionKeys.server(ack, SipRequest.INVITE, null));
        if (tx == null && ackTag != null && !ack.topVia().hasRfc3261Branch()) {
            // A 2543 re-INVITE already carried the To tag its responses repeat.
            tx = servers.get(TransactionKeys.server(ack, SipRequest.INVITE, ackTag));
        }
        if (tx != null && !ack.topVia().hasRfc3261Branch() && !legacyAckTagMatches(tx, ackTag)) {
            tx = null;
        }
        if (tx instanceof InviteServerTransaction invite) {
            invite.receiveAck(ack, received);
        } else {
            handler.onAck(ack, received, null);
        }
    }

    private static boolean legacyAckTagMatches(ServerTransaction tx, String ackTag) {
        SipResponse last = tx.lastResponse();
        String sent = last == null ? null : TransactionKeys.tag(last.to());
        return Objects.equals(sent, ackTag);
    }

    // ---- package-private services for the transactions ---------------------------------

    Scheduler scheduler() {
        return scheduler;
    }

    TransportLayer transport() {
        return transport;
    }

    ServerHandler handler() {
        return handler;
    }

    void checkLoop() {
        if (!scheduler.inLoop()) {
            throw new IllegalStateException("transactions are driven from their scheduler's thread only");
        }
    }

    void stateChanged(Transaction tx, Transaction.State from, Transaction.State to, String event) {
        observer.stateChanged(tx, from, to, event);
    }

    /** Drops a terminated transaction from its table (§17.1.1.2: destroyed the instant it terminates). */
    void remove(Transaction tx) {
        if (tx instanceof ClientTransaction) {
            clients.remove(tx.key, tx);
        } else {
            servers.remove(tx.key, tx);
        }
    }
}
