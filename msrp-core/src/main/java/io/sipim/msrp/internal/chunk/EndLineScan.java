package io.sipim.msrp.internal.chunk;

import java.nio.ByteBuffer;

/**
 * Finds {@code -------<tid>} in body bytes (RFC 4975 §7.1.1: a body must not contain the end-line of
 * its own transaction). The transaction id never contains {@code -}, so an occurrence is exactly a run
 * of at least seven hyphens whose last seven are followed by the id. Every run of seven covers one
 * byte at every seventh position, so the scan probes one byte in seven and only looks closer at a
 * hyphen: binary bodies are scanned at a fraction of a load per byte.
 */
final class EndLineScan {
    static final int HYPHENS = 7;

    private EndLineScan() {
    }

    /**
     * The index of the first {@code pattern} (seven hyphens then an id without hyphens) in
     * {@code buf[from, to)}, or -1. Uses absolute gets: {@code buf}'s position and limit are not touched.
     */
    static int indexOf(ByteBuffer buf, int from, int to, byte[] pattern) {
        int len = pattern.length;
        int lastStart = to - len;
        int i = from + HYPHENS - 1;
        while (i <= lastStart + HYPHENS - 1) {
            if (buf.get(i) != '-') {
                i += HYPHENS;
                continue;
            }
            int runStart = i;
            while (runStart > from && runStart > i - (HYPHENS - 1) && buf.get(runStart - 1) == '-') {
                runStart--;
            }
            int runEnd = i + 1;
            while (runEnd < to && buf.get(runEnd) == '-') {
                runEnd++;
            }
            int q = runEnd - HYPHENS;
            if (runEnd - runStart >= HYPHENS && q <= lastStart && idFollows(buf, runEnd, pattern)) {
                return q;
            }
            // The next occurrence starts after this run, at runEnd + 1 or later.
            i = runEnd + HYPHENS;
        }
        return -1;
    }

    private static boolean idFollows(ByteBuffer buf, int at, byte[] pattern) {
        for (int k = HYPHENS; k < pattern.length; k++) {
            if (buf.get(at + k - HYPHENS) != pattern[k]) {
                return false;
            }
        }
        return true;
    }
}
