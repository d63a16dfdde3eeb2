package io.sipim.msrp.parse;

import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An incremental push parser for a stream of MSRP frames (RFC 4975 §7, §9). Feed it the bytes of
 * one connection as they arrive, split anywhere; it calls its {@link Handler} for each request,
 * body piece, end-line and response. Bodies of any size stream through {@link Handler#body} and
 * are never held: the parser keeps back only the bytes that may start the end-line
 * ({@code CRLF -------<tid>} + flag + CRLF) across a read boundary.
 *
 * <p>A malformed request whose transaction id was read is data, not a failure: the parser skips
 * to its end-line and reports it through {@link Handler#badRequest} (the session answers 400, RFC
 * 4975 §7.2) and goes on with the next frame. Input that cannot be framed (a start line that is
 * not {@code MSRP <tid> …}, an end-line that is broken after its body was delivered) throws
 * {@link MsrpParseException} with the stream offset; the parser is then dead and the connection
 * has to be closed. Nothing else escapes {@link #parse} on any input; exceptions thrown by the
 * handler propagate unchanged and also leave the parser dead.
 *
 * <p>Limits ({@link MsrpLimits}) are checked before bytes are copied: the start line, the header
 * section (start line and header lines), the number of header lines and the URIs per path.
 *
 * <p>Not thread-safe: one parser per connection, driven by its I/O thread.
 */
public final class MsrpParser {

    /** Receives what the parser reads, in stream order. */
    public interface Handler {
        /**
         * A request's start line and headers were read. With a body, {@link #body} calls follow,
         * then {@link #end}; without, {@link #end} follows at once.
         */
        void request(MsrpRequest request, boolean hasBody);

        /**
         * The next body bytes of the current request, in order: a read-only view, valid only during
         * the call. Never includes the CRLF before the end-line; never empty.
         */
        void body(ByteBuffer data);

        /** The current request's end-line {@code -------<tid>} and its flag were read. */
        void end(ContinuationFlag flag);

        /** A response (start line, headers and its end-line) was read. */
        void response(MsrpResponse response);

        /**
         * A request whose transaction id was read but which is malformed: the parser skipped to its
         * end-line. The caller answers {@link MsrpParseException#status()} (400) and goes on.
         */
        void badRequest(MsrpParseException e);

        /**
         * A response whose transaction id was read but which is malformed: the parser skipped to its
         * end-line. Responses are never answered (RFC 4975 §7.2), so by default it is dropped and the
         * transaction times out.
         */
        default void badResponse(MsrpParseException e) {
        }
    }

    private enum State {
        /** Reading {@code MSRP <tid> <method or status>} up to CRLF. */
        START_LINE,
        /** Reading header lines until the blank line or the end-line. */
        HEADER,
        /** Streaming the body until {@code CRLF -------<tid>} + flag + CRLF. */
        BODY,
        /** Skipping a malformed frame to its end-line. */
        SKIP,
        /** After an unrecoverable error. */
        DEAD
    }

    /** {@code CRLF -------} + the longest tid (RFC 4975 §9: ident is at most 32 characters). */
    private static final int MAX_PATTERN = 2 + 7 + 32;
    /** Room for the end-line of a frame without body once the header section is full. */
    private static final int END_LINE_ROOM = 7 + 32 + 1 + 2;

    private final MsrpLimits limits;
    private final Handler handler;
    private final Headers headers;
    private final int lineCapacity;

    private State state = State.START_LINE;
    private long offset;
    private MsrpParseException deadError;
    private boolean inHandler;

    /** A line read so far across reads, copied here (bounded by the limits). */
    private byte[] lineBuf = new byte[256];
    private ByteBuffer lineView = ByteBuffer.wrap(lineBuf);
    private int lineLen;
    private long lineOffset;
    /** Set by {@link #readLine}: where the complete line lies, without its CRLF. */
    private ByteBuffer lsrc;
    private int lfrom;
    private int lto;
    private boolean lineOverflow;
    private boolean bareLf;

    /** The frame being read. */
    private long frameStart;
    private String tid;
    private final byte[] pattern = new byte[MAX_PATTERN];
    private int patLen;
    private boolean response;
    private String method;
    private int code;
    private String comment;
    private int headerBytes;
    private MsrpParseException pending;

    /** End-line matching: bytes of pattern + flag + CRLF matched so far. */
    private int match;
    /** Of {@link #match}, the bytes that came in earlier reads (not in the current buffer). */
    private int carried;
    private ContinuationFlag flag;

    /** The current buffer's read-only view handed to {@link Handler#body}, and its source. */
    private ByteBuffer view;
    private ByteBuffer viewSource;

    public MsrpParser(MsrpLimits limits, Handler handler) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.headers = new Headers(limits);
        this.lineCapacity = Math.max(limits.maxStartLineBytes() + 2,
                (int) Math.min(Integer.MAX_VALUE - 64L, (long) limits.maxHeaderSectionBytes() + END_LINE_ROOM));
        pattern[0] = '\r';
        pattern[1] = '\n';
        for (int i = 2; i < 9; i++) {
            pattern[i] = '-';
        }
    }

    /** Bytes consumed so far in the stream. */
    public long offset() {
        return offset;
    }

    /** Whether the parser is between frames (nothing of a frame is pending). */
    public boolean atFrameBoundary() {
        return state == State.START_LINE && lineLen == 0;
    }

    /**
     * Consumes every remaining byte of {@code in}, calling the handler for what they complete.
     *
     * @throws MsrpParseException 400 for input that cannot be framed; the parser is dead afterwards
     */
    public void parse(ByteBuffer in) {
        if (state == State.DEAD) {
            throw dead();
        }
        int pos = in.position();
        int limit = in.limit();
        try {
            while (pos < limit) {
                int next = switch (state) {
                    case START_LINE -> startLine(in, pos, limit);
                    case HEADER -> headerLine(in, pos, limit);
                    case BODY -> body(in, pos, limit);
                    case SKIP -> skip(in, pos, limit);
                    case DEAD -> throw dead();
                };
                offset += next - pos;
                pos = next;
            }
            in.position(limit);
        } catch (MsrpParseException e) {
            state = State.DEAD;
            if (!inHandler) {
                deadError = e;
            }
            throw e;
        } catch (RuntimeException | Error e) {
            state = State.DEAD;
            if (inHandler) {
                throw e;
            }
            // A parser bug must not escape as anything but the documented exception.
            MsrpParseException p = new MsrpParseException("internal parser error: " + e, 400, offset, tid);
            p.initCause(e);
            deadError = p;
            throw p;
        } finally {
            inHandler = false;
            view = null;
            viewSource = null;
        }
    }

    /**
     * The stream ended: checks that it ended between frames.
     *
     * @throws MsrpParseException 400 at the end offset if a frame was cut off
     */
    public void finish() {
        if (state == State.DEAD) {
            throw dead();
        }
        if (!atFrameBoundary()) {
            state = State.DEAD;
            deadError = new MsrpParseException("stream ends inside the frame that starts at offset " + frameStart,
                    400, offset, tid);
            throw deadError;
        }
    }

    private MsrpParseException dead() {
        return new MsrpParseException("parser is dead after an earlier error"
                + (deadError != null ? " (" + deadError.reason() + ")" : ""), 400, offset, tid);
    }

    // ---- lines --------------------------------------------------------------------------------

    /**
     * Reads the current line up to its LF, taking at most {@code max} bytes with its CRLF. Returns
     * the new position; {@link #lsrc} is non-null when a whole line is there, {@link #lineOverflow}
     * is set when the line is longer than {@code max} (then exactly the allowed bytes are consumed).
     */
    private int readLine(ByteBuffer in, int pos, int limit, int max) {
        lsrc = null;
        lineOverflow = false;
        bareLf = false;
        if (lineLen == 0) {
            lineOffset = offset;
        }
        int room = max - lineLen;
        int end = limit - pos > room ? pos + room : limit;
        int lf = pos;
        while (lf < end && in.get(lf) != '\n') {
            lf++;
        }
        if (lf == end) {
            append(in, pos, end);
            if (end - pos == room) {
                lineOverflow = true;
            }
            return end;
        }
        int next = lf + 1;
        if (lineLen == 0) {
            lsrc = in;
            lfrom = pos;
            lto = lf - 1;
        } else {
            append(in, pos, next);
            lsrc = lineView;
            lfrom = 0;
            lto = lineLen - 2;
            lineLen = 0;
        }
        if (lto < lfrom || lsrc.get(lto) != '\r') {
            bareLf = true;
        }
        return next;
    }

    private void append(ByteBuffer in, int from, int to) {
        int n = to - from;
        if (lineLen + n > lineBuf.length) {
            int size = Math.min(lineCapacity, Math.max(lineBuf.length * 2, lineLen + n));
            lineBuf = java.util.Arrays.copyOf(lineBuf, size);
            lineView = ByteBuffer.wrap(lineBuf);
        }
        in.get(from, lineBuf, lineLen, n);
        lineLen += n;
    }

    // ---- start line ---------------------------------------------------------------------------

    private int startLine(ByteBuffer in, int pos, int limit) {
        if (lineLen == 0) {
            frameStart = offset;
        }
        int next = readLine(in, pos, limit, limits.maxStartLineBytes() + 2);
        if (lineOverflow) {
            int n = lineLen;
            lineLen = 0;
            startLineParsed(lineView, 0, n, true);
            return next;
        }
        if (lsrc == null) {
            // fail fast on what cannot be MSRP, not only once its line is complete
            for (int k = 0; k < 5 && k < lineLen; k++) {
                if (lineBuf[k] != "MSRP ".charAt(k)) {
                    throw new MsrpParseException("start line must begin with 'MSRP '", 400, frameStart + k);
                }
            }
            return next;
        }
        if (bareLf) {
            throw new MsrpParseException("start line must end in CRLF", 400, frameStart + (lto + 1 - lfrom));
        }
        startLineParsed(lsrc, lfrom, lto, false);
        return next;
    }

    /** RFC 4975 §9: {@code req-start = "MSRP" SP transact-id SP method CRLF}, resp-start likewise with a status. */
    private void startLineParsed(ByteBuffer s, int f, int t, boolean truncated) {
        long at = frameStart;
        for (int k = 0; k < 5; k++) {
            if (f + k >= t || s.get(f + k) != "MSRP ".charAt(k)) {
                throw new MsrpParseException("start line must begin with 'MSRP '", 400, at + k);
            }
        }
        int ts = f + 5;
        int te = ts;
        while (te < t && s.get(te) != ' ' && te - ts <= 32) {
            te++;
        }
        int tl = te - ts;
        if (tl < 4 || tl > 32) {
            throw new MsrpParseException("transaction id must be 4 to 32 characters", 400, at + (te - f));
        }
        if (!Ascii.isAlphanum(s.get(ts))) {
            throw new MsrpParseException("transaction id must start with a letter or digit", 400, at + 5);
        }
        for (int k = ts + 1; k < te; k++) {
            if (!Ascii.isIdentChar(s.get(k))) {
                throw new MsrpParseException("bad character in transaction id", 400, at + (k - f));
            }
        }
        if (te == t && truncated) {
            throw new MsrpParseException("start line longer than " + limits.maxStartLineBytes() + " bytes", 400,
                    at + (t - f));
        }
        tid = Ascii.string(s, ts, te);
        patLen = 9 + tl;
        s.get(ts, pattern, 9, tl);
        headers.clear();
        headerBytes = t - f + 2;
        flag = null;
        pending = null;
        int rs = te + 1;
        response = rs < t && Ascii.isDigit(s.get(rs));
        state = State.HEADER;
        if (truncated) {
            fail(new MsrpParseException("start line longer than " + limits.maxStartLineBytes() + " bytes", 400,
                    at + (t - f), tid), false);
            return;
        }
        if (te == t) {
            fail(new MsrpParseException("start line lacks a method", 400, at + (te - f), tid), true);
        } else if (response) {
            responseLine(s, f, rs, t, at);
        } else {
            method = Ascii.method(s, rs, t);
            if (method == null) {
                int k = rs;
                while (k < t && s.get(k) >= 'A' && s.get(k) <= 'Z') {
                    k++;
                }
                fail(new MsrpParseException("method must be upper-case letters", 400, at + (k - f), tid), true);
            }
        }
    }

    /** {@code 3DIGIT [SP comment]}. */
    private void responseLine(ByteBuffer s, int f, int rs, int t, long at) {
        code = 0;
        int k = rs;
        for (; k < rs + 3 && k < t && Ascii.isDigit(s.get(k)); k++) {
            code = code * 10 + (s.get(k) - '0');
        }
        if (k != rs + 3 || code < 100 || (k < t && s.get(k) != ' ')) {
            fail(new MsrpParseException("status code must be 3 digits from 100", 400, at + (k - f), tid), true);
            return;
        }
        comment = null;
        if (k < t) {
            for (int c = k + 1; c < t; c++) {
                byte b = s.get(c);
                if (b == '\r' || b == 0) {
                    fail(new MsrpParseException("bad character in comment", 400, at + (c - f), tid), true);
                    return;
                }
            }
            comment = Ascii.utf8(s, k + 1, t);
        }
    }

    // ---- headers ------------------------------------------------------------------------------

    private int headerLine(ByteBuffer in, int pos, int limit) {
        int next = readLine(in, pos, limit, limits.maxHeaderSectionBytes() - headerBytes + END_LINE_ROOM);
        if (lineOverflow) {
            lineLen = 0;
            fail(new MsrpParseException("header section longer than " + limits.maxHeaderSectionBytes() + " bytes",
                    400, offset + (next - pos), tid), false);
            return next;
        }
        if (lsrc == null) {
            return next;
        }
        ByteBuffer s = lsrc;
        int f = lfrom;
        int t = lto;
        if (bareLf) {
            fail(new MsrpParseException("header line must end in CRLF", 400, lineOffset + (t + 1 - f), tid), true);
            return next;
        }
        if (t == f) {
            blankLine();
        } else if (t - f >= 7 + patLen - 9 && Ascii.startsWithDashes(s, f) && Ascii.equals(s, f + 7, pattern, 9,
                patLen - 9)) {
            int fl = f + 7 + patLen - 9;
            if (fl + 1 == t && ContinuationFlag.of(s.get(fl)) != null) {
                endLine(ContinuationFlag.of(s.get(fl)));
            } else if (fl == t || ContinuationFlag.of(s.get(fl)) != null) {
                state = State.START_LINE;
                deliverBad(new MsrpParseException("malformed end-line", 400, lineOffset + (fl - f), tid));
            } else {
                header(s, f, t);
            }
        } else {
            header(s, f, t);
        }
        return next;
    }

    private void header(ByteBuffer s, int f, int t) {
        headerBytes += t - f + 2;
        if (headerBytes > limits.maxHeaderSectionBytes()) {
            fail(new MsrpParseException("header section longer than " + limits.maxHeaderSectionBytes() + " bytes",
                    400, lineOffset, tid), true);
            return;
        }
        MsrpParseException e = headers.add(s, f, t, lineOffset, tid);
        if (e != null) {
            fail(e, true);
        }
    }

    private void blankLine() {
        if (response) {
            fail(new MsrpParseException("a response has no body", 400, lineOffset, tid), true);
            return;
        }
        if (!headers.hasContentType()) {
            // RFC 4975 §9: content-stuff = *(Other-Mime-header CRLF) Content-Type 2CRLF data CRLF
            fail(new MsrpParseException("a request with a body needs Content-Type", 400, lineOffset, tid), true);
            return;
        }
        MsrpRequest r;
        try {
            r = headers.request(tid, method, lineOffset);
        } catch (MsrpParseException e) {
            fail(e, true);
            return;
        }
        // RFC 4975 §9: Content-Type 2CRLF data CRLF end-line; even an empty body has its CRLF
        state = State.BODY;
        match = 0;
        carried = 0;
        inHandler = true;
        handler.request(r, true);
        inHandler = false;
    }

    /** The end-line of a frame without body. */
    private void endLine(ContinuationFlag f) {
        state = State.START_LINE;
        try {
            if (response) {
                if (f != ContinuationFlag.END) {
                    throw new MsrpParseException("a response's end-line must end in $", 400,
                            lineOffset + patLen - 2, tid);
                }
                MsrpResponse r = headers.response(tid, code, comment, lineOffset);
                inHandler = true;
                handler.response(r);
            } else {
                MsrpRequest r = headers.request(tid, method, lineOffset);
                inHandler = true;
                handler.request(r, false);
                handler.end(f);
            }
            inHandler = false;
        } catch (MsrpParseException e) {
            if (inHandler) {
                throw e;
            }
            deliverBad(e);
        }
    }

    /** The frame is malformed: skip to its end-line, then report {@code e}. */
    private void fail(MsrpParseException e, boolean atLineStart) {
        pending = e;
        state = State.SKIP;
        match = atLineStart ? 2 : 0;
    }

    private void deliverBad(MsrpParseException e) {
        inHandler = true;
        if (response) {
            handler.badResponse(e);
        } else {
            handler.badRequest(e);
        }
        inHandler = false;
    }

    // ---- body ---------------------------------------------------------------------------------

    /**
     * Streams body bytes until {@code CRLF -------<tid>} + flag + CRLF. While nothing is matched it
     * looks at every 7th byte only: an end-line holds 7 dashes, so a byte that is not '-' rules out
     * every end-line whose dashes would cover it (RFC 4975 §7.1: the body cannot hold the end-line).
     */
    private int body(ByteBuffer in, int pos, int limit) {
        final byte[] p = pattern;
        final int len = patLen;
        int emitFrom = pos;
        int m = match;
        int i = pos;
        while (i < limit) {
            if (m == 0) {
                while (i + 8 < limit && in.get(i + 8) != '-') {
                    i += 7;
                }
            }
            int slowEnd = i + 8;
            while (i < limit) {
                byte b = in.get(i++);
                if (m < len) {
                    if (b == p[m]) {
                        m++;
                        continue;
                    }
                } else if (m == len) {
                    ContinuationFlag f = ContinuationFlag.of(b);
                    if (f != null) {
                        flag = f;
                        m++;
                        continue;
                    }
                } else if (m == len + 1) {
                    if (b == '\r') {
                        m++;
                        continue;
                    }
                    throw new MsrpParseException("end-line must end in CRLF", 400, offset + (i - 1 - pos), tid);
                } else {
                    if (b == '\n') {
                        int start = i - (m + 1 - carried);
                        emit(in, emitFrom, start);
                        match = 0;
                        carried = 0;
                        state = State.START_LINE;
                        inHandler = true;
                        handler.end(flag);
                        inHandler = false;
                        return i;
                    }
                    throw new MsrpParseException("end-line must end in CRLF", 400, offset + (i - 1 - pos), tid);
                }
                // mismatch: what was held is body after all
                if (carried > 0) {
                    inHandler = true;
                    handler.body(ByteBuffer.wrap(p, 0, carried).asReadOnlyBuffer());
                    inHandler = false;
                }
                carried = 0;
                m = b == '\r' ? 1 : 0;
                if (m == 0 && i >= slowEnd) {
                    break;
                }
            }
        }
        emit(in, emitFrom, limit - (m - carried));
        carried = m;
        match = m;
        return limit;
    }

    private void emit(ByteBuffer in, int from, int to) {
        if (to <= from) {
            return;
        }
        if (viewSource != in) {
            view = in.asReadOnlyBuffer();
            viewSource = in;
        }
        view.clear().position(from).limit(to);
        inHandler = true;
        handler.body(view);
        inHandler = false;
    }

    /** Skips a malformed frame up to its end-line; anything that is not exactly the end-line is skipped. */
    private int skip(ByteBuffer in, int pos, int limit) {
        final byte[] p = pattern;
        final int len = patLen;
        int m = match;
        int i = pos;
        while (i < limit) {
            if (m == 0) {
                while (i + 8 < limit && in.get(i + 8) != '-') {
                    i += 7;
                }
            }
            byte b = in.get(i++);
            if (m < len ? b == p[m] : m == len ? ContinuationFlag.of(b) != null : b == (m == len + 1 ? '\r' : '\n')) {
                if (++m == len + 3) {
                    match = 0;
                    state = State.START_LINE;
                    deliverBad(pending);
                    pending = null;
                    return i;
                }
            } else {
                m = b == '\r' ? 1 : 0;
            }
        }
        match = m;
        return limit;
    }
}
