package io.sipim.sip.internal;

import io.sipim.sip.message.TelUri;
import io.sipim.sip.parse.SipParseException;

/**
 * RFC 3966 §3: {@code telephone-uri = "tel:" telephone-subscriber}, a global number ({@code "+"}
 * digits) or a local number that must carry a {@code phone-context}, followed by parameters.
 */
final class TelUriParser {
    private TelUriParser() {}

    /** Parses {@code s[start, end)} whose scheme ends at {@code colon}. */
    static TelUri tel(byte[] s, int start, int end, int colon) {
        UriAccess.TelParts t = new UriAccess.TelParts();
        int n0 = colon + 1;
        int p = n0;
        t.global = p < end && s[p] == '+';
        int digits = 0;
        if (t.global) {
            p++;
            // global-number-digits = "+" *phonedigit DIGIT *phonedigit
            for (; p < end; p++) {
                int c = s[p];
                if (CharClass.isDigit(c)) {
                    digits++;
                } else if (!isVisualSeparator(c)) {
                    break;
                }
            }
        } else {
            // local-number-digits = *phonedigit-hex (HEXDIG / "*" / "#") *phonedigit-hex
            for (; p < end; p++) {
                int c = s[p];
                if (CharClass.isHex(c) || c == '*' || c == '#') {
                    digits++;
                } else if (!isVisualSeparator(c)) {
                    break;
                }
            }
        }
        if (p < end && s[p] != ';') {
            throw UriParser.invalid(s, p, "telephone number");
        }
        if (digits == 0) {
            throw new SipParseException("telephone number without digits", 400, n0);
        }
        t.number = Lexer.ascii(s, n0, p);
        boolean context = false;
        while (p < end) {
            // the loop is entered only at ';'
            int q = p + 1;
            while (q < end && (CharClass.isAlpha(s[q]) || CharClass.isDigit(s[q]) || s[q] == '-')) {
                q++;
            }
            if (q == p + 1) {
                if (q < end && s[q] != ';' && s[q] != '=') {
                    throw UriParser.invalid(s, q, "tel URI parameter name");
                }
                throw new SipParseException("empty tel URI parameter name", 400, q);
            }
            String name = Lexer.ascii(s, p + 1, q);
            String value = null;
            if (q < end && s[q] == '=') {
                int v = q + 1;
                q = name.equalsIgnoreCase("isub") ? isub(s, v, end) : UriParser.scan(s, v, end, CharClass.PARAM,
                        "tel URI parameter");
                if (q == v && (q == end || s[q] == ';')) {
                    throw new SipParseException("empty value of tel URI parameter " + name, 400, v);
                }
                if (q < end && s[q] != ';') {
                    throw UriParser.invalid(s, q, "tel URI parameter");
                }
                if (name.equalsIgnoreCase("phone-context")) {
                    descriptor(s, v, q);
                    context = true;
                } else if (name.equalsIgnoreCase("ext")) {
                    extension(s, v, q);
                }
                value = UriCodec.unescape(s, v, q);
            } else if (q < end && s[q] != ';') {
                throw UriParser.invalid(s, q, "tel URI parameter name");
            } else if (name.equalsIgnoreCase("phone-context") || name.equalsIgnoreCase("ext")
                    || name.equalsIgnoreCase("isub")) {
                throw new SipParseException("tel URI parameter " + name + " without value", 400, q);
            }
            t.addParameter(name, value);
            p = q;
        }
        if (!t.global && !context) {
            // RFC 3966 §5.1.5: local numbers MUST have a 'phone-context' parameter
            throw new SipParseException("local number without phone-context", 400, n0);
        }
        t.text = Lexer.ascii(s, start, end);
        return UriAccess.factory().telUri(t);
    }

    static boolean isVisualSeparator(int c) {
        return c == '-' || c == '.' || c == '(' || c == ')';
    }

    /** {@code isdn-subaddress = ";isub=" 1*uric}; a ';' ends it, since it starts the next parameter. */
    private static int isub(byte[] s, int i, int end) {
        while (i < end) {
            int c = s[i];
            if (c == '%') {
                i = UriParser.escape(s, i, end, "tel URI parameter");
            } else if (c != ';' && CharClass.is(c, CharClass.URIC)) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** {@code descriptor = domainname / global-number-digits} (RFC 3966 §3). */
    private static void descriptor(byte[] s, int from, int to) {
        if (s[from] != '+') {
            HostParser.checkHostName(s, from, to);
            return;
        }
        int digits = 0;
        for (int i = from + 1; i < to; i++) {
            int c = s[i];
            if (CharClass.isDigit(c)) {
                digits++;
            } else if (!isVisualSeparator(c)) {
                throw UriParser.invalid(s, i, "phone-context");
            }
        }
        if (digits == 0) {
            throw new SipParseException("phone-context without digits", 400, from);
        }
    }

    /** {@code extension = ";ext=" 1*phonedigit}. */
    private static void extension(byte[] s, int from, int to) {
        int digits = 0;
        for (int i = from; i < to; i++) {
            int c = s[i];
            if (CharClass.isDigit(c)) {
                digits++;
            } else if (!isVisualSeparator(c)) {
                throw UriParser.invalid(s, i, "tel URI extension");
            }
        }
        if (digits == 0) {
            throw new SipParseException("tel URI extension without digits", 400, from);
        }
    }
}
