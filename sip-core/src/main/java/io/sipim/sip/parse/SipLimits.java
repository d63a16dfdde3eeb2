package io.sipim.sip.parse;

/**
 * Bounds on what the parser accepts, so that no input can make it use unbounded memory or time.
 * Every limit is checked before the bytes it guards are copied.
 *
 * @param maxMessageBytes the whole message, start line to end of body; larger → 513 (default {@value #DEFAULT_MAX_MESSAGE_BYTES})
 * @param maxHeaderSectionBytes start line and header lines; larger → 513 (default {@value #DEFAULT_MAX_HEADER_SECTION_BYTES})
 * @param maxBodyBytes the body (Content-Length); larger → 413 (default {@value #DEFAULT_MAX_BODY_BYTES})
 * @param maxHeaders header lines; more → 400 (default {@value #DEFAULT_MAX_HEADERS})
 * @param maxHeaderLineBytes one header line including its folded continuations; longer → 400 (default {@value #DEFAULT_MAX_HEADER_LINE_BYTES})
 * @param maxUriLength the Request-URI (longer → 414) and every URI in a header (longer → 400) (default {@value #DEFAULT_MAX_URI_LENGTH})
 * @param maxParametersPerHeader parameters on one header value or URI; more → 400 (default {@value #DEFAULT_MAX_PARAMETERS})
 * @param maxVias Via values; more → 400 (default {@value #DEFAULT_MAX_VIAS}, above the usual Max-Forwards of 70)
 */
public record SipLimits(int maxMessageBytes, int maxHeaderSectionBytes, int maxBodyBytes, int maxHeaders,
                        int maxHeaderLineBytes, int maxUriLength, int maxParametersPerHeader, int maxVias) {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;
    public static final int DEFAULT_MAX_HEADER_SECTION_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_BODY_BYTES = 192 * 1024;
    public static final int DEFAULT_MAX_HEADERS = 256;
    public static final int DEFAULT_MAX_HEADER_LINE_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_URI_LENGTH = 4096;
    public static final int DEFAULT_MAX_PARAMETERS = 64;
    public static final int DEFAULT_MAX_VIAS = 128;

    /** The defaults. */
    public static final SipLimits DEFAULT = builder().build();

    /** Validating constructor: every limit must be positive. */
    public SipLimits {
        positive(maxMessageBytes, "maxMessageBytes");
        positive(maxHeaderSectionBytes, "maxHeaderSectionBytes");
        positive(maxBodyBytes, "maxBodyBytes");
        positive(maxHeaders, "maxHeaders");
        positive(maxHeaderLineBytes, "maxHeaderLineBytes");
        positive(maxUriLength, "maxUriLength");
        positive(maxParametersPerHeader, "maxParametersPerHeader");
        positive(maxVias, "maxVias");
    }

    private static void positive(int v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + v);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().maxMessageBytes(maxMessageBytes).maxHeaderSectionBytes(maxHeaderSectionBytes)
                .maxBodyBytes(maxBodyBytes).maxHeaders(maxHeaders).maxHeaderLineBytes(maxHeaderLineBytes)
                .maxUriLength(maxUriLength).maxParametersPerHeader(maxParametersPerHeader).maxVias(maxVias);
    }

    /** Builds {@link SipLimits}, starting from the defaults. */
    public static final class Builder {
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private int maxHeaderSectionBytes = DEFAULT_MAX_HEADER_SECTION_BYTES;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxHeaders = DEFAULT_MAX_HEADERS;
        private int maxHeaderLineBytes = DEFAULT_MAX_HEADER_LINE_BYTES;
        private int maxUriLength = DEFAULT_MAX_URI_LENGTH;
        private int maxParametersPerHeader = DEFAULT_MAX_PARAMETERS;
        private int maxVias = DEFAULT_MAX_VIAS;

        private Builder() {}

        public Builder maxMessageBytes(int v) {
            maxMessageBytes = v;
            return this;
        }

        public Builder maxHeaderSectionBytes(int v) {
            maxHeaderSectionBytes = v;
            return this;
        }

        public Builder maxBodyBytes(int v) {
            maxBodyBytes = v;
            return this;
        }

        public Builder maxHeaders(int v) {
            maxHeaders = v;
            return this;
        }

        public Builder maxHeaderLineBytes(int v) {
            maxHeaderLineBytes = v;
            return this;
        }

        public Builder maxUriLength(int v) {
            maxUriLength = v;
            return this;
        }

        public Builder maxParametersPerHeader(int v) {
            maxParametersPerHeader = v;
            return this;
        }

        public Builder maxVias(int v) {
            maxVias = v;
            return this;
        }

        public SipLimits build() {
            return new SipLimits(maxMessageBytes, maxHeaderSectionBytes, maxBodyBytes, maxHeaders,
                    maxHeaderLineBytes, maxUriLength, maxParametersPerHeader, maxVias);
        }
    }
}
