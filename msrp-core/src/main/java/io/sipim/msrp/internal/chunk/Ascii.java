package io.sipim.msrp.internal.chunk;

/** Decimal digits written straight into byte arrays: a Byte-Range costs no String. */
final class Ascii {
    private static final long[] POWERS = new long[19];

    static {
        long p = 1;
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = p;
            p *= 10;
        }
    }

    private Ascii() {
    }

    /** Writes {@code v} (≥ 0) in decimal at {@code at}; returns the index after the last digit. */
    static int putDecimal(byte[] dst, int at, long v) {
        int end = at + digits(v);
        int i = end;
        long x = v;
        while (x > Integer.MAX_VALUE) {
            dst[--i] = (byte) ('0' + (int) (x % 10));
            x /= 10;
        }
        // Most positions fit in an int, whose division by 10 is a cheaper multiplication.
        int y = (int) x;
        do {
            dst[--i] = (byte) ('0' + y % 10);
            y /= 10;
        } while (y != 0);
        return end;
    }

    /** How many decimal digits {@code v} (≥ 0) has. */
    static int digits(long v) {
        int d = 1;
        while (d < POWERS.length && v >= POWERS[d]) {
            d++;
        }
        return d;
    }
}
