package io.sipim.msrp.parse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.sipim.msrp.message.MsrpRequest;

/** Byte classes of RFC 4975 §9 and byte-to-text helpers for the parser, over absolute ByteBuffer indexes. */
final class Ascii {

    private static final int ALPHANUM = 1;
    private static final int IDENT = 2;
    private static final int TOKEN = 4;
    private static final byte[] CLASS = new byte[256];

    static {
        for (int c = 0; c < 128; c++) {
            int k = 0;
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (alnum) {
                k |= ALPHANUM | IDENT;
            }
            // RFC 4975 §9: ident-char = ALPHANUM / "." / "-" / "+" / "%" / "="
            if (".-+%=".indexOf(c) >= 0) {
                k |= IDENT;
            }
            // token: visible ASCII except separators
            if (c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0) {
                k |= TOKEN;
            }
            CLASS[c] = (byte) k;
        }
    }

    private Ascii() {
    }

    static boolean isAlphanum(byte b) {
        return (CLASS[b & 0xff] & ALPHANUM) != 0;
    }

    static boolean isIdentChar(byte b) {
        return (CLASS[b & 0xff] & IDENT) != 0;
    }

    static boolean isToken(byte b) {
        return (CLASS[b & 0xff] & TOKEN) != 0;
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    static boolean startsWithDashes(ByteBuffer s, int f) {
        for (int k = f; k < f + 7; k++) {
            if (s.get(k) != '-') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s[f, f+len)} equals {@code p[off, off+len)}. */
    static boolean equals(ByteBuffer s, int f, byte[] p, int off, int len) {
        if (s.hasArray()) {
            int a = s.arrayOffset() + f;
            return java.util.Arrays.equals(s.array(), a, a + len, p, off, off + len);
        }
        for (int k = 0; k < len; k++) {
            if (s.get(f + k) != p[off + k]) {
                return false;
            }
        }
        return true;
    }

    /** Case-insensitive comparison of ASCII {@code s[f, f+len)} with the lower-case {@code lower}. */
    static boolean equalsLower(ByteBuffer s, int f, int len, byte[] lower) {
        if (len != lower.length) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            int b = s.get(f + k);
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lower[k]) {
                return false;
            }
        }
        return true;
    }

    static String string(ByteBuffer s, int from, int to) {
        return text(s, from, to, StandardCharsets.ISO_8859_1);
    }

    static String utf8(ByteBuffer s, int from, int to) {
        return text(s, from, to, StandardCharsets.UTF_8);
    }

    private static String text(ByteBuffer s, int from, int to, java.nio.charset.Charset cs) {
        if (s.hasArray()) {
            return new String(s.array(), s.arrayOffset() + from, to - from, cs);
        }
        byte[] b = new byte[to - from];
        s.get(from, b);
        return new String(b, cs);
    }

    private static final byte[] SEND = {'S', 'E', 'N', 'D'};
    private static final byte[] REPORT = {'R', 'E', 'P', 'O', 'R', 'T'};
    private static final byte[] AUTH = {'A', 'U', 'T', 'H'};

    /** RFC 4975 §9: method = 1*UPALPHA; the known ones as constants; {@code null} if malformed. */
    static String method(ByteBuffer s, int from, int to) {
        if (to == from) {
            return null;
        }
        for (int k = from; k < to; k++) {
            byte b = s.get(k);
            if (b < 'A' || b > 'Z') {
                return null;
            }
        }
        int n = to - from;
        if (n == 4 && equals(s, from, SEND, 0, 4)) {
            return MsrpRequest.SEND;
        }
        if (n == 6 && equals(s, from, REPORT, 0, 6)) {
            return MsrpRequest.REPORT;
        }
        if (n == 4 && equals(s, from, AUTH, 0, 4)) {
            return MsrpRequest.AUTH;
        }
        return string(s, from, to);
    }
}
