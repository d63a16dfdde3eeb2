package io.sipim.msrp.session;

import io.sipim.msrp.message.MsrpException;
import io.sipim.msrp.message.MsrpHeader;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.sdp.AcceptTypes;
import io.sipim.msrp.sdp.Fingerprint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One MSRP session (RFC 4975 §5): our URI, the peer's path, and the messages that flow between them.
 *
 * <p>Lifecycle: {@link MsrpStack#newSession()} gives the URI to put into SDP ({@code a=path}); once
 * the peer's path is known from its SDP, the side whose {@code a=setup} is active calls
 * {@link #connect} (opens or reuses a connection and binds it with a SEND, RFC 4975 §5.4, RFC 6135)
 * and the passive side calls {@link #accept} (waits for the peer's first request on any connection
 * to our URI). {@link #send} may be called before either finishes; messages wait for the binding.
 * {@link #close()} ends the session: outgoing messages still in flight fail, incoming partial
 * messages are dropped and reported to {@link #onAborted}.
 *
 * <p>Methods may be called from any thread; listeners run on the stack's callback executor.
 */
public final class MsrpSession implements AutoCloseable {

    /** Decides where an incoming message's body goes, from its first chunk; runs on the loop, keep it quick. */
    @FunctionalInterface
    public interface SinkChooser {
        /**
         * @param messageId Message-ID
         * @param contentType Content-Type, or null
         * @param total the message size from Byte-Range, or -1 when not yet known
         * @param headers the headers of the chunk that started the message (Content-Disposition …)
         * @return the sink for the body, or null for the default (memory)
         */
        BodySink choose(String messageId, String contentType, long total, List<MsrpHeader> headers);
    }

    enum State { NEW, CONNECTING, ACCEPTING, BOUND, CLOSED }

    private final MsrpStack stack;
    private final MsrpUri localUri;
    private final List<MsrpUri> relayPath;
    // Loop-confined state below.
    private State state = State.NEW;
    private List<MsrpUri> remotePath = List.of();
    private String fingerprint;
    private ConnectionHandler connection;
    private final List<OutgoingState> waiting = new ArrayList<>();
    private final Map<String, OutgoingState> outgoing = new LinkedHashMap<>();
    private final CompletableFuture<MsrpSession> bound = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    final IncomingMessages incoming;
    private volatile Consumer<ReceivedMessage> messageListener = m -> { };
    private volatile Consumer<String> abortedListener = id -> { };
    private volatile Consumer<Progress> receiveProgress;
    private volatile SinkChooser sinkChooser;
    private volatile AcceptTypes acceptTypes;

    MsrpSession(MsrpStack stack, MsrpUri localUri, List<MsrpUri> relayPath) {
        this.stack = stack;
        this.localUri = localUri;
        this.relayPath = relayPath;
        this.incoming = new IncomingMessages(this);
    }

    /** Our URI: the last element of our {@code a=path}, and the From-Path of what we send. */
    public MsrpUri localUri() {
        return localUri;
    }

    /**
     * What to put into our SDP's {@code a=path} attribute: our relay's Use-Path (RFC 4976 §5.3) when
     * the stack uses a relay, then our URI.
     */
    public List<MsrpUri> localPath() {
        if (relayPath.isEmpty()) {
            return List.of(localUri);
        }
        List<MsrpUri> p = new ArrayList<>(relayPath);
        p.add(localUri);
        return List.copyOf(p);
    }

    /** The To-Path of what we send: our relays first (RFC 4976 §6), then the peer's path. */
    List<MsrpUri> toPath() {
        if (relayPath.isEmpty()) {
            return remotePath;
        }
        List<MsrpUri> p = new ArrayList<>(relayPath);
        p.addAll(remotePath);
        return List.copyOf(p);
    }

    /** The peer's path, once {@link #connect} or {@link #accept} named it. */
    public List<MsrpUri> remotePath() {
        return remotePath;
    }

    /** Completes when a connection is bound to the session (both sides). */
    public CompletableFuture<MsrpSession> bound() {
        return bound;
    }

    /** Completes when the session has closed, by {@link #close()} or because its connection went away. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    /**
     * Active side (RFC 6135 {@code a=setup:active}, the default for the offerer in RFC 4975): opens a
     * connection to the first URI of {@code remotePath}, or reuses one to the same place, and binds it
     * with an empty SEND (RFC 4975 §5.4).
     *
     * @param fingerprint the peer's {@code a=fingerprint} value ({@code "sha-256 AB:CD:…"}) for msrps
     *     with {@link io.sipim.msrp.transport.MsrpTls.Verification#FINGERPRINT}, else null
     * @return completes with this session on the 200 to the binding SEND; fails with an
     *     {@link MsrpException} on a failure response, a timeout or a connection failure
     */
    public CompletableFuture<MsrpSession> connect(List<MsrpUri> remotePath, String fingerprint) {
        return start(State.CONNECTING, checkedPath(remotePath), fingerprint);
    }

    /** {@link #connect(List, String)} without a fingerprint. */
    public CompletableFuture<MsrpSession> connect(List<MsrpUri> remotePath) {
        return connect(remotePath, null);
    }

    /**
     * Passive side: waits for the peer to bind a connection with its first request to our URI. A
     * request whose From-Path does not end in the last URI of {@code remotePath} is refused with 403.
     */
    public CompletableFuture<MsrpSession> accept(List<MsrpUri> remotePath, String fingerprint) {
        return start(State.ACCEPTING, checkedPath(remotePath), fingerprint);
    }

    /** {@link #accept(List, String)} without a fingerprint. */
    public CompletableFuture<MsrpSession> accept(List<MsrpUri> remotePath) {
        return accept(remotePath, null);
    }

    /**
     * Passive side without SDP: the first peer to send a request to our URI binds the session,
     * whatever its From-Path. The session-id's 120 random bits are then the only secret, so use it
     * only where the URI travels privately (command-line tools, tests).
     */
    public CompletableFuture<MsrpSession> acceptAny() {
        return start(State.ACCEPTING, List.of(), null);
    }

    /** Leaves NEW for {@code next} (once only) with the peer's path; the active side then dials. */
    private CompletableFuture<MsrpSession> start(State next, List<MsrpUri> path, String fingerprint) {
        stack.onLoop(() -> {
            if (state != State.NEW) {
                bound.completeExceptionally(new IllegalStateException("session already " + state));
                return;
            }
            this.remotePath = path;
            this.fingerprint = fingerprint;
            state = next;
            if (next == State.CONNECTING) {
                stack.connectSession(this);
            }
        });
        return bound;
    }

    private static List<MsrpUri> checkedPath(List<MsrpUri> path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("the peer's path needs at least one URI");
        }
        return List.copyOf(path);
    }

    /** A message to send on this session. */
    public MessageBuilder message(String contentType, BodySource body) {
        return new MessageBuilder(this, contentType, body);
    }

    /** Sends {@code text} as {@code text/plain;charset=UTF-8}. */
    public Transfer send(String text) {
        return message("text/plain;charset=UTF-8", BodySource.of(text.getBytes(StandardCharsets.UTF_8))).send();
    }

    /** Sends a body of the given type with the default reports (Success-Report no, Failure-Report yes). */
    public Transfer send(String contentType, BodySource body) {
        return message(contentType, body).send();
    }

    /** Called with every complete incoming message. */
    public MsrpSession onMessage(Consumer<ReceivedMessage> listener) {
        this.messageListener = Objects.requireNonNull(listener);
        return this;
    }

    /** Called with the Message-ID of an incoming message the peer aborted, or that the session's end cut off. */
    public MsrpSession onAborted(Consumer<String> listener) {
        this.abortedListener = Objects.requireNonNull(listener);
        return this;
    }

    /** Called as bytes of incoming messages arrive. */
    public MsrpSession onReceiveProgress(Consumer<Progress> listener) {
        this.receiveProgress = Objects.requireNonNull(listener);
        return this;
    }

    /**
     * The media types this session accepts, as in our SDP's {@code a=accept-types} (RFC 4975 §8.6):
     * a SEND of another type is refused with 415. Default: everything.
     */
    public MsrpSession acceptTypes(AcceptTypes types) {
        this.acceptTypes = types;
        return this;
    }

    /** Where incoming bodies go; default memory up to the stack's max message size. */
    public MsrpSession onIncoming(SinkChooser chooser) {
        this.sinkChooser = chooser;
        return this;
    }

    /**
     * Stops receiving the message with this Message-ID: what arrived is discarded, {@link #onAborted}
     * hears of it, and its next chunk is answered 413 so that the sender stops (RFC 4975 §7.3.1).
     */
    public void cancelIncoming(String messageId) {
        stack.onLoop(() -> incoming.cancel(messageId));
    }

    /** Ends the session; see the class description. */
    @Override
    public void close() {
        stack.onLoop(() -> end(null));
    }

    // ---- loop side ----

    MsrpStack stack() {
        return stack;
    }

    State state() {
        return state;
    }

    ConnectionHandler connection() {
        return connection;
    }

    String fingerprint() {
        return fingerprint;
    }

    /** Whether an incoming SEND of this Content-Type is welcome (RFC 4975 §7.3.1: else 415). */
    boolean accepts(String contentType) {
        AcceptTypes types = acceptTypes;
        return types == null || contentType == null || types.matches(contentType);
    }

    SinkChooser sinkChooser() {
        return sinkChooser;
    }

    void deliver(ReceivedMessage m) {
        Consumer<ReceivedMessage> l = messageListener;
        stack.callback(() -> l.accept(m));
    }

    void aborted(String messageId) {
        Consumer<String> l = abortedListener;
        stack.callback(() -> l.accept(messageId));
    }

    void receiveProgress(Progress p) {
        Consumer<Progress> l = receiveProgress;
        if (l != null) {
            // Only when someone listens: a hand-off per chunk to the callback executor is not free.
            stack.callback(() -> l.accept(p));
        }
    }

    void submit(OutgoingState out) {
        stack.onLoop(() -> {
            if (state == State.CLOSED) {
                out.fail(new MsrpException("session " + localUri + " is closed"));
                return;
            }
            outgoing.put(out.transfer.messageId(), out);
            if (state == State.BOUND) {
                connection.enqueue(out);
            } else {
                waiting.add(out);
            }
        });
    }

    void cancel(Transfer t) {
        stack.onLoop(() -> {
            OutgoingState out = outgoing.remove(t.messageId());
            if (out == null) {
                return;
            }
            waiting.remove(out);
            if (connection != null) {
                connection.abort(out);
            }
            out.fail(new CancellationException("transfer " + t.messageId() + " cancelled"));
        });
    }

    OutgoingState outgoing(String messageId) {
        return outgoing.get(messageId);
    }

    void finished(OutgoingState out) {
        outgoing.remove(out.transfer.messageId());
        if (connection != null) {
            // A failure mid-message stops the rest of it (RFC 4975 §7.1.1: the chunk ends with '#').
            connection.abort(out);
        }
    }

    /**
     * Whether a connection may carry this session: From-Path ends in the peer's URI and, for msrps
     * trusted by fingerprint, the certificate matches (RFC 4572 §5).
     */
    boolean admits(ConnectionHandler handler, List<MsrpUri> fromPath) {
        if (!remotePath.isEmpty() && !remotePath.get(remotePath.size() - 1).equals(fromPath.get(fromPath.size() - 1))) {
            return false;
        }
        return fingerprintMatches(handler);
    }

    boolean fingerprintMatches(ConnectionHandler handler) {
        if (fingerprint == null || !handler.link().secure()) {
            return true;
        }
        List<Certificate> chain = handler.link().peerCertificates();
        try {
            return !chain.isEmpty() && Fingerprint.parse(fingerprint).matches(chain.get(0).getEncoded());
        } catch (MsrpParseException | java.security.cert.CertificateEncodingException e) {
            return false;
        }
    }

    /** Binds the session to a connection and lets waiting messages go. */
    void bind(ConnectionHandler handler, List<MsrpUri> peerPath) {
        connection = handler;
        if (remotePath.isEmpty()) {
            remotePath = List.copyOf(peerPath);
        }
        state = State.BOUND;
        handler.attach(this);
        for (OutgoingState out : waiting) {
            handler.enqueue(out);
        }
        waiting.clear();
        stack.callback(() -> bound.complete(this));
    }

    /** The active side's binding failed (connection, timeout or failure response). */
    void bindFailed(MsrpException cause) {
        end(cause);
    }

    /** Ends the session: closes it for the user, fails what is in flight. */
    void end(Throwable cause) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        stack.forget(this);
        MsrpException failure = cause instanceof MsrpException m ? m
                : new MsrpException("session " + localUri + " closed" + (cause != null ? ": " + cause.getMessage() : ""),
                cause);
        for (OutgoingState out : List.copyOf(outgoing.values())) {
            if (connection != null) {
                connection.abort(out);
            }
            out.fail(failure);
        }
        outgoing.clear();
        waiting.clear();
        incoming.abortAll();
        if (connection != null) {
            connection.detach(this);
        }
        stack.callback(() -> {
            bound.completeExceptionally(failure);
            closed.complete(null);
        });
    }

    /** The connection under the session went away. */
    void connectionLost(IOException cause) {
        end(new MsrpException("connection lost" + (cause != null ? ": " + cause.getMessage() : ""), cause));
    }

    @Override
    public String toString() {
        return "MsrpSession " + localUri;
    }
}
