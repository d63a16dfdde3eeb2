package io.sipim.msrp.internal.chunk;

import java.util.Arrays;

/**
 * The byte ranges of one message received so far: sorted, disjoint, non-adjacent half-open
 * intervals {@code [start, end)} of 0-based 64-bit positions. Adding a range merges it with those it
 * overlaps or touches, so duplicates and overlaps count once. Chunks usually arrive in order, so
 * extending the last interval is the fast path.
 */
final class RangeSet {
    private long[] starts = new long[4];
    private long[] ends = new long[4];
    private int count;
    private long covered;

    /** Adds {@code [start, end)}. */
    void add(long start, long end) {
        if (start >= end) {
            return;
        }
        int n = count;
        if (n == 0 || start > ends[n - 1]) {
            insert(n, start, end);
            return;
        }
        if (start >= starts[n - 1]) {
            if (end > ends[n - 1]) {
                covered += end - ends[n - 1];
                ends[n - 1] = end;
            }
            return;
        }
        // First interval that ends at or after start (it touches or overlaps), last that starts at or before end.
        int first = firstEndingAtOrAfter(start);
        int last = lastStartingAtOrBefore(end);
        if (last < first) {
            insert(first, start, end);
            return;
        }
        long s = Math.min(start, starts[first]);
        long e = Math.max(end, ends[last]);
        for (int k = first; k <= last; k++) {
            covered -= ends[k] - starts[k];
        }
        starts[first] = s;
        ends[first] = e;
        covered += e - s;
        int removed = last - first;
        if (removed > 0) {
            System.arraycopy(starts, last + 1, starts, first + 1, count - last - 1);
            System.arraycopy(ends, last + 1, ends, first + 1, count - last - 1);
            count -= removed;
        }
    }

    private void insert(int at, long start, long end) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        System.arraycopy(starts, at, starts, at + 1, count - at);
        System.arraycopy(ends, at, ends, at + 1, count - at);
        starts[at] = start;
        ends[at] = end;
        count++;
        covered += end - start;
    }

    private int firstEndingAtOrAfter(long pos) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] < pos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int lastStartingAtOrBefore(long pos) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= pos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /** Distinct bytes held. */
    long covered() {
        return covered;
    }

    /** Number of disjoint intervals. */
    int intervals() {
        return count;
    }

    /** The end of the interval starting at 0: bytes 1..n of the message have all arrived. */
    long contiguousPrefix() {
        return count > 0 && starts[0] == 0 ? ends[0] : 0;
    }

    /** One past the highest byte held, or 0. */
    long maxEnd() {
        return count == 0 ? 0 : ends[count - 1];
    }

    /** Whether the set is exactly {@code [0, total)}. */
    boolean covers(long total) {
        return total == 0 || count == 1 && starts[0] == 0 && ends[0] == total;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            sb.append(i > 0 ? ", " : "").append(starts[i]).append('-').append(ends[i]);
        }
        return sb.append(']').toString();
    }
}
