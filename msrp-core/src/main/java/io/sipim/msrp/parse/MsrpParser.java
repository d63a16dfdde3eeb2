package io.sipim.msrp.parse;

import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.message.MsrpUri;

import java.nio.ByteBuffer;
import java.util.List;
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
         * {@link #badRequest(MsrpParseException)} with the request's method (null if unreadable), and its To-Path and From-Path when they
         * were read and well formed (null otherwise), so that the 400 can be addressed (RFC 4975
         * §7.2: the response goes to the first URI of From-Path).
         */
        default void badRequest(MsrpParseException e, String method, List<MsrpUri> toPath, List<MsrpUri> fromPath) {
            badRequest(e);
        }

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

    private State state = State.START_LINE;
    private long offset;
    private MsrpParseException deadError;
    private boolean inHandler;

    private final LineReader lines;
    private final StartLine startLine = new StartLine();

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
        this.lines = new LineReader(Math.max(limits.maxStartLineBytes() + 2,
                (int) Math.min(Integer.MAX_VALUE - 64L, (long) limits.maxHeaderSectionBytes() + END_LINE_ROOM)));
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
        return state == State.START_LINE && !lines.holding();
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

    // ---- start line ---------------------------------------------------------------------------

    private int startLine(ByteBuffer in, int pos, int limit) {
        if (!lines.holding()) {
            frameStart = offset;
        }
        LineReader l = lines;
        int next = l.read(in, pos, limit, limits.maxStartLineBytes() + 2, offset);
        if (l.overflow) {
            startLineParsed(l.prefix(), 0, l.drop(), true);
            return next;
        }
        if (l.src == null) {
            // fail fast on what cannot be MSRP, not only once its line is complete
            for (int k = 0; k < 5 && k < l.heldLength(); k++) {
                if (l.heldByte(k) != "MSRP ".charAt(k)) {
                    throw new MsrpParseException("start line must begin with 'MSRP '", 400, frameStart + k);
                }
            }
            return next;
        }
        if (l.bareLf) {
            throw new MsrpParseException("start line must end in CRLF", 400, frameStart + (l.to + 1 - l.from));
        }
        startLineParsed(l.src, l.from, l.to, false);
        return next;
    }

    private void startLineParsed(ByteBuffer s, int f, int t, boolean truncated) {
        StartLine sl = startLine;
        sl.parse(s, f, t, frameStart, truncated, limits.maxStartLineBytes());
        tid = sl.tid;
        response = sl.response;
        method = sl.method;
        code = sl.code;
        comment = sl.comment;
        patLen = 9 + tid.length();
        for (int k = 0; k < tid.length(); k++) {
            pattern[9 + k] = (byte) tid.charAt(k);
        }
        headers.clear();
        headerBytes = t - f + 2;
        flag = null;
        pending = null;
        state = State.HEADER;
        if (sl.error != null) {
            fail(sl.error, !truncated);
        }
    }

    // ---- headers ------------------------------------------------------------------------------

    private int headerLine(ByteBuffer in, int pos, int limit) {
        LineReader l = lines;
        // the start line alone may exceed a small header budget: header() reports that
        int next = l.read(in, pos, limit, Math.max(0, limits.maxHeaderSectionBytes() - headerBytes) + END_LINE_ROOM,
                offset);
        if (l.overflow) {
            l.drop();
            fail(new MsrpParseException("header section longer than " + limits.maxHeaderSectionBytes() + " bytes",
                    400, offset + (next - pos), tid), false);
            return next;
        }
        if (l.src == null) {
            return next;
        }
        ByteBuffer s = l.src;
        int f = l.from;
        int t = l.to;
        if (l.bareLf) {
            fail(new MsrpParseException("header line must end in CRLF", 400, lines.lineOffset + (t + 1 - f), tid), true);
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
                deliverBad(new MsrpParseException("malformed end-line", 400, lines.lineOffset + (fl - f), tid));
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
                    400, lines.lineOffset, tid), true);
            return;
        }
        MsrpParseException e = headers.add(s, f, t, lines.lineOffset, tid);
        if (e != null) {
            fail(e, true);
        }
    }

    private void blankLine() {
        if (response) {
            fail(new MsrpParseException("a response has no body", 400, lines.lineOffset, tid), true);
            return;
        }
        if (!headers.hasContentType()) {
            // RFC 4975 §9: content-stuff = *(Other-Mime-header CRLF) Content-Type 2CRLF data CRLF
            fail(new MsrpParseException("a request with a body needs Content-Type", 400, lines.lineOffset, tid), true);
            return;
        }
        MsrpRequest r;
        try {
            r = headers.request(tid, method, lines.lineOffset);
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
                            lines.lineOffset + patLen - 2, tid);
                }
                MsrpResponse r = headers.response(tid, code, comment, lines.lineOffset);
                inHandler = true;
                handler.response(r);
            } else {
                MsrpRequest r = headers.request(tid, method, lines.lineOffset);
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
            handler.badRequest(e, method, headers.toPath(), headers.fromPath());
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
                i = probe(in, i, limit);
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

    /**
     * Skips 7 bytes at a time while the byte where the dashes of an end-line starting at {@code i}
     * would end is not '-'; returns the first position that may start one.
     */
    private static int probe(ByteBuffer in, int i, int limit) {
        if (in.hasArray()) {
            byte[] a = in.array();
            int off = in.arrayOffset();
            int k = i + 8 + off;
            int end = limit + off;
            while (k < end && a[k] != '-') {
                k += 7;
            }
            return k - 8 - off;
        }
        while (i + 8 < limit && in.get(i + 8) != '-') {
            i += 7;
        }
        return i;
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
                i = probe(in, i, limit);
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
