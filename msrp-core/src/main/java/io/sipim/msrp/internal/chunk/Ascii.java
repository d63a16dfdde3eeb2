package io.sipim.msrp.internal.chunk;

/** Decimal digits written straight into byte arrays: a Byte-Range costs no String. */
final class Ascii {
    private Ascii() {
    }

    /** Writes {@code v} (≥ 0) in decimal at {@code at}; returns the index after the last digit. */
    static int putDecimal(byte[] dst, int at, long v) {
        int digits = digits(v);
        int end = at + digits;
        long x = v;
        for (int i = end - 1; i >= at; i--) {
            dst[i] = (byte) ('0' + (int) (x % 10));
            x /= 10;
        }
        return end;
    }

    /** How many decimal digits {@code v} (≥ 0) has. */
    static int digits(long v) {
        int d = 1;
        long x = v;
        while (x >= 10) {
            x /= 10;
            d++;
        }
        return d;
    }
}
