package io.sipim.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A SIP response (RFC 3261 §7.2): status code, reason phrase, headers and body. Immutable; a
 * non-2xx response is an ordinary value.
 */
public final class SipResponse extends SipMessage {
    private final int status;
    private final String reason;

    SipResponse(String version, int status, String reason, Header[] headers, byte[] body) {
        super(version, headers, body);
        this.status = status;
        this.reason = reason;
    }

    /** A builder for a response with {@code status} and its default reason phrase. */
    public static Builder builder(int status) {
        return new Builder(status);
    }

    /**
     * A builder for a response to {@code request} (RFC 3261 §8.2.6.2): Via, From, To, Call-ID
     * and CSeq copied from the request. Add a To tag where the RFC requires one.
     */
    public static Builder to(SipRequest request, int status) {
        Builder b = new Builder(status);
        for (Header h : request.headers) {
            HeaderName<?> n = h.name();
            if (n == HeaderName.VIA || n == HeaderName.FROM || n == HeaderName.TO || n == HeaderName.CALL_ID
                    || n == HeaderName.CSEQ) {
                b.header(h);
            }
        }
        return b;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** 1xx. */
    public boolean isProvisional() {
        return status < 200;
    }

    /** 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** 200 and above. */
    public boolean isFinal() {
        return status >= 200;
    }

    @Override
    public String startLine() {
        return version + ' ' + status + ' ' + reason;
    }

    @Override
    int startLineLength() {
        return version.length() + 5 + (Header.isAscii(reason) ? reason.length() : reason.getBytes(StandardCharsets.UTF_8).length);
    }

    @Override
    int writeStartLine(byte[] out, int pos) {
        int p = writeAscii(version, out, pos);
        out[p++] = ' ';
        out[p++] = (byte) ('0' + status / 100);
        out[p++] = (byte) ('0' + status / 10 % 10);
        out[p++] = (byte) ('0' + status % 10);
        out[p++] = ' ';
        if (Header.isAscii(reason)) {
            return writeAscii(reason, out, p);
        }
        byte[] b = reason.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, out, p, b.length);
        return p + b.length;
    }

    /** The reason phrase RFC 3261 §21 (and the SIMPLE RFCs) give for {@code status}, or "" for unknown codes. */
    public static String defaultReason(int status) {
        return ReasonPhrases.of(status);
    }

    /** Builds {@link SipResponse}s. */
    public static final class Builder extends MessageBuilder<Builder> {
        private int status;
        private String reason;

        Builder(int status) {
            status(status);
        }

        Builder(SipResponse r) {
            super(r);
            this.status = r.status;
            this.reason = r.reason;
        }

        /** Sets the status and its default reason phrase. */
        public Builder status(int status) {
            if (status < 100 || status > 699) {
                throw new IllegalArgumentException("status " + status + " out of range 100..699");
            }
            this.status = status;
            this.reason = ReasonPhrases.of(status);
            return this;
        }

        public Builder reason(String reason) {
            Objects.requireNonNull(reason, "reason");
            for (int i = 0; i < reason.length(); i++) {
                char c = reason.charAt(i);
                if (c == '\r' || c == '\n') {
                    throw new IllegalArgumentException("CR or LF in reason phrase at " + i);
                }
            }
            this.reason = reason;
            return this;
        }

        /** Sets a tag on the To header (RFC 3261 §8.2.6.2). */
        public Builder toTag(String tag) {
            for (Header h : headers) {
                NameAddr to = h.name() == HeaderName.TO ? h.first() : null;
                if (to != null) {
                    return to(to.withTag(tag));
                }
            }
            throw new IllegalStateException("no To header to tag");
        }

        public SipResponse build() {
            Header[] h = finish();
            return new SipResponse(SIP_2_0, status, reason, h, body == null ? null : body.clone());
        }
    }
}
