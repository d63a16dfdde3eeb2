package io.sipim.sip.internal;

import io.sipim.sip.message.Challenge;
import io.sipim.sip.message.Credentials;
import io.sipim.sip.message.Parameters;

/**
 * challenge / credentials (RFC 3261 §25.1, RFC 2617): {@code auth-scheme LWS auth-param *(COMMA auth-param)},
 * and the comma-separated ainfo list of Authentication-Info. An auth-param value is a token or a
 * quoted-string and is kept as written. A scheme may also stand alone (no parameters).
 */
public final class AuthParser {
    private AuthParser() {}

    private static final MessageAccess ACCESS = MessageAccess.get();

    public static final HeaderCodec<Credentials> CREDENTIALS = AuthParser::credentials;
    public static final HeaderCodec<Challenge> CHALLENGE = AuthParser::challenge;
    public static final HeaderCodec<Parameters> AUTH_INFO = new HeaderCodec<>() {
        @Override
        public Parameters parse(Lexer lx) {
            return params(lx, false);
        }

        @Override
        public void format(Parameters p, StringBuilder out) {
            appendParams(p, out);
        }
    };

    public static Credentials credentials(Lexer lx) {
        String scheme = lx.token("auth scheme");
        return new Credentials(scheme, schemeParams(lx));
    }

    public static Challenge challenge(Lexer lx) {
        String scheme = lx.token("auth scheme");
        return new Challenge(scheme, schemeParams(lx));
    }

    private static Parameters schemeParams(Lexer lx) {
        if (!lx.skipWs() || lx.atEnd()) {
            if (!lx.atEnd()) {
                throw lx.error("expected white space after the auth scheme");
            }
            return Parameters.EMPTY;
        }
        return params(lx, true);
    }

    /** {@code auth-param *(COMMA auth-param)}; parses until the end of the value. */
    private static Parameters params(Lexer lx, boolean allowEmpty) {
        Parameters fast = fastParams(lx);
        return fast != null ? fast : generalParams(lx);
    }

    /**
     * The usual {@code name=token} / {@code name="text"} list joined by ", " with plain ASCII
     * quoted strings; null (the lexer unmoved) for anything else, which the general grammar reads.
     */
    private static Parameters fastParams(Lexer lx) {
        byte[] s = lx.source();
        int p = lx.pos();
        int e = lx.end();
        int max = lx.maxParams();
        // Only indexes are kept: the strings are cut when the parameters are first read.
        int base = lx.rangeBase();
        int[] at = lx.paramRanges(30);
        int n = 0;
        while (true) {
            int ns = p;
            int ne = CharClass.skipToken(s, ns, e);
            if (ne == ns || ne + 1 >= e || s[ne] != '=' || n == max) {
                return null;
            }
            int vs = ne + 1;
            int ve;
            if (s[vs] == '"') {
                ve = vs + 1;
                ve = CharClass.skip(s, ve, e, CharClass.QDTEXT);
                if (ve == e || s[ve] != '"') {
                    return null;
                }
                ve++;
            } else {
                ve = CharClass.skipToken(s, vs, e);
                if (ve == vs) {
                    return null;
                }
            }
            at = lx.putRange(at, base, n, ns, ne, ve);
            n++;
            p = ve;
            if (p == e) {
                lx.pos(p);
                lx.claimRanges(3 * n);
                return ACCESS.parameters(s, at, base, n);
            }
            if (s[p] != ',') {
                return null;
            }
            p++;
            while (p < e && s[p] == ' ') {
                p++;
            }
        }
    }

    private static Parameters generalParams(Lexer lx) {
        Parameters.Builder b = lx.parametersBuilder();
        int n = 0;
        do {
            if (n++ == lx.maxParams()) {
                throw lx.error("more than " + lx.maxParams() + " auth parameters");
            }
            String name = lx.token("auth parameter name");
            lx.expectSep('=');
            String value = lx.peek() == '"' ? lx.quotedString() : lx.token("auth parameter value");
            b.add(name, value);
        } while (lx.acceptSep(','));
        return b.build();
    }

    /** {@code scheme name=value, name="value"}. */
    public static String format(String scheme, Parameters p) {
        StringBuilder sb = new StringBuilder(128).append(scheme);
        if (!p.isEmpty()) {
            sb.append(' ');
            appendParams(p, sb);
        }
        return sb.toString();
    }

    private static void appendParams(Parameters p, StringBuilder sb) {
        for (int i = 0; i < p.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(p.name(i)).append('=').append(p.rawValue(i));
        }
    }
}
