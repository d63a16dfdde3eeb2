package io.sipim.msrp.session;

import io.sipim.msrp.internal.ids.SessionIds;
import io.sipim.msrp.internal.loop.IoLoop;
import io.sipim.msrp.internal.loop.Scheduler;
import io.sipim.msrp.internal.net.HostLookup;
import io.sipim.msrp.internal.net.Link;
import io.sipim.msrp.internal.net.Network;
import io.sipim.msrp.internal.auth.DigestClient;
import io.sipim.msrp.internal.relay.RelayAuth;
import io.sipim.msrp.relay.RelayBinding;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.sipim.msrp.message.MsrpException;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.parse.MsrpLimits;
import io.sipim.msrp.transport.MsrpTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An MSRP endpoint (RFC 4975): one listening socket (TCP, or TLS for {@code msrps}), the connections
 * to and from peers on one NIO loop thread, and the sessions that use them. Sessions to the same
 * place share a connection (RFC 4975 §5.4 allows it). Listeners and futures complete on the
 * callback executor one at a time, in the order the events happened.
 *
 * <pre>{@code
 * try (MsrpStack stack = MsrpStack.builder().listen(new InetSocketAddress("127.0.0.1", 0)).build()) {
 *     MsrpSession s = stack.newSession();            // s.localPath() goes into our SDP
 *     s.connect(peerPath).join();                     // peerPath from the peer's SDP
 *     s.send("hello").completion().join();
 * }
 * }</pre>
 */
public final class MsrpStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MsrpStack.class);

    /** Opens links; the real one dials sockets, tests dial in-memory pipes. */
    interface Dialer {
        Link dial(MsrpUri target, Link.Listener listener) throws IOException;
    }

    private final Scheduler loop;
    private final IoLoop ownedLoop;
    private final Executor callbacks;
    private final ExecutorService ownedCallbacks;
    private final Executor ordered;
    private final MsrpLimits limits;
    private final int chunkSize;
    private final long transactionTimeoutNanos;
    private final String host;
    private final int port;
    private final boolean secure;
    private final Dialer dialer;
    /** Sessions by session-id; written by any thread, read on the loop. */
    private final Map<String, MsrpSession> sessions = new java.util.concurrent.ConcurrentHashMap<>();
    private final RelaySettings relay;
    private volatile List<MsrpUri> relayPath = List.of();
    private ConnectionHandler relayConnection;
    private volatile boolean closing;
    private RelayAuth relayAuth;
    private final Map<String, ConnectionHandler> reusable = new HashMap<>();

    private MsrpStack(Builder b) throws IOException {
        this.limits = b.limits;
        this.chunkSize = b.chunkSize;
        this.transactionTimeoutNanos = b.transactionTimeout.toNanos();
        this.secure = b.tls != null;
        this.relay = b.relay;
        if (b.callbacks != null) {
            this.callbacks = b.callbacks;
            this.ownedCallbacks = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            this.ownedCallbacks = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "sipim-msrp-callback-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            this.callbacks = ownedCallbacks;
        }
        this.ordered = new SerialExecutor(callbacks);
        if (b.testLoop != null) {
            this.loop = b.testLoop;
            this.ownedLoop = null;
            this.dialer = b.testDialer;
            this.host = b.listen.getHostString();
            this.port = b.listen.getPort();
            if (relay != null) {
                onLoop(this::connectRelay);
            }
            return;
        }
        IoLoop io = new IoLoop("sipim-msrp-loop");
        this.ownedLoop = io;
        this.loop = io;
        Network network = new Network(io, b.tls != null ? b.tls.context() : null);
        try {
            InetSocketAddress bound = network.listen(b.listen, secure, c -> new ConnectionHandler(this, c));
            InetAddress addr = bound.getAddress();
            this.host = b.advertisedHost != null ? b.advertisedHost
                    : addr.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress() : addr.getHostAddress();
            this.port = bound.getPort();
        } catch (IOException | RuntimeException e) {
            io.close();
            if (ownedCallbacks != null) {
                ownedCallbacks.shutdownNow();
            }
            throw e;
        }
        this.dialer = (target, listener) -> {
            InetAddress address = lookedUp.remove(target.host());
            return network.connect(new InetSocketAddress(address != null ? address : InetAddress.getByName(target.host()),
                    target.portOrDefault()), target.secure(), target.host(), listener);
        };
        if (relay != null) {
            try {
                onLoop(this::connectRelay);
                relayReady.get(relay.timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                close();
                Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
                throw new MsrpException("cannot authenticate at relay " + relay.uri + ": " + cause.getMessage(), cause);
            }
        }
    }

    /** Completes once the first AUTH at the relay succeeded (RFC 4976 §5). */
    private final CompletableFuture<List<MsrpUri>> relayReady = new CompletableFuture<>();

    /** Addresses looked up off the loop for a dial about to happen, by host name. */
    private final Map<String, InetAddress> lookedUp = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Runs {@code then} on the loop once {@code target}'s host has an address. A DNS lookup can
     * block, so a host name is looked up on another thread; an address literal (and a test's
     * in-memory network) needs no lookup and goes on at once.
     */
    private void whenResolved(MsrpUri target, Runnable then, java.util.function.Consumer<Throwable> failed) {
        String h = target.host();
        if (ownedLoop == null || HostLookup.isAddressLiteral(h)) {
            then.run();
            return;
        }
        HostLookup.lookUp(h).whenComplete((address, error) -> onLoop(() -> {
            if (error != null) {
                failed.accept(HostLookup.cause(error));
            } else {
                lookedUp.put(h, address);
                then.run();
            }
        }));
    }

    /** Looks the relay up, then connects and authenticates (loop). */
    private void connectRelay() {
        whenResolved(relay.uri, this::connectRelayResolved, relayReady::completeExceptionally);
    }

    /** Connects to our relay and authenticates (loop). Sessions made afterwards put its Use-Path first. */
    private void connectRelayResolved() {
        ConnectionHandler h = new ConnectionHandler(this, null);
        h.persistent(true);
        try {
            h.link(dialer.dial(relay.uri, h));
        } catch (IOException | RuntimeException e) {
            relayReady.completeExceptionally(e);
            return;
        }
        relayConnection = h;
        reusable.put(reuseKey(relay.uri), h);
        MsrpUri self = MsrpUri.builder().secure(secure).host(host).port(port).sessionId(SessionIds.next()).build();
        relayAuth = new RelayAuth(h, List::of, relay.uri, self, new DigestClient(relay.username, relay.password),
                relay.expires == null ? -1 : relay.expires.toSeconds(), new RelayAuth.Listener() {
                    @Override
                    public void bound(RelayBinding binding, boolean refresh) {
                        relayPath = binding.usePath();
                        if (!refresh) {
                            List<MsrpUri> path = binding.usePath();
                            callback(() -> relayReady.complete(path));
                        }
                    }

                    @Override
                    public void failed(Throwable cause, boolean refresh) {
                        if (!refresh) {
                            callback(() -> relayReady.completeExceptionally(cause));
                        }
                        LOG.warn("MSRP relay {} {}: {}", relay.uri, refresh ? "refresh failed" : "refused us",
                                cause.getMessage());
                    }
                });
        relayAuth.start();
    }

    /** Constructor for tests: sessions on {@code loop} (virtual time), links from {@code dialer}. */
    static MsrpStack forTest(Scheduler loop, Executor callbacks, Dialer dialer, String host, int port, Builder b) {
        b.testLoop = loop;
        b.testDialer = dialer;
        b.callbacks = callbacks;
        b.listen = InetSocketAddress.createUnresolved(host, port);
        try {
            return new MsrpStack(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A new session with a fresh URI {@code msrp(s)://host:port/<session-id>;tcp}; the session-id
     * has 120 bits from SecureRandom (RFC 4975 §14.1).
     */
    public MsrpSession newSession() {
        MsrpUri uri = MsrpUri.builder().secure(secure).host(host).port(port).sessionId(SessionIds.next()).build();
        MsrpSession s = new MsrpSession(this, uri, relayPath);
        sessions.put(uri.sessionId(), s);
        return s;
    }

    /** The host and port our URIs carry. */
    public InetSocketAddress localAddress() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    public MsrpLimits limits() {
        return limits;
    }

    /** The largest chunk body this stack sends. */
    public int chunkSize() {
        return chunkSize;
    }

    @Override
    public void close() {
        closing = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        onLoop(() -> {
            for (MsrpSession s : Map.copyOf(sessions).values()) {
                s.end(new MsrpException("stack closed"));
            }
            if (relayAuth != null) {
                relayAuth.stop();
            }
            for (ConnectionHandler h : Map.copyOf(reusable).values()) {
                h.link().close(null);
            }
            done.complete(null);
        });
        if (ownedLoop != null) {
            try {
                done.get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // closing anyway
            }
            ownedLoop.close();
        }
        if (ownedCallbacks != null) {
            ownedCallbacks.shutdown();
            try {
                ownedCallbacks.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- loop side ----

    Scheduler loop() {
        return loop;
    }

    long transactionTimeoutNanos() {
        return transactionTimeoutNanos;
    }

    void onLoop(Runnable task) {
        if (loop.inLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    void callback(Runnable r) {
        ordered.execute(r);
    }

    /** The session for the URI a request is addressed to, compared as RFC 4975 §6.1 says. */
    MsrpSession session(MsrpUri to) {
        MsrpSession s = to.sessionId() == null ? null : sessions.get(to.sessionId());
        return s != null && s.localUri().equals(to) ? s : null;
    }

    void forget(MsrpSession s) {
        sessions.remove(s.localUri().sessionId());
    }

    /** Active side: reuse a connection to the first hop or open one, then bind with a SEND. */
    void connectSession(MsrpSession s) {
        if (relay != null) {
            // RFC 4976 §6: with a relay, everything goes over the connection we authenticated on.
            if (relayConnection == null || relayConnection.link().isClosed()) {
                s.bindFailed(new MsrpException("no connection to the relay " + relay.uri));
                return;
            }
            relayConnection.bindActive(s);
            return;
        }
        MsrpUri first = s.remotePath().get(0);
        ConnectionHandler existing = reusable.get(reuseKey(first));
        if (existing != null && !existing.link().isClosed()) {
            existing.bindActive(s);
            return;
        }
        whenResolved(first, () -> dialAndBind(s, first), e -> s.bindFailed(
                new MsrpException("cannot resolve " + first.host() + ": " + e.getMessage(), e)));
    }

    /** Opens a connection to the first hop (or takes one opened meanwhile) and binds the session (loop). */
    private void dialAndBind(MsrpSession s, MsrpUri first) {
        String key = reuseKey(first);
        ConnectionHandler h = reusable.get(key);
        if (h == null || h.link().isClosed()) {
            h = new ConnectionHandler(this, null);
            try {
                h.link(dialer.dial(first, h));
            } catch (IOException | RuntimeException e) {
                s.bindFailed(new MsrpException("cannot connect to " + first.authority() + ": " + e.getMessage(), e));
                return;
            }
            reusable.put(key, h);
        }
        h.bindActive(s);
    }

    void connectionClosed(ConnectionHandler h) {
        reusable.values().remove(h);
        if (h == relayConnection) {
            relayConnection = null;
            if (relayAuth != null) {
                relayAuth.stop();
            }
            if (!relayReady.isDone()) {
                callback(() -> relayReady.completeExceptionally(new MsrpException("connection to the relay failed")));
            }
            if (!closing) {
                LOG.warn("lost the connection to MSRP relay {}", relay.uri);
            }
        }
    }

    private static String reuseKey(MsrpUri u) {
        return (u.secure() ? "tls:" : "tcp:") + u.authority().toLowerCase(java.util.Locale.ROOT);
    }

    private record RelaySettings(MsrpUri uri, String username, String password, Duration expires, Duration timeout) {
    }

    /** Options of an {@link MsrpStack}. */
    public static final class Builder {
        private InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        private String advertisedHost;
        private MsrpTls tls;
        private Executor callbacks;
        private MsrpLimits limits = MsrpLimits.DEFAULT;
        private int chunkSize = 64 * 1024;
        private Duration transactionTimeout = Duration.ofSeconds(30);
        private Scheduler testLoop;
        private Dialer testDialer;
        private RelaySettings relay;

        private Builder() {
        }

        /** Where to listen; default loopback, port 0 (any free port). */
        public Builder listen(InetSocketAddress address) {
            this.listen = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The host our URIs carry, when the bound address is not what peers should use. */
        public Builder advertisedHost(String host) {
            this.advertisedHost = host;
            return this;
        }

        /** Listen with TLS and use msrps URIs; outgoing msrps connections use the same settings. */
        public Builder tls(MsrpTls tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** Where listeners and futures run; default two daemon threads. */
        public Builder callbackExecutor(Executor executor) {
            this.callbacks = Objects.requireNonNull(executor, "executor");
            return this;
        }

        public Builder limits(MsrpLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Largest chunk body sent, default 64 KiB; larger messages go in several chunks. */
        public Builder chunkSize(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("chunk size must be positive");
            }
            this.chunkSize = bytes;
            return this;
        }

        /**
         * Sends and receives everything through an MSRP relay (RFC 4976): {@link #build()} connects
         * to it and authenticates with digest credentials (AUTH), and sessions put its Use-Path in
         * front of their {@code a=path}. The binding is refreshed before it expires.
         */
        public Builder relay(MsrpUri relay, String username, String password) {
            this.relay = new RelaySettings(Objects.requireNonNull(relay, "relay"), Objects.requireNonNull(username),
                    Objects.requireNonNull(password), null, Duration.ofSeconds(30));
            return this;
        }

        /** The Expires to ask the relay for; default the relay's choice. */
        public Builder relayExpires(Duration expires) {
            if (relay == null) {
                throw new IllegalStateException("set relay(...) first");
            }
            this.relay = new RelaySettings(relay.uri, relay.username, relay.password, expires, relay.timeout);
            return this;
        }

        /** How long a SEND waits for its response before a local 408 (RFC 4975 §7.3.1: 30 s). */
        public Builder transactionTimeout(Duration timeout) {
            this.transactionTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Starts the stack: binds the listening socket and the loop thread.
         *
         * @throws UncheckedIOException if the address cannot be bound
         */
        public MsrpStack build() {
            try {
                return new MsrpStack(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + listen + ": " + e.getMessage(), e);
            }
        }
    }
}
