package io.sipim.msrp.message;

/**
 * The Byte-Range header (RFC 4975 §9): {@code start-end/total}, 1-based and inclusive, with
 * {@code *} for an end or total not known when the chunk was sent. All positions are 64-bit, so
 * messages beyond 2 GiB and 4 GiB are ranges like any other.
 *
 * @param start first byte of the chunk, counting from 1
 * @param end last byte of the chunk, or {@link #UNKNOWN} for {@code *} (the chunk may be interrupted)
 * @param total size of the whole message, or {@link #UNKNOWN} for {@code *}
 */
public record ByteRange(long start, long end, long total) {

    /** {@code *}: not known. */
    public static final long UNKNOWN = -1;

    /** Validates the range: start ≥ 1, end ≥ start − 1 or unknown, end ≤ total when both are known. */
    public ByteRange {
        if (start < 1) {
            throw new IllegalArgumentException("Byte-Range start must be >= 1, was " + start);
        }
        if (end != UNKNOWN && end < start - 1) {
            throw new IllegalArgumentException("Byte-Range end " + end + " is before start " + start);
        }
        if (total != UNKNOWN && total < 0) {
            throw new IllegalArgumentException("Byte-Range total must be >= 0 or *, was " + total);
        }
        if (end != UNKNOWN && total != UNKNOWN && end > total) {
            throw new IllegalArgumentException("Byte-Range end " + end + " is beyond total " + total);
        }
    }

    /** {@code start-end/total}. */
    public static ByteRange of(long start, long end, long total) {
        return new ByteRange(start, end, total);
    }

    /** The whole of a message of {@code total} bytes, {@code 1-total/total} (an empty message is {@code 1-0/0}). */
    public static ByteRange whole(long total) {
        return new ByteRange(1, total, total);
    }

    /**
     * Parses {@code start-end/total}, allowing LWS nowhere (RFC 4975's grammar has none).
     *
     * @throws MsrpParseException 400 with the index of the offending character
     */
    public static ByteRange parse(CharSequence s) {
        int n = s.length();
        int i = 0;
        long start = 0;
        int digits = 0;
        for (; i < n && isDigit(s.charAt(i)); i++, digits++) {
            start = accumulate(start, s.charAt(i), i);
        }
        if (digits == 0) {
            throw new MsrpParseException("Byte-Range must start with a number", 400, i);
        }
        i = expect(s, i, '-');
        long end;
        if (i < n && s.charAt(i) == '*') {
            end = UNKNOWN;
            i++;
        } else {
            end = 0;
            digits = 0;
            for (; i < n && isDigit(s.charAt(i)); i++, digits++) {
                end = accumulate(end, s.charAt(i), i);
            }
            if (digits == 0) {
                throw new MsrpParseException("Byte-Range end must be a number or *", 400, i);
            }
        }
        i = expect(s, i, '/');
        long total;
        if (i < n && s.charAt(i) == '*') {
            total = UNKNOWN;
            i++;
        } else {
            total = 0;
            digits = 0;
            for (; i < n && isDigit(s.charAt(i)); i++, digits++) {
                total = accumulate(total, s.charAt(i), i);
            }
            if (digits == 0) {
                throw new MsrpParseException("Byte-Range total must be a number or *", 400, i);
            }
        }
        if (i != n) {
            throw new MsrpParseException("unexpected character after Byte-Range", 400, i);
        }
        try {
            return new ByteRange(start, end, total);
        } catch (IllegalArgumentException e) {
            throw new MsrpParseException(e.getMessage(), 400, 0);
        }
    }

    private static int expect(CharSequence s, int i, char c) {
        if (i >= s.length() || s.charAt(i) != c) {
            throw new MsrpParseException("Byte-Range needs '" + c + "'", 400, i);
        }
        return i + 1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static long accumulate(long v, char c, int at) {
        if (v > (Long.MAX_VALUE - (c - '0')) / 10) {
            throw new MsrpParseException("Byte-Range number does not fit in 63 bits", 400, at);
        }
        return v * 10 + (c - '0');
    }

    /** Whether the end is known. */
    public boolean endKnown() {
        return end != UNKNOWN;
    }

    /** Whether the total is known. */
    public boolean totalKnown() {
        return total != UNKNOWN;
    }

    @Override
    public String toString() {
        return start + "-" + (end == UNKNOWN ? "*" : Long.toString(end)) + "/"
                + (total == UNKNOWN ? "*" : Long.toString(total));
    }
}
