package io.sipim.sip.parse;

import io.sipim.sip.internal.CharClass;
import io.sipim.sip.internal.Lexer;
import io.sipim.sip.internal.MessageAccess;
import io.sipim.sip.internal.OnePassLines;
import io.sipim.sip.message.CSeq;
import io.sipim.sip.message.Header;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.SipMessage;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses one SIP message (RFC 3261 §7) from bytes: start line, header fields typed one by one,
 * body, then the checks a UAS or proxy needs before acting on it ({@link MessageValidator}).
 *
 * <p>{@link #parseDatagram} treats its input as one UDP datagram: octets beyond Content-Length
 * are ignored, a body shorter than Content-Length is an error, and without Content-Length the
 * body runs to the end (RFC 3261 §18.3). Stream transports frame messages with
 * {@link SipStreamDecoder}, which calls {@link #parseFramed}.
 *
 * <p>The only exception that leaves the parser is {@link SipParseException}; when the message
 * could be read far enough, it carries the {@linkplain SipParseException#partialMessage() partial
 * message} so that a server can still answer 400 or 505. Instances hold no state between calls
 * and may be shared between threads.
 */
public final class SipParser {
    private static final MessageAccess ACCESS = MessageAccess.get();
    private static final byte[] EMPTY = new byte[0];
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final SipLimits limits;
    /** False only in tests that compare the one-pass path ({@link OnePassLines}) with the general one. */
    private final boolean onePass;

    /** A parser with {@link SipLimits#DEFAULT}. */
    public SipParser() {
        this(SipLimits.DEFAULT);
    }

    public SipParser(SipLimits limits) {
        this(limits, true);
    }

    /** With {@code onePass} false, every header line takes the general path (for tests that compare the two). */
    SipParser(SipLimits limits, boolean onePass) {
        this.limits = limits;
        this.onePass = onePass;
    }

    public SipLimits limits() {
        return limits;
    }

    /** Parses a whole datagram. */
    public SipMessage parseDatagram(byte[] datagram) {
        return parseDatagram(datagram, 0, datagram.length);
    }

    /** Parses {@code length} bytes of {@code buf} from {@code offset} as one datagram. */
    public SipMessage parseDatagram(byte[] buf, int offset, int length) {
        return new Run(limits, buf, offset, offset + length, false, onePass).parse();
    }

    /**
     * Parses a message framed by a stream transport: {@code [offset, offset+length)} holds exactly
     * one message whose Content-Length header is required and must equal the body length.
     */
    public SipMessage parseFramed(byte[] buf, int offset, int length) {
        return new Run(limits, buf, offset, offset + length, true, onePass).parse();
    }

    /** Parses a datagram given as text (UTF-8); convenient in tests and tools. */
    public static SipMessage parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new SipParser().parseDatagram(b, 0, b.length);
    }

    /** One parse: the cursor and what was found so far. */
    static final class Run {
        final SipLimits limits;
        final byte[] b;
        private final int begin;
        private final int end;
        private final boolean stream;
        private final boolean onePass;
        private int pos;
        private SipParseException firstError;
        /** Sized once the lines are known (one per line): without folded lines the message takes this array as is. */
        private Header[] headers;
        private int[] headerStarts;
        private int count;
        private long contentLength = -1;
        private int vias;
        /** Bit {@code ordinal} set for each known header stored so far (for {@link MessageValidator#validateParsed}). */
        private long seen;
        /** Index of the first repeated line of a single-valued header, or -1. */
        private int duplicate = -1;
        /** The first CSeq value. */
        private CSeq cseq;
        private int hdrStart;
        /** Where the Request-URI starts (the start line for a response). */
        int requestUriStart;
        /** The parser's own copy of the start line and header section: the Request-URI, header values and URIs are ranges of it. */
        private byte[] block;
        /** Index in the input of {@code block[0]}, the start of the start line. */
        private int blockStart;
        final Lexer lexer;

        Run(SipLimits limits, byte[] b, int begin, int end, boolean stream, boolean onePass) {
            this.limits = limits;
            this.onePass = onePass;
            this.lexer = new Lexer(EMPTY, 0, 0).maxParams(limits.maxParametersPerHeader())
                    .maxUriLength(limits.maxUriLength());
            this.b = b;
            this.begin = begin;
            this.end = end;
            this.stream = stream;
        }

        SipMessage parse() {
            if (end - begin > limits.maxMessageBytes() && !stream) {
                throw new SipParseException("message of " + (end - begin) + " bytes exceeds the limit of "
                        + limits.maxMessageBytes(), 513, 0);
            }
            pos = begin;
            // RFC 3261 §7.5: CRLFs before the start line are ignored.
            while (pos < end && (b[pos] == '\r' || b[pos] == '\n')) {
                pos++;
            }
            if (pos == end) {
                throw fatal("empty message", 400, pos);
            }
            requestUriStart = pos;
            blockStart = pos;
            int startLineEnd = lineEnd(pos);
            if (startLineEnd < 0) {
                throw fatal("no end of the start line", 400, pos);
            }
            int lineStop = contentEnd(startLineEnd);
            boolean response = lineStop - pos >= 4 && (b[pos] | 0x20) == 's' && (b[pos + 1] | 0x20) == 'i'
                    && (b[pos + 2] | 0x20) == 'p' && b[pos + 3] == '/';
            StartLine sl = response ? StartLine.status(this, pos, lineStop) : StartLine.request(this, pos, lineStop);
            nextLine(startLineEnd);
            // One copy of the start line and the header section; the Request-URI and header values are typed from ranges of it.
            hdrStart = pos;
            int hdrEnd = collectLines(pos);
            block = Arrays.copyOfRange(b, blockStart, hdrEnd);
            // Parameter and token ranges take three ints per parameter: one per eight header bytes
            // covers parameter-heavy messages (a digest REGISTER needs about one per ten) without a regrowth.
            lexer.uriParts().rangeCapacity = Math.max(64, (hdrEnd - hdrStart) >> 3);
            sl.finish(this, block, blockStart);
            headers = new Header[lineCount];
            headerStarts = new int[lineCount];
            int bodyStart = headerLines(hdrEnd);
            if (bodyStart - begin > limits.maxHeaderSectionBytes()) {
                throw fatal("header section exceeds " + limits.maxHeaderSectionBytes() + " bytes", 513, begin);
            }
            byte[] body = body(bodyStart);
            SipMessage m = response
                    ? ACCESS.response(sl.version, sl.status, sl.reason, headers, count, body)
                    : ACCESS.request(sl.method, sl.uri, sl.version, headers, count, body);
            if (firstError != null) {
                throw firstError.withPartialMessage(m);
            }
            int[] where = new int[1];
            try {
                MessageValidator.validateParsed(m, seen, duplicate, cseq, where);
            } catch (SipParseException e) {
                // Point at the offending header line, or at the end of the header section.
                int at = where[0] >= 0 ? headerStarts[where[0]] : where[0] == MessageValidator.START_LINE ? requestUriStart
                        : bodyStart;
                int[] lc = lineColumn(at);
                throw new SipParseException(e.reason(), e.status(), at - begin, lc[0], lc[1], e.header())
                        .withPartialMessage(m);
            }
            return m;
        }

        // ---- lines -------------------------------------------------------------------------

        /** Set by {@link #scanLine} when a line holds a control character, DEL or a non-ASCII byte. */
        private boolean odd;

        /**
         * Index of the LF ending the line that starts at {@code from}, or -1; sets {@link #odd} when
         * the line holds a byte that needs a closer look. Reads eight bytes at a time: a line of
         * printable ASCII is passed over without looking at each byte.
         */
        private int scanLine(int from) {
            int i = from;
            byte[] b = this.b;
            int end = this.end;
            while (i + 8 <= end) {
                long x = (long) LONG.get(b, i);
                long controls = (x - 0x2020202020202020L) & ~x & 0x8080808080808080L;
                long y = x ^ 0x7f7f7f7f7f7f7f7fL;
                long del = (y - 0x0101010101010101L) & ~y & 0x8080808080808080L;
                long special = controls | del | (x & 0x8080808080808080L);
                if (special == 0) {
                    i += 8;
                    continue;
                }
                // The lowest flagged byte is exact (borrows only run upwards from a true hit).
                int at = i + (Long.numberOfTrailingZeros(special) >>> 3);
                byte c = b[at];
                if (c == '\n') {
                    return at;
                }
                if (c == '\r' && at + 1 < end && b[at + 1] == '\n') {
                    return at + 1;
                }
                if (c != '\t') {
                    odd = true;
                }
                i = at + 1;
            }
            for (; i < end; i++) {
                byte c = b[i];
                if (c == '\n') {
                    return i;
                }
                if (c < 0x20 && c != '\t' && (c != '\r' || i + 1 >= end || b[i + 1] != '\n') || c < 0 || c == 0x7f) {
                    odd = true;
                }
            }
            return -1;
        }

        /** Index of the LF ending the line that starts at {@code from}, or -1. */
        private int lineEnd(int from) {
            int i = from;
            while (i + 8 <= end) {
                long x = (long) LONG.get(b, i) ^ 0x0a0a0a0a0a0a0a0aL;
                if (((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) != 0) {
                    break;
                }
                i += 8;
            }
            for (; i < end; i++) {
                if (b[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        /** End of a line's content: before CR LF (or a bare LF). */
        private int contentEnd(int lf) {
            return lf > begin && b[lf - 1] == '\r' ? lf - 1 : lf;
        }

        private void nextLine(int lf) {
            pos = lf + 1;
        }

        // ---- headers ---------------------------------------------------------------------------

        /** LF index of each physical header line, bit-inverted ({@code ~lf}) when the line is odd. */
        private int[] lines = new int[32];
        private int lineCount;

        /**
         * One pass over the header section with {@link #scanLine}: records where each line ends and
         * whether it needs a closer look, and answers where the empty line that ends the section
         * starts ({@code end} when a datagram has none).
         */
        private int collectLines(int from) {
            int p = from;
            while (p < end) {
                byte c = b[p];
                if (c == '\n' || c == '\r' && p + 1 < end && b[p + 1] == '\n') {
                    return p;
                }
                if (p - from > limits.maxHeaderSectionBytes()) {
                    throw fatal("header section exceeds " + limits.maxHeaderSectionBytes() + " bytes", 513, begin);
                }
                odd = false;
                int lf = scanLine(p);
                if (lf < 0) {
                    throw fatal("header section not terminated by CRLF", 400, p);
                }
                if (lineCount == lines.length) {
                    lines = Arrays.copyOf(lines, lineCount * 2);
                }
                lines[lineCount++] = odd ? ~lf : lf;
                p = lf + 1;
            }
            return end;
        }

        /** Parses the collected header lines; returns the index of the first body byte. */
        private int headerLines(int hdrEnd) {
            int i = 0;
            while (i < lineCount) {
                pos = i == 0 ? hdrStart : lf(i - 1) + 1;
                if (CharClass.isWsp(b[pos])) {
                    throw fatal("continuation line without a header before it", 400, pos);
                }
                // A logical line runs on while the next physical line starts with SP/HTAB (§7.3.1).
                int last = i;
                odd = lines[i] < 0;
                while (last + 1 < lineCount && CharClass.isWsp(b[lf(last) + 1])) {
                    last++;
                    odd |= lines[last] < 0;
                }
                int lastLf = lf(last);
                if (lastLf + 1 - pos > limits.maxHeaderLineBytes()) {
                    throw fatal("header line longer than " + limits.maxHeaderLineBytes() + " bytes", 400, pos);
                }
                header(pos, contentEnd(lastLf), last > i);
                i = last + 1;
            }
            if (hdrEnd == end) {
                if (stream) {
                    throw fatal("message ends inside the header section", 400, end);
                }
                // A datagram that ends right after its last header line has an empty body
                // (RFC 5118 §4.10 ships such messages as valid).
                return end;
            }
            return b[hdrEnd] == '\n' ? hdrEnd + 1 : hdrEnd + 2;
        }

        private int lf(int line) {
            int v = lines[line];
            return v < 0 ? ~v : v;
        }

        private void header(int from, int to, boolean folded) {
            byte[] b = this.b;
            if (count == limits.maxHeaders()) {
                throw fatal("more than " + limits.maxHeaders() + " header lines", 400, from);
            }
            if (onePass && !odd && !folded) {
                Header h = OnePassLines.parse(block, from - blockStart, to - blockStart, lexer);
                if (h != null) {
                    store(h);
                    stored(h, from);
                    return;
                }
            }
            // The common case: the name before the first ':' spells a known header canonically.
            int p = colon(from, to);
            int nameEnd = p;
            while (nameEnd > from && (b[nameEnd - 1] == ' ' || b[nameEnd - 1] == '\t')) {
                nameEnd--;
            }
            HeaderName<?> name = p < to ? ACCESS.lookupCanonical(b, from, nameEnd - from) : null;
            String spelled;
            if (name != null) {
                spelled = name.name();
            } else {
                p = CharClass.skipToken(b, from, to);
                nameEnd = p;
                while (p < to && CharClass.isWsp(b[p])) {
                    p++;
                }
                if (nameEnd == from || p == to || b[p] != ':') {
                    SipParseException e = new SipParseException(nameEnd == from
                            ? "header line does not start with a name" : "missing ':' after header name", 400, 0);
                    record(e, p, null);
                    return;
                }
                name = HeaderName.lookup(b, from, nameEnd - from);
                spelled = ascii(from, nameEnd);
                if (name == null) {
                    name = ACCESS.extension(spelled);
                }
            }
            p++;
            // LWS after the colon may include a line fold (RFC 3261 §7.3.1; RFC 4475 wsinv "TO :\r\n sip:...").
            while (p < to && (CharClass.isWsp(b[p]) || b[p] == '\r' || b[p] == '\n')) {
                p++;
            }
            int vEnd = to;
            while (vEnd > p && CharClass.isWsp(b[vEnd - 1])) {
                vEnd--;
            }
            int valueStart = p;
            boolean ascii = true;
            for (int i = odd ? p : vEnd; i < vEnd; i++) {
                int c = b[i];
                // Controls may only stand in a quoted-pair (RFC 3261 §25.1; RFC 4475 intmeth), CR/LF only as folding.
                if ((c < 0x20 && c >= 0 && c != '\t' || c == 0x7f) && !(folded && (c == '\r' || c == '\n'))
                        && !(c != '\r' && c != '\n' && i > p && b[i - 1] == '\\')) {
                    record(new SipParseException("control character " + Lexer.describe(c) + " in header value", 400, 0),
                            i, name.name());
                    store(ACCESS.unparsedHeader(name, spelled, "", true));
                    return;
                }
                ascii &= c >= 0;
            }
            if (!ascii && strictUtf8(b, valueStart, vEnd - valueStart) == null) {
                record(new SipParseException("invalid UTF-8", 400, 0), valueStart, name.name());
                store(ACCESS.unparsedHeader(name, spelled, Lexer.string(b, valueStart, vEnd), false));
                return;
            }
            Header h;
            if (!(folded && hasLineBreak(valueStart, vEnd)) && vEnd - blockStart <= block.length) {
                try {
                    h = ACCESS.header(name, spelled, block, valueStart - blockStart, vEnd - blockStart, ascii, lexer);
                } catch (SipParseException e) {
                    record(e, blockStart, name.name());
                    store(ACCESS.unparsedHeader(name, spelled, Lexer.string(b, valueStart, vEnd), ascii));
                    return;
                }
            } else {
                byte[] value = unfold(valueStart, vEnd);
                try {
                    h = ACCESS.header(name, spelled, value, 0, value.length, ascii, lexer);
                } catch (SipParseException e) {
                    record(e, valueStart, name.name());
                    store(ACCESS.unparsedHeader(name, spelled, Lexer.string(value, 0, value.length), ascii));
                    return;
                }
            }
            store(h);
            stored(h, from);
        }

        /** Notes what the parse needs of header {@code h} (its line starts at {@code from}) once stored. */
        private void stored(Header h, int from) {
            HeaderName<?> name = h.name();
            if (name == HeaderName.CSEQ) {
                if (cseq == null) {
                    cseq = (CSeq) ACCESS.first(h);
                }
            } else if (name == HeaderName.CONTENT_LENGTH) {
                contentLength = ACCESS.first(h) instanceof Long cl ? cl : -1;
            } else if (name == HeaderName.VIA) {
                vias += h.valueCount();
                if (vias > limits.maxVias()) {
                    throw fatal("more than " + limits.maxVias() + " Via values", 400, from);
                }
            }
        }

        /** Index of the first ':' in {@code [from, to)}, or {@code to}; eight bytes at a time (names are short). */
        private int colon(int from, int to) {
            int i = CharClass.indexOf(b, ':', from, to);
            return i < 0 ? to : i;
        }

        private boolean hasLineBreak(int from, int to) {
            for (int i = from; i < to; i++) {
                if (b[i] == '\n') {
                    return true;
                }
            }
            return false;
        }

        private void store(Header h) {
            if (count == headers.length) {
                headers = Arrays.copyOf(headers, Math.max(4, count * 2));
                headerStarts = Arrays.copyOf(headerStarts, Math.max(4, count * 2));
            }
            HeaderName<?> n = h.name();
            int ordinal = ACCESS.ordinal(n);
            if (ordinal >= 0) {
                long bit = 1L << ordinal;
                if ((seen & bit) != 0 && duplicate < 0 && MessageValidator.singleValued(n)) {
                    duplicate = count;
                }
                seen |= bit;
            }
            headerStarts[count] = pos;
            headers[count++] = h;
        }

        /** Joins folded lines: each CRLF (or LF) before SP/HTAB is dropped, the white space stays. */
        private byte[] unfold(int from, int to) {
            byte[] out = new byte[to - from];
            int n = 0;
            for (int i = from; i < to; i++) {
                byte c = b[i];
                if (c != '\r' && c != '\n') {
                    out[n++] = c;
                }
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        }


        // ---- body ------------------------------------------------------------------------------

        private byte[] body(int bodyStart) {
            int available = end - bodyStart;
            long len;
            if (contentLength < 0) {
                if (stream && firstError == null) {
                    throw fatal("Content-Length is required on a stream transport (RFC 3261 §18.3)", 400, bodyStart);
                }
                len = available;
            } else {
                len = contentLength;
                if (len > available) {
                    record(new SipParseException("Content-Length " + len + " exceeds the " + available
                            + " body bytes received (RFC 4475 clerr)", 400, 0), bodyStart, null);
                    len = available;
                } else if (stream && len < available) {
                    record(new SipParseException("Content-Length " + len + " is less than the framed body of "
                            + available + " bytes", 400, 0), bodyStart, null);
                }
            }
            if (len > limits.maxBodyBytes()) {
                throw fatal("body of " + len + " bytes exceeds the limit of " + limits.maxBodyBytes(), 413, bodyStart);
            }
            return len == 0 ? EMPTY : Arrays.copyOfRange(b, bodyStart, bodyStart + (int) len);
        }

        // ---- text and errors -------------------------------------------------------------------

        String ascii(int from, int to) {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }

        /** UTF-8 text (quoted strings, reason phrases, TEXT-UTF8); invalid UTF-8 is an error. */
        String text(int from, int to) {
            for (int i = from; i < to; i++) {
                if (b[i] < 0) {
                    return decodeUtf8(b, from, to - from, from);
                }
            }
            return ascii(from, to);
        }

        private String decodeUtf8(byte[] src, int off, int len, int where) {
            String s = strictUtf8(src, off, len);
            if (s == null) {
                record(new SipParseException("invalid UTF-8", 400, 0), where, null);
                return new String(src, off, len, StandardCharsets.ISO_8859_1);
            }
            return s;
        }

        /** {@code len} bytes of {@code src} from {@code off} decoded as UTF-8, or null when they are not valid UTF-8. */
        private static String strictUtf8(byte[] src, int off, int len) {
            CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            try {
                return d.decode(ByteBuffer.wrap(src, off, len)).toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }

        SipParseException fatal(String reason, int status, int at) {
            int[] lc = lineColumn(at);
            return new SipParseException(reason, status, at - begin, lc[0], lc[1], null);
        }

        /** Keeps the first error; the parse goes on so the partial message has as much as possible. */
        void record(SipParseException e, int base, String header) {
            if (firstError != null) {
                return;
            }
            int at = base + (int) Math.max(0, e.offset());
            at = Math.min(at, end);
            int[] lc = lineColumn(at);
            firstError = new SipParseException(e.reason(), e.status(), at - begin, lc[0], lc[1],
                    header != null ? header : e.header());
        }

        /** 1-based line and column of byte {@code at}. */
        private int[] lineColumn(int at) {
            int ln = 1;
            int ls = begin;
            for (int i = begin; i < at && i < end; i++) {
                if (b[i] == '\n') {
                    ln++;
                    ls = i + 1;
                }
            }
            return new int[] {ln, at - ls + 1};
        }
    }
}
