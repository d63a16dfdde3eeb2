package io.sipim.sip.parse;

import io.sipim.sip.internal.CharClass;
import io.sipim.sip.message.SipMessage;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Frames SIP messages out of a TCP/TLS byte stream (RFC 3261 §18.3) across arbitrary read
 * boundaries: finds the end of the header section, reads Content-Length (required on streams),
 * waits for the body, then hands the framed bytes to {@link SipParser#parseFramed}. Pipelined
 * messages come out one by one; CRLFs between messages, including RFC 5626 keep-alives, are
 * skipped.
 *
 * <p>A message that is framed correctly but does not parse is reported through
 * {@link Listener#onError} and the stream goes on with the next message. A stream that cannot be
 * framed (no Content-Length, a header section over the limit, conflicting Content-Lengths) is
 * fatal: the decoder reports the error, answers {@link #isFailed()} true and ignores further
 * input; the connection should be closed. A body over {@link SipLimits#maxBodyBytes()} is read
 * and discarded without being buffered, then reported with status 413.
 *
 * <p>Not thread-safe: one decoder per connection, fed by the thread that reads it. The listener
 * runs on that thread, inside {@link #feed}. Memory is bounded by
 * {@link SipLimits#maxHeaderSectionBytes()} + {@link SipLimits#maxBodyBytes()}.
 */
public final class SipStreamDecoder {

    /** Receives what the decoder finds. */
    public interface Listener {
        /** A complete, valid message. */
        void onMessage(SipMessage message);

        /** A message that failed to parse or validate; {@code fatal} when the stream is now unusable. */
        void onError(SipParseException error, boolean fatal);

        /** A double-CRLF keep-alive ping (RFC 5626 §3.5.1); a server answers with a single CRLF. */
        default void onKeepAlive() {}
    }

    private enum State { BETWEEN, HEADERS, BODY, DISCARD, FAILED }

    private final SipParser parser;
    private final SipLimits limits;
    private final Listener listener;
    private State state = State.BETWEEN;
    private byte[] buf = new byte[4096];
    private int start;
    private int limit;
    private int scan;
    private int headerEnd;
    private long bodyLength;
    private long discard;
    private int crlfs;
    private long consumed;
    /** Copy buffer for direct ByteBuffers, made on first use. */
    private byte[] scratch;

    public SipStreamDecoder(Listener listener) {
        this(SipLimits.DEFAULT, listener);
    }

    public SipStreamDecoder(SipLimits limits, Listener listener) {
        this.limits = limits;
        this.parser = new SipParser(limits);
        this.listener = listener;
    }

    /** True after a fatal framing error. */
    public boolean isFailed() {
        return state == State.FAILED;
    }

    /** Bytes buffered but not yet part of a delivered message. */
    public int buffered() {
        return limit - start;
    }

    /** Consumes all remaining bytes of {@code in}. */
    public void feed(ByteBuffer in) {
        if (in.hasArray()) {
            feed(in.array(), in.arrayOffset() + in.position(), in.remaining());
            in.position(in.limit());
        } else {
            if (scratch == null) {
                scratch = new byte[8192];
            }
            while (in.hasRemaining()) {
                int n = Math.min(scratch.length, in.remaining());
                in.get(scratch, 0, n);
                feed(scratch, 0, n);
            }
        }
    }

    /** Consumes {@code len} bytes of {@code b} from {@code off}. */
    public void feed(byte[] b, int off, int len) {
        while (len > 0 && state != State.FAILED) {
            if (state == State.DISCARD) {
                int n = (int) Math.min(len, discard);
                discard -= n;
                off += n;
                len -= n;
                consumed += n;
                if (discard == 0) {
                    state = State.BETWEEN;
                }
                continue;
            }
            int n = append(b, off, len);
            off += n;
            len -= n;
            drain();
            if (n == 0 && state != State.FAILED && limit - start >= buf.length) {
                // Cannot happen while the buffer holds a whole message; guard against a spin anyway.
                fail(new SipParseException("message does not fit the buffer limits", 513, consumed));
            }
        }
    }

    /** Copies as much as fits under the memory bound; returns how many bytes were taken. */
    private int append(byte[] b, int off, int len) {
        int cap = limits.maxHeaderSectionBytes() + limits.maxBodyBytes() + 4;
        if (limit + len > buf.length) {
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, limit - start);
                limit -= start;
                scan -= start;
                headerEnd -= start;
                start = 0;
            }
            if (limit + len > buf.length && buf.length < cap) {
                buf = Arrays.copyOf(buf, (int) Math.min(cap, Math.max((long) buf.length * 2, (long) limit + len)));
            }
        }
        int n = Math.min(len, buf.length - limit);
        System.arraycopy(b, off, buf, limit, n);
        limit += n;
        return n;
    }

    private void drain() {
        while (true) {
            switch (state) {
                case BETWEEN:
                    // RFC 3261 §7.5, RFC 5626 §3.5.1: CRLFs between messages are keep-alives, not messages.
                    while (start < limit && (buf[start] == '\r' || buf[start] == '\n')) {
                        if (buf[start] == '\n' && ++crlfs == 2) {
                            crlfs = 0;
                            listener.onKeepAlive();
                        }
                        start++;
                        consumed++;
                    }
                    if (start == limit) {
                        return;
                    }
                    crlfs = 0;
                    state = State.HEADERS;
                    scan = start;
                    break;
                case HEADERS:
                    boolean found = findHeaderEnd();
                    // The limit holds however the bytes arrive: checked whether or not the end was found.
                    if ((found ? headerEnd : limit) - start > limits.maxHeaderSectionBytes()) {
                        fail(new SipParseException("header section exceeds " + limits.maxHeaderSectionBytes()
                                + " bytes", 513, consumed));
                        return;
                    }
                    if (!found) {
                        return;
                    }
                    if (!readContentLength()) {
                        return;
                    }
                    if (bodyLength > limits.maxBodyBytes()) {
                        listener.onError(new SipParseException("body of " + bodyLength + " bytes exceeds the limit of "
                                + limits.maxBodyBytes(), 413, consumed + headerEnd - start), false);
                        consumed += headerEnd - start;
                        discard = bodyLength;
                        long inBuffer = Math.min(discard, limit - headerEnd);
                        discard -= inBuffer;
                        consumed += inBuffer;
                        start = headerEnd + (int) inBuffer;
                        state = discard > 0 ? State.DISCARD : State.BETWEEN;
                        if (state == State.DISCARD) {
                            start = limit = 0;
                            return;
                        }
                        break;
                    }
                    state = State.BODY;
                    break;
                case BODY:
                    if (limit - headerEnd < bodyLength) {
                        return;
                    }
                    int len = headerEnd - start + (int) bodyLength;
                    try {
                        SipMessage m = parser.parseFramed(buf, start, len);
                        start += len;
                        consumed += len;
                        state = State.BETWEEN;
                        listener.onMessage(m);
                    } catch (SipParseException e) {
                        long base = consumed;
                        start += len;
                        consumed += len;
                        state = State.BETWEEN;
                        listener.onError(e.relocate(base, e.line(), e.column(), null), false);
                    }
                    break;
                default:
                    return;
            }
        }
    }

    /** Scans for the empty line that ends the header section; sets {@link #headerEnd} after it. */
    private boolean findHeaderEnd() {
        for (int i = Math.max(scan, start); i < limit; i++) {
            if (buf[i] == '\n') {
                int next = i + 1;
                if (next < limit && buf[next] == '\r' && next + 1 < limit && buf[next + 1] == '\n') {
                    headerEnd = next + 2;
                    return true;
                }
                if (next < limit && buf[next] == '\n') {
                    headerEnd = next + 1;
                    return true;
                }
                if (next >= limit || next + 1 >= limit && buf[next] == '\r') {
                    scan = i; // need the next bytes to decide
                    return false;
                }
            }
        }
        scan = limit;
        return false;
    }

    /** Finds Content-Length (or {@code l}) among the header lines; fatal when missing or ambiguous. */
    private boolean readContentLength() {
        long found = -1;
        int p = start;
        while (p < headerEnd) {
            int eol = p;
            while (eol < headerEnd && buf[eol] != '\n') {
                eol++;
            }
            int nameEnd = p;
            while (nameEnd < eol && CharClass.isToken(buf[nameEnd] & 0xff)) {
                nameEnd++;
            }
            if (isContentLength(p, nameEnd)) {
                int q = nameEnd;
                while (q < eol && CharClass.isWsp(buf[q])) {
                    q++;
                }
                if (q < eol && buf[q] == ':') {
                    q++;
                    while (q < eol && CharClass.isWsp(buf[q])) {
                        q++;
                    }
                    long v = 0;
                    int digits = 0;
                    while (q < eol && buf[q] == '0') {
                        q++; // leading zeros are allowed (RFC 3261 §25.1 1*DIGIT)
                        digits = 1;
                    }
                    int significant = 0;
                    while (q < eol && CharClass.isDigit(buf[q]) && significant < 12) {
                        v = v * 10 + buf[q++] - '0';
                        digits++;
                        significant++;
                    }
                    while (q < eol && (CharClass.isWsp(buf[q]) || buf[q] == '\r')) {
                        q++;
                    }
                    if (digits == 0 || q != eol) {
                        fail(new SipParseException("Content-Length is not a number", 400, consumed + p - start));
                        return false;
                    }
                    if (found >= 0 && found != v) {
                        fail(new SipParseException("conflicting Content-Length values " + found + " and " + v,
                                400, consumed + p - start));
                        return false;
                    }
                    found = v;
                }
            }
            p = eol + 1;
        }
        if (found < 0) {
            fail(new SipParseException("Content-Length is required on a stream transport (RFC 3261 §18.3)", 400,
                    consumed));
            return false;
        }
        bodyLength = found;
        return true;
    }

    private boolean isContentLength(int from, int to) {
        int len = to - from;
        if (len == 1) {
            return (buf[from] | 0x20) == 'l';
        }
        if (len != 14) {
            return false;
        }
        byte[] name = CONTENT_LENGTH;
        for (int i = 0; i < 14; i++) {
            if ((buf[from + i] | 0x20) != name[i]) {
                return false;
            }
        }
        return true;
    }

    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private void fail(SipParseException e) {
        state = State.FAILED;
        buf = new byte[0];
        start = limit = 0;
        listener.onError(e, true);
    }
}
