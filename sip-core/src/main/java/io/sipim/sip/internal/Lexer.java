package io.sipim.sip.internal;

import io.sipim.sip.parse.SipParseException;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over part of a header value, with the small scanning steps that every value grammar
 * of RFC 3261 §25 is made of. It reads UTF-8 bytes (for a parsed message, the parser's copy of the
 * header section), so values are typed straight from what was received. Errors carry the index in
 * the scanned bytes as their offset; the message parser relocates them into the message. Values
 * reaching a Lexer have had their line folds removed, so linear white space is SP/HTAB only.
 */
public final class Lexer {
    private byte[] s;
    private int pos;
    private int end;
    private int maxParams = DEFAULT_MAX_PARAMS;
    private int maxUriLength = Integer.MAX_VALUE;

    /** Parameters allowed on one header value element unless the message parser says otherwise. */
    public static final int DEFAULT_MAX_PARAMS = 64;

    /** A lexer over the UTF-8 bytes of {@code s}. */
    public Lexer(String s) {
        this(utf8(s));
    }

    private Lexer(byte[] b) {
        this(b, 0, b.length);
    }

    public Lexer(byte[] s, int start, int end) {
        this.s = s;
        this.pos = start;
        this.valueStart = start;
        this.end = end;
    }

    /**
     * Stands for "the whole header value" where a codec's typed value is the value text itself
     * (Call-ID, Subject, extension headers): the header then hands out its own text instead of a copy.
     */
    public static final String WHOLE_VALUE = new String("<whole value>");

    private int valueStart;

    /**
     * The UTF-8 bytes of {@code s}. An unpaired surrogate becomes the byte 0xFF, which no grammar
     * accepts (the JDK's encoder would write '?', a legal URI character).
     */
    public static byte[] utf8(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && s.charAt(i) < 0x80) {
            i++;
        }
        if (i == n) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(n + 16);
        out.write(s.getBytes(StandardCharsets.ISO_8859_1), 0, i);
        while (i < n) {
            char c = s.charAt(i);
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                cp = Character.toCodePoint(c, s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.write(0xff);
                i++;
                continue;
            }
            if (cp < 0x80) {
                out.write(cp);
            } else if (cp < 0x800) {
                out.write(0xc0 | cp >> 6);
                out.write(0x80 | cp & 0x3f);
            } else if (cp < 0x10000) {
                out.write(0xe0 | cp >> 12);
                out.write(0x80 | cp >> 6 & 0x3f);
                out.write(0x80 | cp & 0x3f);
            } else {
                out.write(0xf0 | cp >> 18);
                out.write(0x80 | cp >> 12 & 0x3f);
                out.write(0x80 | cp >> 6 & 0x3f);
                out.write(0x80 | cp & 0x3f);
            }
            i++;
        }
        return out.toByteArray();
    }

    /** {@code b[from, to)} as a String: Latin-1 when it is ASCII, UTF-8 otherwise (the parser checked it). */
    public static String string(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return new String(b, from, to - from, StandardCharsets.UTF_8);
            }
        }
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** {@code b[from, to)} as a String; the range holds only ASCII. */
    public static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** {@code [from, to)} of the source as a String (UTF-8 aware). */
    public String string(int from, int to) {
        return string(s, from, to);
    }

    /** Points this lexer at a new value, keeping its limits. */
    public Lexer reset(String value) {
        byte[] b = utf8(value);
        return reset(b, 0, b.length);
    }

    /** Points this lexer at {@code source[start, end)} (the parser reuses one lexer per message). */
    public Lexer reset(byte[] source, int start, int end) {
        this.s = source;
        this.pos = start;
        this.valueStart = start;
        this.end = end;
        return this;
    }

    /** {@code [from, to)} as a String, or {@link #WHOLE_VALUE} when that is the whole value being lexed. */
    public String slice(int from, int to) {
        return from == valueStart && to == end ? WHOLE_VALUE : Tokens.substring(s, from, to);
    }

    private io.sipim.sip.message.Parameters.Builder params;
    private UriAccess.SipParts uriParts;

    /** Scratch for scanning SIP URIs, reused while this lexer lives (the URI parser resets it). */
    public UriAccess.SipParts uriParts() {
        UriAccess.SipParts u = uriParts;
        if (u == null) {
            u = uriParts = new UriAccess.SipParts();
        }
        return u;
    }

    /** A parameters builder this lexer lends to the parameter grammars, so they need not allocate one. */
    public io.sipim.sip.message.Parameters.Builder parametersBuilder() {
        if (params == null) {
            params = io.sipim.sip.message.Parameters.builder();
        }
        return params.clear();
    }

    /**
     * Where the next parameter list's indexes go in {@link #paramRanges}: every list parsed with
     * this lexer (one message), header parameters and URI parameters alike, keeps its indexes in
     * one shared array ({@link UriAccess.SipParts#paramRanges}) instead of a copy of its own.
     */
    public int rangeBase() {
        return uriParts().rangeBase;
    }

    /**
     * The array for the indexes of parsed parameters (see {@code MessageAccess.parameters}), with
     * room for at least {@code min} ints from {@link #rangeBase()}. Growing it copies what it holds
     * into a new array; the old one stays as it is for the lists already made from it.
     */
    public int[] paramRanges(int min) {
        return uriParts().rangeRoom(min);
    }

    /**
     * Stores parameter {@code n}'s indexes (name start, name end, value end) at {@code base + 3 * n}
     * of {@code at}, the array {@link #paramRanges} gave for {@code base} ({@link #rangeBase()});
     * answers the array to go on with, grown through {@link #paramRanges} when it was full.
     */
    public int[] putRange(int[] at, int base, int n, int nameStart, int nameEnd, int valueEnd) {
        int k = base + 3 * n;
        int[] r = k + 3 > at.length ? paramRanges(3 * n + 3) : at;
        r[k] = nameStart;
        r[k + 1] = nameEnd;
        r[k + 2] = valueEnd;
        return r;
    }

    /** Marks {@code n} ints from {@link #rangeBase()} as taken by a parameter list; they are never written again. */
    public void claimRanges(int n) {
        uriParts().rangeBase += n;
    }

    /** The most parameters one element may carry ({@code SipLimits.maxParametersPerHeader}). */
    public int maxParams() {
        return maxParams;
    }

    public Lexer maxParams(int max) {
        this.maxParams = max;
        return this;
    }

    /** The longest URI allowed in a header value ({@code SipLimits.maxUriLength}). */
    public int maxUriLength() {
        return maxUriLength;
    }

    public Lexer maxUriLength(int max) {
        this.maxUriLength = max;
        return this;
    }

    public byte[] source() {
        return s;
    }

    public int pos() {
        return pos;
    }

    public void pos(int p) {
        this.pos = p;
    }

    public int end() {
        return end;
    }

    public boolean atEnd() {
        return pos >= end;
    }

    /** The next character, or -1 at the end. */
    public int peek() {
        return pos < end ? s[pos] & 0xff : -1;
    }

    public void skip() {
        pos++;
    }

    /** Skips SP and HTAB; answers whether any were skipped. */
    public boolean skipWs() {
        int p = pos;
        if (p >= end || s[p] != ' ' && s[p] != '\t') {
            return false;
        }
        byte[] b = s;
        int e = end;
        do {
            p++;
        } while (p < e && (b[p] == ' ' || b[p] == '\t'));
        pos = p;
        return true;
    }

    /** Consumes optional LWS, {@code c}, optional LWS (RFC 3261 §25.1 SEMI, COMMA, EQUAL, SLASH, COLON). */
    public boolean acceptSep(char c) {
        int p = pos;
        byte[] b = s;
        int e = end;
        while (p < e && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        if (p < e && b[p] == c) {
            p++;
            while (p < e && (b[p] == ' ' || b[p] == '\t')) {
                p++;
            }
            pos = p;
            return true;
        }
        return false;
    }

    public void expect(char c) {
        if (pos >= end) {
            throw error("expected '" + c + "' but the value ended");
        }
        if (s[pos] != c) {
            throw error("expected '" + c + "' but found " + describe(s[pos] & 0xff));
        }
        pos++;
    }

    public void expectSep(char c) {
        if (!acceptSep(c)) {
            skipWs();
            expect(c);
        }
    }

    /** A non-empty run of token characters. */
    public String token(String what) {
        int start = pos;
        pos = CharClass.skipToken(s, start, end);
        if (pos == start) {
            throw error(pos < end ? "expected " + what + " but found " + describe(s[pos] & 0xff)
                    : "expected " + what + " but the value ended");
        }
        return Tokens.token(s, start, pos);
    }

    /**
     * A quoted-string (RFC 3261 §25.1) starting at the current DQUOTE, returned with its quotes and
     * escapes as written. Any character from 0x20 up (and HTAB) may stand inside; CR, LF and NUL
     * may not except as quoted-pair where the grammar allows (quoted-pair excludes CR and LF).
     */
    public String quotedString() {
        int start = pos;
        int flags = scanQuoted();
        return (flags & NON_ASCII) == 0 ? ascii(s, start, pos) : string(s, start, pos);
    }

    /** A quoted-string as {@link #quotedString()} reads it, answered without its quotes and escapes. */
    public String quotedStringContent() {
        int start = pos;
        int flags = scanQuoted();
        if ((flags & ESCAPED) != 0) {
            return unquote(string(s, start, pos));
        }
        return (flags & NON_ASCII) == 0 ? ascii(s, start + 1, pos - 1) : string(s, start + 1, pos - 1);
    }

    private static final int NON_ASCII = 1;
    private static final int ESCAPED = 2;

    /** Moves past the quoted-string at the current DQUOTE; answers NON_ASCII / ESCAPED flags. */
    private int scanQuoted() {
        int start = pos;
        expect('"');
        byte[] b = s;
        int e = end;
        int p = pos;
        int flags = 0;
        while (true) {
            p = CharClass.skip(b, p, e, CharClass.QDTEXT);
            if (p >= e) {
                throw new SipParseException("unterminated quoted string", 400, start);
            }
            int c = b[p++];
            if (c == '"') {
                pos = p;
                return flags;
            }
            if (c == '\\') {
                if (p >= e) {
                    throw new SipParseException("unterminated quoted string", 400, start);
                }
                int q = b[p++];
                if (q == '\r' || q == '\n') {
                    throw error(p - 1, "CR or LF in a quoted-pair");
                }
                flags |= ESCAPED | (q < 0 ? NON_ASCII : 0);
            } else if (c < 0x20) {
                if (c >= 0 && c != '\t') {
                    throw error(p - 1, "control character " + describe(c) + " in a quoted string");
                }
                flags |= c < 0 ? NON_ASCII : 0;
            } else if (c == 0x7f) {
                throw error(p - 1, "control character " + describe(c) + " in a quoted string");
            }
        }
    }

    /** Integer made of 1..18 digits (leading zeros allowed, RFC 3261 §25.1 accepts them). */
    public long number(String what) {
        int start = pos;
        long v = 0;
        byte[] b = s;
        int e = end;
        int p = start;
        while (p < e && b[p] >= '0' && b[p] <= '9') {
            if (p - start >= 18 && v != 0) {
                // past 18 digits only leading zeros may have come before
                throw error(start, what + " is too large");
            }
            v = v * 10 + (b[p] - '0');
            p++;
        }
        pos = p;
        if (pos == start) {
            throw error(pos < end ? "expected " + what + " but found " + describe(s[pos] & 0xff)
                    : "expected " + what + " but the value ended");
        }
        return v;
    }

    /** Fails unless only white space remains. */
    public void expectEnd(String what) {
        skipWs();
        if (pos < end) {
            throw error("unexpected " + describe(s[pos] & 0xff) + " after " + what);
        }
    }

    public SipParseException error(String reason) {
        return new SipParseException(reason, 400, pos);
    }

    public SipParseException error(int at, String reason) {
        return new SipParseException(reason, 400, at);
    }

    /** A character as it should appear in an error message. */
    public static String describe(int c) {
        if (c >= 0x21 && c < 0x7f) {
            return "'" + (char) c + "'";
        }
        return String.format("0x%02x", c);
    }

    /** Removes the quotes and quoted-pair escapes of a quoted-string; other values pass through. */
    public static String unquote(String v) {
        if (v == null || v.length() < 2 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') {
            return v;
        }
        if (v.indexOf('\\') < 0) {
            return v.substring(1, v.length() - 1);
        }
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length() - 1) {
                c = v.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Makes a quoted-string of {@code text}, escaping DQUOTE and backslash. */
    public static String quote(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
