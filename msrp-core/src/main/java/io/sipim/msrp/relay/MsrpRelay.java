package io.sipim.msrp.relay;

import io.sipim.msrp.internal.auth.DigestAlgorithm;
import io.sipim.msrp.internal.auth.DigestServer;
import io.sipim.msrp.internal.loop.IoLoop;
import io.sipim.msrp.internal.net.Network;
import io.sipim.msrp.internal.relay.RelayConfig;
import io.sipim.msrp.internal.relay.RelayEngine;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.parse.MsrpLimits;
import io.sipim.msrp.transport.MsrpTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An MSRP relay (RFC 4976) on one NIO loop: clients authenticate with AUTH and digest credentials
 * and get a relay URI in Use-Path; requests are forwarded hop by hop with To-Path and From-Path
 * rewritten, answered to the previous hop by the relay itself, re-chunked to at most
 * {@link Builder#maxChunkBytes} body bytes, and failures further on come back as failure REPORTs.
 * A sender whose next hop is slower than it is paused (TCP back-pressure) once
 * {@link Builder#maxBufferedBytes} wait for that next hop, so memory stays bounded.
 *
 * <pre>{@code
 * try (MsrpRelay relay = MsrpRelay.builder()
 *         .listen(new InetSocketAddress("127.0.0.1", 2855))
 *         .realm("relay.example.com")
 *         .users(Map.of("alice", "secret"))
 *         .start()) {
 *     System.out.println(relay.uri());   // msrp://127.0.0.1:2855;tcp
 * }
 * }</pre>
 */
public final class MsrpRelay implements AutoCloseable {

    /** Default chunk size for forwarded bodies: {@value} bytes (RFC 4976 §7.3.1). */
    public static final int DEFAULT_MAX_CHUNK_BYTES = 2048;
    /** Default bytes queued for one connection before its senders are paused: {@value}. */
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 256 * 1024;

    private final IoLoop loop;
    private final RelayEngine engine;
    private final MsrpUri uri;
    private final ExecutorService ownExecutor;

    private MsrpRelay(IoLoop loop, RelayEngine engine, MsrpUri uri, ExecutorService ownExecutor) {
        this.loop = loop;
        this.engine = engine;
        this.uri = uri;
        this.ownExecutor = ownExecutor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The relay's URI ({@code msrp://host:port;tcp} or {@code msrps://…}), the one clients AUTH to. */
    public MsrpUri uri() {
        return uri;
    }

    /** Bytes now waiting in the relay's send queues, over all connections. */
    public long bufferedBytes() {
        return engine.budget().current();
    }

    /** The most bytes that ever waited in the relay's send queues at once. */
    public long peakBufferedBytes() {
        return engine.budget().peak();
    }

    /** Clients currently authenticated. */
    public int bindings() {
        return engine.bindingCount();
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        loop.close();
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
    }

    /** Builds and starts an {@link MsrpRelay}; realm and at least one user are required. */
    public static final class Builder {
        private InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 2855);
        private String host;
        private MsrpTls tls;
        private String realm;
        private final Map<String, String> users = new LinkedHashMap<>();
        private List<String> algorithms = List.of("SHA-256", "MD5");
        private Duration minExpires = Duration.ofSeconds(60);
        private Duration maxExpires = Duration.ofHours(1);
        private Duration defaultExpires = Duration.ofMinutes(15);
        private int maxChunkBytes = DEFAULT_MAX_CHUNK_BYTES;
        private long maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES;
        private Duration transactionTimeout = Duration.ofSeconds(30);
        private MsrpLimits limits = MsrpLimits.DEFAULT;
        private RelayListener listener;
        private java.util.concurrent.Executor executor;

        private Builder() {
        }

        /** Where to listen (default 127.0.0.1:2855); port 0 picks a free one. */
        public Builder listen(InetSocketAddress address) {
            this.listen = Objects.requireNonNull(address);
            return this;
        }

        /** The host put in the relay's URIs (default: the listen address). */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Listen with TLS ({@code msrps}); also used for connections to msrps next hops. */
        public Builder tls(MsrpTls tls) {
            this.tls = tls;
            return this;
        }

        /** The digest realm (RFC 4976 §5). */
        public Builder realm(String realm) {
            this.realm = realm;
            return this;
        }

        /** Adds users with their passwords. */
        public Builder users(Map<String, String> users) {
            this.users.putAll(users);
            return this;
        }

        /** Digest algorithms to offer, strongest first: {@code SHA-256}, {@code MD5} (default both). */
        public Builder algorithms(String... tokens) {
            this.algorithms = List.of(tokens);
            return this;
        }

        /** Shortest binding granted; shorter Expires get 423 with Min-Expires (default 60 s). */
        public Builder minExpires(Duration d) {
            this.minExpires = d;
            return this;
        }

        /** Longest binding granted; longer Expires are capped (default 1 h). */
        public Builder maxExpires(Duration d) {
            this.maxExpires = d;
            return this;
        }

        /** Binding length when AUTH asks for none (default 15 min). */
        public Builder defaultExpires(Duration d) {
            this.defaultExpires = d;
            return this;
        }

        /** Body bytes per forwarded chunk; larger chunks are split (default {@value #DEFAULT_MAX_CHUNK_BYTES}). */
        public Builder maxChunkBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxChunkBytes must be positive");
            }
            this.maxChunkBytes = bytes;
            return this;
        }

        /**
         * Bytes waiting for one connection before the relay stops reading from those sending to it
         * (default {@value #DEFAULT_MAX_BUFFERED_BYTES}).
         */
        public Builder maxBufferedBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxBufferedBytes must be positive");
            }
            this.maxBufferedBytes = bytes;
            return this;
        }

        /** How long a forwarded chunk waits for the next hop's response (RFC 4975 §7.3.1: 30 s). */
        public Builder transactionTimeout(Duration d) {
            this.transactionTimeout = d;
            return this;
        }

        public Builder limits(MsrpLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        /** Told of AUTHs, forwarded and refused requests. */
        public Builder listener(RelayListener listener) {
            this.listener = listener;
            return this;
        }

        /** Where listener calls run (default: one daemon thread of the relay's own). */
        public Builder callbackExecutor(java.util.concurrent.Executor executor) {
            this.executor = executor;
            return this;
        }

        /**
         * Binds the listening socket and starts the relay.
         *
         * @throws UncheckedIOException if the address cannot be bound
         * @throws IllegalArgumentException if the configuration is inconsistent
         */
        public MsrpRelay start() {
            Objects.requireNonNull(realm, "realm");
            if (users.isEmpty()) {
                throw new IllegalArgumentException("a relay needs at least one user");
            }
            long min = minExpires.toSeconds();
            long max = maxExpires.toSeconds();
            long def = defaultExpires.toSeconds();
            if (min < 1 || max < min || def < min || def > max) {
                throw new IllegalArgumentException("need 1 <= minExpires <= defaultExpires <= maxExpires, got "
                        + min + ", " + def + ", " + max);
            }
            List<DigestAlgorithm> algs = new ArrayList<>();
            for (String t : algorithms) {
                DigestAlgorithm a = DigestAlgorithm.of(t);
                if (a == null) {
                    throw new IllegalArgumentException("unsupported digest algorithm " + t);
                }
                algs.add(a);
            }
            DigestServer digest = DigestServer.builder().realm(realm).users(users).algorithms(algs).build();
            ExecutorService own = null;
            java.util.concurrent.Executor ex = executor;
            if (ex == null) {
                own = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "msrp-relay-events");
                    t.setDaemon(true);
                    return t;
                });
                ex = own;
            }
            IoLoop loop = new IoLoop("msrp-relay");
            try {
                Network network = new Network(loop, tls != null ? tls.context() : null);
                RelayEngine[] engine = new RelayEngine[1];
                // With port 0 the relay's URI is known only after binding; a connection accepted in
                // that instant (nobody can know the port yet) is closed.
                InetSocketAddress bound = network.listen(listen, tls != null,
                        c -> engine[0] != null ? engine[0].accepted(c) : RelayEngine.refuser());
                String h = host != null ? host : bound.getAddress().getHostAddress();
                MsrpUri uri = MsrpUri.builder().secure(tls != null).host(h.toLowerCase(Locale.ROOT))
                        .port(bound.getPort()).transport("tcp").build();
                engine[0] = new RelayEngine(new RelayConfig(uri, digest, min, max, def, maxChunkBytes, maxBufferedBytes,
                        transactionTimeout.toNanos(), limits, listener, ex), loop, network);
                return new MsrpRelay(loop, engine[0], uri, own);
            } catch (IOException e) {
                loop.close();
                if (own != null) {
                    own.shutdown();
                }
                throw new UncheckedIOException("cannot listen on " + listen + ": " + e.getMessage(), e);
            }
        }
    }
}
