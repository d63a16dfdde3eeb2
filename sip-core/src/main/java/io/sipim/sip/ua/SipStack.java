package io.sipim.sip.ua;

import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.Uri;
import io.sipim.sip.message.Via;
import io.sipim.sip.loop.EventLoop;
import io.sipim.sip.loop.Scheduler;
import io.sipim.sip.parse.SipLimits;
import io.sipim.sip.transaction.ServerHandler;
import io.sipim.sip.transaction.ServerTransaction;
import io.sipim.sip.transaction.TransactionLayer;
import io.sipim.sip.transaction.TransactionTimers;
import io.sipim.sip.transport.NioTransportLayer;
import io.sipim.sip.transport.Received;
import io.sipim.sip.transport.Resolver;
import io.sipim.sip.transport.TlsConfig;
import io.sipim.sip.transport.TransportLayer;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.transport.TransportAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A SIP stack: one {@link EventLoop} thread owning NIO transports (UDP, TCP, TLS), the
 * transaction layer and every account's state, plus an executor on which user callbacks and
 * future completions run — never the loop itself, so user code may block in them.
 *
 * <pre>{@code
 * try (SipStack stack = SipStack.builder().listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0)).build()) {
 *     SipAccount alice = stack.account("sip:alice@example.com").credentials("alice", "secret")
 *             .outboundProxy("sip:127.0.0.1:5060").build();
 *     alice.register(Duration.ofMinutes(10)).join();
 *     alice.message("sip:bob@example.com").text("lunch?").send().join();
 * }
 * }</pre>
 *
 * <p>Incoming requests go first to the {@linkplain #onRequest request handlers} (a registrar or
 * proxy), then to the user agent: MESSAGE to the account it addresses (404 when none), OPTIONS
 * answered 200 with Allow and Accept (RFC 3261 §11.2), anything else 405 or 481.
 */
public final class SipStack implements AutoCloseable {
    /** Methods the user agent answers. */
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, SUBSCRIBE, NOTIFY, PUBLISH, REFER, INFO, UPDATE";

    private final Scheduler loop;
    private final EventLoop ownedLoop;
    private final TransportLayer transport;
    private final NioTransportLayer nio;
    private final TransactionLayer transactions;
    private final Resolver resolver;
    private final Executor callbacks;
    private final ExecutorService ownedCallbacks;
    private final String userAgent;
    private final List<TransportAddress> listening = new ArrayList<>();
    private final Map<String, SipAccount> accounts = new ConcurrentHashMap<>();
    /** The request handlers, asked in the order added; the first that takes a message handles it. */
    private final List<RequestHandler> handlers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final RequestHandler handler = new RequestHandler() {
        @Override
        public boolean onRequest(ServerTransaction tx, SipRequest request, Received received) {
            return anyTakes(h -> h.onRequest(tx, request, received));
        }

        @Override
        public boolean onAck(SipRequest ack, Received received, ServerTransaction invite) {
            return anyTakes(h -> h.onAck(ack, received, invite));
        }

        @Override
        public boolean onCancel(ServerTransaction cancel, SipRequest request, Received received, ServerTransaction invite) {
            return anyTakes(h -> h.onCancel(cancel, request, received, invite));
        }

        @Override
        public boolean onStrayResponse(Received received) {
            return anyTakes(h -> h.onStrayResponse(received));
        }

        private boolean anyTakes(java.util.function.Predicate<RequestHandler> takes) {
            for (RequestHandler h : handlers) {
                if (takes.test(h)) {
                    return true;
                }
            }
            return false;
        }
    };
    private final InviteCore calls = new InviteCore(this);

    private SipStack(Builder b) {
        if (b.customScheduler != null) {
            this.loop = b.customScheduler;
            this.ownedLoop = null;
        } else {
            this.ownedLoop = new EventLoop("sipim-loop");
            this.loop = ownedLoop;
        }
        this.userAgent = b.userAgent;
        this.resolver = b.resolver != null ? b.resolver : Resolver.dns();
        if (b.callbacks != null) {
            this.callbacks = b.callbacks;
            this.ownedCallbacks = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            this.ownedCallbacks = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "sipim-callback-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            this.callbacks = ownedCallbacks;
        }
        if (b.customTransport != null) {
            this.nio = null;
            this.transport = b.customTransport;
            this.transactions = new TransactionLayer(loop, transport, b.timers);
            transactions.serverHandler(new UserAgentServer()).strayResponses(this::strayResponse);
            for (Transport t : Transport.values()) {
                if (transport.local(t) != null) {
                    listening.add(transport.local(t));
                }
            }
            return;
        }
        NioTransportLayer.Builder tb = NioTransportLayer.builder(ownedLoop).limits(b.limits);
        if (b.tls != null) {
            tb.tls(b.tls);
        }
        this.nio = tb.build();
        this.transport = nio;
        CompletableFuture<TransactionLayer> tl = new CompletableFuture<>();
        loop.execute(() -> {
            TransactionLayer layer = new TransactionLayer(loop, transport, b.timers);
            layer.serverHandler(new UserAgentServer()).strayResponses(this::strayResponse);
            tl.complete(layer);
        });
        this.transactions = tl.join();
        try {
            for (Map.Entry<Transport, InetSocketAddress> e : b.listen) {
                listening.add(nio.listen(e.getKey(), e.getValue()).join());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts an account (a SIP address of record) on this stack. */
    public SipAccount.Builder account(String aor) {
        return new SipAccount.Builder(this, SipUri.parse(aor));
    }

    /** The bound listen points (ports resolved when 0 was asked for). */
    public List<TransportAddress> listening() {
        return List.copyOf(listening);
    }

    /** The first listen point for {@code t}, or null. */
    public TransportAddress localAddress(Transport t) {
        for (TransportAddress a : listening) {
            if (a.transport() == t) {
                return a;
            }
        }
        return null;
    }

    /**
     * Sends a request outside a dialog to its next hop: the first Route if any (RFC 3261 §8.1.2),
     * else the Request-URI. The stack adds the Via and, when missing, Max-Forwards and User-Agent.
     * The future completes on the callback executor with the final response — a 4xx is a value —
     * or fails with {@link SipTimeoutException} or {@link SipTransportException}.
     */
    public CompletableFuture<SipResponse> send(SipRequest request) {
        return onCallbacks(sendOnLoop(request, null));
    }

    /**
     * Adds a handler that sees incoming requests (and ACKs, CANCELs and stray responses) before the
     * user agent: server roles such as a registrar, a proxy or a presence agent. Handlers are asked
     * in the order added; the first that takes a message handles it; what none takes goes to the
     * user agent.
     */
    public SipStack onRequest(RequestHandler handler) {
        handlers.add(Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /** Removes a handler added with {@link #onRequest}; messages no longer go to it. */
    public SipStack removeRequestHandler(RequestHandler handler) {
        handlers.remove(handler);
        return this;
    }

    /** The loop thread that owns this stack's state; for layers built on the stack. */
    public Scheduler loop() {
        return loop;
    }

    /** The transaction layer; loop thread only. For layers built on the stack (proxy, presence). */
    public TransactionLayer transactions() {
        return transactions;
    }

    /** The transport layer; loop thread only. */
    public TransportLayer transport() {
        return transport;
    }

    /** Where user callbacks run. */
    public Executor callbackExecutor() {
        return callbacks;
    }

    /** The server locator (RFC 3263) requests are routed with; for layers built on the stack (a proxy). */
    public Resolver resolver() {
        return resolver;
    }

    String userAgent() {
        return userAgent;
    }

    /** The INVITE sessions of every account; loop thread only. */
    InviteCore calls() {
        return calls;
    }

    /** The account a request to {@code uri} is for: by user part (404/480 when none). */
    SipAccount accountFor(Uri uri) {
        if (!(uri instanceof SipUri u)) {
            return null;
        }
        return accounts.get(u.user() == null ? "" : u.user());
    }

    void register(SipAccount account) {
        accounts.put(account.aor().user() == null ? "" : account.aor().user(), account);
    }

    void unregister(SipAccount account) {
        accounts.remove(account.aor().user() == null ? "" : account.aor().user(), account);
    }

    /** Sends from any thread; the returned future completes on the loop thread. */
    CompletableFuture<SipResponse> sendOnLoop(SipRequest request, io.sipim.sip.auth.DigestClient auth) {
        CompletableFuture<SipResponse> f = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                Uri hop = request.routes().isEmpty() ? request.requestUri() : request.routes().get(0).uri();
                if (!(hop instanceof SipUri next)) {
                    f.completeExceptionally(new IllegalArgumentException("cannot route to " + hop));
                    return;
                }
                RequestSender.send(this, request, next, auth, r -> { }).whenComplete((r, e) -> {
                    if (e != null) {
                        f.completeExceptionally(e);
                    } else {
                        f.complete(r);
                    }
                });
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /** {@code f} completed on the callback executor instead of the loop thread. */
    <T> CompletableFuture<T> onCallbacks(CompletableFuture<T> f) {
        CompletableFuture<T> out = new CompletableFuture<>();
        f.whenComplete((v, e) -> callbacks.execute(() -> {
            if (e != null) {
                out.completeExceptionally(e instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                        ? c.getCause() : e);
            } else {
                out.complete(v);
            }
        }));
        return out;
    }

    /**
     * {@code request} with this stack's Via for {@code t} on top (fresh branch, rport, RFC 3581),
     * and Max-Forwards and User-Agent when missing.
     */
    SipRequest withVia(SipRequest request, Transport t) {
        TransportAddress local = transport.local(t);
        if (local == null) {
            throw new IllegalStateException("no " + t + " listen point");
        }
        Via via = Via.of(t.viaToken(), local.host(), local.address().getPort())
                .withBranch(TransactionLayer.newBranch()).withParameter("rport", null);
        SipRequest.Builder b = request.toBuilder().prepend(HeaderName.VIA, via);
        if (!request.has(HeaderName.MAX_FORWARDS)) {
            b.maxForwards(70);
        }
        if (userAgent != null && !request.has(HeaderName.USER_AGENT)) {
            b.header(HeaderName.USER_AGENT, userAgent);
        }
        return b.build();
    }

    /** Closes accounts (unregistering them, best effort within 2 s), transports and the loop. */
    @Override
    public void close() {
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (SipAccount a : List.copyOf(accounts.values())) {
            pending.add(a.closeAsync());
        }
        if (ownedLoop != null) {
            try {
                CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                        .get(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // Best effort: a registrar that does not answer must not hold the shutdown.
            }
        }
        if (nio != null) {
            nio.close();
        }
        if (ownedLoop != null) {
            ownedLoop.close();
        }
        if (ownedCallbacks != null) {
            ownedCallbacks.shutdown();
        }
    }

    /**
     * The user agent's own answers to requests no handler took (RFC 3261 §8.2): MESSAGE to its
     * account, OPTIONS 200, INVITE to the account's call listener (480 without one), requests in
     * a call's dialog to the call (481 without one), 2xx ACKs to their call, CANCEL as §9.2 says.
     */
    private final class UserAgentServer implements ServerHandler {
        @Override
        public void onRequest(ServerTransaction tx, SipRequest request, Received received) {
            if (handler.onRequest(tx, request, received)) {
                return;
            }
            boolean inDialog = request.to() != null && request.to().tag() != null;
            if (inDialog && !request.isMethod(SipRequest.INVITE) && calls.inDialog(tx, request)) {
                return;
            }
            switch (request.method()) {
                case SipRequest.MESSAGE -> {
                    SipAccount a = accountFor(request.requestUri());
                    if (a == null) {
                        InviteCore.answer(tx, request, 404);
                    } else {
                        InviteCore.answer(tx, request, 200);
                        a.deliver(new IncomingMessage(request));
                    }
                }
                case SipRequest.OPTIONS -> tx.respond(SipResponse.to(request, 200).toTag(TransactionLayer.newTag())
                        .header(HeaderName.ALLOW, ALLOW).header("Accept", "text/plain, application/sdp, message/cpim")
                        .build());
                case SipRequest.INVITE -> calls.onInvite(tx, request);
                case SipRequest.BYE, SipRequest.INFO, SipRequest.UPDATE, SipRequest.PRACK, SipRequest.NOTIFY ->
                        InviteCore.answer(tx, request, 481);
                case SipRequest.SUBSCRIBE, SipRequest.PUBLISH, SipRequest.REFER -> InviteCore.answer(tx, request, 480);
                default -> tx.respond(SipResponse.to(request, 405).toTag(TransactionLayer.newTag())
                        .header(HeaderName.ALLOW, ALLOW).build());
            }
        }

        @Override
        public void onAck(SipRequest ack, Received received, ServerTransaction invite) {
            if (!handler.onAck(ack, received, invite)) {
                calls.onAck(ack);
            }
        }

        @Override
        public void onCancel(ServerTransaction cancel, SipRequest request, Received received, ServerTransaction invite) {
            if (!handler.onCancel(cancel, request, received, invite)) {
                calls.onCancel(cancel, invite);
            }
        }
    }

    /** A response no client transaction took: the request handler (a proxy) first, then the calls. */
    private void strayResponse(Received received) {
        if (!handler.onStrayResponse(received)) {
            calls.onStrayResponse(received);
        }
    }

    /** Options of a {@link SipStack}. */
    public static final class Builder {
        private final List<Map.Entry<Transport, InetSocketAddress>> listen = new ArrayList<>();
        private String userAgent = "SIPIM/0.1";
        private Executor callbacks;
        private TransactionTimers timers = TransactionTimers.DEFAULT;
        private TlsConfig tls;
        private Resolver resolver;
        private SipLimits limits = SipLimits.DEFAULT;
        private Scheduler customScheduler;
        private TransportLayer customTransport;

        private Builder() {
        }

        /**
         * Runs the stack on {@code scheduler} over {@code transport} instead of its own NIO loop and
         * sockets: for tests and simulations on virtual time ({@link io.sipim.sip.loop.ManualScheduler}
         * with {@link io.sipim.sip.transport.LoopTransport}). Listen points come from the transport;
         * {@link #listen} and {@link #tls} are ignored. Build and use the stack on the scheduler's thread.
         */
        public Builder runOn(Scheduler scheduler, TransportLayer transport) {
            this.customScheduler = Objects.requireNonNull(scheduler, "scheduler");
            this.customTransport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Adds a listen point (port 0 picks a free port). At least one is needed to send. */
        public Builder listen(Transport transport, InetSocketAddress address) {
            listen.add(Map.entry(Objects.requireNonNull(transport, "transport"), Objects.requireNonNull(address, "address")));
            return this;
        }

        /** The User-Agent header value added to requests; null for none. Default {@code SIPIM/0.1}. */
        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /** Where callbacks and future completions run; default a pool of two daemon threads. */
        public Builder callbackExecutor(Executor executor) {
            this.callbacks = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** T1, T2, T4 (RFC 3261 §17); default 500 ms, 4 s, 5 s. */
        public Builder timers(TransactionTimers timers) {
            this.timers = Objects.requireNonNull(timers, "timers");
            return this;
        }

        /** TLS settings (needed for the TLS transport). */
        public Builder tls(TlsConfig tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** Server location (RFC 3263); default {@link Resolver#dns()}. */
        public Builder resolver(Resolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** Parser limits for received messages. */
        public Builder limits(SipLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Starts the loop and binds every listen point; fails when one cannot be bound. */
        public SipStack build() {
            return new SipStack(this);
        }
    }
}
