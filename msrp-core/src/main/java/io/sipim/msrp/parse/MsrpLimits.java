package io.sipim.msrp.parse;

/**
 * Bounds on what the MSRP parser and receiver accept, so that no input can make them use unbounded
 * memory or time. Bodies are not bounded here: they stream to a sink, and the receiver's
 * {@code max-size} decides how large a message may grow.
 *
 * @param maxStartLineBytes the start line; longer → 400 (default {@value #DEFAULT_MAX_START_LINE_BYTES})
 * @param maxHeaderSectionBytes start line and headers up to the blank line or end-line; larger → 400 (default {@value #DEFAULT_MAX_HEADER_SECTION_BYTES})
 * @param maxHeaders header lines; more → 400 (default {@value #DEFAULT_MAX_HEADERS})
 * @param maxPathUris URIs in one To-Path, From-Path or Use-Path; more → 400 (default {@value #DEFAULT_MAX_PATH_URIS})
 * @param maxMessageBytes the size of one reassembled message (the receiver's max-size); larger → 413 (default {@value #DEFAULT_MAX_MESSAGE_BYTES})
 */
public record MsrpLimits(int maxStartLineBytes, int maxHeaderSectionBytes, int maxHeaders, int maxPathUris,
                         long maxMessageBytes) {

    public static final int DEFAULT_MAX_START_LINE_BYTES = 256;
    public static final int DEFAULT_MAX_HEADER_SECTION_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_HEADERS = 64;
    public static final int DEFAULT_MAX_PATH_URIS = 16;
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 16L * 1024 * 1024 * 1024;

    /** The defaults. */
    public static final MsrpLimits DEFAULT = builder().build();

    /** Validating constructor: every limit must be positive. */
    public MsrpLimits {
        positive(maxStartLineBytes, "maxStartLineBytes");
        positive(maxHeaderSectionBytes, "maxHeaderSectionBytes");
        positive(maxHeaders, "maxHeaders");
        positive(maxPathUris, "maxPathUris");
        positive(maxMessageBytes, "maxMessageBytes");
    }

    private static void positive(long v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + v);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().maxStartLineBytes(maxStartLineBytes).maxHeaderSectionBytes(maxHeaderSectionBytes)
                .maxHeaders(maxHeaders).maxPathUris(maxPathUris).maxMessageBytes(maxMessageBytes);
    }

    /** Builds {@link MsrpLimits}, starting from the defaults. */
    public static final class Builder {
        private int maxStartLineBytes = DEFAULT_MAX_START_LINE_BYTES;
        private int maxHeaderSectionBytes = DEFAULT_MAX_HEADER_SECTION_BYTES;
        private int maxHeaders = DEFAULT_MAX_HEADERS;
        private int maxPathUris = DEFAULT_MAX_PATH_URIS;
        private long maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;

        private Builder() {
        }

        public Builder maxStartLineBytes(int v) {
            maxStartLineBytes = v;
            return this;
        }

        public Builder maxHeaderSectionBytes(int v) {
            maxHeaderSectionBytes = v;
            return this;
        }

        public Builder maxHeaders(int v) {
            maxHeaders = v;
            return this;
        }

        public Builder maxPathUris(int v) {
            maxPathUris = v;
            return this;
        }

        public Builder maxMessageBytes(long v) {
            maxMessageBytes = v;
            return this;
        }

        public MsrpLimits build() {
            return new MsrpLimits(maxStartLineBytes, maxHeaderSectionBytes, maxHeaders, maxPathUris, maxMessageBytes);
        }
    }
}
