package io.sipim.msrp.relay;

import io.sipim.msrp.internal.auth.DigestClient;
import io.sipim.msrp.internal.loop.IoLoop;
import io.sipim.msrp.internal.net.Connection;
import io.sipim.msrp.internal.net.Network;
import io.sipim.msrp.internal.relay.RelayAccess;
import io.sipim.msrp.internal.relay.RelayAuth;
import io.sipim.msrp.internal.relay.RelayChannel;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.parse.MsrpLimits;
import io.sipim.msrp.transport.MsrpTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A client of an MSRP relay (RFC 4976 §5): connects to the relay, authenticates with AUTH and
 * digest credentials, and yields the {@link RelayBinding} (Use-Path and expiry). The binding is
 * refreshed on the same connection before it expires; each new one goes to
 * {@link Builder#onRefresh}, and a failed refresh or a lost connection to {@link Builder#onLost}.
 *
 * <pre>{@code
 * try (RelayClient client = RelayClient.builder()
 *         .relay(MsrpUri.parse("msrps://relay.example.com:2855;tcp"))
 *         .credentials("alice", "secret")
 *         .tls(tls)
 *         .build()) {
 *     RelayBinding b = client.connect().join();
 *     // put b.usePath() in front of this client's a=path
 * }
 * }</pre>
 *
 * <p>Sessions send their chunks over the same connection; the session layer reaches it through
 * {@code io.sipim.msrp.internal.relay.RelayAccess}.
 */
public final class RelayClient implements AutoCloseable {
    static {
        RelayAccess.register(c -> c.channel);
    }

    private final Builder config;
    private final IoLoop loop;
    private final Executor executor;
    private final ExecutorService ownExecutor;
    private final CompletableFuture<RelayBinding> first = new CompletableFuture<>();
    private volatile RelayChannel channel;
    private volatile RelayBinding binding;
    private List<RelayAuth> auths = List.of();
    private boolean started;
    private boolean published;

    private RelayClient(Builder b) {
        this.config = b;
        this.loop = new IoLoop("msrp-relay-client");
        if (b.executor != null) {
            this.executor = b.executor;
            this.ownExecutor = null;
        } else {
            this.ownExecutor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "msrp-relay-client-events");
                t.setDaemon(true);
                return t;
            });
            this.executor = ownExecutor;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects and authenticates (once; later calls return the same future). Completes on the
     * callback executor with the binding, or with a {@link RelayException} when the relay refuses,
     * an {@link IOException} when the connection fails, or a {@link java.util.concurrent.TimeoutException}.
     */
    public synchronized CompletableFuture<RelayBinding> connect() {
        if (started) {
            return first;
        }
        started = true;
        loop.execute(this::open);
        return first;
    }

    /** The latest binding, or {@code null} before the first 200. */
    public RelayBinding binding() {
        return binding;
    }

    /** The relay URI this client authenticates to. */
    public MsrpUri relay() {
        return config.relay;
    }

    private void open() {
        MsrpUri relay = config.relay;
        RelayChannel ch = new RelayChannel(loop, config.limits);
        try {
            Network network = new Network(loop, config.tls != null ? config.tls.context() : null);
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(relay.host()), relay.portOrDefault());
            Connection c = network.connect(address, relay.secure(), relay.host(), ch);
            ch.link(c);
        } catch (IOException | RuntimeException e) {
            fail(e, false);
            return;
        }
        channel = ch;
        MsrpUri local = config.local != null ? config.local : MsrpUri.builder().secure(relay.secure())
                .host("client.invalid").sessionId(randomSessionId()).transport("tcp").build();
        List<Hop> hops = config.hops();
        RelayBinding[] bound = new RelayBinding[hops.size()];
        List<RelayAuth> chain = new ArrayList<>(hops.size());
        for (int i = 0; i < hops.size(); i++) {
            int index = i;
            Hop hop = hops.get(i);
            // RFC 4976 §5: a later relay is reached through the Use-Path of the earlier ones.
            Supplier<List<MsrpUri>> via = () -> {
                List<MsrpUri> path = new ArrayList<>();
                for (int k = 0; k < index; k++) {
                    path.addAll(bound[k].usePath());
                }
                return path;
            };
            chain.add(new RelayAuth(ch, via, hop.relay(), local, new DigestClient(hop.username(), hop.password()),
                    config.expires, new RelayAuth.Listener() {
                        @Override
                        public void bound(RelayBinding b, boolean refresh) {
                            boolean firstTime = bound[index] == null;
                            bound[index] = b;
                            if (firstTime && index + 1 < bound.length) {
                                chain.get(index + 1).start();
                            } else if (bound[bound.length - 1] != null) {
                                publish(bound);
                            }
                        }

                        @Override
                        public void failed(Throwable cause, boolean refresh) {
                            fail(cause, refresh);
                        }
                    }));
        }
        auths = chain;
        ch.opened().whenComplete((v, e) -> {
            if (e == null) {
                chain.get(0).start();
            } else {
                fail(e, false);
            }
        });
        ch.closed().whenComplete((cause, e) -> {
            chain.forEach(RelayAuth::stop);
            if (binding != null) {
                fail(cause != null ? cause : new IOException("connection to relay closed"), true);
            }
        });
    }

    /** Every relay has answered: the combined Use-Path, and the shortest of the expiries. */
    private void publish(RelayBinding[] bound) {
        List<MsrpUri> usePath = new ArrayList<>();
        Duration expires = bound[0].expires();
        for (RelayBinding b : bound) {
            usePath.addAll(b.usePath());
            expires = b.expires().compareTo(expires) < 0 ? b.expires() : expires;
        }
        RelayBinding b = new RelayBinding(bound[0].relay(), usePath, expires);
        boolean refresh = published;
        published = true;
        binding = b;
        if (!refresh) {
            executor.execute(() -> first.complete(b));
        } else if (config.onRefresh != null) {
            executor.execute(() -> config.onRefresh.accept(b));
        }
    }

    private void fail(Throwable cause, boolean afterBinding) {
        if (!afterBinding) {
            executor.execute(() -> first.completeExceptionally(cause));
            RelayChannel ch = channel;
            if (ch != null && ch.link() != null) {
                ch.link().close(null);
            }
        } else if (binding != null) {
            binding = null;
            if (config.onLost != null) {
                executor.execute(() -> config.onLost.accept(cause));
            }
        }
    }

    private static String randomSessionId() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Stops refreshing and closes the connection. */
    @Override
    public void close() {
        loop.execute(() -> {
            auths.forEach(RelayAuth::stop);
            RelayChannel ch = channel;
            if (ch != null && ch.link() != null) {
                ch.link().close(null);
            }
        });
        loop.close();
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
    }

    /** One relay to authenticate at, with the credentials for it. */
    private record Hop(MsrpUri relay, String username, String password) {
    }

    /** Builds a {@link RelayClient}; relay and credentials are required. */
    public static final class Builder {
        private MsrpUri relay;
        private String username;
        private String password;
        private MsrpUri local;
        private long expires = -1;
        private MsrpTls tls;
        private MsrpLimits limits = MsrpLimits.DEFAULT;
        private Executor executor;
        private Consumer<RelayBinding> onRefresh;
        private Consumer<Throwable> onLost;
        private final List<Hop> further = new ArrayList<>();

        private Builder() {
        }

        List<Hop> hops() {
            List<Hop> all = new ArrayList<>(1 + further.size());
            all.add(new Hop(relay, username, password));
            all.addAll(further);
            return all;
        }

        /**
         * Adds a relay beyond the ones before it (RFC 4976 §5): after the earlier relays bound this
         * client, it authenticates here through them, and the binding's Use-Path holds all of them.
         */
        public Builder thenRelay(MsrpUri relay, String username, String password) {
            further.add(new Hop(Objects.requireNonNull(relay), Objects.requireNonNull(username),
                    Objects.requireNonNull(password)));
            return this;
        }

        /** The relay's URI, {@code msrp://host:port;tcp} or {@code msrps://…}. */
        public Builder relay(MsrpUri relay) {
            this.relay = Objects.requireNonNull(relay);
            return this;
        }

        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username);
            this.password = Objects.requireNonNull(password);
            return this;
        }

        /** This client's URI, sent as the AUTH's From-Path (default: a placeholder with a random session-id). */
        public Builder localUri(MsrpUri local) {
            this.local = local;
            return this;
        }

        /** The binding length to ask for (default: the relay's choice). */
        public Builder expires(Duration expires) {
            this.expires = expires.toSeconds();
            return this;
        }

        /** TLS for {@code msrps} relays. */
        public Builder tls(MsrpTls tls) {
            this.tls = tls;
            return this;
        }

        public Builder limits(MsrpLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        /** Where futures complete and callbacks run (default: one daemon thread of the client's own). */
        public Builder callbackExecutor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Told of each refreshed binding. */
        public Builder onRefresh(Consumer<RelayBinding> onRefresh) {
            this.onRefresh = onRefresh;
            return this;
        }

        /** Told when a binding is lost: a refresh failed or the connection closed. */
        public Builder onLost(Consumer<Throwable> onLost) {
            this.onLost = onLost;
            return this;
        }

        public RelayClient build() {
            Objects.requireNonNull(relay, "relay");
            Objects.requireNonNull(username, "credentials");
            return new RelayClient(this);
        }
    }
}
