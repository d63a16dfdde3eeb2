package io.sipim.sip.transport;

import io.sipim.sip.loop.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A listening TCP or TLS socket; accepted connections go to the transport layer. Loop thread only. */
final class StreamAcceptor {
    private final NioTransportLayer layer;
    private final ServerSocketChannel channel;
    private final TransportAddress local;

    StreamAcceptor(NioTransportLayer layer, EventLoop loop, Transport transport, InetSocketAddress bind)
            throws IOException {
        this.layer = layer;
        this.channel = ServerSocketChannel.open();
        try {
            channel.bind(bind, 1024);
            channel.configureBlocking(false);
            this.local = new TransportAddress(transport, (InetSocketAddress) channel.getLocalAddress());
            loop.register(channel, SelectionKey.OP_ACCEPT, key -> acceptAll());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    TransportAddress local() {
        return local;
    }

    private void acceptAll() throws IOException {
        for (int i = 0; i < 64; i++) {
            SocketChannel c = channel.accept();
            if (c == null) {
                return;
            }
            layer.accepted(c, local);
        }
    }

    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing on shutdown; nothing to report.
        }
    }
}
