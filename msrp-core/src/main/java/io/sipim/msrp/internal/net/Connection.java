package io.sipim.msrp.internal.net;

import io.sipim.msrp.internal.loop.IoLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MSRP TCP (or TLS) connection on the {@link IoLoop}. Reads go to a {@link Listener}; writes are
 * pulled from it when the socket can take them, so a slow peer slows the sender down instead of
 * filling memory (the sender's queue only reads a source when there is room). Loop thread only.
 */
public final class Connection implements IoLoop.Ready, Link {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final IoLoop loop;
    private final SocketChannel channel;
    private final Wire wire;
    private final InetSocketAddress remote;
    private final boolean outbound;
    private final ByteBuffer out;
    private Link.Listener listener;
    private SelectionKey key;
    private boolean connected;
    private boolean opened;
    private boolean closed;
    private boolean wantWrite;
    private boolean readPaused;
    // Set while the listener handles what was read: what it asks to write meanwhile goes out in one
    // write after the read instead of one write per frame (a 200 per chunk on a bulk receiver).
    private boolean reading;

    Connection(IoLoop loop, SocketChannel channel, Wire wire, InetSocketAddress remote, boolean outbound,
               int writeBufferBytes, Link.Listener listener) {
        this.loop = loop;
        this.channel = channel;
        this.wire = wire;
        this.remote = remote;
        this.outbound = outbound;
        // Direct: a heap buffer would be copied into a temporary direct one on every write.
        this.out = ByteBuffer.allocateDirect(writeBufferBytes);
        this.out.flip();
        this.listener = listener;
    }

    void register(boolean alreadyConnected) throws IOException {
        connected = alreadyConnected;
        key = loop.register(channel, alreadyConnected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
        if (alreadyConnected) {
            startWire();
        }
    }

    /** Replaces who receives this connection's events (a stack hands accepted connections on). */
    public void listener(Link.Listener listener) {
        this.listener = listener;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    /** Whether we opened this connection (the active side, RFC 6135). */
    @Override
    public boolean outbound() {
        return outbound;
    }

    @Override
    public boolean secure() {
        return wire instanceof TlsWire;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** The peer's certificate chain on a TLS connection after the handshake; empty otherwise. */
    @Override
    public List<Certificate> peerCertificates() {
        if (wire instanceof TlsWire t && opened) {
            try {
                return List.of(t.engine().getSession().getPeerCertificates());
            } catch (SSLPeerUnverifiedException e) {
                return List.of();
            }
        }
        return List.of();
    }

    /** Says there is something to send; the connection pulls it when the socket can take it. */
    @Override
    public void writable() {
        if (closed) {
            return;
        }
        wantWrite = true;
        if (opened && !reading) {
            flush();
        }
    }

    /**
     * Stops or restarts reading from the socket. While paused, TCP's own flow control slows the
     * peer down: a relay pauses a sender whose next hop cannot take more (back-pressure).
     */
    public void pauseReading(boolean pause) {
        if (readPaused != pause) {
            readPaused = pause;
            updateInterest();
        }
    }

    /** Whether reading is paused. */
    public boolean readingPaused() {
        return readPaused;
    }

    @Override
    public void ready(SelectionKey k) {
        try {
            if (k.isConnectable()) {
                channel.finishConnect();
                connected = true;
                key.interestOps(SelectionKey.OP_READ);
                startWire();
            }
            boolean flushed = false;
            if (k.isValid() && k.isReadable() && !readPaused) {
                boolean open;
                reading = true;
                try {
                    open = wire.read(channel, data -> listener.received(this, data), () -> readPaused);
                } finally {
                    reading = false;
                }
                if (!open) {
                    close(null);
                    return;
                }
                boolean wasOpened = opened;
                checkOpened();
                if (wasOpened && wantWrite) {
                    flush();
                    flushed = true;
                }
            }
            if (!flushed && k.isValid() && k.isWritable()) {
                flush();
            }
        } catch (IOException e) {
            close(e);
        } catch (RuntimeException e) {
            LOG.warn("MSRP connection to {} failed", remote, e);
            close(new IOException(e));
        }
    }

    private void startWire() throws IOException {
        wire.start(channel);
        checkOpened();
        updateInterest();
    }

    private void checkOpened() {
        if (!opened && wire.open() && !closed) {
            opened = true;
            listener.opened(this);
            flush();
        } else if (!opened) {
            updateInterest();
        }
    }

    private void flush() {
        if (closed || !connected) {
            return;
        }
        try {
            while (true) {
                if (out.hasRemaining() || wire.pending()) {
                    boolean drained = wire.write(channel, out);
                    if (!drained || out.hasRemaining()) {
                        break;
                    }
                }
                if (!opened || !wantWrite) {
                    break;
                }
                out.clear();
                wantWrite = listener.fill(this, out);
                out.flip();
                if (!out.hasRemaining()) {
                    wantWrite = false;
                    break;
                }
            }
            updateInterest();
        } catch (IOException e) {
            close(e);
        }
    }

    private void updateInterest() {
        if (key == null || !key.isValid() || !connected) {
            return;
        }
        boolean write = out.hasRemaining() || wire.pending() || (opened && wantWrite);
        int ops = (readPaused ? 0 : SelectionKey.OP_READ) | (write ? SelectionKey.OP_WRITE : 0);
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /** Closes the socket; the listener hears of it once. */
    @Override
    public void close(IOException cause) {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        listener.closed(this, cause);
    }

    @Override
    public String toString() {
        return (secure() ? "tls:" : "tcp:") + remote + (outbound ? " (out)" : " (in)");
    }
}
