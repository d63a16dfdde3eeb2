package io.sipim.msrp.internal.net;

import io.sipim.msrp.internal.loop.IoLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Opens and accepts MSRP connections on an {@link IoLoop}: TCP, and TLS when an {@link SSLContext}
 * is given. Loop thread only, except {@link #connect}, which may be called anywhere.
 */
public final class Network {
    /** Read and write buffer size: large enough that a 64 KiB chunk moves in one system call. */
    public static final int BUFFER_BYTES = 256 * 1024;

    private final IoLoop loop;
    private final SSLContext tls;

    public Network(IoLoop loop, SSLContext tls) {
        this.loop = loop;
        this.tls = tls;
    }

    public IoLoop loop() {
        return loop;
    }

    /**
     * Listens on {@code address}; each accepted connection gets the listener {@code accepted} returns
     * for it, and is TLS when {@code secure}.
     *
     * @return the bound address (the real port when 0 was asked for)
     */
    public InetSocketAddress listen(InetSocketAddress address, boolean secure,
                                    Function<Connection, Link.Listener> accepted) throws IOException {
        if (secure && tls == null) {
            throw new IllegalStateException("msrps needs a TLS configuration");
        }
        ServerSocketChannel server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(address, 256);
        server.configureBlocking(false);
        InetSocketAddress bound = (InetSocketAddress) server.getLocalAddress();
        CompletableFuture<Void> registered = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                loop.register(server, SelectionKey.OP_ACCEPT, k -> accept(server, secure, accepted));
                registered.complete(null);
            } catch (IOException e) {
                registered.completeExceptionally(e);
            }
        });
        registered.join();
        return bound;
    }

    private void accept(ServerSocketChannel server, boolean secure, Function<Connection, Link.Listener> accepted) {
        for (int i = 0; i < 64; i++) {
            SocketChannel ch;
            try {
                ch = server.accept();
                if (ch == null) {
                    return;
                }
                configure(ch);
                InetSocketAddress remote = (InetSocketAddress) ch.getRemoteAddress();
                Wire wire = secure ? new TlsWire(engine(false, null, remote.getPort())) : new PlainWire(BUFFER_BYTES);
                Connection c = new Connection(loop, ch, wire, remote, false, BUFFER_BYTES, null);
                c.listener(accepted.apply(c));
                c.register(true);
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * Opens a connection to {@code remote}; {@code serverName} is the host name TLS checks the
     * certificate against (and sends as SNI), or null for an address.
     */
    public Connection connect(InetSocketAddress remote, boolean secure, String serverName, Link.Listener listener)
            throws IOException {
        if (secure && tls == null) {
            throw new IllegalStateException("msrps needs a TLS configuration");
        }
        SocketChannel ch = SocketChannel.open();
        try {
            ch.configureBlocking(false);
            configure(ch);
            boolean done = ch.connect(remote);
            Wire wire = secure ? new TlsWire(engine(true, serverName != null ? serverName : remote.getHostString(),
                    remote.getPort())) : new PlainWire(BUFFER_BYTES);
            Connection c = new Connection(loop, ch, wire, remote, true, BUFFER_BYTES, listener);
            c.register(done);
            return c;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static void configure(SocketChannel ch) throws IOException {
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
    }

    private SSLEngine engine(boolean client, String host, int port) {
        SSLEngine e = client ? tls.createSSLEngine(host, port) : tls.createSSLEngine();
        e.setUseClientMode(client);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        if (client) {
            // RFC 4975 §14.2: the client checks the certificate against the host of the URI it connects to.
            p.setEndpointIdentificationAlgorithm("HTTPS");
        } else {
            // RFC 4975 §14.2 lets both sides present certificates; the server asks but does not require one.
            p.setWantClientAuth(true);
        }
        e.setSSLParameters(p);
        return e;
    }
}
