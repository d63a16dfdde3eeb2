package io.sipim.sip.message;

import io.sipim.sip.internal.Lexer;
import io.sipim.sip.internal.ValueParsers;
import java.util.Objects;

/**
 * The CSeq header (RFC 3261 §20.16): a sequence number below 2^31 and the request method.
 *
 * @param number the sequence number, 0 ≤ number &lt; 2^31
 * @param method the method, case-sensitive
 */
public record CSeq(long number, String method) {

    /** Largest allowed sequence number, 2^31 - 1 (§8.1.1.5). */
    public static final long MAX = (1L << 31) - 1;

    /** Validating constructor. */
    public CSeq {
        Objects.requireNonNull(method, "method");
        if (number < 0 || number > MAX) {
            throw new IllegalArgumentException("CSeq number " + number + " out of range 0.." + MAX);
        }
        if (!io.sipim.sip.internal.CharClass.isToken(method)) {
            throw new IllegalArgumentException("CSeq method '" + method + "' is not a token");
        }
    }

    public static CSeq parse(String text) {
        Lexer lx = new Lexer(text);
        CSeq c = ValueParsers.cseq(lx);
        lx.expectEnd("CSeq");
        return c;
    }

    @Override
    public String toString() {
        return number + " " + method;
    }
}
