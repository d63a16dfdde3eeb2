package io.sipim.msrp.internal.relay;

import io.sipim.msrp.internal.net.Connection;
import io.sipim.msrp.internal.net.Link;
import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.parse.MsrpParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of a relay, inbound or outbound: parses what arrives and hands it to the
 * {@link RelayEngine}, queues whole frames to send, remembers the transactions the relay sent over
 * it, and does the back-pressure bookkeeping (who is paused because this queue is full). Loop thread
 * only.
 */
final class RelayConnection implements Link.Listener, MsrpParser.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(RelayConnection.class);

    private final RelayEngine engine;
    private final MsrpParser parser;
    final FrameQueue queue;
    /** Requests the relay sent over this connection, by transaction id, awaiting a response. */
    final Map<String, Pending> pending = new HashMap<>();
    /** Clients that authenticated on this connection. */
    final List<Binding> bindings = new ArrayList<>(1);
    /** Connections paused because this one's queue is over the bound. */
    private final Set<RelayConnection> waiters = new LinkedHashSet<>();
    /** Connections whose full queues keep this one paused. */
    private final Set<RelayConnection> blockers = new HashSet<>();
    /** Key in the engine's table of outbound connections, or null for an inbound one. */
    final String outboundKey;
    private Link link;
    private Inbound current;
    private boolean closed;

    RelayConnection(RelayEngine engine, Link link, String outboundKey) {
        this.engine = engine;
        this.link = link;
        this.outboundKey = outboundKey;
        this.queue = new FrameQueue(engine.budget());
        this.parser = new MsrpParser(engine.config().limits(), this);
    }

    void link(Link link) {
        this.link = link;
    }

    Link link() {
        return link;
    }

    boolean isClosed() {
        return closed;
    }

    /** Queues a whole frame. */
    void send(byte[] frame) {
        if (closed) {
            return;
        }
        queue.add(frame);
        if (link != null) {
            link.writable();
        }
    }

    /**
     * Back-pressure (RFC 4976 §7.3 lets a relay slow a sender): if this connection's queue is over
     * the bound, stops reading from {@code source} until it drains.
     */
    void throttle(RelayConnection source) {
        if (source == this || queue.buffered() <= engine.config().maxBufferedBytes()) {
            return;
        }
        if (waiters.add(source)) {
            source.blockers.add(this);
            source.pause(true);
        }
    }

    private void pause(boolean pause) {
        if (link instanceof Connection c) {
            c.pauseReading(pause);
        }
    }

    private void releaseWaiters() {
        for (RelayConnection w : waiters) {
            w.blockers.remove(this);
            if (w.blockers.isEmpty() && !w.closed) {
                w.pause(false);
            }
        }
        waiters.clear();
    }

    // Link.Listener

    @Override
    public void received(Link l, ByteBuffer data) {
        try {
            parser.parse(data);
        } catch (MsrpParseException e) {
            LOG.debug("MSRP relay: unframeable input from {}: {}", l.remote(), e.getMessage());
            l.close(new IOException("MSRP framing error: " + e.getMessage(), e));
        }
    }

    @Override
    public boolean fill(Link l, ByteBuffer out) {
        boolean more = queue.fill(out);
        // Resume senders once half the bound is free, so that they do not flap at the limit.
        if (!waiters.isEmpty() && queue.buffered() <= engine.config().maxBufferedBytes() / 2) {
            releaseWaiters();
        }
        return more;
    }

    @Override
    public void opened(Link l) {
        if (!queue.isEmpty()) {
            l.writable();
        }
    }

    @Override
    public void closed(Link l, IOException cause) {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        releaseWaiters();
        for (RelayConnection b : blockers) {
            b.waiters.remove(this);
        }
        blockers.clear();
        if (current != null) {
            current.abandon();
            current = null;
        }
        engine.closed(this, cause);
    }

    // MsrpParser.Handler

    @Override
    public void request(MsrpRequest request, boolean hasBody) {
        current = engine.request(this, request, hasBody);
    }

    @Override
    public void body(ByteBuffer data) {
        if (current != null) {
            current.body(data);
        }
    }

    @Override
    public void end(ContinuationFlag flag) {
        Inbound c = current;
        current = null;
        if (c != null) {
            c.end(flag);
        }
    }

    @Override
    public void response(MsrpResponse response) {
        engine.response(this, response);
    }

    @Override
    public void badRequest(MsrpParseException e) {
        // Without To-Path and From-Path there is nowhere to address a 400 to (RFC 4975 §7.2).
        LOG.debug("MSRP relay: malformed request from {}: {}", link != null ? link.remote() : "?", e.getMessage());
    }

    @Override
    public String toString() {
        return "relay connection " + link;
    }
}
