package io.sipim.msrp.session;

import io.sipim.msrp.internal.net.Link;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.util.List;

/**
 * One end of an in-memory link between two stacks on the same {@link VirtualScheduler}. Bytes move
 * as tasks, in slices of at most {@code sliceBytes}, so frames cross "read boundaries" like on a
 * socket; a link can be told to stop delivering ({@link #blackhole}) to provoke timeouts.
 */
final class PipeLink implements Link {
    private final VirtualScheduler loop;
    private final boolean outbound;
    private final int sliceBytes;
    private PipeLink peer;
    private Link.Listener listener;
    private boolean closed;
    private boolean scheduled;
    private boolean blackhole;
    private boolean opened;
    private java.io.ByteArrayOutputStream tap;

    private PipeLink(VirtualScheduler loop, boolean outbound, int sliceBytes) {
        this.loop = loop;
        this.outbound = outbound;
        this.sliceBytes = sliceBytes;
    }

    /** A connected pair: [0] is the dialling side, [1] the accepting side. */
    static PipeLink[] pair(VirtualScheduler loop, int sliceBytes) {
        PipeLink a = new PipeLink(loop, true, sliceBytes);
        PipeLink b = new PipeLink(loop, false, sliceBytes);
        a.peer = b;
        b.peer = a;
        return new PipeLink[] {a, b};
    }

    void listener(Link.Listener l) {
        this.listener = l;
        if (!opened) {
            opened = true;
            loop.execute(() -> l.opened(this));
        }
    }

    /** Keeps a copy of every byte this side writes, for captures. */
    void tap(java.io.ByteArrayOutputStream copy) {
        this.tap = copy;
    }

    /** From now on, what this side writes is lost. */
    void blackhole() {
        blackhole = true;
    }

    @Override
    public void writable() {
        if (closed || scheduled) {
            return;
        }
        scheduled = true;
        loop.execute(this::pump);
    }

    private void pump() {
        scheduled = false;
        if (closed || listener == null) {
            return;
        }
        ByteBuffer out = ByteBuffer.allocate(sliceBytes);
        boolean more = listener.fill(this, out);
        out.flip();
        if (tap != null) {
            tap.write(out.array(), out.position(), out.remaining());
        }
        if (out.hasRemaining() && !blackhole && !peer.closed && peer.listener != null) {
            ByteBuffer copy = ByteBuffer.allocate(out.remaining()).put(out).flip();
            loop.execute(() -> {
                if (!peer.closed) {
                    peer.listener.received(peer, copy);
                }
            });
        }
        if (more) {
            writable();
        }
    }

    @Override
    public void close(IOException cause) {
        if (closed) {
            return;
        }
        closed = true;
        Link.Listener l = listener;
        if (l != null) {
            l.closed(this, cause);
        }
        loop.execute(() -> peer.close(new IOException("peer closed")));
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean outbound() {
        return outbound;
    }

    @Override
    public boolean secure() {
        return false;
    }

    @Override
    public InetSocketAddress remote() {
        return InetSocketAddress.createUnresolved("pipe", outbound ? 2 : 1);
    }

    @Override
    public List<Certificate> peerCertificates() {
        return List.of();
    }
}
