package io.sipim.msrp.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A {@link BodySink} that keeps the body in one array: for instant messages and other small
 * bodies. The array is sized from the total when it is known, and grows by doubling otherwise.
 */
public final class MemoryBodySink implements BodySink {
    /** The largest array the JVM reliably allocates. */
    public static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final long maxBytes;
    private byte[] buffer = new byte[0];
    private long size = -1;

    MemoryBodySink(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, was " + maxBytes);
        }
        this.maxBytes = Math.min(maxBytes, MAX_ARRAY);
    }

    @Override
    public void begin(long total) throws IOException {
        if (total > maxBytes) {
            throw new IOException("message of " + total + " bytes exceeds the memory sink's " + maxBytes);
        }
        if (total > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) total);
        }
    }

    @Override
    public void write(long position, ByteBuffer data) throws IOException {
        int n = data.remaining();
        long end = position + n;
        if (position < 0 || end > maxBytes) {
            throw new IOException("bytes " + position + ".." + end + " exceed the memory sink's " + maxBytes);
        }
        if (end > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes, Math.max(end, 2L * buffer.length)));
        }
        data.get(buffer, (int) position, n);
    }

    @Override
    public void complete(long size) {
        if (size > buffer.length) {
            throw new IllegalStateException("complete(" + size + ") but only " + buffer.length + " bytes held");
        }
        this.size = size;
    }

    @Override
    public void discard() {
        buffer = new byte[0];
        size = -1;
    }

    /** Whether {@link #complete} was called. */
    public boolean isComplete() {
        return size >= 0;
    }

    /**
     * The body, once complete (the sink's own array when it has exactly the right size, so it must
     * not be changed while the sink is reused).
     *
     * @throws IllegalStateException before the message is complete
     */
    public byte[] bytes() {
        if (size < 0) {
            throw new IllegalStateException("the message is not complete");
        }
        if (buffer.length != size) {
            buffer = Arrays.copyOf(buffer, (int) size);
        }
        return buffer;
    }
}
