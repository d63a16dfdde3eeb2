package io.sipim.sip.message;

import io.sipim.sip.internal.Lexer;
import io.sipim.sip.internal.MessageAccess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A SIP message: a {@link SipRequest} or a {@link SipResponse} (RFC 3261 §7). Immutable; headers
 * keep their order and spelling, and typed accessors ({@link #via()}, {@link #cseq()} ...) read
 * the values the parser or builder typed.
 */
public abstract sealed class SipMessage permits SipRequest, SipResponse {

    /** The only SIP version SIPIM speaks. */
    public static final String SIP_2_0 = "SIP/2.0";
    static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] NO_BODY = new byte[0];

    static {
        MessageAccess.install(new Access());
    }

    final String version;
    final Header[] headers;
    final byte[] body;

    SipMessage(String version, Header[] headers, byte[] body) {
        this.version = version;
        this.headers = headers;
        this.body = body == null ? NO_BODY : body;
    }

    /** The SIP-Version of the start line, {@code SIP/2.0}. */
    public String version() {
        return version;
    }

    /** Every header line, in order. */
    public List<Header> headers() {
        return Collections.unmodifiableList(Arrays.asList(headers));
    }

    /** The value text of the first header line called {@code name} (any case, compact forms too), or {@code null}. */
    public String header(String name) {
        for (Header h : headers) {
            if (h.name().is(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** The value texts of every header line called {@code name}. */
    public List<String> headerValues(String name) {
        List<String> out = new ArrayList<>(2);
        for (Header h : headers) {
            if (h.name().is(name)) {
                out.add(h.value());
            }
        }
        return out;
    }

    /** The first typed value of {@code name}, or {@code null}. */
    public <T> T first(HeaderName<T> name) {
        for (Header h : headers) {
            if (h.name() == name || h.name().equals(name)) {
                T v = h.first();
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    /** Every typed value of {@code name}, across lines and comma-separated lists, in order. */
    public <T> List<T> values(HeaderName<T> name) {
        List<T> out = new ArrayList<>(4);
        for (Header h : headers) {
            if (h.name() == name || h.name().equals(name)) {
                h.collect(name, out);
            }
        }
        return out;
    }

    /** True when a header line called {@code name} is present. */
    public boolean has(HeaderName<?> name) {
        for (Header h : headers) {
            if (h.name() == name || h.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The Via values, topmost first. */
    public List<Via> via() {
        return values(HeaderName.VIA);
    }

    /** The topmost Via, or {@code null}. */
    public Via topVia() {
        return first(HeaderName.VIA);
    }

    public NameAddr from() {
        return first(HeaderName.FROM);
    }

    public NameAddr to() {
        return first(HeaderName.TO);
    }

    public String callId() {
        return first(HeaderName.CALL_ID);
    }

    public CSeq cseq() {
        return first(HeaderName.CSEQ);
    }

    /** Max-Forwards, or -1 when absent. */
    public int maxForwards() {
        Integer m = first(HeaderName.MAX_FORWARDS);
        return m == null ? -1 : m;
    }

    public List<NameAddr> contacts() {
        return values(HeaderName.CONTACT);
    }

    public List<NameAddr> routes() {
        return values(HeaderName.ROUTE);
    }

    public List<NameAddr> recordRoutes() {
        return values(HeaderName.RECORD_ROUTE);
    }

    /** Content-Type, or {@code null}. */
    public MediaType contentType() {
        return first(HeaderName.CONTENT_TYPE);
    }

    /** Expires in seconds, or -1 when absent. */
    public long expires() {
        Long e = first(HeaderName.EXPIRES);
        return e == null ? -1 : e;
    }

    /** A copy of the body; empty when there is none. */
    public byte[] body() {
        return body.length == 0 ? body : body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    /** The body decoded with the Content-Type charset (UTF-8 by default). */
    public String bodyText() {
        MediaType ct = contentType();
        return new String(body, ct == null ? StandardCharsets.UTF_8 : ct.charset());
    }

    /** The start line without CRLF. */
    public abstract String startLine();

    abstract int writeStartLine(byte[] out, int pos);

    abstract int startLineLength();

    /** The message as bytes on the wire. */
    public byte[] encode() {
        int len = startLineLength() + 2;
        for (Header h : headers) {
            len += h.spelledName().length() + 2 + h.valueLength() + 2;
        }
        len += 2 + body.length;
        byte[] out = new byte[len];
        int p = writeStartLine(out, 0);
        out[p++] = '\r';
        out[p++] = '\n';
        for (Header h : headers) {
            p = writeAscii(h.spelledName(), out, p);
            out[p++] = ':';
            out[p++] = ' ';
            p = h.writeValue(out, p);
            out[p++] = '\r';
            out[p++] = '\n';
        }
        out[p++] = '\r';
        out[p++] = '\n';
        System.arraycopy(body, 0, out, p, body.length);
        return out;
    }


    @SuppressWarnings("deprecation") // String.getBytes(int,int,byte[],int) copies Latin-1 strings as a block
    static int writeAscii(String s, byte[] out, int pos) {
        s.getBytes(0, s.length(), out, pos);
        return pos + s.length();
    }

    /** Same start line, same headers in the same order (canonical names, value text) and same body. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        SipMessage m = (SipMessage) o;
        return startLine().equals(m.startLine()) && Arrays.equals(headers, m.headers) && Arrays.equals(body, m.body);
    }

    @Override
    public int hashCode() {
        return startLine().hashCode() * 31 + Arrays.hashCode(headers);
    }

    /** The message as text (the body decoded as UTF-8). */
    @Override
    public String toString() {
        return new String(encode(), StandardCharsets.UTF_8);
    }

    private static final class Access extends MessageAccess {
        @Override
        public Header header(HeaderName<?> name, String spelled, byte[] source, int start, int end, boolean ascii,
                Lexer lexer) {
            return new Header(name, spelled, source, start, end, Header.parseValue(name, lexer.reset(source, start, end)),
                    ascii);
        }

        @Override
        public Header typedHeader(HeaderName<?> name, byte[] source, int start, int end, Object typed) {
            return new Header(name, name.name(), source, start, end, typed, true);
        }

        @Override
        public Object valueList(Object[] values, int size) {
            return new ValueList(values, size);
        }

        @Override
        public Object tokenList(byte[] src, int[] at, int off, int size) {
            return new ValueList(src, at, off, size);
        }

        @Override
        public Header unparsedHeader(HeaderName<?> name, String spelled, String value, boolean ascii) {
            return new Header(name, spelled, value, null, ascii);
        }

        @Override
        public HeaderName<String> extension(String name) {
            return HeaderName.extension(name);
        }

        @Override
        public Parameters parameters(byte[] src, int[] at, int off, int count) {
            return Parameters.parsed(src, at, off, count);
        }

        @Override
        public HeaderName<?> lookupCanonical(byte[] b, int off, int len) {
            return HeaderName.lookupCanonical(b, off, len);
        }

        @Override
        public int ordinal(HeaderName<?> name) {
            return name.ordinal();
        }

        @Override
        public Header[] headerArray(SipMessage m) {
            return m.headers;
        }

        @Override
        public Object first(Header h) {
            return h.first();
        }
        @Override
        public SipRequest request(String method, Uri uri, String version, Header[] headers, int count, byte[] body) {
            return new SipRequest(method, uri, version, count == headers.length ? headers : Arrays.copyOf(headers, count), body);
        }

        @Override
        public SipResponse response(String version, int status, String reason, Header[] headers, int count, byte[] body) {
            return new SipResponse(version, status, reason, count == headers.length ? headers : Arrays.copyOf(headers, count), body);
        }
    }
}
