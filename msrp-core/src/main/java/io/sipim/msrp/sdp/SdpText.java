package io.sipim.msrp.sdp;

import io.sipim.msrp.message.MsrpParseException;
import java.util.HexFormat;

/** Character classes, numbers and hex lists shared by the attribute parsers; not API. */
final class SdpText {

    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private SdpText() {
    }

    static MsrpParseException error(String reason, int index) {
        return new MsrpParseException(reason, 400, index);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHex(char c) {
        return isDigit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }

    /** RFC 2045 / RFC 4975 token character: visible ASCII except tspecials (media types). */
    static boolean isMimeTokenChar(char c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?=".indexOf(c) < 0;
    }

    /** RFC 8866 §9 token-char (SDP tokens: file-transfer-id, hash function names). */
    static boolean isSdpTokenChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2a || c == 0x2b || c == 0x2d || c == 0x2e
                || isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x5e && c <= 0x7e);
    }

    /** The end of the run of MIME token characters starting at {@code i}. */
    static int mimeTokenEnd(String s, int i) {
        while (i < s.length() && isMimeTokenChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The end of the run of SDP token characters starting at {@code i}. */
    static int sdpTokenEnd(String s, int i) {
        while (i < s.length() && isSdpTokenChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Checks that all of {@code s} is one SDP token. */
    static String requireSdpToken(String s, String what) {
        if (s.isEmpty()) {
            throw error(what + " is empty", 0);
        }
        int end = sdpTokenEnd(s, 0);
        if (end != s.length()) {
            throw error("bad character in " + what, end);
        }
        return s;
    }

    /** The end of the run of digits starting at {@code i}. */
    static int digitsEnd(String s, int i) {
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Parses {@code s[from, to)}, all digits, as a non-negative 64-bit number. */
    static long parseLong(String s, int from, int to, String what) {
        if (from == to) {
            throw error(what + " must be a number", from);
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                throw error("bad character in " + what, i);
            }
            if (v > (Long.MAX_VALUE - (c - '0')) / 10) {
                throw error(what + " does not fit in 63 bits", i);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * Parses {@code s[from, to)} as {@code 2HEXDIG *(":" 2HEXDIG)} (RFC 8122 §5, RFC 5547 §10).
     * Lower-case digits are accepted although both grammars ask for upper case: endpoints send them.
     */
    static byte[] parseHexList(String s, int from, int to, String what) {
        if (from == to) {
            throw error(what + " is empty", from);
        }
        if ((to - from + 1) % 3 != 0) {
            // Find the first place where the pattern breaks, to report it.
            for (int i = from; i < to; i++) {
                boolean colon = (i - from) % 3 == 2;
                if (colon ? s.charAt(i) != ':' : !isHex(s.charAt(i))) {
                    throw error("bad character in " + what, i);
                }
            }
            throw error(what + " ends in half a byte", to);
        }
        byte[] bytes = new byte[(to - from + 1) / 3];
        for (int i = from, b = 0; i < to; i += 3, b++) {
            char hi = s.charAt(i);
            char lo = s.charAt(i + 1);
            if (!isHex(hi)) {
                throw error("bad character in " + what, i);
            }
            if (!isHex(lo)) {
                throw error("bad character in " + what, i + 1);
            }
            if (i + 2 < to && s.charAt(i + 2) != ':') {
                throw error(what + " needs ':' between bytes", i + 2);
            }
            bytes[b] = (byte) (Character.digit(hi, 16) << 4 | Character.digit(lo, 16));
        }
        return bytes;
    }

    /** {@code 72:24:5F}: upper-case hex bytes joined by colons. */
    static String formatHexList(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(UPPER_HEX.toHexDigits(bytes[i]));
        }
        return sb.toString();
    }
}
