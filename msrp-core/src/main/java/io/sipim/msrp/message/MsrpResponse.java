package io.sipim.msrp.message;

import java.util.List;

/**
 * An MSRP response (RFC 4975 §7.2): the transaction id and status code of the request it answers,
 * an optional comment, To-Path (the request's From-Path, first hop only when relays are involved,
 * RFC 4975 §7.2) and From-Path, and any other headers. Responses carry no body.
 */
public final class MsrpResponse extends MsrpMessage {

    private final int code;
    private final String comment;

    private MsrpResponse(String transactionId, int code, String comment, List<MsrpHeader> headers,
                         List<MsrpUri> toPath, List<MsrpUri> fromPath, long[] valueOffsets) {
        super(transactionId, headers, toPath, fromPath, valueOffsets);
        if (code < 100 || code > 999) {
            throw new MsrpParseException("status code must be 3 digits", 400, -1, transactionId);
        }
        if (comment != null && (comment.indexOf('\r') >= 0 || comment.indexOf('\n') >= 0)) {
            throw new MsrpParseException("comment must not hold CR or LF", 400, -1, transactionId);
        }
        this.code = code;
        this.comment = comment;
    }

    /**
     * A response from its parts, as the parser reads them.
     *
     * @throws MsrpParseException 400 if a part breaks RFC 4975's grammar
     */
    public static MsrpResponse of(String transactionId, int code, String comment, List<MsrpHeader> headers) {
        return new MsrpResponse(transactionId, code, comment, headers, null, null, null);
    }

    /**
     * For stream parsers: like {@link #of}, with To-Path and From-Path already parsed from the
     * values of the first two headers (the caller vouches they are; a parser caches them per
     * session), and the stream offset of each header value so that errors carry stream offsets.
     *
     * @param valueOffsets stream offset of each header's value, or {@code null}
     */
    public static MsrpResponse parsed(String transactionId, int code, String comment, List<MsrpHeader> headers,
                                      List<MsrpUri> toPath, List<MsrpUri> fromPath, long[] valueOffsets) {
        return new MsrpResponse(transactionId, code, comment, headers, toPath, fromPath, valueOffsets);
    }

    /**
     * A builder for the response to {@code request} (RFC 4975 §7.2): same transaction id; To-Path is
     * the request's From-Path, From-Path is the URI of this endpoint, which is the last URI of the
     * request's To-Path (the one that names the receiving session).
     */
    public static Builder to(MsrpRequest request, int code) {
        Builder b = new Builder(code).transactionId(request.transactionId());
        b.toPath(request.fromPath().get(0));
        b.fromPath(request.toPath().get(request.toPath().size() - 1));
        return b;
    }

    /** A builder with the given code and its usual comment. */
    public static Builder builder(int code) {
        return new Builder(code);
    }

    /** A builder holding this response's parts. */
    public Builder toBuilder() {
        Builder b = new Builder(code).comment(comment);
        b.copyFrom(this);
        return b;
    }

    /** The usual comment for an RFC 4975/4976 status code, or {@code null} for an unknown one. */
    public static String defaultComment(int code) {
        return switch (code) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 408 -> "Request Timeout";
            case 413 -> "Message Too Large";
            case 415 -> "Unsupported Media Type";
            case 423 -> "Interval Out-of-Bounds";
            case 481 -> "Session Does Not Exist";
            case 501 -> "Not Implemented";
            case 506 -> "Session Bound To Another Connection";
            default -> null;
        };
    }

    /** The status code. */
    public int code() {
        return code;
    }

    /** The comment after the code, or {@code null}. */
    public String comment() {
        return comment;
    }

    /** Whether the code is 2xx. */
    public boolean isSuccess() {
        return code >= 200 && code < 300;
    }

    @Override
    public String toString() {
        return "MSRP " + transactionId() + " " + code + (comment != null ? " " + comment : "");
    }

    /** Builds an {@link MsrpResponse}; the transaction id, To-Path and From-Path are required. */
    public static final class Builder extends HeaderBuilder<Builder> {
        private final int code;
        private String comment;

        private Builder(int code) {
            this.code = code;
            this.comment = defaultComment(code);
        }

        /** The comment, or {@code null} for none. */
        public Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        /**
         * Builds the response.
         *
         * @throws IllegalArgumentException if a part breaks RFC 4975's grammar
         */
        public MsrpResponse build() {
            try {
                return new MsrpResponse(transactionId, code, comment, headerList(), null, null, null);
            } catch (MsrpParseException e) {
                throw new IllegalArgumentException(e.reason(), e);
            }
        }
    }
}
