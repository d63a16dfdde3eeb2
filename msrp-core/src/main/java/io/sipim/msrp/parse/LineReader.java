package io.sipim.msrp.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads CRLF-terminated lines for {@link MsrpParser} across read boundaries. A line that lies whole
 * in the current buffer is used in place; only a line cut by a read boundary is copied, and never
 * beyond the byte budget the caller gives.
 */
final class LineReader {

    private final int capacity;
    private byte[] buf = new byte[256];
    private ByteBuffer bufView = ByteBuffer.wrap(buf);
    /** Bytes of the current line held from earlier reads. */
    private int held;
    /** Stream offset of the current line's first byte. */
    long lineOffset;

    /** After {@link #read}: the complete line is {@code src[from, to)} (without CRLF), or {@code src} is null. */
    ByteBuffer src;
    int from;
    int to;
    /** After {@link #read}: the line is longer than allowed; the allowed bytes were consumed and are in {@link #prefix}. */
    boolean overflow;
    /** After {@link #read}: the line ends in a bare LF. */
    boolean bareLf;

    LineReader(int capacity) {
        this.capacity = capacity;
    }

    /** Whether part of a line is held. */
    boolean holding() {
        return held > 0;
    }

    /** The first {@code n} bytes held, for a look at a line not complete yet. */
    byte heldByte(int i) {
        return buf[i];
    }

    int heldLength() {
        return held;
    }

    /**
     * Reads the current line up to its LF, taking at most {@code max} bytes with its CRLF.
     *
     * @param offset the stream offset of {@code pos}
     * @return the position after what was consumed
     */
    int read(ByteBuffer in, int pos, int limit, int max, long offset) {
        src = null;
        overflow = false;
        bareLf = false;
        if (held == 0) {
            lineOffset = offset;
        }
        int room = max - held;
        int end = limit - pos > room ? pos + room : limit;
        int lf = indexOfLf(in, pos, end);
        if (lf == end) {
            append(in, pos, end);
            if (end - pos == room) {
                overflow = true;
                src = null;
            }
            return end;
        }
        int next = lf + 1;
        if (held == 0) {
            src = in;
            from = pos;
            to = lf - 1;
        } else {
            append(in, pos, next);
            src = bufView;
            from = 0;
            to = held - 2;
            held = 0;
        }
        if (to < from || src.get(to) != '\r') {
            bareLf = true;
        }
        return next;
    }

    /** After an overflow: the bytes held, as a buffer {@code [0, n)}; the line is dropped. */
    ByteBuffer prefix() {
        return bufView;
    }

    /** Forgets the held bytes; returns how many there were. */
    int drop() {
        int n = held;
        held = 0;
        return n;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LFS = 0x0a0a0a0a0a0a0a0aL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** The first LF in {@code [pos, end)}, or {@code end}; 8 bytes at a time over a heap array. */
    private static int indexOfLf(ByteBuffer in, int pos, int end) {
        if (in.hasArray()) {
            byte[] a = in.array();
            int off = in.arrayOffset();
            int k = pos + off;
            int e = end + off;
            for (; k + 8 <= e; k += 8) {
                long x = (long) LONGS.get(a, k) ^ LFS;
                long t = (x - ONES) & ~x & HIGHS;
                if (t != 0) {
                    return k - off + (Long.numberOfTrailingZeros(t) >>> 3);
                }
            }
            while (k < e && a[k] != '\n') {
                k++;
            }
            return k - off;
        }
        int k = pos;
        while (k < end && in.get(k) != '\n') {
            k++;
        }
        return k;
    }

    private void append(ByteBuffer in, int from, int to) {
        int n = to - from;
        if (held + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.min(capacity, Math.max(buf.length * 2, held + n)));
            bufView = ByteBuffer.wrap(buf);
        }
        in.get(from, buf, held, n);
        held += n;
    }
}
