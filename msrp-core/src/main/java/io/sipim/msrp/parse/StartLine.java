package io.sipim.msrp.parse;

import io.sipim.msrp.message.MsrpParseException;

import java.nio.ByteBuffer;

/**
 * The start line of an MSRP frame (RFC 4975 §9): {@code req-start = "MSRP" SP transact-id SP
 * method CRLF}, {@code resp-start = "MSRP" SP transact-id SP status-code [SP comment] CRLF}.
 * A line whose transaction id cannot be read throws; once the id is known, errors are kept in
 * {@link #error} so that the frame can be skipped to its end-line.
 */
final class StartLine {

    String tid;
    boolean response;
    String method;
    int code;
    String comment;
    /** What is wrong with a line whose transaction id was read, or {@code null}. */
    MsrpParseException error;

    /**
     * Parses {@code s[f, t)} (without CRLF) found at stream offset {@code at}.
     *
     * @param truncated the line was cut at {@code maxBytes}: only its transaction id is wanted
     * @throws MsrpParseException 400 when there is no transaction id to answer to
     */
    void parse(ByteBuffer s, int f, int t, long at, boolean truncated, int maxBytes) {
        error = null;
        method = null;
        comment = null;
        code = 0;
        for (int k = 0; k < 5; k++) {
            if (f + k >= t || s.get(f + k) != "MSRP ".charAt(k)) {
                throw new MsrpParseException("start line must begin with 'MSRP '", 400, at + k);
            }
        }
        int ts = f + 5;
        int te = ts;
        while (te < t && s.get(te) != ' ' && te - ts <= 32) {
            te++;
        }
        int tl = te - ts;
        if (tl < 4 || tl > 32) {
            throw new MsrpParseException("transaction id must be 4 to 32 characters", 400, at + (te - f));
        }
        // RFC 4975 §9: ident = ALPHANUM 3*31ident-char
        if (!Ascii.isAlphanum(s.get(ts))) {
            throw new MsrpParseException("transaction id must start with a letter or digit", 400, at + 5);
        }
        for (int k = ts + 1; k < te; k++) {
            if (!Ascii.isIdentChar(s.get(k))) {
                throw new MsrpParseException("bad character in transaction id", 400, at + (k - f));
            }
        }
        if (te == t && truncated) {
            throw new MsrpParseException(tooLong(maxBytes), 400, at + (t - f));
        }
        tid = Ascii.string(s, ts, te);
        int rs = te + 1;
        response = rs < t && Ascii.isDigit(s.get(rs));
        if (truncated) {
            error = new MsrpParseException(tooLong(maxBytes), 400, at + (t - f), tid);
        } else if (te == t) {
            error = new MsrpParseException("start line lacks a method", 400, at + (te - f), tid);
        } else if (response) {
            status(s, f, rs, t, at);
        } else {
            method = Ascii.method(s, rs, t);
            if (method == null) {
                int k = rs;
                while (k < t && s.get(k) >= 'A' && s.get(k) <= 'Z') {
                    k++;
                }
                error = new MsrpParseException("method must be upper-case letters", 400, at + (k - f), tid);
            }
        }
    }

    private static String tooLong(int maxBytes) {
        return "start line longer than " + maxBytes + " bytes";
    }

    /** {@code 3DIGIT [SP comment]}. */
    private void status(ByteBuffer s, int f, int rs, int t, long at) {
        int k = rs;
        for (; k < rs + 3 && k < t && Ascii.isDigit(s.get(k)); k++) {
            code = code * 10 + (s.get(k) - '0');
        }
        if (k != rs + 3 || code < 100 || (k < t && s.get(k) != ' ')) {
            error = new MsrpParseException("status code must be 3 digits from 100", 400, at + (k - f), tid);
            return;
        }
        if (k < t) {
            for (int c = k + 1; c < t; c++) {
                byte b = s.get(c);
                if (b == '\r' || b == 0) {
                    error = new MsrpParseException("bad character in comment", 400, at + (c - f), tid);
                    return;
                }
            }
            comment = Ascii.utf8(s, k + 1, t);
        }
    }
}
