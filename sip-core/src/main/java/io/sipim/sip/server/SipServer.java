package io.sipim.sip.server;

import io.sipim.sip.auth.DigestAlgorithm;
import io.sipim.sip.auth.DigestServer;
import io.sipim.sip.auth.UserStore;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.transaction.ServerTransaction;
import io.sipim.sip.transport.Received;
import io.sipim.sip.ua.RequestHandler;
import io.sipim.sip.ua.SipStack;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIP server on a {@link SipStack}: a registrar (RFC 3261 §10.3) and a stateful forking proxy
 * (§16) for one domain, assembled in a few lines.
 *
 * <pre>{@code
 * SipStack stack = SipStack.builder().listen(Transport.UDP, new InetSocketAddress(5060)).build();
 * SipServer server = SipServer.builder(stack)
 *         .domain("example.com")
 *         .users(UserStore.inMemory(Map.of("alice", "secret", "bob", "secret")))
 *         .registrar()
 *         .proxy()
 *         .requestLog(System.out::println)   // REGISTER sip:example.com from UDP:10.0.0.7:40211 -> 200
 *         .build();
 * }</pre>
 *
 * <p>The server installs itself as the stack's {@linkplain SipStack#onRequest request handler}.
 * For each request it first pops the Route values that name it (§16.4); then a REGISTER for the
 * domain goes to the registrar, a request to a user of the domain is proxied to that user's
 * registered contacts (all at once: parallel forking), a request for elsewhere is proxied to its
 * Request-URI (RFC 3263), and a request to the server itself (no user part: OPTIONS pings) is left
 * to the stack's user agent. A CANCEL cancels every branch of the INVITE it matches (§16.10);
 * an ACK for a 2xx is routed on statelessly (§16.11).
 *
 * <p>Registrations are authenticated with digest (SHA-256 and MD5 offered) when
 * {@linkplain Builder#users users} are given; proxied requests are not authenticated.
 *
 * <p>Threading: all state lives on the stack's loop thread; the methods here may be called from
 * any thread.
 */
public final class SipServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipServer.class);

    private final SipStack stack;
    private final ServerContext ctx;
    private final LocationService location;
    private final Registrar registrar;
    private final Proxy proxy;
    private final RequestHandler handler = new Handler();
    private volatile boolean closed;

    private SipServer(Builder b) {
        this.stack = b.stack;
        this.ctx = new ServerContext(stack, b.domain, Set.copyOf(b.aliases), b.requestLog);
        this.location = b.location != null ? b.location
                : InMemoryLocationService.builder().clock(new SchedulerClock(stack.loop())).build();
        DigestServer auth = b.users == null ? null
                : DigestServer.builder(b.realm != null ? b.realm : b.domain, b.users)
                        .algorithms(b.algorithms)
                        // A digest uri naming this server (its domain or a listen address) is the registrar too.
                        .sameResource(u -> u instanceof io.sipim.sip.message.SipUri su && ctx.isUs(su))
                        .clock(stack.loop()::nanoTime).build();
        this.registrar = b.registrar
                ? new Registrar(ctx, location, auth, b.minExpires.toSeconds(), b.maxExpires.toSeconds(),
                        b.defaultExpires.toSeconds())
                : null;
        Predicate<String> known = b.users == null ? u -> false
                : u -> b.users.ha1(u, auth.realm(), DigestAlgorithm.MD5) != null;
        this.proxy = b.proxy ? new Proxy(ctx, location, known, b.recordRoute, b.timerC) : null;
        onLoop(() -> {
            stack.onRequest(handler);
        });
    }

    /** Runs {@code task} on the loop thread and waits for it (at once when already there). */
    private void onLoop(Runnable task) {
        if (stack.loop().inLoop()) {
            task.run();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        stack.loop().execute(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            // A closed loop never runs the task: do not wait for it forever.
            done.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the stack's loop does not run (closed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Starts a server on {@code stack}; give it a {@link Builder#domain}. */
    public static Builder builder(SipStack stack) {
        return new Builder(stack);
    }

    /** The domain served, lower case. */
    public String domain() {
        return ctx.domain;
    }

    /** The location service the registrar writes and the proxy reads; call it on the stack's loop thread only. */
    public LocationService locationService() {
        return location;
    }

    /** The current bindings of {@code aor} (e.g. {@code sip:alice@example.com}), read on the loop thread. */
    public CompletableFuture<List<Binding>> bindings(String aor) {
        SipUri key = LocationService.addressOfRecord(SipUri.parse(aor));
        CompletableFuture<List<Binding>> f = new CompletableFuture<>();
        stack.loop().execute(() -> {
            try {
                f.complete(location.lookup(key));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /**
     * Detaches the server from its stack: later requests go to the stack's user agent. Requests
     * being proxied finish on their own. Does not close the stack.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            onLoop(() -> {
                stack.removeRequestHandler(handler);
            });
        } catch (IllegalStateException e) {
            // The stack's loop is already closed: nothing left to detach from.
        }
    }

    /** Dispatches what the stack receives. */
    private final class Handler implements RequestHandler {
        @Override
        public boolean onStrayResponse(Received received) {
            return proxy != null && proxy.forwardStray(received);
        }

        @Override
        public boolean onRequest(ServerTransaction tx, SipRequest original, Received received) {
            try {
                SipRequest request = ctx.preprocessRoutes(original);
                boolean toUs = request.routes().isEmpty() && request.requestUri() instanceof SipUri u && ctx.isUs(u);
                if (request.isMethod(SipRequest.REGISTER) && registrar != null && request.routes().isEmpty()
                        && request.requestUri() instanceof SipUri u && ctx.isOurs(u)) {
                    registrar.onRegister(tx, request);
                    return true;
                }
                if (proxy == null || toUs) {
                    return false;
                }
                proxy.onRequest(tx, request);
                return true;
            } catch (RuntimeException e) {
                LOG.warn("failed to handle {} {}", original.method(), original.requestUri(), e);
                SipResponse error = ServerContext.answer(original, 500).build();
                if (tx.lastResponse() == null || !tx.lastResponse().isFinal()) {
                    ctx.respond(tx, error);
                }
                return true;
            }
        }

        @Override
        public boolean onAck(SipRequest ack, Received received, ServerTransaction invite) {
            if (proxy == null) {
                return false;
            }
            try {
                SipRequest request = ctx.preprocessRoutes(ack);
                if (request.routes().isEmpty() && request.requestUri() instanceof SipUri u && ctx.isUs(u)) {
                    return false;
                }
                proxy.forwardAck(request, received);
            } catch (RuntimeException e) {
                LOG.warn("failed to forward ACK {}", ack.requestUri(), e);
            }
            return true;
        }

        @Override
        public boolean onCancel(ServerTransaction cancel, SipRequest request, Received received,
                                ServerTransaction invite) {
            return proxy != null && proxy.onCancel(cancel, request, invite);
        }
    }

    /** Options of a {@link SipServer}. */
    public static final class Builder {
        private final SipStack stack;
        private String domain;
        private String realm;
        private DigestAlgorithm[] algorithms = {DigestAlgorithm.SHA_256, DigestAlgorithm.MD5};
        private final Set<String> aliases = new HashSet<>();
        private UserStore users;
        private LocationService location;
        private boolean registrar;
        private boolean proxy;
        private boolean recordRoute;
        private Duration minExpires = Duration.ofSeconds(60);
        private Duration maxExpires = Duration.ofHours(1);
        private Duration defaultExpires = Duration.ofHours(1);
        private Duration timerC = Duration.ofSeconds(181);
        private Consumer<String> requestLog = line -> { };

        private Builder(SipStack stack) {
            this.stack = Objects.requireNonNull(stack, "stack");
        }

        /** The domain served (required): its users register here and requests to them are proxied to their contacts. */
        public Builder domain(String domain) {
            if (Objects.requireNonNull(domain, "domain").isEmpty()) {
                throw new IllegalArgumentException("empty domain");
            }
            this.domain = domain;
            return this;
        }

        /** Another host name meaning the served domain and this server (e.g. a public host name). */
        public Builder alias(String host) {
            aliases.add(host.toLowerCase(Locale.ROOT));
            return this;
        }

        /** The users who may register, checked with digest; without users, anyone may register any AOR of the domain. */
        public Builder users(UserStore users) {
            this.users = Objects.requireNonNull(users, "users");
            return this;
        }

        /** The digest realm; default the domain (RFC 3261 §22.1). */
        public Builder realm(String realm) {
            this.realm = Objects.requireNonNull(realm, "realm");
            return this;
        }

        /**
         * The digest algorithms challenged with, preferred first (RFC 8760 §2.4: one challenge
         * each); default SHA-256 then MD5. Some clients answer only the first challenge (SIPp does,
         * and only with MD5): list MD5 first, or alone, for them.
         */
        public Builder digestAlgorithms(DigestAlgorithm... algorithms) {
            if (algorithms.length == 0) {
                throw new IllegalArgumentException("at least one digest algorithm");
            }
            this.algorithms = algorithms.clone();
            return this;
        }

        /** Where bindings live; default an {@link InMemoryLocationService} on the stack's loop clock. */
        public Builder location(LocationService location) {
            this.location = Objects.requireNonNull(location, "location");
            return this;
        }

        /** Serves REGISTER for the domain. */
        public Builder registrar() {
            this.registrar = true;
            return this;
        }

        /** Proxies requests statefully: to the contacts of the domain's users, or on to other domains. */
        public Builder proxy() {
            this.proxy = true;
            return this;
        }

        /** Adds Record-Route to forwarded requests (§16.6 step 4) so that in-dialog requests come through too; off by default. */
        public Builder recordRoute(boolean recordRoute) {
            this.recordRoute = recordRoute;
            return this;
        }

        /** The shortest registration accepted (423 below it, §10.3 step 7); default 60 s. */
        public Builder minExpires(Duration d) {
            this.minExpires = positive(d, "minExpires");
            return this;
        }

        /** The longest registration granted; longer requests are shortened. Default 1 h. */
        public Builder maxExpires(Duration d) {
            this.maxExpires = positive(d, "maxExpires");
            return this;
        }

        /** The expiry of a contact when the REGISTER names none; default 1 h (3600 s, §10.2.1.1). */
        public Builder defaultExpires(Duration d) {
            this.defaultExpires = positive(d, "defaultExpires");
            return this;
        }

        /** Timer C, how long a proxied INVITE may ring before its branch is cancelled (§16.6 step 11: over 3 min); default 181 s. */
        public Builder timerC(Duration d) {
            this.timerC = positive(d, "timerC");
            return this;
        }

        /**
         * Receives one line per request handled, e.g.
         * {@code REGISTER sip:alice@example.com from UDP:127.0.0.1:40211 -> 200}. Called on the loop
         * thread: it must not block.
         */
        public Builder requestLog(Consumer<String> log) {
            this.requestLog = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * Installs the server on its stack.
         *
         * @throws IllegalStateException without a domain, or with neither registrar nor proxy, or
         *     when the expiry bounds are inconsistent
         */
        public SipServer build() {
            if (domain == null) {
                throw new IllegalStateException("a domain is required");
            }
            if (!registrar && !proxy) {
                throw new IllegalStateException("enable registrar(), proxy() or both");
            }
            if (minExpires.compareTo(maxExpires) > 0) {
                throw new IllegalStateException("minExpires " + minExpires + " exceeds maxExpires " + maxExpires);
            }
            if (defaultExpires.compareTo(minExpires) < 0 || defaultExpires.compareTo(maxExpires) > 0) {
                throw new IllegalStateException("defaultExpires " + defaultExpires + " is not within ["
                        + minExpires + ", " + maxExpires + "]");
            }
            return new SipServer(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d.isNegative() || d.isZero() || d.getNano() != 0 && d.toSeconds() == 0) {
                throw new IllegalArgumentException(what + " must be at least 1 s: " + d);
            }
            return d;
        }
    }
}
