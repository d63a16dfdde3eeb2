package io.sipim.sip.internal;

import io.sipim.sip.message.CSeq;
import io.sipim.sip.message.Event;
import io.sipim.sip.message.Header;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.MediaType;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.Parameters;
import io.sipim.sip.message.SubscriptionState;
import io.sipim.sip.message.Uri;
import io.sipim.sip.message.Via;
import io.sipim.sip.parse.SipParseException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The commonest header lines, written as nearly every implementation writes them, scanned, typed
 * and checked in one pass: the canonical name, {@code ": "}, then one value without white space
 * after it. Covered: Via, the name-addr headers (From, To, Contact, Route, Record-Route), CSeq,
 * Call-ID, Content-Length, Max-Forwards, Expires, User-Agent, Subject, Server, the token lists
 * Allow, Supported and Require, the media types of Content-Type and Accept, Event and
 * Subscription-State. Any other spelling or anything
 * unusual in the value (a second value on the line, an IPv6 host, a leading zero, a quoted
 * parameter value with escapes ...) is declined with {@code null}, and the general path (name
 * look-up, {@link Lexer}, the header's codec) parses the line and words its errors. The typed
 * value is the one the codec would give for the same line; the parser's tests compare the two
 * paths on generated lines.
 */
public final class OnePassLines {
    private OnePassLines() {}

    private static final MessageAccess ACCESS = MessageAccess.get();
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** "SIP/2.0/" as eight bytes read big-endian. */
    private static final long SIP_2_0 = 0x5349502f322e302fL;

    /**
     * The header line {@code s[from, to)} (CR LF excluded, no line fold, no control or non-ASCII
     * byte), parsed in one pass, or null when the general path must parse it. {@code lx} lends
     * its shared parameter index array (see {@link Lexer#rangeBase()}).
     */
    public static Header parse(byte[] s, int from, int to, Lexer lx) {
        if (from + 8 > to) {
            return null;
        }
        // The first four bytes of the name, read big-endian, as the case labels spell them.
        switch ((int) INT.get(s, from)) {
            case 0x5669613a: // "Via:"
                return s[from + 4] == ' ' ? via(s, from + 5, to, lx) : null;
            case 0x43536571: // "CSeq"
                return s[from + 4] == ':' && s[from + 5] == ' ' ? cseq(s, from + 6, to) : null;
            case 0x43616c6c: // "Call"
                return spelled(s, from, to, "Call-ID: ") ? callId(s, from + 9, to) : null;
            case 0x436f6e74: // "Cont"
                if (spelled(s, from, to, "Contact: ")) {
                    return address(HeaderName.CONTACT, s, from + 9, to, lx);
                }
                if (spelled(s, from, to, "Content-Type: ")) {
                    return mediaType(HeaderName.CONTENT_TYPE, s, from + 14, to, lx);
                }
                return spelled(s, from, to, "Content-Length: ")
                        ? number(HeaderName.CONTENT_LENGTH, s, from + 16, to, 9, Integer.MAX_VALUE) : null;
            case 0x46726f6d: // "From"
                return spelled(s, from, to, "From: ") ? address(HeaderName.FROM, s, from + 6, to, lx) : null;
            case 0x546f3a20: // "To: "
                return s[from + 4] != ' ' ? address(HeaderName.TO, s, from + 4, to, lx) : null;
            case 0x5265636f: // "Reco"
                return spelled(s, from, to, "Record-Route: ") ? address(HeaderName.RECORD_ROUTE, s, from + 14, to, lx) : null;
            case 0x526f7574: // "Rout"
                return spelled(s, from, to, "Route: ") ? address(HeaderName.ROUTE, s, from + 7, to, lx) : null;
            case 0x4d61782d: // "Max-"
                return spelled(s, from, to, "Max-Forwards: ") ? number(HeaderName.MAX_FORWARDS, s, from + 14, to, 3, 255) : null;
            case 0x45787069: // "Expi"
                return spelled(s, from, to, "Expires: ")
                        ? number(HeaderName.EXPIRES, s, from + 9, to, 10, ValueParsers.MAX_DELTA_SECONDS) : null;
            case 0x55736572: // "User"
                return spelled(s, from, to, "User-Agent: ") ? text(HeaderName.USER_AGENT, s, from + 12, to) : null;
            case 0x5375626a: // "Subj"
                return spelled(s, from, to, "Subject: ") ? text(HeaderName.SUBJECT, s, from + 9, to) : null;
            case 0x53657276: // "Serv"
                return spelled(s, from, to, "Server: ") ? text(HeaderName.SERVER, s, from + 8, to) : null;
            case 0x416c6c6f: // "Allo"
                return spelled(s, from, to, "Allow: ") ? tokens(HeaderName.ALLOW, s, from + 7, to, lx) : null;
            case 0x53757070: // "Supp"
                return spelled(s, from, to, "Supported: ") ? tokens(HeaderName.SUPPORTED, s, from + 11, to, lx) : null;
            case 0x52657175: // "Requ"
                return spelled(s, from, to, "Require: ") ? tokens(HeaderName.REQUIRE, s, from + 9, to, lx) : null;
            case 0x41636365: // "Acce"
                return spelled(s, from, to, "Accept: ") ? mediaType(HeaderName.ACCEPT, s, from + 8, to, lx) : null;
            case 0x4576656e: // "Even"
                return spelled(s, from, to, "Event: ") ? event(s, from + 7, to, lx) : null;
            case 0x53756273: // "Subs"
                return spelled(s, from, to, "Subscription-State: ") ? subscriptionState(s, from + 20, to, lx) : null;
            default:
                return null;
        }
    }

    /** True when {@code s} from {@code from} spells {@code name} exactly and a value byte follows. */
    private static boolean spelled(byte[] s, int from, int to, String name) {
        int n = name.length();
        if (to - from <= n) {
            return false;
        }
        for (int i = 4; i < n; i++) {
            if (s[from + i] != name.charAt(i)) {
                return false;
            }
        }
        return s[from + n] != ' ' && s[from + n] != '\t';
    }

    /** {@code SIP/2.0/transport SP host [":" port] *(";" via-param)}: one Via, the line's only one. */
    private static Header via(byte[] s, int vs, int to, Lexer lx) {
        if (vs + 8 >= to || (long) LONG.get(s, vs) != SIP_2_0) {
            return null;
        }
        int ts = vs + 8;
        int te = CharClass.skipToken(s, ts, to);
        if (te == ts || te + 1 >= to || s[te] != ' ') {
            return null;
        }
        int hs = te + 1;
        int he = HostParser.scanNameOrIpv4(s, hs, to);
        if (he <= hs) {
            return null;
        }
        int p = he;
        int port = -1;
        if (p < to && s[p] == ':') {
            int ds = ++p;
            int v = 0;
            while (p < to && p - ds < 5 && s[p] >= '0' && s[p] <= '9') {
                v = v * 10 + s[p++] - '0';
            }
            if (p == ds || s[ds] == '0' && p - ds > 1 || v > 65535) {
                return null;
            }
            port = v;
        }
        Parameters params = Parameters.EMPTY;
        if (p < to) {
            params = viaParams(s, p, to, lx);
            if (params == null) {
                return null;
            }
        }
        Via via = new Via("SIP", "2.0", Tokens.token(s, ts, te), Lexer.ascii(s, hs, he), port, params);
        return ACCESS.typedHeader(HeaderName.VIA, s, vs, to, via);
    }

    /**
     * {@code 1*( ";" token [ "=" token ] )} from {@code p} to exactly {@code to}, each checked as
     * a via-param ({@link ViaParser#check}): branch must have a value, received an IPv4 address,
     * rport a port or nothing. ttl and maddr, quoted values and anything else are declined.
     */
    private static Parameters viaParams(byte[] s, int p, int to, Lexer lx) {
        int base = lx.rangeBase();
        int[] at = lx.paramRanges(12);
        int max = lx.maxParams();
        int n = 0;
        while (p < to) {
            if (s[p] != ';' || n == max) {
                return null;
            }
            int ns = p + 1;
            int ne = CharClass.skipToken(s, ns, to);
            int ve = ne;
            if (ne < to && s[ne] == '=') {
                ve = CharClass.skipToken(s, ne + 1, to);
                if (ve == ne + 1) {
                    return null;
                }
            }
            int len = ne - ns;
            if (len == 0) {
                return null;
            }
            boolean value = ve > ne;
            long name = len == 3 || len == 5 || len == 6 || len == 8 ? lowerKey(s, ns, len) : 0;
            if (name == 0x6272616e6368L) { // branch
                if (!value) {
                    return null;
                }
            } else if (name == 0x7265636569766564L) { // received
                if (!value || !HostParser.isDottedQuad(s, ne + 1, ve)) {
                    return null;
                }
            } else if (name == 0x72706f7274L) { // rport
                if (value && !isPort(s, ne + 1, ve)) {
                    return null;
                }
            } else if (name == 0x6d61646472L || name == 0x74746cL) { // maddr, ttl
                return null;
            }
            at = lx.putRange(at, base, n, ns, ne, ve);
            n++;
            p = ve;
        }
        lx.claimRanges(3 * n);
        return ACCESS.parameters(s, at, base, n);
    }

    /**
     * The {@code len} (1 to 8) bytes at {@code from} as a big-endian number with 0x20 set in each
     * byte, which folds A-Z onto a-z (and no other byte onto a letter): equal to a lower-case name
     * packed the same way exactly when the bytes spell it in any case.
     */
    private static long lowerKey(byte[] s, int from, int len) {
        if (from + 8 <= s.length) {
            return ((long) LONG.get(s, from) | 0x2020202020202020L) >>> ((8 - len) << 3);
        }
        long k = 0;
        for (int i = 0; i < len; i++) {
            k = k << 8 | (s[from + i] | 0x20) & 0xff;
        }
        return k;
    }

    /** 1 to 5 digits without a leading zero, at most 65535. */
    private static boolean isPort(byte[] s, int from, int to) {
        long v = digits(s, from, to, 5);
        return v >= 0 && v <= 65535;
    }

    /** The value of {@code s[from, to)}: 1 to {@code max} digits without a leading zero; -1 for anything else. */
    private static long digits(byte[] s, int from, int to, int max) {
        if (to <= from || to - from > max || s[from] == '0' && to - from > 1) {
            return -1;
        }
        long v = 0;
        for (int p = from; p < to; p++) {
            int d = s[p] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * {@code [ DQUOTE *qdtext DQUOTE [SP] ] "<" URI ">" *( ";" generic-param )}: one name-addr with
     * an optional quoted display name free of escapes, the line's only value.
     */
    private static Header address(HeaderName<?> name, byte[] s, int vs, int to, Lexer lx) {
        int p = vs;
        String display = null;
        if (s[p] == '"') {
            int q = CharClass.skip(s, p + 1, to, CharClass.QDTEXT);
            if (q >= to || s[q] != '"') {
                return null;
            }
            display = Lexer.ascii(s, p + 1, q);
            p = q + 1;
            if (p < to && s[p] == ' ') {
                p++;
            }
        }
        if (p + 1 >= to || s[p] != '<' || s[p + 1] == ' ' || s[p + 1] == '\t') {
            return null;
        }
        int us = p + 1;
        int close = CharClass.indexOf(s, '>', us, to);
        if (close < 0 || s[close - 1] == ' ' || s[close - 1] == '\t' || close - us > lx.maxUriLength()) {
            return null;
        }
        Uri uri;
        try {
            uri = UriParser.parse(s, us, close, lx.uriParts());
        } catch (SipParseException e) {
            return null;
        }
        Parameters params = tailParams(s, close + 1, to, lx);
        return params == null ? null : ACCESS.typedHeader(name, s, vs, to, new NameAddr(display, uri, params));
    }

    /**
     * {@code *( ";" generic-param )} from {@code p} to exactly {@code to} ({@link ParamParser}),
     * or null when something else follows or a parameter does not parse.
     */
    private static Parameters tailParams(byte[] s, int p, int to, Lexer lx) {
        if (p == to) {
            return Parameters.EMPTY;
        }
        if (s[p] != ';') {
            return null;
        }
        try {
            lx.reset(s, p, to);
            Parameters params = ParamParser.parse(lx);
            return lx.pos() == to ? params : null;
        } catch (SipParseException e) {
            return null;
        }
    }

    /** {@code m-type "/" m-subtype *( ";" m-parameter )}: Content-Type, or Accept with a single media-range. */
    private static Header mediaType(HeaderName<?> name, byte[] s, int vs, int to, Lexer lx) {
        int te = CharClass.skipToken(s, vs, to);
        if (te == vs || te + 1 >= to || s[te] != '/') {
            return null;
        }
        int ss = te + 1;
        int se = CharClass.skipToken(s, ss, to);
        Parameters params = se > ss ? tailParams(s, se, to, lx) : null;
        return params == null ? null : ACCESS.typedHeader(name, s, vs, to,
                new MediaType(Tokens.token(s, vs, te), Tokens.token(s, ss, se), params));
    }

    /** {@code event-type *( ";" event-param )}. */
    private static Header event(byte[] s, int vs, int to, Lexer lx) {
        int te = CharClass.skipToken(s, vs, to);
        Parameters params = te > vs ? tailParams(s, te, to, lx) : null;
        return params == null ? null
                : ACCESS.typedHeader(HeaderName.EVENT, s, vs, to, new Event(Tokens.token(s, vs, te), params));
    }

    /**
     * {@code substate-value *( ";" subexp-params )}, where the first expires and the first
     * retry-after, when they have a value, must be delta-seconds: a plain number is checked here,
     * anything else (a quoted number, an error to word) is left to the general path.
     */
    private static Header subscriptionState(byte[] s, int vs, int to, Lexer lx) {
        int te = CharClass.skipToken(s, vs, to);
        int base = lx.rangeBase();
        Parameters params = te > vs ? tailParams(s, te, to, lx) : null;
        if (params == null) {
            return null;
        }
        int n = params.size();
        if (n > 0) {
            // the ranges are where the fast parameter grammar put them, unless it handed over to the general one
            int[] at = lx.paramRanges(0);
            if (lx.rangeBase() != base + 3 * n || !deltaOrFlag(s, at, base, n, "expires")
                    || !deltaOrFlag(s, at, base, n, "retry-after")) {
                return null;
            }
        }
        return ACCESS.typedHeader(HeaderName.SUBSCRIPTION_STATE, s, vs, to,
                new SubscriptionState(Tokens.token(s, vs, te), params));
    }

    /**
     * True unless the first of the {@code n} parameters at {@code at[base..]} called {@code name}
     * (lower case; matched in any case) has a value other than delta-seconds.
     */
    private static boolean deltaOrFlag(byte[] s, int[] at, int base, int n, String name) {
        int len = name.length();
        for (int i = base; i < base + 3 * n; i += 3) {
            int ns = at[i];
            int ne = at[i + 1];
            if (ne - ns == len && lowerEquals(s, ns, name)) {
                int ve = at[i + 2];
                return ve == ne || ValueParsers.deltaSecondsOrMinusOne(s, ne + 1, ve) >= 0;
            }
        }
        return true;
    }

    /**
     * True when the token bytes at {@code from} spell the lower-case {@code name} in any case
     * (0x20 folds A-Z onto a-z and no other token byte onto a letter or '-').
     */
    private static boolean lowerEquals(byte[] s, int from, String name) {
        for (int i = 0; i < name.length(); i++) {
            if ((s[from + i] | 0x20) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** TEXT-UTF8 (here ASCII) without trailing white space: the whole value, cut when first read. */
    private static Header text(HeaderName<?> name, byte[] s, int vs, int to) {
        return s[to - 1] != ' ' && s[to - 1] != '\t' ? ACCESS.typedHeader(name, s, vs, to, Lexer.WHOLE_VALUE) : null;
    }

    /**
     * {@code token *(COMMA token)} as {@link ValueParsers#tokenList} reads it (a comma, then any
     * spaces, between tokens): one token, or a list whose Strings are made when first read.
     */
    private static Header tokens(HeaderName<?> name, byte[] s, int vs, int to, Lexer lx) {
        int base = lx.rangeBase();
        int[] at = lx.paramRanges(16);
        int n = 0;
        int p = vs;
        while (true) {
            int te = CharClass.skipToken(s, p, to);
            if (te == p) {
                return null;
            }
            int k = base + 2 * n;
            if (k + 2 > at.length) {
                at = lx.paramRanges(2 * n + 2);
            }
            at[k] = p;
            at[k + 1] = te;
            n++;
            p = te;
            if (p == to) {
                break;
            }
            if (s[p] != ',') {
                return null;
            }
            p++;
            while (p < to && s[p] == ' ') {
                p++;
            }
        }
        if (n == 1) {
            return ACCESS.typedHeader(name, s, vs, to, Tokens.token(s, vs, to));
        }
        lx.claimRanges(2 * n);
        return ACCESS.typedHeader(name, s, vs, to, ACCESS.tokenList(s, at, base, n));
    }

    /** {@code 1*DIGIT SP Method}. */
    private static Header cseq(byte[] s, int vs, int to) {
        int p = vs;
        long n = 0;
        while (p < to && p - vs < 10 && s[p] >= '0' && s[p] <= '9') {
            n = n * 10 + s[p++] - '0';
        }
        if (p == vs || n > CSeq.MAX || p + 1 >= to || s[p] != ' ') {
            return null;
        }
        int ms = p + 1;
        if (CharClass.skipToken(s, ms, to) != to) {
            return null;
        }
        return ACCESS.typedHeader(HeaderName.CSEQ, s, vs, to, new CSeq(n, Tokens.token(s, ms, to)));
    }

    /** {@code word ["@" word]}: the whole value, cut when first read. */
    private static Header callId(byte[] s, int vs, int to) {
        int p = vs;
        while (p < to && CharClass.isByte(s[p], CharClass.WORD)) {
            p++;
        }
        if (p == vs) {
            return null;
        }
        if (p < to && s[p] == '@') {
            int q = ++p;
            while (p < to && CharClass.isByte(s[p], CharClass.WORD)) {
                p++;
            }
            if (p == q) {
                return null;
            }
        }
        return p == to ? ACCESS.typedHeader(HeaderName.CALL_ID, s, vs, to, Lexer.WHOLE_VALUE) : null;
    }

    /** A number of at most {@code digits} digits and at most {@code max}, without leading zeros. */
    private static Header number(HeaderName<?> name, byte[] s, int vs, int to, int digits, long max) {
        long v = digits(s, vs, to, digits);
        if (v < 0 || v > max) {
            return null;
        }
        Object typed = name == HeaderName.MAX_FORWARDS ? (Object) (int) v : (Object) v;
        return ACCESS.typedHeader(name, s, vs, to, typed);
    }
}
