package io.sipim.msrp.sdp;

import io.sipim.msrp.message.MsrpParseException;

/**
 * The {@code a=file-range} attribute (RFC 5547 §6, §8.4): the octets of the file to transfer,
 * 1-based and inclusive, to resume an interrupted transfer; {@code *} for a stop offset means
 * "to the end". 64-bit, so files beyond 4 GiB are ranges like any other.
 *
 * <pre>file-range-attr = "file-range" ":" start-offset "-" stop-offset
 * start-offset = integer
 * stop-offset = integer / "*"</pre>
 *
 * @param start the first octet, counting from 1
 * @param stop the last octet (≥ start), or {@link #TO_END} for {@code *}
 */
public record FileRange(long start, long stop) {

    /** The attribute name, {@value}. */
    public static final String NAME = "file-range";

    /** {@code *}: to the end of the file. */
    public static final long TO_END = -1;

    /** Validates start ≥ 1 and stop ≥ start or {@link #TO_END}. */
    public FileRange {
        if (start < 1) {
            throw new IllegalArgumentException("file-range start must be >= 1, was " + start);
        }
        if (stop != TO_END && stop < start) {
            throw new IllegalArgumentException("file-range stop " + stop + " is before start " + start);
        }
    }

    /** {@code start-stop}. */
    public static FileRange of(long start, long stop) {
        return new FileRange(start, stop);
    }

    /** {@code start-*}: from {@code start} to the end of the file. */
    public static FileRange from(long start) {
        return new FileRange(start, TO_END);
    }

    /**
     * Parses the text after {@code a=file-range:}.
     *
     * @throws MsrpParseException 400 with the index of the offending character
     */
    public static FileRange parse(String value) {
        int n = value.length();
        int dash = SdpText.digitsEnd(value, 0);
        long start = SdpText.parseLong(value, 0, dash, "file-range start");
        if (start < 1) {
            throw SdpText.error("file-range start must be >= 1", 0);
        }
        if (dash >= n || value.charAt(dash) != '-') {
            throw SdpText.error("file-range needs '-'", dash);
        }
        if (n == dash + 2 && value.charAt(dash + 1) == '*') {
            return new FileRange(start, TO_END);
        }
        long stop = SdpText.parseLong(value, dash + 1, n, "file-range stop");
        if (stop < start) {
            throw SdpText.error("file-range stop is before start", dash + 1);
        }
        return new FileRange(start, stop);
    }

    /** Whether the stop offset is known (not {@code *}). */
    public boolean stopKnown() {
        return stop != TO_END;
    }

    /** The number of octets, or -1 when the range runs to the end of the file. */
    public long length() {
        return stop == TO_END ? -1 : stop - start + 1;
    }

    /** The wire form, as {@link #toString()}. */
    public String value() {
        return toString();
    }

    @Override
    public String toString() {
        return start + "-" + (stop == TO_END ? "*" : Long.toString(stop));
    }
}
