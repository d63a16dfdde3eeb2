package io.sipim.sip.transport;

import io.sipim.sip.parse.SipLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * A TLS connection (RFC 3261 §26.2) over {@link StreamConnection}: an {@link SSLEngine} between
 * the socket and the SIP stream decoder. Messages sent before the handshake finishes wait for it;
 * a handshake failure (untrusted certificate, wrong host name) fails them and closes the socket.
 * Loop thread only; the engine's delegated tasks run inline on the loop.
 */
final class TlsConnection extends StreamConnection {
    private record AppWrite(ByteBuffer data, Consumer<IOException> onFailure) { }

    private final SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private final ArrayDeque<AppWrite> waiting = new ArrayDeque<>();
    private boolean handshakeDone;

    TlsConnection(NioTransportLayer layer, SocketChannel channel, TransportAddress remote, SipLimits limits,
            boolean connected, SSLEngine engine) {
        super(layer, channel, remote, limits, connected);
        this.engine = engine;
        this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    @Override
    void onConnected() throws IOException {
        engine.beginHandshake();
        handshake();
    }

    @Override
    void send(byte[] wire, Consumer<IOException> onFailure) {
        if (isClosed()) {
            onFailure.accept(new IOException("connection to " + remote + " is closed"));
            return;
        }
        lastActivity = layer.loop().nanoTime();
        waiting.add(new AppWrite(ByteBuffer.wrap(wire), onFailure));
        if (handshakeDone) {
            try {
                wrapWaiting();
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    @Override
    void onBytes(ByteBuffer net) {
        try {
            while (net.hasRemaining()) {
                if (netIn.remaining() < net.remaining()) {
                    netIn = grow(netIn, netIn.position() + net.remaining());
                }
                netIn.put(net);
            }
            netIn.flip();
            try {
                unwrapAll();
            } finally {
                netIn.compact();
            }
            if (!handshakeDone) {
                handshake();
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    private void unwrapAll() throws IOException {
        while (netIn.hasRemaining()) {
            SSLEngineResult r = engine.unwrap(netIn, appIn);
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    return;
                }
                case BUFFER_OVERFLOW -> appIn = grow(appIn, appIn.capacity() * 2);
                case CLOSED -> {
                    close(new IOException("TLS session closed by " + remote));
                    return;
                }
                case OK -> { }
            }
            if (appIn.position() > 0) {
                appIn.flip();
                super.onBytes(appIn);
                appIn.clear();
            }
            HandshakeStatus hs = r.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK || hs == HandshakeStatus.NEED_WRAP) {
                handshake();
            }
            if (isClosed()) {
                return;
            }
        }
    }

    /** Drives the handshake as far as the bytes at hand allow. */
    private void handshake() throws IOException {
        while (!isClosed()) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_WRAP -> {
                    if (!wrap(ByteBuffer.allocate(0), e -> { })) {
                        return;
                    }
                }
                case NEED_TASK -> {
                    Runnable t;
                    while ((t = engine.getDelegatedTask()) != null) {
                        t.run();
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    // Wait for the peer's bytes; onBytes unwraps them and comes back here.
                    return;
                }
                case FINISHED, NOT_HANDSHAKING -> {
                    if (!handshakeDone) {
                        handshakeDone = true;
                        wrapWaiting();
                    }
                    return;
                }
            }
        }
    }

    private void wrapWaiting() throws IOException {
        AppWrite w;
        while ((w = waiting.poll()) != null) {
            while (w.data.hasRemaining()) {
                if (!wrap(w.data, w.onFailure)) {
                    return;
                }
            }
        }
    }

    /** Encrypts from {@code src} into a new buffer queued for the socket; false when the engine closed. */
    private boolean wrap(ByteBuffer src, Consumer<IOException> onFailure) throws SSLException {
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        while (true) {
            SSLEngineResult r = engine.wrap(src, out);
            switch (r.getStatus()) {
                case BUFFER_OVERFLOW -> out = grow(out, out.capacity() * 2);
                case CLOSED -> {
                    close(new IOException("TLS session to " + remote + " is closed"));
                    return false;
                }
                default -> {
                    out.flip();
                    if (out.hasRemaining()) {
                        enqueue(out, onFailure);
                    }
                    return true;
                }
            }
        }
    }

    @Override
    void close(IOException cause) {
        AppWrite w;
        while ((w = waiting.poll()) != null) {
            w.onFailure.accept(cause);
        }
        super.close(cause);
    }

    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer n = ByteBuffer.allocate(Math.max(atLeast, b.capacity() * 2));
        b.flip();
        n.put(b);
        return n;
    }
}
