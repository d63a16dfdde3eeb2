package io.sipim.sip.transport;

import io.sipim.sip.loop.EventLoop;
import io.sipim.sip.loop.Scheduler;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.Via;
import io.sipim.sip.parse.SipLimits;
import io.sipim.sip.parse.SipParseException;
import io.sipim.sip.parse.SipParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UDP, TCP and TLS transports on one {@link EventLoop} (RFC 3261 §18): one selector thread serves every
 * socket; there is no thread per connection.
 *
 * <ul>
 *   <li>Received requests get {@code received} and {@code rport} added to their top Via when
 *       RFC 3261 §18.2.1 and RFC 3581 §4 say so.</li>
 *   <li>A message that does not parse is answered with the status its {@link SipParseException}
 *       names (400, 505, 413, 513) when it is a request that can be answered, otherwise dropped;
 *       either way the transport keeps serving.</li>
 *   <li>TCP connections are reused in both directions: a request or response to an address with
 *       an open connection (accepted or opened) goes over it; a request whose top Via carries
 *       {@code alias} (RFC 5923) also makes the connection reusable towards its sent-by.</li>
 *   <li>Connections idle for {@link Builder#idleTimeout} are closed; RFC 5626 double-CRLF pings
 *       are answered with CRLF, and connections this side opened send such a ping after
 *       {@link Builder#keepAlive} of quiet.</li>
 * </ul>
 *
 * <p>Threading: {@link #send}, {@link #receiver} and {@link #local} must be called on the loop
 * thread; {@link #listen} and {@link #close} may be called from any thread.
 */
public final class NioTransportLayer implements TransportLayer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NioTransportLayer.class);

    private final EventLoop loop;
    private final SipLimits limits;
    private final SipParser parser;
    private final Duration idleTimeout;
    private final int maxConnections;
    private final TlsConfig tls;
    private final Duration keepAlive;
    private final java.util.Set<SocketChannel> opened = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final List<UdpEndpoint> udp = new ArrayList<>();
    private final List<StreamAcceptor> acceptors = new ArrayList<>();
    private final Map<TransportAddress, StreamConnection> connections = new HashMap<>();
    private final Map<TransportAddress, StreamConnection> aliases = new HashMap<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private Consumer<Received> receiver = r -> { };
    private Consumer<SipParseException> rejectedListener = e -> { };
    private long rejectedCount;
    private long droppedCount;

    private NioTransportLayer(Builder b) {
        this.loop = b.loop;
        this.limits = b.limits;
        this.parser = new SipParser(limits);
        this.idleTimeout = b.idleTimeout;
        this.maxConnections = b.maxConnections;
        this.tls = b.tls;
        this.keepAlive = b.keepAlive;
        loop.execute(this::scheduleIdleSweep);
    }

    /** A transport layer on {@code loop}; listen points are added with {@link #listen}. */
    public static Builder builder(EventLoop loop) {
        return new Builder(loop);
    }

    /** Options of a {@link NioTransportLayer}. */
    public static final class Builder {
        private final EventLoop loop;
        private SipLimits limits = SipLimits.DEFAULT;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private int maxConnections = 65_536;
        private TlsConfig tls;
        private Duration keepAlive = Duration.ofSeconds(120);

        private Builder(EventLoop loop) {
            this.loop = Objects.requireNonNull(loop, "loop");
        }

        /** Parser limits for every message received; default {@link SipLimits#DEFAULT}. */
        public Builder limits(SipLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** A connection with no traffic for this long is closed; default 5 minutes. */
        public Builder idleTimeout(Duration idleTimeout) {
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive");
            }
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** Open connections allowed at once (accepted plus opened); default 65,536. */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1");
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * How long a connection this side opened may stay quiet before it sends an RFC 5626
         * double-CRLF ping (which keeps NAT bindings and the peer's idle timer alive); default 120 s.
         */
        public Builder keepAlive(Duration keepAlive) {
            if (keepAlive.isNegative() || keepAlive.isZero()) {
                throw new IllegalArgumentException("keepAlive must be positive");
            }
            this.keepAlive = keepAlive;
            return this;
        }

        /** TLS settings; needed for the TLS transport (a key store to listen, trust settings to connect). */
        public Builder tls(TlsConfig tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        public NioTransportLayer build() {
            return new NioTransportLayer(this);
        }
    }

    /** The loop this layer runs on. */
    public Scheduler loop() {
        return loop;
    }

    /**
     * Opens a listen point ({@code port} 0 picks a free one). Completes with the bound address, or
     * exceptionally when the socket cannot be bound.
     */
    public CompletableFuture<TransportAddress> listen(Transport transport, InetSocketAddress bind) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(bind, "bind");
        CompletableFuture<TransportAddress> f = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                switch (transport) {
                    case UDP -> {
                        UdpEndpoint e = new UdpEndpoint(this, loop, bind, parser);
                        udp.add(e);
                        f.complete(e.local());
                    }
                    case TCP, TLS -> {
                        if (transport == Transport.TLS && tls == null) {
                            throw new IOException("listening for TLS needs a TlsConfig with a key store");
                        }
                        StreamAcceptor a = new StreamAcceptor(this, loop, transport, bind);
                        acceptors.add(a);
                        f.complete(a.local());
                    }
                }
            } catch (IOException | RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    @Override
    public void receiver(Consumer<Received> receiver) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    /** Called on the loop thread with every message that failed to parse (after it was answered where possible). */
    public void onRejected(Consumer<SipParseException> listener) {
        this.rejectedListener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public TransportAddress local(Transport transport) {
        if (transport == Transport.UDP) {
            return udp.isEmpty() ? null : udp.get(0).local();
        }
        for (StreamAcceptor a : acceptors) {
            if (a.local().transport() == transport) {
                return a.local();
            }
        }
        return null;
    }

    @Override
    public void send(SipMessage message, TransportAddress destination, Consumer<IOException> onFailure) {
        sendEncoded(message.encode(), destination, onFailure);
    }

    @Override
    public void sendEncoded(byte[] wire, TransportAddress destination, Consumer<IOException> onFailure) {
        if (destination.transport() == Transport.UDP) {
            UdpEndpoint e = udpFor(destination.address());
            if (e == null) {
                loop.execute(() -> onFailure.accept(new IOException("no UDP listen point for " + destination)));
                return;
            }
            e.send(wire, destination.address(), onFailure);
            return;
        }
        StreamConnection c = connections.get(destination);
        if (c == null) {
            c = aliases.get(destination);
        }
        if (c == null || c.isClosed()) {
            try {
                c = connect(destination);
            } catch (IOException e) {
                loop.execute(() -> onFailure.accept(e));
                return;
            }
        }
        c.send(wire, onFailure);
    }

    /** Open connections, for tests and monitoring. */
    public int connectionCount() {
        return connections.size();
    }

    /** Messages that failed to parse so far. */
    public long rejectedCount() {
        return rejectedCount;
    }

    /** Datagrams lost because a socket buffer was full. */
    public long droppedCount() {
        return droppedCount;
    }

    private UdpEndpoint udpFor(InetSocketAddress to) {
        for (UdpEndpoint e : udp) {
            if (e.sameFamily(to)) {
                return e;
            }
        }
        return null;
    }

    private StreamConnection connect(TransportAddress to) throws IOException {
        if (connections.size() >= maxConnections) {
            throw new IOException("connection limit of " + maxConnections + " reached");
        }
        SocketChannel ch = SocketChannel.open();
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (to.transport() == Transport.TLS && tls == null) {
                throw new IOException("TLS needs a TlsConfig");
            }
            opened.add(ch);
            boolean now = ch.connect(to.address());
            StreamConnection c = to.transport() == Transport.TLS
                    ? new TlsConnection(this, ch, to, limits, now, tls.clientEngine(to))
                    : new StreamConnection(this, ch, to, limits, now);
            connections.put(to, c);
            c.register(loop);
            return c;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    void accepted(SocketChannel ch, TransportAddress listenPoint) throws IOException {
        if (connections.size() >= maxConnections) {
            LOG.warn("refusing a {} connection: limit of {} reached", listenPoint.transport(), maxConnections);
            ch.close();
            return;
        }
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        TransportAddress remote = new TransportAddress(listenPoint.transport(), (InetSocketAddress) ch.getRemoteAddress());
        StreamConnection c = remote.transport() == Transport.TLS
                ? new TlsConnection(this, ch, remote, limits, true, tls.serverEngine())
                : new StreamConnection(this, ch, remote, limits, true);
        connections.put(remote, c);
        c.register(loop);
    }

    boolean isOutbound(SocketChannel ch) {
        return opened.contains(ch);
    }

    void closed(StreamConnection c) {
        opened.remove(c.channel);
        connections.remove(c.remote, c);
        aliases.values().removeIf(v -> v == c);
    }

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    void countDropped() {
        droppedCount++;
    }

    void received(SipMessage m, TransportAddress source, TransportAddress local) {
        received(m, source, local, null);
    }

    void received(SipMessage m, TransportAddress source, TransportAddress local, StreamConnection c) {
        if (m instanceof SipRequest r) {
            Via top = r.topVia();
            if (c != null && top != null && top.parameters().has("alias")) {
                TransportAddress sentBy = sentByAddress(top, source.transport());
                if (sentBy != null) {
                    aliases.put(sentBy, c);
                }
            }
            m = stampVia(r, source);
        }
        receiver.accept(new Received(m, source, local));
    }

    /** RFC 3261 §18.2.1 received=, RFC 3581 §4 rport=: the top Via records where the request came from. */
    static SipRequest stampVia(SipRequest r, TransportAddress source) {
        Via top = r.topVia();
        if (top == null) {
            return r;
        }
        boolean needReceived = !sameIp(top.host(), source);
        boolean needRport = top.hasRport() && top.rport() < 0;
        if (!needReceived && !needRport) {
            return r;
        }
        // RFC 3581 §4: with rport, received is added even when the address matches.
        String host = source.host();
        Via v = top.withReceived(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        if (needRport) {
            v = v.withParameter("rport", Integer.toString(source.address().getPort()));
        }
        return r.toBuilder().removeFirst(HeaderName.VIA).prepend(HeaderName.VIA, v).build();
    }

    /** Whether the Via host is the packet's source IP; the usual case (same text) costs no parsing. */
    private static boolean sameIp(String viaHost, TransportAddress source) {
        if (viaHost.equalsIgnoreCase(source.host())) {
            return true;
        }
        String h = viaHost.startsWith("[") ? viaHost.substring(1, viaHost.length() - 1) : viaHost;
        if (!Rfc3263Resolver.isIpLiteral(h)) {
            return false;
        }
        try {
            return InetAddress.getByName(h).equals(source.address().getAddress());
        } catch (IOException e) {
            return false;
        }
    }

    private static TransportAddress sentByAddress(Via v, Transport t) {
        String h = v.host().startsWith("[") ? v.host().substring(1, v.host().length() - 1) : v.host();
        if (!Rfc3263Resolver.isIpLiteral(h)) {
            return null;
        }
        try {
            return new TransportAddress(t, new InetSocketAddress(InetAddress.getByName(h),
                    v.port() > 0 ? v.port() : t.defaultPort()));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    void rejected(SipParseException e, TransportAddress source, TransportAddress local) {
        rejectedCount++;
        LOG.debug("rejected a message from {}: {}", source, e.getMessage());
        e.response(null).ifPresent((SipResponse answer) -> send(answer, source, err -> { }));
        rejectedListener.accept(e);
    }

    private void scheduleIdleSweep() {
        Duration shortest = idleTimeout.compareTo(keepAlive) < 0 ? idleTimeout : keepAlive;
        Duration period = shortest.dividedBy(4).compareTo(Duration.ofMillis(250)) < 0
                ? Duration.ofMillis(250) : shortest.dividedBy(4);
        loop.schedule(period, () -> {
            long now = loop.nanoTime();
            long deadline = now - idleTimeout.toNanos();
            long pingDeadline = now - keepAlive.toNanos();
            for (StreamConnection c : new ArrayList<>(connections.values())) {
                if (c.idleSince(deadline)) {
                    c.close(new IOException("idle for " + idleTimeout));
                } else {
                    c.pingIfQuietSince(pingDeadline);
                }
            }
            if (loop.isRunning()) {
                scheduleIdleSweep();
            }
        });
    }

    /** Closes every socket of this layer (not the loop). */
    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            udp.forEach(UdpEndpoint::close);
            acceptors.forEach(StreamAcceptor::close);
            for (StreamConnection c : new ArrayList<>(connections.values())) {
                c.close(new IOException("transport closed"));
            }
            done.complete(null);
        });
        if (!loop.inLoop()) {
            done.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> null).join();
        }
    }
}
