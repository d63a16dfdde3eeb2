package io.sipim.msrp.internal.chunk;

import java.nio.ByteBuffer;

/**
 * Finds {@code -------<tid>} in body bytes (RFC 4975 §7.1.1: a body must not contain the end-line of
 * its own transaction). The transaction id never contains {@code -}, so an occurrence is exactly a run
 * of at least seven hyphens whose last seven are followed by the id. Every run of seven covers one
 * byte at every seventh position, so the scan probes one byte in seven and only looks closer at a
 * hyphen: binary bodies are scanned at a fraction of a load per byte.
 *
 * <p>Direct buffers are scanned through a small heap window filled by bulk copies: a plain array
 * loop compiles to the same tight code whatever the JIT saw before, where a loop of
 * {@code ByteBuffer.get(int)} on a direct buffer ran up to three times slower depending on the profile.
 */
public final class EndLineScan {
    static final int HYPHENS = 7;
    /** Size of the heap window for direct buffers. */
    static final int WINDOW = 8192;

    private EndLineScan() {
    }

    /** {@link #indexOf(ByteBuffer, int, int, byte[], byte[])} with a window of its own. */
    static int indexOf(ByteBuffer buf, int from, int to, byte[] pattern) {
        return indexOf(buf, from, to, pattern, buf.hasArray() ? null : new byte[WINDOW]);
    }

    /**
     * The index of the first {@code pattern} (seven hyphens then an id without hyphens) in
     * {@code buf[from, to)}, or -1. {@code buf}'s position and limit are not touched; {@code window}
     * (at least twice the pattern long) is scratch space for a buffer without array.
     */
    static int indexOf(ByteBuffer buf, int from, int to, byte[] pattern, byte[] window) {
        if (buf.hasArray()) {
            int base = buf.arrayOffset();
            int q = indexOf(buf.array(), base + from, base + to, pattern);
            return q < 0 ? -1 : q - base;
        }
        int overlap = pattern.length - 1;
        int w = from;
        while (to - w >= pattern.length) {
            int n = Math.min(window.length, to - w);
            buf.get(w, window, 0, n);
            int q = indexOf(window, 0, n, pattern);
            if (q >= 0) {
                return w + q;
            }
            if (w + n == to) {
                break;
            }
            // The next window repeats the last pattern-length - 1 bytes: an occurrence may straddle.
            w += n - overlap;
        }
        return -1;
    }

    /** The index of the first {@code pattern} in {@code b[from, to)}, or -1. */
    public static int indexOf(byte[] b, int from, int to, byte[] pattern) {
        int len = pattern.length;
        int lastStart = to - len;
        int i = from + HYPHENS - 1;
        while (i <= lastStart + HYPHENS - 1) {
            if (b[i] != '-') {
                i += HYPHENS;
                continue;
            }
            int runStart = i;
            while (runStart > from && runStart > i - (HYPHENS - 1) && b[runStart - 1] == '-') {
                runStart--;
            }
            int runEnd = i + 1;
            while (runEnd < to && b[runEnd] == '-') {
                runEnd++;
            }
            int q = runEnd - HYPHENS;
            if (runEnd - runStart >= HYPHENS && q <= lastStart && idFollows(b, runEnd, pattern)) {
                return q;
            }
            // The next occurrence starts after this run, at runEnd + 1 or later.
            i = runEnd + HYPHENS;
        }
        return -1;
    }

    private static boolean idFollows(byte[] b, int at, byte[] pattern) {
        for (int k = HYPHENS; k < pattern.length; k++) {
            if (b[at + k - HYPHENS] != pattern[k]) {
                return false;
            }
        }
        return true;
    }
}
