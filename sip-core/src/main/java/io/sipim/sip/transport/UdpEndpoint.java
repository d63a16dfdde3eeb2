package io.sipim.sip.transport;

import io.sipim.sip.loop.EventLoop;
import io.sipim.sip.parse.SipParseException;
import io.sipim.sip.parse.SipParser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.function.Consumer;

/** One bound UDP socket: each datagram is one message (RFC 3261 §18.3). Loop thread only. */
final class UdpEndpoint {
    private final NioTransportLayer layer;
    private final DatagramChannel channel;
    private final TransportAddress local;
    private final SipParser parser;
    private final ByteBuffer in;

    UdpEndpoint(NioTransportLayer layer, EventLoop loop, InetSocketAddress bind, SipParser parser) throws IOException {
        this.layer = layer;
        this.parser = parser;
        this.channel = DatagramChannel.open();
        try {
            channel.bind(bind);
            channel.configureBlocking(false);
            // The largest datagram a message may arrive in (RFC 3261 §18.1.1 allows up to 65,535 bytes).
            // A heap buffer: the parser reads the datagram in place and copies only what it keeps.
            this.in = ByteBuffer.allocate(65536);
            this.local = new TransportAddress(Transport.UDP, (InetSocketAddress) channel.getLocalAddress());
            loop.register(channel, SelectionKey.OP_READ, key -> readAll());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    TransportAddress local() {
        return local;
    }

    boolean sameFamily(InetSocketAddress to) {
        return local.address().getAddress().getClass() == to.getAddress().getClass();
    }

    private void readAll() throws IOException {
        // Drain what is queued, but bounded so that one busy socket cannot starve the loop.
        for (int i = 0; i < 64; i++) {
            in.clear();
            InetSocketAddress from = (InetSocketAddress) channel.receive(in);
            if (from == null) {
                return;
            }
            int length = in.position();
            byte[] datagram = in.array();
            if (isKeepAlive(datagram, length)) {
                continue;
            }
            TransportAddress source = new TransportAddress(Transport.UDP, from);
            try {
                layer.received(parser.parseDatagram(datagram, 0, length), source, local);
            } catch (SipParseException e) {
                layer.rejected(e, source, local);
            }
        }
    }

    /**
     * Datagrams that carry no SIP message: bare CRLFs, and STUN keep-alives (RFC 5626 §4.4.1),
     * whose first byte has its two top bits clear, which no SIP start line has.
     */
    private static boolean isKeepAlive(byte[] d, int length) {
        if (length > 0 && (d[0] & 0xc0) == 0 && d[0] != '\r' && d[0] != '\n') {
            return true;
        }
        for (int i = 0; i < length; i++) {
            if (d[i] != '\r' && d[i] != '\n') {
                return false;
            }
        }
        return true;
    }

    void send(byte[] wire, InetSocketAddress to, Consumer<IOException> onFailure) {
        try {
            int n = channel.send(ByteBuffer.wrap(wire), to);
            if (n == 0) {
                // The socket buffer is full: the datagram is lost, as on the wire; retransmission recovers it.
                layer.countDropped();
            }
        } catch (IOException e) {
            onFailure.accept(e);
        }
    }

    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing on shutdown; nothing to report.
        }
    }

    @Override
    public String toString() {
        return "UDP " + local.hostPort();
    }
}
