package io.sipim.sip.ua;

import io.sipim.sip.auth.CredentialsProvider;
import io.sipim.sip.auth.DigestClient;
import io.sipim.sip.message.CSeq;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.MediaType;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.Uri;
import io.sipim.sip.transaction.TransactionLayer;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.transport.TransportAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A SIP address of record on a {@link SipStack}: registers it (RFC 3261 §10), sends and receives
 * page-mode messages (RFC 3428) and other requests outside dialogs, answering digest challenges
 * with its credentials (RFC 3261 §22, RFC 8760). Thread-safe; callbacks and futures complete on
 * the stack's callback executor.
 */
public final class SipAccount implements AutoCloseable {
    private final SipStack stack;
    private final SipUri aor;
    private final String displayName;
    private final SipUri outboundProxy;
    private final SipUri registrar;
    private final Transport transport;
    private final DigestClient auth;
    private final List<Consumer<IncomingMessage>> messageListeners = new CopyOnWriteArrayList<>();
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final AtomicLong cseq = new AtomicLong(1);
    private volatile Consumer<IncomingCall> callListener;
    /** RFC 3608: the Service-Route of the last registration, used as the route set of later requests. */
    private volatile List<NameAddr> serviceRoute = List.of();

    private SipAccount(Builder b) {
        this.stack = b.stack;
        this.aor = b.aor;
        this.displayName = b.displayName;
        this.transport = b.transport;
        this.outboundProxy = b.outboundProxy == null ? null : withTransport(b.outboundProxy, b.transport);
        this.registrar = b.registrar != null ? b.registrar
                : withTransport(SipUri.builder().secure(aor.isSecure()).host(aor.host()).port(aor.port()).build(), b.transport);
        this.auth = b.credentials == null ? null : new DigestClient(b.credentials);
        stack.register(this);
    }

    private static SipUri withTransport(SipUri uri, Transport t) {
        if (t == null || uri.transport() != null || t == Transport.UDP && !uri.isSecure()) {
            return uri;
        }
        return t == Transport.TLS ? uri : uri.toBuilder().transport(t.name().toLowerCase(java.util.Locale.ROOT)).build();
    }

    /** The address of record, e.g. {@code sip:alice@example.com}. */
    public SipUri aor() {
        return aor;
    }

    /** The stack this account lives on. */
    public SipStack stack() {
        return stack;
    }

    /**
     * Registers this account's contact for {@code expires} (RFC 3261 §10.2), answering digest
     * challenges, retrying once with Min-Expires after a 423, and refreshing before expiry until
     * {@link Registration#unregister()} or {@link #close()}. Fails with
     * {@link RegistrationException} when the registrar refuses.
     */
    public CompletableFuture<Registration> register(Duration expires) {
        return register(expires, List.of());
    }

    /** Registers this account's contact plus {@code extraContacts} (several devices or flows). */
    public CompletableFuture<Registration> register(Duration expires, List<SipUri> extraContacts) {
        Registration r = new Registration(this, expires, extraContacts);
        registrations.add(r);
        return stack.onCallbacks(r.start());
    }

    /** Starts a page-mode MESSAGE (RFC 3428) to {@code to}. */
    public MessageRequest message(String to) {
        return new MessageRequest(SipUri.parse(to));
    }

    /** Sends OPTIONS to {@code target} (RFC 3261 §11); the response tells its capabilities. */
    public CompletableFuture<SipResponse> options(String target) {
        SipUri uri = SipUri.parse(target);
        return send(newRequest(SipRequest.OPTIONS, uri, NameAddr.of(uri)).build());
    }

    /**
     * Starts an INVITE session with {@code target} (RFC 3261 §13.2): set the offer, then
     * {@link OutgoingCall#start()}.
     */
    public OutgoingCall invite(String target) {
        return new OutgoingCall(this, SipUri.parse(target));
    }

    /**
     * Takes INVITEs addressed to this account (on the callback executor); each must be accepted or
     * rejected. Replaces any earlier listener. Without one, INVITEs are answered 480 Temporarily
     * Unavailable (RFC 3261 §21.4.18: no one here to take the call right now).
     */
    public SipAccount onCall(Consumer<IncomingCall> listener) {
        this.callListener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Calls {@code listener} (on the callback executor) for every MESSAGE addressed to this account. */
    public SipAccount onMessage(Consumer<IncomingMessage> listener) {
        messageListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * A request outside a dialog from this account, ready to send with {@link #send}: From with a
     * new tag, To, a new Call-ID, CSeq, and the route set (outbound proxy or Service-Route).
     */
    public SipRequest.Builder newRequest(String method, Uri target, NameAddr to) {
        SipRequest.Builder b = SipRequest.builder(method, target)
                .from(NameAddr.of(displayName, aor).withTag(TransactionLayer.newTag()))
                .to(to)
                .callId(newCallId())
                .cseq(new CSeq(cseq.getAndIncrement(), method));
        for (NameAddr route : routeSet()) {
            b.header(HeaderName.ROUTE, route);
        }
        return b;
    }

    /**
     * Sends a request built by {@link #newRequest} (or any request outside a dialog), answering
     * digest challenges with this account's credentials. Completes with the final response.
     */
    public CompletableFuture<SipResponse> send(SipRequest request) {
        return stack.onCallbacks(sendOnLoop(request));
    }

    CompletableFuture<SipResponse> sendOnLoop(SipRequest request) {
        return stack.sendOnLoop(request, auth);
    }

    /** Unregisters every registration (best effort) and detaches the account from the stack. */
    @Override
    public void close() {
        closeAsync().join();
    }

    CompletableFuture<Void> closeAsync() {
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (Registration r : registrations) {
            all.add(r.unregister().handle((x, e) -> null));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).whenComplete((x, e) -> stack.unregister(this));
    }

    // ---- for Registration and the stack ---------------------------------------------------

    String newCallId() {
        return Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)
                + "@" + (aor.host() == null ? "sipim" : aor.host());
    }

    Consumer<IncomingCall> callListener() {
        return callListener;
    }

    DigestClient auth() {
        return auth;
    }

    SipUri registrar() {
        return registrar;
    }

    String displayName() {
        return displayName;
    }

    List<NameAddr> routeSet() {
        List<NameAddr> sr = serviceRoute;
        if (!sr.isEmpty()) {
            return sr;
        }
        if (outboundProxy != null) {
            return List.of(NameAddr.of(outboundProxy.toBuilder().lr(true).build()));
        }
        return List.of();
    }

    void serviceRoute(List<NameAddr> routes) {
        this.serviceRoute = List.copyOf(routes);
    }

    /** Our contact URI for the account's transport: {@code sip:user@ip:port[;transport=tcp]}. */
    SipUri contact() {
        Transport t = transport != null ? transport : Transport.UDP;
        TransportAddress local = stack.localAddress(t);
        if (local == null && !stack.listening().isEmpty()) {
            local = stack.listening().get(0);
            t = local.transport();
        }
        if (local == null) {
            throw new IllegalStateException("the stack has no listen point");
        }
        SipUri.Builder b = SipUri.builder().secure(t == Transport.TLS).user(aor.user())
                .host(local.host()).port(local.address().getPort());
        if (t == Transport.TCP) {
            b.transport("tcp");
        }
        return b.build();
    }

    long nextCseq() {
        return cseq.getAndIncrement();
    }

    void deliver(IncomingMessage m) {
        for (Consumer<IncomingMessage> l : messageListeners) {
            stack.callbackExecutor().execute(() -> l.accept(m));
        }
    }

    void forget(Registration r) {
        registrations.remove(r);
    }

    /** A MESSAGE being composed; {@link #send()} sends it. */
    public final class MessageRequest {
        private final SipUri to;
        private MediaType type = MediaType.TEXT_PLAIN.withParameter("charset", "UTF-8");
        private byte[] body = new byte[0];

        private MessageRequest(SipUri to) {
            this.to = to;
        }

        /** A {@code text/plain;charset=UTF-8} body. */
        public MessageRequest text(String text) {
            return body(MediaType.TEXT_PLAIN.withParameter("charset", "UTF-8"), text.getBytes(StandardCharsets.UTF_8));
        }

        /** Any content type (RFC 3428 §7: MESSAGE carries any MIME body). */
        public MessageRequest body(MediaType type, byte[] content) {
            this.type = Objects.requireNonNull(type, "type");
            this.body = content.clone();
            return this;
        }

        /**
         * Sends the MESSAGE. Completes with the final response: a 2xx means the message was
         * delivered (or accepted for delivery), a 4xx–6xx is returned as a value. Over 1,300 bytes
         * it goes over TCP (RFC 3428 §8), or fails if the stack has none.
         */
        public CompletableFuture<SipResponse> send() {
            SipRequest r = newRequest(SipRequest.MESSAGE, to, NameAddr.of(to)).body(type, body).build();
            return SipAccount.this.send(r);
        }
    }

    /** Builder of a {@link SipAccount}. */
    public static final class Builder {
        private final SipStack stack;
        private final SipUri aor;
        private String displayName;
        private CredentialsProvider credentials;
        private SipUri outboundProxy;
        private SipUri registrar;
        private Transport transport;

        Builder(SipStack stack, SipUri aor) {
            this.stack = stack;
            this.aor = aor;
        }

        /** Username and password for digest challenges from any realm. */
        public Builder credentials(String username, String password) {
            this.credentials = CredentialsProvider.of(username, password);
            return this;
        }

        /** Credentials per realm. */
        public Builder credentials(CredentialsProvider provider) {
            this.credentials = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** The display name in From. */
        public Builder displayName(String name) {
            this.displayName = name;
            return this;
        }

        /** Every request goes through this proxy (a Route with {@code lr}, RFC 3261 §8.1.2). */
        public Builder outboundProxy(String uri) {
            this.outboundProxy = SipUri.parse(uri);
            return this;
        }

        /** The registrar's URI; default {@code sip:<domain of the AOR>}. */
        public Builder registrar(String uri) {
            this.registrar = SipUri.parse(uri);
            return this;
        }

        /** The transport towards the proxy or registrar, and in the registered Contact; default UDP. */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        public SipAccount build() {
            return new SipAccount(this);
        }
    }
}
