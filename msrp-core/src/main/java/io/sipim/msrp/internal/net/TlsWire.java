package io.sipim.msrp.internal.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * TLS over a socket with an {@link SSLEngine} (msrps, RFC 4975 §15.4). The engine's delegated tasks
 * run inline on the loop. Ciphertext that the socket did not take waits in {@code netOut}.
 */
final class TlsWire implements Wire {
    private final SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    private boolean handshakeDone;

    TlsWire(SSLEngine engine) {
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        netIn = ByteBuffer.allocate(Math.max(packet, 64 * 1024));
        appIn = ByteBuffer.allocate(Math.max(engine.getSession().getApplicationBufferSize(), 64 * 1024));
        netOut = ByteBuffer.allocate(Math.max(packet, 64 * 1024));
        netOut.flip();
    }

    /** The engine, for the peer's certificates once the handshake is done. */
    SSLEngine engine() {
        return engine;
    }

    @Override
    public void start(SocketChannel channel) throws IOException {
        engine.beginHandshake();
        drive(channel);
    }

    @Override
    public boolean read(SocketChannel channel, Consumer<ByteBuffer> sink, BooleanSupplier paused) throws IOException {
        int n = channel.read(netIn);
        if (n < 0) {
            return false;
        }
        netIn.flip();
        try {
            while (netIn.hasRemaining()) {
                SSLEngineResult r = engine.unwrap(netIn, appIn);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                    if (netIn.limit() == netIn.capacity() && netIn.position() == 0) {
                        netIn = grow(netIn, false);
                    }
                    break;
                }
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    appIn = grow(appIn, true);
                    continue;
                }
                if (appIn.position() > 0) {
                    appIn.flip();
                    sink.accept(appIn);
                    appIn.clear();
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    return false;
                }
                if (r.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING
                        && r.getHandshakeStatus() != HandshakeStatus.NEED_UNWRAP) {
                    drive(channel);
                }
                if (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                        && engine.getHandshakeStatus() != HandshakeStatus.NEED_UNWRAP) {
                    break;
                }
            }
        } finally {
            netIn.compact();
        }
        if (!handshakeDone) {
            drive(channel);
        }
        return true;
    }

    /** Runs the handshake as far as it goes without the peer's next bytes. */
    private void drive(SocketChannel channel) throws IOException {
        while (true) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                for (Runnable t; (t = engine.getDelegatedTask()) != null; ) {
                    t.run();
                }
            } else if (hs == HandshakeStatus.NEED_WRAP) {
                if (!flush(channel)) {
                    return;
                }
                wrap(ByteBuffer.allocate(0));
            } else if (hs == HandshakeStatus.NEED_UNWRAP || hs == HandshakeStatus.NEED_UNWRAP_AGAIN) {
                flush(channel);
                return;
            } else {
                handshakeDone = true;
                flush(channel);
                return;
            }
        }
    }

    private void wrap(ByteBuffer src) throws SSLException {
        netOut.compact();
        try {
            while (true) {
                SSLEngineResult r = engine.wrap(src, netOut);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    netOut = grow(netOut, true);
                    continue;
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new SSLException("TLS session closed");
                }
                return;
            }
        } finally {
            netOut.flip();
        }
    }

    private boolean flush(SocketChannel channel) throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean write(SocketChannel channel, ByteBuffer plain) throws IOException {
        if (!flush(channel)) {
            return false;
        }
        if (!handshakeDone) {
            drive(channel);
            return !netOut.hasRemaining();
        }
        while (plain.hasRemaining()) {
            wrap(plain);
            if (!flush(channel)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean open() {
        return handshakeDone;
    }

    @Override
    public boolean pending() {
        return netOut.hasRemaining() || (!handshakeDone && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP);
    }

    /** A buffer twice as large holding what {@code b} held; {@code b} is in write mode, or read mode when {@code !writeMode}. */
    private static ByteBuffer grow(ByteBuffer b, boolean writeMode) {
        ByteBuffer n = ByteBuffer.allocate(b.capacity() * 2);
        if (writeMode) {
            b.flip();
            n.put(b);
        } else {
            n.put(b);
            n.flip();
        }
        return n;
    }
}
