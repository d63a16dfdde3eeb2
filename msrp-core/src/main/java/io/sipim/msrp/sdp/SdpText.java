package io.sipim.msrp.sdp;

import io.sipim.msrp.message.MsrpParseException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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

    /**
     * The end of an RFC 5547 §6 {@code filename-string} starting at {@code i}: the index of the
     * first NUL, CR, LF or double quote, or the end of {@code s}.
     */
    static int filenameStringEnd(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == 0 || c == '\r' || c == '\n' || c == '"') {
                return i;
            }
            i++;
        }
        return i;
    }

    /**
     * Decodes {@code s[from, to)}, an RFC 5547 §6 {@code filename-string}: characters other than
     * {@code %} stand for themselves, {@code %HH} runs are octets of UTF-8.
     */
    static String percentDecode(String s, int from, int to, String what) {
        if (s.indexOf('%', from) < 0 || s.indexOf('%', from) >= to) {
            return s.substring(from, to);
        }
        StringBuilder sb = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c != '%') {
                sb.append(c);
                i++;
                continue;
            }
            int runStart = i;
            ByteArrayOutputStream octets = new ByteArrayOutputStream();
            while (i < to && s.charAt(i) == '%') {
                if (i + 2 >= to || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
                    throw error(what + ": '%' must be followed by two hex digits", i);
                }
                octets.write(Character.digit(s.charAt(i + 1), 16) << 4 | Character.digit(s.charAt(i + 2), 16));
                i += 3;
            }
            try {
                sb.append(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(octets.toByteArray())));
            } catch (CharacterCodingException e) {
                throw error(what + ": percent-encoded octets are not UTF-8", runStart);
            }
        }
        return sb.toString();
    }

    /** Encodes text as an RFC 5547 §6 {@code filename-string}: NUL, CR, LF, {@code "} and {@code %} as {@code %HH}. */
    static String percentEncode(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || c == '\r' || c == '\n' || c == '"' || c == '%') {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                sb.append('%').append(UPPER_HEX.toHexDigits((byte) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }
}
