package io.sipim.sip.parse;

import io.sipim.sip.internal.CharClass;
import io.sipim.sip.internal.Lexer;
import io.sipim.sip.internal.Tokens;
import io.sipim.sip.internal.UriParser;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.message.Uri;

/**
 * The start line of a message (RFC 3261 §7.1, §7.2): {@code Request-Line} or {@code Status-Line},
 * read from the bytes of one {@link SipParser} run, which keeps the errors. Single SP separators,
 * no control characters, a three-digit status code; a well-formed SIP-Version other than 2.0 is
 * recorded as a 505, a malformed one is fatal.
 */
final class StartLine {
    String method;
    Uri uri;
    String version;
    int status;
    String reason;
    /** Where the Request-URI is in the run's input; it is parsed by {@link #finish} from the run's copy. */
    private int uriStart;
    private int uriEnd;
    /** The 505 for a SIP-Version other than 2.0, recorded by {@link #finish} after any Request-URI error. */
    private SipParseException versionError;
    private int versionAt;

    private StartLine() {}

    /** {@code Method SP Request-URI SP SIP-Version}; a bad Request-URI is recorded, the rest is fatal. */
    static StartLine request(SipParser.Run r, int from, int to) {
        byte[] b = r.b;
        StartLine sl = new StartLine();
        int p = from;
        while (p < to && CharClass.isToken(b[p] & 0xff)) {
            p++;
        }
        if (p == from || p == to || b[p] != ' ') {
            throw r.fatal(p == from ? "the request line does not start with a method"
                    : "expected a single SP after the method", 400, p);
        }
        sl.method = Tokens.token(b, from, p); // the usual methods are shared instances
        int uriStart = ++p;
        r.requestUriStart = uriStart;
        while (p < to && b[p] != ' ') {
            checkByte(r, p);
            p++;
        }
        if (p == uriStart) {
            throw r.fatal(b[uriStart] == ' ' ? "more than one SP after the method (RFC 4475 lwsstart)"
                    : "missing Request-URI", 400, uriStart);
        }
        if (p - uriStart > r.limits.maxUriLength()) {
            throw r.fatal("Request-URI longer than " + r.limits.maxUriLength() + " characters", 414, uriStart);
        }
        sl.uriStart = uriStart;
        sl.uriEnd = p;
        if (p == to) {
            throw r.fatal("missing SIP-Version in the request line", 400, p);
        }
        int vStart = ++p;
        if (vStart < to && b[vStart] == ' ') {
            throw r.fatal("more than one SP before the SIP-Version (RFC 4475 lwsruri/lwsstart)", 400, vStart);
        }
        while (p < to && b[p] != ' ') {
            p++;
        }
        if (p < to) {
            boolean trailing = true;
            for (int i = p; i < to; i++) {
                trailing &= b[i] == ' ' || b[i] == '\t';
            }
            throw r.fatal(trailing ? "white space after the SIP-Version (RFC 4475 trws)"
                    : "white space inside the Request-URI (RFC 4475 lwsruri)", 400, trailing ? p : uriStart);
        }
        sl.version = sl.version(r, vStart, to);
        return sl;
    }

    /** {@code SIP-Version SP Status-Code SP Reason-Phrase}. */
    static StartLine status(SipParser.Run r, int from, int to) {
        byte[] b = r.b;
        StartLine sl = new StartLine();
        int p = from;
        while (p < to && b[p] != ' ') {
            p++;
        }
        sl.version = sl.version(r, from, p);
        if (p == to) {
            throw r.fatal("missing status code", 400, p);
        }
        int cs = ++p;
        while (p < to && CharClass.isDigit(b[p])) {
            p++;
        }
        if (p - cs != 3 || p < to && b[p] != ' ') {
            throw r.fatal("status code must be three digits (RFC 4475 bigcode)", 400, cs);
        }
        sl.status = (b[cs] - '0') * 100 + (b[cs + 1] - '0') * 10 + (b[cs + 2] - '0');
        if (sl.status < 100 || sl.status > 699) {
            throw r.fatal("status code " + sl.status + " out of range 100..699", 400, cs);
        }
        // Reason-Phrase may be empty (RFC 4475 noreason) and may hold UTF-8 (unreason).
        int rs = p < to ? p + 1 : p;
        for (int i = rs; i < to; i++) {
            checkByte(r, i);
        }
        sl.reason = r.text(rs, to);
        return sl;
    }

    private static void checkByte(SipParser.Run r, int i) {
        byte[] b = r.b;
        int c = b[i] & 0xff;
        if (c < 0x20 && c != '\t' || c == 0x7f) {
            throw r.fatal("control character " + Lexer.describe(c) + " in the start line", 400, i);
        }
    }

    /** SIP-Version: "SIP/2.0" (case-insensitive "SIP"); another well-formed version → 505. */
    private String version(SipParser.Run r, int from, int to) {
        byte[] b = r.b;
        int len = to - from;
        if (len == 7 && (b[from] | 0x20) == 's' && (b[from + 1] | 0x20) == 'i' && (b[from + 2] | 0x20) == 'p'
                && b[from + 3] == '/' && b[from + 4] == '2' && b[from + 5] == '.' && b[from + 6] == '0') {
            return SipMessage.SIP_2_0;
        }
        String v = r.ascii(from, Math.min(to, from + 32));
        boolean wellFormed = v.length() > 4 && v.regionMatches(true, 0, "SIP/", 0, 4)
                && v.substring(4).matches("[0-9]+\\.[0-9]+");
        if (!wellFormed) {
            throw r.fatal("malformed SIP-Version '" + v + "'", 400, from);
        }
        versionError = new SipParseException("SIP-Version " + v + " is not supported (RFC 4475 badvers)", 505, 0);
        versionAt = from;
        return v;
    }

    /**
     * Once the run has its own copy of the message ({@code block}, holding the input from index
     * {@code blockStart} on, start line included): parses the Request-URI from it, recording a
     * bad one, then records a 505 for the SIP-Version, in that order.
     */
    void finish(SipParser.Run r, byte[] block, int blockStart) {
        if (method != null) {
            try {
                uri = UriParser.parse(block, uriStart - blockStart, uriEnd - blockStart, r.lexer.uriParts());
            } catch (SipParseException e) {
                r.record(e, blockStart, null);
            }
        }
        if (versionError != null) {
            r.record(versionError, versionAt, null);
        }
    }
}
