package io.sipim.msrp.sdp;

import io.sipim.msrp.message.MsrpParseException;

/**
 * The {@code a=max-size} attribute (RFC 4975 §8.6): the largest message, in octets, that the
 * endpoint is willing to receive. 64-bit, so sizes beyond 2 GiB are values like any other.
 *
 * <pre>max-size = "max-size" ":" max-size-value
 * max-size-value = 1*(DIGIT)</pre>
 *
 * @param bytes the limit in octets, ≥ 0
 */
public record MaxSize(long bytes) {

    /** The attribute name, {@value}. */
    public static final String NAME = "max-size";

    /** Validates that the size is not negative. */
    public MaxSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("max-size must be >= 0, was " + bytes);
        }
    }

    /** {@code max-size:bytes}. */
    public static MaxSize of(long bytes) {
        return new MaxSize(bytes);
    }

    /**
     * Parses the digits after {@code a=max-size:}.
     *
     * @throws MsrpParseException 400 with the index of the offending character
     */
    public static MaxSize parse(String value) {
        return new MaxSize(SdpText.parseLong(value, 0, value.length(), "max-size"));
    }

    /** Whether a message of {@code size} octets fits (RFC 4975 §8.6: larger ones may be refused with 413). */
    public boolean allows(long size) {
        return size <= bytes;
    }

    /** The wire form, as {@link #toString()}. */
    public String value() {
        return Long.toString(bytes);
    }

    @Override
    public String toString() {
        return value();
    }
}
