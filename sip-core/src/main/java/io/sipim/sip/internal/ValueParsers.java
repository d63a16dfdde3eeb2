package io.sipim.sip.internal;

import io.sipim.sip.message.CSeq;
import io.sipim.sip.message.ContentDisposition;
import io.sipim.sip.message.Event;
import io.sipim.sip.message.MediaType;
import io.sipim.sip.message.Parameters;
import io.sipim.sip.message.RetryAfter;
import io.sipim.sip.message.SipDate;
import io.sipim.sip.message.SubscriptionState;
import io.sipim.sip.message.Warning;
import io.sipim.sip.parse.SipParseException;

/** The small grammars of RFC 3261 §25.1 and RFC 6665 §8.4: numbers, tokens, CSeq, media types ... */
public final class ValueParsers {
    private ValueParsers() {}

    /** delta-seconds must fit 32 bits unsigned (RFC 3261 §20.19, §20.33; RFC 4475 scalar02/scalarlg). */
    public static final long MAX_DELTA_SECONDS = 0xFFFF_FFFFL;

    public static final HeaderCodec<CSeq> CSEQ = ValueParsers::cseq;
    public static final HeaderCodec<MediaType> MEDIA_TYPE = ValueParsers::mediaType;
    public static final HeaderCodec<Event> EVENT = ValueParsers::event;
    public static final HeaderCodec<SubscriptionState> SUBSCRIPTION_STATE = ValueParsers::subscriptionState;
    public static final HeaderCodec<RetryAfter> RETRY_AFTER = ValueParsers::retryAfter;
    public static final HeaderCodec<Warning> WARNING = ValueParsers::warning;
    public static final HeaderCodec<ContentDisposition> CONTENT_DISPOSITION = ValueParsers::contentDisposition;
    /** A token. */
    public static final HeaderCodec<String> TOKEN = lx -> lx.token("token");
    /** A token with optional generic parameters, kept as one string ({@code gzip;q=0.5}). */
    public static final HeaderCodec<String> TOKEN_PARAMS = lx -> {
        int start = lx.pos();
        lx.token("token");
        ParamParser.parse(lx);
        return lx.slice(start, lx.pos());
    };
    /** Call-ID: {@code word [ "@" word ]}. */
    public static final HeaderCodec<String> CALL_ID = ValueParsers::callId;
    /** delta-seconds (Expires, Min-Expires). */
    public static final HeaderCodec<Long> DELTA_SECONDS = lx -> {
        int start = lx.pos();
        long v = lx.number("delta-seconds");
        if (v > MAX_DELTA_SECONDS) {
            throw new SipParseException("delta-seconds " + v + " exceeds 2^32-1", 400, start);
        }
        return v;
    };
    /** Max-Forwards: 0..255 (RFC 4475 scalar02). */
    public static final HeaderCodec<Integer> MAX_FORWARDS = lx -> {
        int start = lx.pos();
        long v = lx.number("Max-Forwards");
        if (v > 255) {
            throw new SipParseException("Max-Forwards " + v + " exceeds 255", 400, start);
        }
        return (int) v;
    };
    /** Content-Length: a non-negative count of bytes. */
    public static final HeaderCodec<Long> CONTENT_LENGTH = lx -> {
        int start = lx.pos();
        if (lx.peek() == '-') {
            throw new SipParseException("negative Content-Length", 400, start);
        }
        long v = lx.number("Content-Length");
        if (v > Integer.MAX_VALUE) {
            throw new SipParseException("Content-Length " + v + " is too large", 413, start);
        }
        return v;
    };
    /** Any text up to the end of the value (Subject, Server, User-Agent, Organization, extension headers). */
    public static final HeaderCodec<String> TEXT = lx -> {
        byte[] s = lx.source();
        int start = lx.pos();
        int end = lx.end();
        while (end > start && CharClass.isWsp(s[end - 1])) {
            end--;
        }
        lx.pos(lx.end());
        return lx.slice(start, end);
    };
    public static final HeaderCodec<SipDate> DATE = lx -> {
        int start = lx.pos();
        lx.pos(lx.end());
        return new SipDate(lx.string(start, lx.end()).trim());
    };

    /**
     * A token list written {@code a, b, c} (Allow, Supported, Require ...) read in one loop: the one
     * token, or an array holding the tokens from index 0 up to its first null (or its end); null
     * (the lexer unmoved) for any other spelling, which the general list grammar then reads.
     */
    public static Object tokenList(Lexer lx) {
        byte[] s = lx.source();
        int p = lx.pos();
        int e = lx.end();
        String first = null;
        Object[] values = null;
        int n = 0;
        while (true) {
            int te = CharClass.skipToken(s, p, e);
            if (te == p) {
                return null;
            }
            String t = Tokens.token(s, p, te);
            if (n == 0) {
                first = t;
            } else {
                if (values == null) {
                    values = new Object[16];
                    values[0] = first;
                } else if (n == values.length) {
                    values = java.util.Arrays.copyOf(values, n * 2);
                }
                values[n] = t;
            }
            n++;
            p = te;
            if (p == e) {
                lx.pos(p);
                return n == 1 ? first : values;
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

    public static CSeq cseq(Lexer lx) {
        int start = lx.pos();
        long n = lx.number("CSeq number");
        if (n > CSeq.MAX) {
            throw new SipParseException("CSeq number " + n + " is not below 2^31", 400, start);
        }
        if (!lx.skipWs()) {
            throw lx.error("expected white space between CSeq number and method");
        }
        String method = lx.token("CSeq method");
        return new CSeq(n, method);
    }

    public static MediaType mediaType(Lexer lx) {
        String type = lx.token("media type");
        lx.expectSep('/');
        String sub = lx.token("media subtype");
        Parameters p = ParamParser.parse(lx);
        return new MediaType(type, sub, p);
    }

    public static Event event(Lexer lx) {
        String type = lx.token("event type");
        return new Event(type, ParamParser.parse(lx));
    }

    public static SubscriptionState subscriptionState(Lexer lx) {
        String state = lx.token("subscription state");
        Parameters p = ParamParser.parse(lx);
        checkDelta(p.get("expires"), "expires", lx);
        checkDelta(p.get("retry-after"), "retry-after", lx);
        return new SubscriptionState(state, p);
    }

    private static void checkDelta(String v, String name, Lexer lx) {
        if (v != null && deltaSecondsOrMinusOne(v) < 0) {
            throw lx.error("Subscription-State " + name + " must be delta-seconds");
        }
    }

    /** delta-seconds as a number, or -1 when {@code v} is null or not delta-seconds. */
    public static long deltaSecondsOrMinusOne(String v) {
        if (v == null || v.isEmpty() || v.length() > 10) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!CharClass.isDigit(c)) {
                return -1;
            }
            n = n * 10 + c - '0';
        }
        return n > MAX_DELTA_SECONDS ? -1 : n;
    }

    /** As {@link #deltaSecondsOrMinusOne(String)} for the ASCII bytes {@code s[from, to)}. */
    public static long deltaSecondsOrMinusOne(byte[] s, int from, int to) {
        if (to <= from || to - from > 10) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            int c = s[i];
            if (!CharClass.isDigit(c)) {
                return -1;
            }
            n = n * 10 + c - '0';
        }
        return n > MAX_DELTA_SECONDS ? -1 : n;
    }

    public static RetryAfter retryAfter(Lexer lx) {
        long secs = DELTA_SECONDS.parse(lx);
        String comment = null;
        int save = lx.pos();
        lx.skipWs();
        if (lx.peek() == '(') {
            comment = comment(lx);
        } else {
            lx.pos(save);
        }
        return new RetryAfter(secs, comment, ParamParser.parse(lx));
    }

    /** A comment: {@code ( *(ctext / quoted-pair / comment) )}, returned without the outer parentheses. */
    private static String comment(Lexer lx) {
        int start = lx.pos();
        int depth = 0;
        byte[] s = lx.source();
        for (int p = start; p < lx.end(); p++) {
            int c = s[p];
            if (c == '\\') {
                p++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (--depth == 0) {
                    lx.pos(p + 1);
                    return lx.string(start + 1, p);
                }
            }
        }
        throw new SipParseException("unterminated comment", 400, start);
    }

    public static Warning warning(Lexer lx) {
        int start = lx.pos();
        long code = lx.number("warn-code");
        if (lx.pos() - start != 3) {
            throw new SipParseException("warn-code must be three digits", 400, start);
        }
        if (!lx.skipWs()) {
            throw lx.error("expected white space after warn-code");
        }
        int agentStart = lx.pos();
        while (!lx.atEnd() && !CharClass.isWsp(lx.peek())) {
            lx.skip();
        }
        if (lx.pos() == agentStart) {
            throw lx.error("missing warn-agent");
        }
        String agent = lx.string(agentStart, lx.pos());
        lx.skipWs();
        if (lx.peek() != '"') {
            throw lx.error("warn-text must be a quoted string");
        }
        String text = lx.quotedStringContent();
        return new Warning((int) code, agent, text);
    }

    public static ContentDisposition contentDisposition(Lexer lx) {
        String type = lx.token("disposition type");
        return new ContentDisposition(type, ParamParser.parse(lx));
    }

    public static String callId(Lexer lx) {
        byte[] s = lx.source();
        int start = lx.pos();
        int p = start;
        while (p < lx.end() && CharClass.is(s[p], CharClass.WORD)) {
            p++;
        }
        if (p == start) {
            throw lx.error(lx.atEnd() ? "empty Call-ID" : "invalid character " + Lexer.describe(s[p] & 0xff) + " in Call-ID");
        }
        if (p < lx.end() && s[p] == '@') {
            int q = ++p;
            while (p < lx.end() && CharClass.is(s[p], CharClass.WORD)) {
                p++;
            }
            if (p == q) {
                throw new SipParseException("missing word after '@' in Call-ID", 400, p);
            }
        }
        lx.pos(p);
        return lx.slice(start, p);
    }
}
