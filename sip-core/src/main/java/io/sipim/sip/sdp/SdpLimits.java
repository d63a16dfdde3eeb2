package io.sipim.sip.sdp;

/**
 * Bounds on a session description read from the wire, checked before the work they bound.
 *
 * <ul>
 *   <li>{@code maxBytes}, default {@value #DEFAULT_MAX_BYTES}: the whole description.
 *   <li>{@code maxLines}, default {@value #DEFAULT_MAX_LINES}: lines of any type.
 *   <li>{@code maxLineLength}, default {@value #DEFAULT_MAX_LINE_LENGTH}: one line without its
 *       line end (an {@code a=candidate} or {@code a=fingerprint} line is a few hundred).
 *   <li>{@code maxMediaDescriptions}, default {@value #DEFAULT_MAX_MEDIA_DESCRIPTIONS}: m= lines.
 * </ul>
 *
 * @param maxBytes largest description accepted, in bytes (characters for a string)
 * @param maxLines most lines accepted
 * @param maxLineLength longest line accepted, without its line end
 * @param maxMediaDescriptions most m= sections accepted
 */
public record SdpLimits(int maxBytes, int maxLines, int maxLineLength, int maxMediaDescriptions) {
    /** Default {@code maxBytes}. */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;
    /** Default {@code maxLines}. */
    public static final int DEFAULT_MAX_LINES = 2048;
    /** Default {@code maxLineLength}. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 8192;
    /** Default {@code maxMediaDescriptions}. */
    public static final int DEFAULT_MAX_MEDIA_DESCRIPTIONS = 64;

    /** The defaults listed above. */
    public static final SdpLimits DEFAULT = new SdpLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_LINES,
            DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_MEDIA_DESCRIPTIONS);

    /**
     * Checks that every limit is positive.
     *
     * @throws IllegalArgumentException if a limit is zero or negative
     */
    public SdpLimits {
        if (maxBytes <= 0 || maxLines <= 0 || maxLineLength <= 0 || maxMediaDescriptions <= 0) {
            throw new IllegalArgumentException("SDP limits must be positive: " + maxBytes + ", " + maxLines
                    + ", " + maxLineLength + ", " + maxMediaDescriptions);
        }
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder(DEFAULT);
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link SdpLimits}; every value starts at its default. */
    public static final class Builder {
        private int maxBytes;
        private int maxLines;
        private int maxLineLength;
        private int maxMediaDescriptions;

        private Builder(SdpLimits from) {
            maxBytes = from.maxBytes;
            maxLines = from.maxLines;
            maxLineLength = from.maxLineLength;
            maxMediaDescriptions = from.maxMediaDescriptions;
        }

        /** Sets the largest description accepted. */
        public Builder maxBytes(int value) {
            maxBytes = value;
            return this;
        }

        /** Sets the most lines accepted. */
        public Builder maxLines(int value) {
            maxLines = value;
            return this;
        }

        /** Sets the longest line accepted. */
        public Builder maxLineLength(int value) {
            maxLineLength = value;
            return this;
        }

        /** Sets the most m= sections accepted. */
        public Builder maxMediaDescriptions(int value) {
            maxMediaDescriptions = value;
            return this;
        }

        /** The limits; throws {@link IllegalArgumentException} if one is not positive. */
        public SdpLimits build() {
            return new SdpLimits(maxBytes, maxLines, maxLineLength, maxMediaDescriptions);
        }
    }
}
