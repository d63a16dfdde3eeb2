package io.sipim.msrp.internal.chunk;

import io.sipim.msrp.session.BodySource;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads an outgoing body for the chunker, with what chunking needs beyond {@link BodySource}: a
 * one-byte look-ahead to tell whether a body of unknown length has ended (so that its last chunk
 * can carry the total), and push-back of bytes read into a chunk that had to be cut before an
 * end-line (RFC 4975 §7.1.1). Bytes held here ("carried") always go out before the source's next.
 */
final class BodyReader {
    private final BodySource source;
    private byte[] carry;
    private int carryStart;
    private int carryLength;
    private boolean sourceEnded;

    BodyReader(BodySource source) {
        this.source = source;
    }

    /** Reads up to {@code want} bytes into {@code out}: carried bytes first, then the source, until want or the end. */
    int read(ByteBuffer out, int want) throws IOException {
        int n = 0;
        if (carryLength > 0) {
            int k = Math.min(carryLength, want);
            out.put(carry, carryStart, k);
            carryStart += k;
            carryLength -= k;
            n = k;
        }
        if (n == want || sourceEnded) {
            return n;
        }
        int limit = out.limit();
        out.limit(out.position() + want - n);
        try {
            while (n < want) {
                int r = source.read(out);
                if (r < 0) {
                    sourceEnded = true;
                    break;
                }
                n += r;
            }
        } finally {
            out.limit(limit);
        }
        return n;
    }

    /** Whether every byte has been read, as far as is known without reading further. */
    boolean ended() {
        return sourceEnded && carryLength == 0;
    }

    /** Whether every byte has been read: reads one byte ahead (and carries it) when it cannot tell otherwise. */
    boolean atEnd() throws IOException {
        if (carryLength > 0) {
            return false;
        }
        if (sourceEnded) {
            return true;
        }
        if (carry == null) {
            carry = new byte[1];
        }
        ByteBuffer one = ByteBuffer.wrap(carry, 0, 1);
        int r;
        do {
            r = source.read(one);
        } while (r == 0);
        if (r < 0) {
            sourceEnded = true;
            return true;
        }
        carryStart = 0;
        carryLength = 1;
        return false;
    }

    /** Takes back {@code out[from, from + length)}, already read but not sent: they are read again first. */
    void pushBack(ByteBuffer out, int from, int length) {
        byte[] b = new byte[length + carryLength];
        out.get(from, b, 0, length);
        if (carryLength > 0) {
            System.arraycopy(carry, carryStart, b, length, carryLength);
        }
        carry = b;
        carryStart = 0;
        carryLength = b.length;
    }

    /** Closes the source. */
    void close() throws IOException {
        source.close();
    }
}
