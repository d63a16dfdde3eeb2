package io.sipim.sip.internal;

import io.sipim.sip.message.AbsoluteUri;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.Uri;
import io.sipim.sip.parse.SipParseException;

/**
 * Parses URIs (RFC 3261 §19.1, §25.1; RFC 3966 for tel) by scanning indexes over the input: no
 * regular expressions, and substrings only for the components kept. Errors are
 * {@link SipParseException}s with status 400 whose offset is the index in the input string of the
 * offending character.
 */
public final class UriParser {
    private UriParser() {}

    /** Parses {@code text} as a URI, choosing the type by scheme. */
    public static Uri parse(String text) {
        byte[] b = Lexer.utf8(text);
        return parse(b, 0, b.length);
    }

    /** Parses {@code text} as a SIP or SIPS URI. */
    public static SipUri parseSip(String text) {
        byte[] b = Lexer.utf8(text);
        return parseSip(b, 0, b.length);
    }

    /** Parses {@code text} as a URI of a scheme other than sip, sips and tel. */
    public static AbsoluteUri parseAbsolute(String text) {
        byte[] b = Lexer.utf8(text);
        return parseAbsolute(b, 0, b.length);
    }

    /** Parses the URI in {@code s} from {@code start} to {@code end}, choosing the type by scheme. */
    public static Uri parse(byte[] s, int start, int end) {
        return parse(s, start, end, new UriAccess.SipParts());
    }

    /** As {@link #parse(byte[], int, int)}, scanning a SIP URI into {@code scratch} (reset first; not kept). */
    public static Uri parse(byte[] s, int start, int end, UriAccess.SipParts scratch) {
        int colon = scheme(s, start, end);
        int n = colon - start;
        if (isSip(s, start, n)) {
            return sip(s, start, end, colon, n == 4, scratch.reset());
        }
        if (isTel(s, start, n)) {
            return TelUriParser.tel(s, start, end, colon);
        }
        return absolute(s, start, end, colon);
    }

    /** True when the n-character scheme at {@code start} is sip or sips, in any case. */
    private static boolean isSip(byte[] s, int start, int n) {
        return (n == 3 || n == 4 && (s[start + 3] | 0x20) == 's') && (s[start] | 0x20) == 's'
                && (s[start + 1] | 0x20) == 'i' && (s[start + 2] | 0x20) == 'p';
    }

    private static boolean isTel(byte[] s, int start, int n) {
        return n == 3 && (s[start] | 0x20) == 't' && (s[start + 1] | 0x20) == 'e' && (s[start + 2] | 0x20) == 'l';
    }

    /** Parses a SIP or SIPS URI; any other scheme is an error. */
    public static SipUri parseSip(byte[] s, int start, int end) {
        int colon = scheme(s, start, end);
        int n = colon - start;
        if (isSip(s, start, n)) {
            return sip(s, start, end, colon, n == 4, new UriAccess.SipParts());
        }
        throw new SipParseException("not a sip or sips URI", 400, start);
    }

    /** Parses a URI of a scheme other than sip, sips and tel, kept verbatim. */
    public static AbsoluteUri parseAbsolute(byte[] s, int start, int end) {
        int colon = scheme(s, start, end);
        int n = colon - start;
        if (isSip(s, start, n) || isTel(s, start, n)) {
            throw new SipParseException("scheme " + Lexer.ascii(s, start, colon).toLowerCase(java.util.Locale.ROOT)
                    + " has its own URI type", 400, start);
        }
        return absolute(s, start, end, colon);
    }

    /** RFC 3261 §25.1: {@code scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )}; answers the index of ':'. */
    static int scheme(byte[] s, int start, int end) {
        if (start >= end) {
            throw new SipParseException("empty URI", 400, start);
        }
        if (!CharClass.isAlpha(s[start])) {
            throw invalid(s, start, "URI scheme");
        }
        int i = start + 1;
        while (i < end && CharClass.is(s[i], CharClass.SCHEME)) {
            i++;
        }
        if (i == end) {
            throw new SipParseException("missing ':' after URI scheme", 400, end);
        }
        if (s[i] != ':') {
            throw invalid(s, i, "URI scheme");
        }
        return i;
    }

    /**
     * RFC 3261 §25.1 {@code absoluteURI}, read as RFC 3986 does: unreserved, reserved (with '#',
     * '[' and ']') and escapes; never white space, '<', '>' or '"', which delimit it in SIP.
     */
    private static AbsoluteUri absolute(byte[] s, int start, int end, int colon) {
        int i = colon + 1;
        if (i == end) {
            throw new SipParseException("empty URI after scheme", 400, i);
        }
        while (i < end) {
            int c = s[i];
            if (c == '%') {
                i = escape(s, i, end, "URI");
            } else if (CharClass.is(c, CharClass.URIC) || c == '#' || c == '[' || c == ']') {
                i++;
            } else {
                throw invalid(s, i, "URI");
            }
        }
        return UriAccess.factory().absoluteUri(text(s, start, end), colon - start);
    }

    /**
     * RFC 3261 §25.1: {@code SIP-URI = "sip:" [ userinfo ] hostport uri-parameters [ headers ]}.
     * No component may hold an unescaped '@', so the first '@' ends the userinfo; a ';' or '?' before
     * it is part of the user (user-unreserved; RFC 4475 semiuri).
     */
    private static SipUri sip(byte[] s, int start, int end, int colon, boolean secure, UriAccess.SipParts u) {
        u.secure = secure;
        int p = colon + 1;
        // The first '@' (found eight bytes at a time) ends the userinfo; the usual user (user
        // characters only) is checked in one scan up to it, anything else by userinfo().
        int at = CharClass.indexOf(s, '@', p, end);
        if (at > p && CharClass.skip(s, p, at, CharClass.USER) == at) {
            u.userStart = p;
            u.userEnd = at;
            p = at + 1;
        } else if (at >= 0) {
            p = userinfo(s, p, at, u);
        }
        p = host(s, p, end, u);
        if (p < end && s[p] == ':') {
            try {
                p = port(s, p + 1, end, u);
            } catch (SipParseException e) {
                // a port that parses leaves one ':' before ';', '?' or the end: never bare IPv6
                if (HostParser.looksLikeBareIpv6(s, u.hostStart, end)) {
                    throw bareIpv6(u.hostStart);
                }
                throw e;
            }
        }
        while (p < end && s[p] == ';') {
            p = parameter(s, p + 1, end, u);
        }
        if (p < end) {
            // host, port and parameter end only at ';', '?' or the end
            headers(s, p + 1, end, u);
        }
        // The text, host and user are cut from the source on first use (most URIs are only compared or routed on).
        u.source = s;
        u.start = start;
        u.end = end;
        SipUri uri = UriAccess.factory().sipUri(u);
        u.claimRanges();
        return uri;
    }

    /** {@code userinfo = ( user / telephone-subscriber ) [ ":" password ] "@"}; answers the index after '@'. */
    private static int userinfo(byte[] s, int p, int at, UriAccess.SipParts u) {
        int q = scan(s, p, at, CharClass.USER, "SIP URI user part");
        if (q < at && s[q] != ':') {
            throw invalid(s, q, "SIP URI user part");
        }
        if (q == p) {
            throw new SipParseException("empty user part", 400, p);
        }
        if (hasEscape(s, p, q)) {
            u.rawUser = Lexer.ascii(s, p, q);
            u.user = UriCodec.unescape(u.rawUser);
        } else {
            u.userStart = p;
            u.userEnd = q;
        }
        if (q < at) {
            int r = scan(s, q + 1, at, CharClass.PASSWORD, "SIP URI password");
            if (r < at) {
                throw invalid(s, r, "SIP URI password");
            }
            u.rawPassword = Lexer.ascii(s, q + 1, at);
            u.password = UriCodec.unescape(u.rawPassword);
        }
        return at + 1;
    }

    /** {@code host = hostname / IPv4address / IPv6reference}; answers the index after it. */
    private static int host(byte[] s, int p, int end, UriAccess.SipParts u) {
        if (p >= end) {
            throw new SipParseException("missing host", 400, p);
        }
        int q;
        if (s[p] == '[') {
            q = p + 1;
            while (q < end && s[q] != ']' && (CharClass.isHex(s[q]) || s[q] == ':'
                    || s[q] == '.')) {
                q++;
            }
            if (q == end || s[q] == ';' || s[q] == '?') {
                throw new SipParseException("unterminated IPv6 reference", 400, p);
            }
            if (s[q] != ']') {
                throw invalid(s, q, "IPv6 reference");
            }
            HostParser.ipv6(s, p + 1, q);
            q++;
            if (q < end && !endsHost(s[q])) {
                throw invalid(s, q, "SIP URI after IPv6 reference");
            }
        } else {
            int r = HostParser.scanNameOrIpv4(s, p, end);
            q = r >= 0 ? r : -1 - r;
            // A valid host name then ':' is only checked for bare IPv6 when the port fails (see sip).
            if (r < 0 && q < end && s[q] == ':' && HostParser.looksLikeBareIpv6(s, p, end)) {
                throw bareIpv6(p);
            }
            if (q < end && !endsHost(s[q])) {
                throw invalid(s, q, "host");
            }
            if (q == p) {
                throw new SipParseException("missing host", 400, p);
            }
            if (r < 0) {
                HostParser.checkNameOrIpv4(s, p, q);
            }
        }
        u.hostStart = p;
        u.hostEnd = q;
        return q;
    }

    /** RFC 5118 §4.2 (ipv6-bad): without brackets the port would be ambiguous. */
    private static SipParseException bareIpv6(int at) {
        return new SipParseException("IPv6 address not enclosed in brackets", 400, at);
    }

    private static boolean endsHost(int c) {
        return c == ':' || c == ';' || c == '?';
    }

    /** {@code port = 1*DIGIT}, 0 to 65535. */
    private static int port(byte[] s, int p, int end, UriAccess.SipParts u) {
        int q = p;
        int v = 0;
        while (q < end && CharClass.isDigit(s[q])) {
            if (v <= 65535) {
                v = v * 10 + s[q] - '0';
            }
            q++;
        }
        if (q < end && s[q] != ';' && s[q] != '?') {
            throw invalid(s, q, "port");
        }
        if (q == p) {
            throw new SipParseException("missing port after ':'", 400, p);
        }
        if (v > 65535) {
            String digits = q - p > 12 ? Lexer.ascii(s, p, p + 12) + "..." : Lexer.ascii(s, p, q);
            throw new SipParseException("port " + digits + " out of range", 400, p);
        }
        u.port = v;
        return q;
    }

    /** {@code uri-parameter = pname [ "=" pvalue ]}, names and values {@code 1*paramchar}; answers the index after it. */
    private static int parameter(byte[] s, int p, int end, UriAccess.SipParts u) {
        // The usual pname[=pvalue] without escapes: only its indexes are kept (strings cut on first use).
        int ne = CharClass.skip(s, p, end, CharClass.PARAM);
        int ve = ne;
        if (ne < end && s[ne] == '=') {
            ve = CharClass.skip(s, ne + 1, end, CharClass.PARAM);
            if (ve == ne + 1) {
                ve = -1;
            }
        }
        if (ne > p && ve >= 0 && (ve == end || s[ve] == ';' || s[ve] == '?')) {
            u.addParameterRange(s, p, ne, ve);
            return ve;
        }
        int q = scan(s, p, end, CharClass.PARAM, "URI parameter");
        if (q == p) {
            if (q < end && s[q] != ';' && s[q] != '?' && s[q] != '=') {
                throw invalid(s, q, "URI parameter");
            }
            throw new SipParseException("empty URI parameter name", 400, p);
        }
        String rawName = Tokens.token(s, p, q);
        String rawValue = null;
        if (q < end && s[q] == '=') {
            int v = q + 1;
            q = scan(s, v, end, CharClass.PARAM, "URI parameter");
            if (q == v && (q == end || s[q] == ';' || s[q] == '?')) {
                throw new SipParseException("empty value of URI parameter " + rawName, 400, v);
            }
            rawValue = Tokens.token(s, v, q);
        }
        if (q < end && s[q] != ';' && s[q] != '?') {
            throw invalid(s, q, "URI parameter");
        }
        u.addParameter(s, rawName, rawValue, UriCodec.unescape(rawName),
                rawValue == null ? null : UriCodec.unescape(rawValue));
        return q;
    }

    /** {@code headers = "?" header *( "&" header )}, {@code header = hname "=" hvalue}; p is after '?'. */
    private static void headers(byte[] s, int p, int end, UriAccess.SipParts u) {
        while (true) {
            int q = scan(s, p, end, CharClass.HNV, "URI header");
            if (q == p && (q == end || s[q] == '=' || s[q] == '&')) {
                throw new SipParseException("empty URI header name", 400, p);
            }
            if (q == end || s[q] == '&') {
                throw new SipParseException("missing '=' after URI header name", 400, q);
            }
            if (s[q] != '=') {
                throw invalid(s, q, "URI header");
            }
            int v = q + 1;
            int r = scan(s, v, end, CharClass.HNV, "URI header");
            if (r < end && s[r] != '&') {
                throw invalid(s, r, "URI header");
            }
            u.addHeader(UriCodec.unescape(s, p, q), UriCodec.unescape(s, v, r));
            if (r == end) {
                return;
            }
            p = r + 1;
        }
    }

    /**
     * Skips characters of the class {@code mask} and well-formed escapes, up to {@code limit};
     * answers the index of the first other character.
     */
    static int scan(byte[] s, int i, int limit, int mask, String part) {
        while (true) {
            i = CharClass.skip(s, i, limit, mask);
            if (i < limit && s[i] == '%') {
                i = escape(s, i, limit, part);
            } else {
                return i;
            }
        }
    }

    /** True when {@code [from, to)} holds a '%' (bounded: the source may be a whole header section). */
    private static boolean hasEscape(byte[] s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s[i] == '%') {
                return true;
            }
        }
        return false;
    }

    /** {@code escaped = "%" HEX HEX}; answers the index after it. */
    static int escape(byte[] s, int i, int limit, String part) {
        if (i + 3 > limit || !CharClass.isHex(s[i + 1]) || !CharClass.isHex(s[i + 2])) {
            throw new SipParseException("invalid escape sequence in " + part, 400, i);
        }
        return i + 3;
    }

    /** The error for a character that {@code part} cannot hold; white space has its own words (RFC 4475 lwsruri). */
    static SipParseException invalid(byte[] s, int i, String part) {
        int c = s[i] & 0xff;
        String reason;
        if (c == ' ') {
            reason = "space in " + part;
        } else if (c == '\t') {
            reason = "tab in " + part;
        } else if (c == '\r' || c == '\n') {
            reason = "line break in " + part;
        } else {
            reason = "invalid character " + Lexer.describe(c & 0xff) + " in " + part;
        }
        return new SipParseException(reason, 400, i);
    }

    private static String text(byte[] s, int start, int end) {
        return Lexer.ascii(s, start, end);
    }
}
