package io.sipim.sip.internal;

import io.sipim.sip.message.Parameters;
import io.sipim.sip.parse.SipParseException;

/**
 * {@code *( SEMI generic-param )} of RFC 3261 §25.1, where
 * {@code generic-param = token [ EQUAL gen-value ]} and {@code gen-value = token / host / quoted-string}.
 */
public final class ParamParser {
    private ParamParser() {}

    private static final MessageAccess ACCESS = MessageAccess.get();

    /**
     * Parses parameters while a SEMI follows. Stops (without consuming) at anything else, such as
     * a COMMA between list elements.
     */
    public static Parameters parse(Lexer lx) {
        return parse(lx, false);
    }

    /** As {@link #parse(Lexer)}; with {@code via}, each parameter is checked as a via-param ({@link ViaParser#check}). */
    static Parameters parse(Lexer lx, boolean via) {
        byte[] s = lx.source();
        int start = lx.pos();
        int e = lx.end();
        if (start >= e || s[start] != ';') {
            return peekSemi(lx) ? general(lx, via) : Parameters.EMPTY;
        }
        // Fast path for the usual ";name=token;flag;name="text"" with no white space, escapes or IPv6 values;
        // anything else starts over on the general grammar below, which also words the errors.
        // Only indexes are kept: the strings are cut when the parameters are first read.
        int max = lx.maxParams();
        int base = lx.rangeBase();
        int[] at = lx.paramRanges(24);
        int n = 0;
        int p = start;
        while (p < e && s[p] == ';') {
            int ns = p + 1;
            int ne = CharClass.skipToken(s, ns, e);
            if (ne == ns || n == max) {
                return general(lx, via);
            }
            p = ne;
            if (p < e && s[p] == '=') {
                int vs = p + 1;
                if (vs < e && s[vs] == '"') {
                    // a quoted-string of plain ASCII text without escapes, kept with its quotes
                    p = CharClass.skip(s, vs + 1, e, CharClass.QDTEXT);
                    if (p == e || s[p] != '"') {
                        return general(lx, via);
                    }
                    p++;
                } else {
                    p = CharClass.skipToken(s, vs, e);
                    if (p == vs) {
                        return general(lx, via);
                    }
                }
            }
            at = lx.putRange(at, base, n, ns, ne, p);
            n++;
        }
        if (p < e && (s[p] == ' ' || s[p] == '\t' || s[p] == ':' || s[p] == '=' || s[p] == '"' || s[p] == '[')) {
            return general(lx, via);
        }
        lx.pos(p);
        if (via) {
            for (int i = base; i < base + 3 * n; i += 3) {
                int ne = at[i + 1];
                int ve = at[i + 2];
                ViaParser.check(s, at[i], ne, ve == ne ? null : s, ne + 1, ve, lx);
            }
        }
        lx.claimRanges(3 * n);
        return ACCESS.parameters(s, at, base, n);
    }

    private static Parameters general(Lexer lx, boolean via) {
        Parameters.Builder b = lx.parametersBuilder();
        int n = 0;
        while (lx.acceptSep(';')) {
            if (n == lx.maxParams()) {
                throw new SipParseException("more than " + lx.maxParams() + " parameters", 400, lx.pos());
            }
            String name = lx.token("parameter name");
            String value = null;
            if (lx.acceptSep('=')) {
                value = genValue(lx);
            }
            b.add(name, value);
            n++;
        }
        Parameters params = b.build();
        if (via) {
            for (int i = 0; i < params.size(); i++) {
                byte[] name = Lexer.utf8(params.name(i));
                String value = params.rawValue(i);
                byte[] v = value == null ? null : Lexer.utf8(value);
                ViaParser.check(name, 0, name.length, v, 0, v == null ? 0 : v.length, lx);
            }
        }
        return params;
    }

    private static boolean peekSemi(Lexer lx) {
        int p = lx.pos();
        byte[] s = lx.source();
        while (p < lx.end() && CharClass.isWsp(s[p])) {
            p++;
        }
        return p < lx.end() && s[p] == ';';
    }

    /** gen-value: token, host (incl. an IPv6 reference) or quoted-string, kept as written. */
    public static String genValue(Lexer lx) {
        int c = lx.peek();
        if (c == '"') {
            return lx.quotedString();
        }
        int start = lx.pos();
        byte[] s = lx.source();
        int p = start;
        if (c == '[') {
            int close = CharClass.indexOf(s, ']', p, lx.end());
            if (close < 0) {
                throw new SipParseException("unterminated IPv6 reference in parameter value", 400, p);
            }
            for (int i = p + 1; i < close; i++) {
                int h = s[i];
                if (!CharClass.isHex(h) && h != ':' && h != '.') {
                    throw new SipParseException("invalid character " + Lexer.describe(h & 0xff) + " in IPv6 reference", 400, i);
                }
            }
            p = close + 1;
        } else {
            while (p < lx.end() && (CharClass.isToken(s[p]) || s[p] == ':')) {
                p++;
            }
            if (p == start) {
                throw new SipParseException(p < lx.end()
                        ? "invalid character " + Lexer.describe(s[p] & 0xff) + " in parameter value"
                        : "missing parameter value", 400, p);
            }
        }
        lx.pos(p);
        return Tokens.token(s, start, p);
    }
}
