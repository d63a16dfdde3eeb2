package io.sipim.sip.parse;

import io.sipim.sip.message.CSeq;
import io.sipim.sip.message.Header;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.internal.MessageAccess;

/**
 * The checks a receiving UAS or proxy makes before it may act on a message (RFC 3261 §8.2,
 * §16.3), beyond the grammar: mandatory headers present, single-valued headers once, CSeq method
 * equal to the request method, no headers in the Request-URI. {@link SipParser} runs these on
 * every message; call {@link #validate} yourself on messages you build.
 */
public final class MessageValidator {
    private MessageValidator() {}

    /** {@code where[0]} value for a defect in the start line. */
    static final int START_LINE = -2;

    private static final MessageAccess ACCESS = MessageAccess.get();

    private static final HeaderName<?>[] MANDATORY = {
        HeaderName.VIA, HeaderName.FROM, HeaderName.TO, HeaderName.CALL_ID, HeaderName.CSEQ
    };

    /** Checks {@code m} with the default limits. */
    public static void validate(SipMessage m) {
        validate(m, SipLimits.DEFAULT);
    }

    /**
     * Checks {@code m}.
     *
     * @throws SipParseException with status 400 and the offending header named
     */
    public static void validate(SipMessage m, SipLimits limits) {
        validate(m, limits, new int[1]);
    }

    /** As {@link #validate(SipMessage, SipLimits)}; {@code where[0]} receives the index of the offending header line, or -1. */
    static void validate(SipMessage m, SipLimits limits, int[] where) {
        where[0] = -1;
        Header[] headers = ACCESS.headerArray(m);
        long seen = 0;
        int vias = 0;
        for (int i = 0; i < headers.length; i++) {
            Header h = headers[i];
            HeaderName<?> n = h.name();
            int ordinal = ACCESS.ordinal(n);
            if (ordinal < 0) {
                continue;
            }
            long bit = 1L << ordinal;
            if (n == HeaderName.VIA) {
                vias += h.valueCount();
            } else if ((seen & bit) != 0 && n.kind() == HeaderName.Kind.SINGLE) {
                where[0] = i;
                throw duplicate(n);
            }
            seen |= bit;
        }
        if (vias > limits.maxVias()) {
            checkMandatory(seen);
            throw error("more than " + limits.maxVias() + " Via values", HeaderName.VIA);
        }
        checkRest(m, headers, seen, m instanceof SipRequest r ? r.cseq() : null, where);
    }

    /**
     * The same checks for a message the parser has just read, from what it noted while reading:
     * {@code seen} has bit {@code ordinal} set for each known header present, {@code duplicate} is
     * the index of the first line of a single-valued header seen before (or -1), and {@code cseq}
     * is the first CSeq value. The parser has already held the Vias to {@code SipLimits.maxVias}.
     */
    static void validateParsed(SipMessage m, long seen, int duplicate, CSeq cseq, int[] where) {
        where[0] = -1;
        Header[] headers = ACCESS.headerArray(m);
        if (duplicate >= 0) {
            where[0] = duplicate;
            throw duplicate(headers[duplicate].name());
        }
        checkRest(m, headers, seen, cseq, where);
    }

    /** True when a second line of {@code n} breaks the single-value rule. */
    static boolean singleValued(HeaderName<?> n) {
        return n != HeaderName.VIA && n.kind() == HeaderName.Kind.SINGLE;
    }

    private static SipParseException duplicate(HeaderName<?> n) {
        // Single-valued headers appear once (RFC 4475 multi01, mcl01).
        return error(n.name() + " appears more than once but allows one value", n);
    }

    private static void checkMandatory(long seen) {
        // RFC 3261 §8.1.1 / §8.2: requests and responses alike need these (RFC 4475 insuf).
        for (HeaderName<?> n : MANDATORY) {
            if ((seen & 1L << ACCESS.ordinal(n)) == 0) {
                throw error("missing mandatory header " + n.name() + " (RFC 3261 §8.1.1)", n);
            }
        }
    }

    private static void checkRest(SipMessage m, Header[] headers, long seen, CSeq cseq, int[] where) {
        checkMandatory(seen);
        if (m instanceof SipRequest r) {
            // §8.2: the CSeq method must match the request method (RFC 4475 mismatch01/02).
            if (cseq != null && !cseq.method().equals(r.method())) {
                where[0] = indexOf(headers, HeaderName.CSEQ);
                throw error("CSeq method " + cseq.method() + " does not match request method " + r.method()
                        + " (RFC 3261 §8.1.1.5)", HeaderName.CSEQ);
            }
            // §19.1.1: headers in a Request-URI are not allowed (RFC 4475 escruri).
            if (r.requestUri() instanceof SipUri u && u.hasHeaders()) {
                where[0] = START_LINE;
                throw new SipParseException("Request-URI carries URI headers, which §19.1.1 forbids there", 400, -1);
            }
        }
    }

    private static int indexOf(Header[] headers, HeaderName<?> n) {
        for (int i = 0; i < headers.length; i++) {
            if (headers[i].name() == n) {
                return i;
            }
        }
        return -1;
    }

    private static SipParseException error(String reason, HeaderName<?> n) {
        return new SipParseException(reason, 400, -1, 0, 0, n.name());
    }
}
