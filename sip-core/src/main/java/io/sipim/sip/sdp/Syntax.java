package io.sipim.sip.sdp;

import java.util.List;
import java.util.Objects;

/** Character classes of the RFC 8866 §9 grammar and the argument checks builders share. */
final class Syntax {
    private Syntax() {
    }

    private static final boolean[] TOKEN = new boolean[128];

    static {
        // RFC 8866 §9: token-char = %x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E
        for (int c = 0x21; c <= 0x7E; c++) {
            TOKEN[c] = true;
        }
        for (char c : new char[] {'"', '(', ')', ',', '/', ':', ';', '<', '=', '>', '?', '@', '[', '\\', ']'}) {
            TOKEN[c] = false;
        }
    }

    static boolean isTokenChar(char c) {
        return c < 128 && TOKEN[c];
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code token *("/" token)}: the shape of a proto field (RFC 8866 §5.14). */
    static boolean isProto(String s) {
        for (String part : s.split("/", -1)) {
            if (!isToken(part)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 8866 §9 non-ws-string: visible characters and anything above ASCII, no spaces. */
    static boolean isNonWs(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** RFC 8866 §9 byte-string: anything but NUL, CR and LF (empty allowed, leniently). */
    static boolean isText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c == '\r' || c == '\n') {
                return false;
            }
        }
        return true;
    }

    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static String token(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!isToken(value)) {
            throw new IllegalArgumentException(what + " is not an RFC 8866 token: '" + value + "'");
        }
        return value;
    }

    static String nonWs(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!isNonWs(value)) {
            throw new IllegalArgumentException(what + " must be non-empty without spaces or controls: '" + value + "'");
        }
        return value;
    }

    static String text(String what, String value) {
        if (value != null && !isText(value)) {
            throw new IllegalArgumentException(what + " must not contain NUL, CR or LF");
        }
        return value;
    }

    static String digits(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!isDigits(value)) {
            throw new IllegalArgumentException(what + " must be decimal digits: '" + value + "'");
        }
        return value;
    }

    static <T> List<T> copy(String what, List<T> list) {
        Objects.requireNonNull(list, what);
        for (T t : list) {
            Objects.requireNonNull(t, what + " element");
        }
        return List.copyOf(list);
    }
}
