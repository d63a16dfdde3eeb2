package io.sipim.msrp.message;

import java.util.List;

/**
 * An MSRP request's start line and headers (RFC 4975 §7): SEND, REPORT, AUTH (RFC 4976) or an
 * extension method. The typed values of Message-ID, Byte-Range, Success-Report, Failure-Report,
 * Status and Content-Type are checked when the request is made, so a parsed request is known to
 * be well formed. The body is not part of this value (see {@link MsrpMessage}).
 */
public final class MsrpRequest extends MsrpMessage {

    public static final String SEND = "SEND";
    public static final String REPORT = "REPORT";
    /** RFC 4976 §6. */
    public static final String AUTH = "AUTH";

    private final String method;
    private final String messageId;
    private final ByteRange byteRange;
    private final boolean successReport;
    private final FailureReport failureReport;
    private final Status status;
    private final String contentType;

    private MsrpRequest(String transactionId, String method, List<MsrpHeader> headers, List<MsrpUri> toPath,
                        List<MsrpUri> fromPath, long[] valueOffsets) {
        super(transactionId, headers, toPath, fromPath, valueOffsets);
        checkMethod(method, transactionId);
        this.method = method;
        String id = null;
        ByteRange range = null;
        Boolean success = null;
        FailureReport failure = null;
        Status st = null;
        String type = null;
        for (int i = 2; i < headers().size(); i++) {
            MsrpHeader h = headers().get(i);
            String name = h.name();
            try {
                if (name.equalsIgnoreCase(MsrpHeader.MESSAGE_ID)) {
                    once(id, name, transactionId);
                    checkIdent(h.value(), "Message-ID");
                    id = h.value();
                } else if (name.equalsIgnoreCase(MsrpHeader.BYTE_RANGE)) {
                    once(range, name, transactionId);
                    range = ByteRange.parse(h.value());
                } else if (name.equalsIgnoreCase(MsrpHeader.SUCCESS_REPORT)) {
                    once(success, name, transactionId);
                    if (h.value().equalsIgnoreCase("yes")) {
                        success = true;
                    } else if (h.value().equalsIgnoreCase("no")) {
                        success = false;
                    } else {
                        throw new MsrpParseException("Success-Report must be yes or no", 400, 0);
                    }
                } else if (name.equalsIgnoreCase(MsrpHeader.FAILURE_REPORT)) {
                    once(failure, name, transactionId);
                    failure = FailureReport.of(h.value());
                    if (failure == null) {
                        throw new MsrpParseException("Failure-Report must be yes, no or partial", 400, 0);
                    }
                } else if (name.equalsIgnoreCase(MsrpHeader.STATUS)) {
                    once(st, name, transactionId);
                    st = Status.parse(h.value());
                } else if (name.equalsIgnoreCase(MsrpHeader.CONTENT_TYPE)) {
                    once(type, name, transactionId);
                    checkMediaType(h.value());
                    type = h.value();
                }
            } catch (MsrpParseException e) {
                long at = at(valueOffsets, i);
                throw new MsrpParseException(e.reason() + " in header " + name, e.status(),
                        at < 0 ? -1 : at + Math.max(0, e.offset()), transactionId);
            }
        }
        this.messageId = id;
        this.byteRange = range;
        this.successReport = success != null && success;
        this.failureReport = failure != null ? failure : FailureReport.YES;
        this.status = st;
        this.contentType = type;
    }

    /**
     * A request from its parts, as the parser reads them.
     *
     * @throws MsrpParseException 400 if a header value breaks its grammar, a single-valued header
     *     repeats, or To-Path and From-Path are not the first two headers
     */
    public static MsrpRequest of(String transactionId, String method, List<MsrpHeader> headers) {
        return new MsrpRequest(transactionId, method, headers, null, null, null);
    }

    /**
     * For stream parsers: like {@link #of}, with To-Path and From-Path already parsed from the
     * values of the first two headers (the caller vouches they are; a parser caches them per
     * session), and the stream offset of each header value so that errors carry stream offsets.
     *
     * @param valueOffsets stream offset of each header's value, or {@code null}
     */
    public static MsrpRequest parsed(String transactionId, String method, List<MsrpHeader> headers,
                                     List<MsrpUri> toPath, List<MsrpUri> fromPath, long[] valueOffsets) {
        return new MsrpRequest(transactionId, method, headers, toPath, fromPath, valueOffsets);
    }

    /** A builder for a request of this method. */
    public static Builder builder(String method) {
        return new Builder(method);
    }

    /** A builder holding this request's start line and headers. */
    public Builder toBuilder() {
        Builder b = new Builder(method);
        b.copyFrom(this);
        return b;
    }

    private static void once(Object previous, String name, String tid) {
        if (previous != null) {
            throw new MsrpParseException("appears twice", 400, -1, tid);
        }
    }

    private static void checkMethod(String method, String tid) {
        // RFC 4975 §9: method = 1*UPALPHA
        if (method == null || method.isEmpty()) {
            throw new MsrpParseException("empty method", 400, -1, tid);
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c < 'A' || c > 'Z') {
                throw new MsrpParseException("method must be upper-case letters", 400, i, tid);
            }
        }
    }

    /** {@code type/subtype} followed by optional parameters; checks the type and subtype are tokens. */
    private static void checkMediaType(String value) {
        int slash = value.indexOf('/');
        int end = value.indexOf(';');
        if (end < 0) {
            end = value.length();
        }
        if (slash <= 0 || slash >= end - 1) {
            throw new MsrpParseException("Content-Type must be type/subtype", 400, 0);
        }
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (i != slash && !MsrpUri.isToken(c) && !(c == ' ' && value.substring(i).isBlank())) {
                throw new MsrpParseException("bad character in Content-Type", 400, i);
            }
        }
    }

    /** The method: {@link #SEND}, {@link #REPORT}, {@link #AUTH} or an extension. */
    public String method() {
        return method;
    }

    /** Message-ID, or {@code null} (AUTH has none). */
    public String messageId() {
        return messageId;
    }

    /** Byte-Range, or {@code null} when absent (a SEND without it carries its whole message). */
    public ByteRange byteRange() {
        return byteRange;
    }

    /** Success-Report: {@code true} for yes; absent means no (RFC 4975 §7.1.2). */
    public boolean successReport() {
        return successReport;
    }

    /** Failure-Report; absent means {@link FailureReport#YES}. */
    public FailureReport failureReport() {
        return failureReport;
    }

    /** Status (REPORT), or {@code null}. */
    public Status status() {
        return status;
    }

    /** Content-Type as written (type/subtype and parameters), or {@code null}. */
    public String contentType() {
        return contentType;
    }

    @Override
    public String toString() {
        return "MSRP " + transactionId() + " " + method + (messageId != null ? " Message-ID=" + messageId : "")
                + (byteRange != null ? " Byte-Range=" + byteRange : "");
    }

    /** Builds an {@link MsrpRequest}; the transaction id, To-Path and From-Path are required. */
    public static final class Builder extends HeaderBuilder<Builder> {
        private final String method;

        private Builder(String method) {
            this.method = method;
        }

        public Builder messageId(String messageId) {
            return setHeader(MsrpHeader.MESSAGE_ID, messageId);
        }

        public Builder byteRange(ByteRange range) {
            return setHeader(MsrpHeader.BYTE_RANGE, range.toString());
        }

        public Builder successReport(boolean yes) {
            return setHeader(MsrpHeader.SUCCESS_REPORT, yes ? "yes" : "no");
        }

        public Builder failureReport(FailureReport value) {
            return setHeader(MsrpHeader.FAILURE_REPORT, value.token());
        }

        public Builder status(Status status) {
            return setHeader(MsrpHeader.STATUS, status.toString());
        }

        public Builder contentType(String type) {
            return setHeader(MsrpHeader.CONTENT_TYPE, type);
        }

        /**
         * Builds the request.
         *
         * @throws IllegalArgumentException if a part breaks RFC 4975's grammar
         */
        public MsrpRequest build() {
            try {
                return new MsrpRequest(transactionId, method, headerList(), null, null, null);
            } catch (MsrpParseException e) {
                throw new IllegalArgumentException(e.reason(), e);
            }
        }
    }
}
