package io.sipim.sip.internal;

import io.sipim.sip.parse.SipParseException;

/**
 * A cursor over part of a header value, with the small scanning steps that every value grammar
 * of RFC 3261 §25 is made of. Errors carry the index in the scanned string as their offset; the
 * message parser relocates them into the message. Values reaching a Lexer have had their line
 * folds replaced by SP, so linear white space is SP/HTAB only.
 */
public final class Lexer {
    private String s;
    private int pos;
    private int end;
    private int maxParams = DEFAULT_MAX_PARAMS;
    private int maxUriLength = Integer.MAX_VALUE;

    /** Parameters allowed on one header value element unless the message parser says otherwise. */
    public static final int DEFAULT_MAX_PARAMS = 64;

    public Lexer(String s) {
        this(s, 0, s.length());
    }

    public Lexer(String s, int start, int end) {
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

    /** Points this lexer at a new value, keeping its limits (the parser reuses one lexer per message). */
    public Lexer reset(String value) {
        return reset(value, 0, value.length());
    }

    /** Points this lexer at {@code source[start, end)}. */
    public Lexer reset(String source, int start, int end) {
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

    /** A parameters builder this lexer lends to the parameter grammars, so they need not allocate one. */
    public io.sipim.sip.message.Parameters.Builder parametersBuilder() {
        if (params == null) {
            params = io.sipim.sip.message.Parameters.builder();
        }
        return params.clear();
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

    public String source() {
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
        return pos < end ? s.charAt(pos) : -1;
    }

    public void skip() {
        pos++;
    }

    /** Skips SP and HTAB; answers whether any were skipped. */
    public boolean skipWs() {
        int p = pos;
        while (pos < end && CharClass.isWsp(s.charAt(pos))) {
            pos++;
        }
        return pos > p;
    }

    /** Consumes optional LWS, {@code c}, optional LWS (RFC 3261 §25.1 SEMI, COMMA, EQUAL, SLASH, COLON). */
    public boolean acceptSep(char c) {
        int save = pos;
        skipWs();
        if (pos < end && s.charAt(pos) == c) {
            pos++;
            skipWs();
            return true;
        }
        pos = save;
        return false;
    }

    public void expect(char c) {
        if (pos >= end) {
            throw error("expected '" + c + "' but the value ended");
        }
        if (s.charAt(pos) != c) {
            throw error("expected '" + c + "' but found " + describe(s.charAt(pos)));
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
        while (pos < end && CharClass.isToken(s.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error(pos < end ? "expected " + what + " but found " + describe(s.charAt(pos))
                    : "expected " + what + " but the value ended");
        }
        return Tokens.substring(s, start, pos);
    }

    /**
     * A quoted-string (RFC 3261 §25.1) starting at the current DQUOTE, returned with its quotes and
     * escapes as written. Any character from 0x20 up (and HTAB) may stand inside; CR, LF and NUL
     * may not except as quoted-pair where the grammar allows (quoted-pair excludes CR and LF).
     */
    public String quotedString() {
        int start = pos;
        expect('"');
        while (true) {
            if (pos >= end) {
                throw new SipParseException("unterminated quoted string", 400, start);
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return s.substring(start, pos);
            }
            if (c == '\\') {
                if (pos >= end) {
                    throw new SipParseException("unterminated quoted string", 400, start);
                }
                char q = s.charAt(pos++);
                if (q == '\r' || q == '\n') {
                    throw error(pos - 1, "CR or LF in a quoted-pair");
                }
            } else if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw error(pos - 1, "control character " + describe(c) + " in a quoted string");
            }
        }
    }

    /** Integer made of 1..18 digits (leading zeros allowed, RFC 3261 §25.1 accepts them). */
    public long number(String what) {
        int start = pos;
        long v = 0;
        while (pos < end && CharClass.isDigit(s.charAt(pos))) {
            if (pos - start >= 18) {
                // keep scanning leading zeros only
                if (v != 0) {
                    throw error(start, what + " is too large");
                }
            }
            v = v * 10 + (s.charAt(pos) - '0');
            pos++;
        }
        if (pos == start) {
            throw error(pos < end ? "expected " + what + " but found " + describe(s.charAt(pos))
                    : "expected " + what + " but the value ended");
        }
        return v;
    }

    /** Fails unless only white space remains. */
    public void expectEnd(String what) {
        skipWs();
        if (pos < end) {
            throw error("unexpected " + describe(s.charAt(pos)) + " after " + what);
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
