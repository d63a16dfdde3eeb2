package io.sipim.msrp.internal.relay;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Whole MSRP frames waiting for one connection's socket, written in order. Frames are only ever
 * added whole, so frames from several senders never interleave inside a chunk. Counts the bytes it
 * holds, into its own total and a shared {@link Budget}. Loop thread only.
 */
final class FrameQueue {
    private final ArrayDeque<ByteBuffer> frames = new ArrayDeque<>();
    private final Budget budget;
    private long buffered;

    FrameQueue(Budget budget) {
        this.budget = budget;
    }

    void add(byte[] frame) {
        frames.add(ByteBuffer.wrap(frame));
        buffered += frame.length;
        budget.add(frame.length);
    }

    /**
     * Copies as many waiting bytes as fit into {@code out} (write mode).
     *
     * @return whether bytes are still waiting
     */
    boolean fill(ByteBuffer out) {
        long taken = 0;
        while (out.hasRemaining() && !frames.isEmpty()) {
            ByteBuffer head = frames.peek();
            int n = Math.min(out.remaining(), head.remaining());
            out.put(head.array(), head.arrayOffset() + head.position(), n);
            head.position(head.position() + n);
            taken += n;
            if (!head.hasRemaining()) {
                frames.poll();
            }
        }
        buffered -= taken;
        budget.add(-taken);
        return !frames.isEmpty();
    }

    /** Bytes waiting. */
    long buffered() {
        return buffered;
    }

    boolean isEmpty() {
        return frames.isEmpty();
    }

    /** Drops everything (the connection is gone). */
    void clear() {
        budget.add(-buffered);
        buffered = 0;
        frames.clear();
    }
}
