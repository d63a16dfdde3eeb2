package io.sipim.benchmarks.msrp;

import io.sipim.msrp.session.BodySink;
import io.sipim.msrp.session.BodySource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * The benchmark's message body: one random 1 MiB block (fixed seed) repeated up to the size, so the
 * sender produces it with bulk copies and the receiver can check every byte at its position without
 * holding the message.
 */
final class GeneratedBody {
    static final int BLOCK = 1 << 20;
    private static final byte[] PATTERN = block();

    private GeneratedBody() {
    }

    private static byte[] block() {
        byte[] b = new byte[BLOCK];
        SplittableRandom r = new SplittableRandom(0x5195_1A4DL);
        for (int i = 0; i < BLOCK; i += 8) {
            long v = r.nextLong();
            for (int k = 0; k < 8; k++) {
                b[i + k] = (byte) (v >>> (8 * k));
            }
        }
        return b;
    }

    /** A source of {@code size} bytes filled from the block with bulk {@code put}s. */
    static BodySource source(long size) {
        return new BodySource() {
            private long next;

            @Override
            public long size() {
                return size;
            }

            @Override
            public int read(ByteBuffer dst) {
                if (next == size) {
                    return -1;
                }
                int total = 0;
                while (dst.hasRemaining() && next < size) {
                    int off = (int) (next % BLOCK);
                    int n = (int) Math.min(Math.min(dst.remaining(), BLOCK - off), size - next);
                    dst.put(PATTERN, off, n);
                    next += n;
                    total += n;
                }
                return total;
            }

            @Override
            public void close() {
            }
        };
    }

    /** A sink that counts bytes and throws them away. */
    static final class Discarding implements BodySink {
        volatile long bytes;
        volatile boolean completed;

        @Override
        public void write(long position, ByteBuffer data) {
            bytes += data.remaining();
            data.position(data.limit());
        }

        @Override
        public void complete(long size) {
            completed = true;
        }

        @Override
        public void discard() {
        }
    }

    /** A sink that compares every byte with the block at its position ({@link ByteBuffer#mismatch}) and keeps nothing. */
    static final class Verifying implements BodySink {
        volatile long bytes;
        volatile String error;

        @Override
        public void write(long position, ByteBuffer data) throws IOException {
            long p = position;
            while (data.hasRemaining()) {
                int off = (int) (p % BLOCK);
                int n = Math.min(data.remaining(), BLOCK - off);
                ByteBuffer got = data.slice(data.position(), n);
                int at = got.mismatch(ByteBuffer.wrap(PATTERN, off, n));
                if (at >= 0) {
                    error = "byte " + (p + at) + " differs";
                    throw new IOException(error);
                }
                data.position(data.position() + n);
                p += n;
            }
            bytes += p - position;
        }

        @Override
        public void complete(long size) {
        }

        @Override
        public void discard() {
            if (error == null) {
                error = "discarded";
            }
        }
    }
}
