package io.sipim.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A SIP request (RFC 3261 §7.1): method, Request-URI, headers and body. Immutable; use
 * {@link #builder} to make one and {@link #toBuilder()} to derive a changed copy.
 */
public final class SipRequest extends SipMessage {

    public static final String INVITE = "INVITE";
    public static final String ACK = "ACK";
    public static final String BYE = "BYE";
    public static final String CANCEL = "CANCEL";
    public static final String OPTIONS = "OPTIONS";
    public static final String REGISTER = "REGISTER";
    public static final String MESSAGE = "MESSAGE";
    public static final String SUBSCRIBE = "SUBSCRIBE";
    public static final String NOTIFY = "NOTIFY";
    public static final String PUBLISH = "PUBLISH";
    public static final String REFER = "REFER";
    public static final String INFO = "INFO";
    public static final String UPDATE = "UPDATE";
    public static final String PRACK = "PRACK";

    private final String method;
    private final Uri requestUri;

    SipRequest(String method, Uri requestUri, String version, Header[] headers, byte[] body) {
        super(version, headers, body);
        this.method = method;
        this.requestUri = requestUri;
    }

    /** A builder for a request; add at least Via, From, To, Call-ID, CSeq and Max-Forwards (§8.1.1). */
    public static Builder builder(String method, Uri requestUri) {
        return new Builder(method, requestUri);
    }

    /** A builder holding a copy of this request. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The method, case-sensitive (RFC 3261 §7.1). */
    public String method() {
        return method;
    }

    public Uri requestUri() {
        return requestUri;
    }

    public boolean isMethod(String m) {
        return method.equals(m);
    }

    @Override
    public String startLine() {
        return method + ' ' + requestUri + ' ' + version;
    }

    @Override
    int startLineLength() {
        return method.length() + requestUri.toString().length() + version.length() + 2;
    }

    @Override
    int writeStartLine(byte[] out, int pos) {
        int p = writeAscii(method, out, pos);
        out[p++] = ' ';
        String uri = requestUri.toString();
        if (Header.isAscii(uri)) {
            p = writeAscii(uri, out, p);
        } else {
            byte[] b = uri.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(b, 0, out, p, b.length);
            p += b.length;
        }
        out[p++] = ' ';
        return writeAscii(version, out, p);
    }

    /** Builds {@link SipRequest}s. */
    public static final class Builder extends MessageBuilder<Builder> {
        private String method;
        private Uri requestUri;

        Builder(String method, Uri requestUri) {
            method(method);
            requestUri(requestUri);
        }

        Builder(SipRequest r) {
            super(r);
            this.method = r.method;
            this.requestUri = r.requestUri;
        }

        public Builder method(String method) {
            if (!io.sipim.sip.internal.CharClass.isToken(Objects.requireNonNull(method, "method"))) {
                throw new IllegalArgumentException("method '" + method + "' is not a token");
            }
            this.method = method;
            return this;
        }

        public Builder requestUri(Uri uri) {
            this.requestUri = Objects.requireNonNull(uri, "requestUri");
            return this;
        }

        /** Sets CSeq with this request's method. */
        public Builder cseq(long number) {
            return cseq(new CSeq(number, method));
        }

        public Builder maxForwards(int hops) {
            if (hops < 0 || hops > 255) {
                throw new IllegalArgumentException("Max-Forwards " + hops + " out of range 0..255");
            }
            return set(HeaderName.MAX_FORWARDS, hops);
        }

        public SipRequest build() {
            Header[] h = finish();
            return new SipRequest(method, requestUri, SIP_2_0, h, body == null ? null : body.clone());
        }
    }
}
