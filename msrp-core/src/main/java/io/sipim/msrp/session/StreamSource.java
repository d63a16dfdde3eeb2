package io.sipim.msrp.session;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/** {@link BodySource#of(InputStream, long)}: reads through one small array, so memory stays bounded. */
final class StreamSource implements BodySource {
    private static final int STAGING = 16 * 1024;

    private final InputStream in;
    private final long size;
    private long read;
    private byte[] staging;

    StreamSource(InputStream in, long size) {
        this.in = Objects.requireNonNull(in, "in");
        if (size < UNKNOWN) {
            throw new IllegalArgumentException("size must be >= 0 or UNKNOWN, was " + size);
        }
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (size != UNKNOWN && read == size) {
            return -1;
        }
        int want = dst.remaining();
        if (size != UNKNOWN) {
            want = (int) Math.min(want, size - read);
        }
        if (want == 0) {
            return 0;
        }
        int n;
        if (dst.hasArray()) {
            n = in.read(dst.array(), dst.arrayOffset() + dst.position(), want);
            if (n > 0) {
                dst.position(dst.position() + n);
            }
        } else {
            if (staging == null) {
                staging = new byte[STAGING];
            }
            n = in.read(staging, 0, Math.min(want, STAGING));
            if (n > 0) {
                dst.put(staging, 0, n);
            }
        }
        if (n < 0) {
            if (size != UNKNOWN) {
                throw new EOFException("stream ended after " + read + " of " + size + " bytes");
            }
            return -1;
        }
        read += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
