package io.sipim.sip.transport;

import io.sipim.sip.loop.EventLoop;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.parse.SipLimits;
import io.sipim.sip.parse.SipParseException;
import io.sipim.sip.parse.SipStreamDecoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One TCP connection (RFC 3261 §18.3): frames messages with a {@link SipStreamDecoder}, queues
 * writes while the socket is busy or still connecting, and reports queued writes as failed when
 * the connection dies. Loop thread only.
 */
class StreamConnection implements SipStreamDecoder.Listener {
    private static final byte[] CRLF = {'\r', '\n'};

    private record Pending(ByteBuffer data, Consumer<IOException> onFailure) { }

    final NioTransportLayer layer;
    final SocketChannel channel;
    final TransportAddress remote;
    TransportAddress local;
    private final SipStreamDecoder decoder;
    private final ArrayDeque<Pending> writes = new ArrayDeque<>();
    private SelectionKey key;
    private boolean connected;
    private boolean closed;
    long lastActivity;
    /** True for a connection this side opened: it sends the RFC 5626 keep-alive pings. */
    final boolean outbound;

    StreamConnection(NioTransportLayer layer, SocketChannel channel, TransportAddress remote, SipLimits limits,
            boolean connected) {
        this.layer = layer;
        this.channel = channel;
        this.remote = remote;
        this.connected = connected;
        this.outbound = !connected || layer.isOutbound(channel);
        this.decoder = new SipStreamDecoder(limits, this);
        this.lastActivity = layer.loop().nanoTime();
    }

    void register(EventLoop loop) throws IOException {
        key = loop.register(channel, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this::ready);
        if (connected) {
            local = new TransportAddress(remote.transport(), (InetSocketAddress) channel.getLocalAddress());
            onConnected();
        }
    }

    private void ready(SelectionKey k) throws IOException {
        try {
            if (k.isConnectable()) {
                finishConnect();
            }
            if (k.isValid() && k.isReadable()) {
                read();
            }
            if (k.isValid() && k.isWritable()) {
                flush();
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    private void finishConnect() throws IOException {
        if (channel.finishConnect()) {
            connected = true;
            local = new TransportAddress(remote.transport(), (InetSocketAddress) channel.getLocalAddress());
            key.interestOps(SelectionKey.OP_READ | (writes.isEmpty() ? 0 : SelectionKey.OP_WRITE));
            onConnected();
            flush();
        }
    }

    private void read() throws IOException {
        ByteBuffer in = layer.readBuffer();
        for (int i = 0; i < 16 && !closed; i++) {
            in.clear();
            int n = channel.read(in);
            if (n < 0) {
                close(new IOException("connection closed by " + remote));
                return;
            }
            if (n == 0) {
                return;
            }
            lastActivity = layer.loop().nanoTime();
            in.flip();
            onBytes(in);
        }
    }

    /** Plain bytes off the stream; TLS overrides the read path and calls this with decrypted data. */
    void onBytes(ByteBuffer plain) {
        decoder.feed(plain);
    }

    /** Queues {@code wire} and writes as much as the socket takes now. */
    void send(byte[] wire, Consumer<IOException> onFailure) {
        if (closed) {
            onFailure.accept(new IOException("connection to " + remote + " is closed"));
            return;
        }
        lastActivity = layer.loop().nanoTime();
        enqueue(ByteBuffer.wrap(wire), onFailure);
    }

    /** Queues bytes for the socket (already encrypted for TLS) and writes what it takes now. */
    final void enqueue(ByteBuffer data, Consumer<IOException> onFailure) {
        writes.add(new Pending(data, onFailure));
        if (connected) {
            try {
                flush();
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    /** The TCP connection is up (connected or accepted); TLS starts its handshake here. */
    void onConnected() throws IOException {
    }

    private void flush() throws IOException {
        while (!writes.isEmpty()) {
            Pending p = writes.peek();
            channel.write(p.data);
            if (p.data.hasRemaining()) {
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                return;
            }
            writes.poll();
        }
        if (key.isValid()) {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    /** RFC 5626 §4.4.1: a double-CRLF ping on a connection we opened that has been quiet since {@code deadline}. */
    void pingIfQuietSince(long deadline) {
        if (outbound && connected && !closed && writes.isEmpty() && lastActivity - deadline < 0) {
            send(new byte[] {'\r', '\n', '\r', '\n'}, e -> { });
        }
    }

    boolean idleSince(long deadline) {
        return writes.isEmpty() && lastActivity - deadline < 0;
    }

    boolean isClosed() {
        return closed;
    }

    final void fail(IOException e) {
        close(e);
    }

    /** Closes the socket; queued writes fail with {@code cause}. */
    void close(IOException cause) {
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
            // The connection is going away either way.
        }
        Pending p;
        while ((p = writes.poll()) != null) {
            p.onFailure.accept(cause);
        }
        layer.closed(this);
    }

    // ---- SipStreamDecoder.Listener ---------------------------------------------------------

    @Override
    public void onMessage(SipMessage message) {
        layer.received(message, remote, local, this);
    }

    @Override
    public void onError(SipParseException error, boolean fatal) {
        layer.rejected(error, remote, local);
        if (fatal) {
            close(new IOException("stream from " + remote + " cannot be framed: " + error.getMessage()));
        }
    }

    @Override
    public void onKeepAlive() {
        // RFC 5626 §3.5.1: answer a double-CRLF ping with a single CRLF pong.
        send(CRLF.clone(), e -> { });
    }

    @Override
    public String toString() {
        return remote.transport() + " " + (local == null ? "?" : local.hostPort()) + " -> " + remote.hostPort();
    }
}
