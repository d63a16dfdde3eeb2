package io.sipim.msrp.session;

import java.nio.ByteBuffer;
import java.util.Objects;

/** {@link BodySource#of(byte[])}. */
final class ByteArraySource implements BodySource {
    private final byte[] bytes;
    private int offset;

    ByteArraySource(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public int read(ByteBuffer dst) {
        int left = bytes.length - offset;
        if (left == 0) {
            return -1;
        }
        int n = Math.min(left, dst.remaining());
        dst.put(bytes, offset, n);
        offset += n;
        return n;
    }

    @Override
    public void close() {
        // nothing held
    }
}
