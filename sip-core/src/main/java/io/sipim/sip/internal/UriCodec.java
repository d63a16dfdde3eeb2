package io.sipim.sip.internal;

import java.nio.charset.StandardCharsets;

/**
 * Escaping ({@code "%" HEX HEX}, RFC 3261 §25.1) of URI components, and the escape-aware
 * comparison of RFC 3261 §19.1.4. Escapes stand for UTF-8 bytes.
 */
public final class UriCodec {
    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();
    /** RFC 2396 reserved: escaped, these stay distinct from their literal form (§19.1.4). */
    private static final String RESERVED = ";/?:@&=+$,";

    private UriCodec() {}

    /** {@code s} with its escapes decoded; the escapes must be well formed. */
    public static String unescape(String s) {
        return unescape(s, 0, s.length());
    }

    /** The range {@code [from, to)} of the ASCII bytes {@code s} with its escapes decoded; they must be well formed. */
    public static String unescape(byte[] s, int from, int to) {
        int pct = CharClass.indexOf(s, '%', from, to);
        if (pct < 0) {
            return Tokens.token(s, from, to);
        }
        byte[] bytes = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte c = s[i];
            if (c == '%' && i + 2 < to) {
                bytes[n++] = (byte) (CharClass.hexValue(s[i + 1]) << 4 | CharClass.hexValue(s[i + 2]));
                i += 2;
            } else {
                bytes[n++] = c;
            }
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    /** The range {@code [from, to)} of {@code s} with its escapes decoded; they must be well formed. */
    public static String unescape(String s, int from, int to) {
        int pct = s.indexOf('%', from);
        if (pct < 0 || pct >= to) {
            return from == 0 && to == s.length() ? s : s.substring(from, to);
        }
        byte[] bytes = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < to) {
                bytes[n++] = (byte) (CharClass.hexValue(s.charAt(i + 1)) << 4 | CharClass.hexValue(s.charAt(i + 2)));
                i += 2;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * Appends {@code value} with every character outside the {@link CharClass} {@code mask}
     * (and every '%') written as the escapes of its UTF-8 bytes.
     */
    public static StringBuilder escape(StringBuilder sb, String value, int mask) {
        int i = 0;
        int n = value.length();
        while (i < n && value.charAt(i) != '%' && CharClass.is(value.charAt(i), mask)) {
            i++;
        }
        if (i == n) {
            return sb.append(value);
        }
        sb.append(value, 0, i);
        byte[] rest = value.substring(i).getBytes(StandardCharsets.UTF_8);
        for (byte b : rest) {
            int c = b & 0xff;
            if (c != '%' && CharClass.is(c, mask)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX_DIGITS[c >> 4]).append(HEX_DIGITS[c & 15]);
            }
        }
        return sb;
    }

    /** {@code value} escaped as {@link #escape(StringBuilder, String, int)} does. */
    public static String escape(String value, int mask) {
        return escape(new StringBuilder(value.length() + 8), value, mask).toString();
    }

    /**
     * RFC 3261 §19.1.4: "Characters other than those in the reserved set are equivalent to their
     * '%' HEX HEX encoding". Compares two components as written; reserved characters compare
     * equal only in the same form (both literal or both escaped).
     */
    public static boolean equivalent(String a, String b, boolean ignoreCase) {
        if (a == null || b == null) {
            return a == b;
        }
        int i = 0;
        int j = 0;
        int na = a.length();
        int nb = b.length();
        while (i < na && j < nb) {
            if (unit(a, i, ignoreCase) != unit(b, j, ignoreCase)) {
                return false;
            }
            i += width(a, i);
            j += width(b, j);
        }
        return i >= na && j >= nb;
    }

    /** A hash consistent with {@link #equivalent}. */
    public static int hash(String s, boolean ignoreCase) {
        if (s == null) {
            return 0;
        }
        int h = 1;
        for (int i = 0; i < s.length(); i += width(s, i)) {
            h = 31 * h + unit(s, i, ignoreCase);
        }
        return h;
    }

    /** A hash consistent with {@link String#equalsIgnoreCase}. */
    public static int hashIgnoreCase(String s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + Character.toLowerCase(Character.toUpperCase(s.charAt(i)));
        }
        return h;
    }

    private static boolean isEscape(String s, int i) {
        return s.charAt(i) == '%' && i + 2 < s.length()
                && CharClass.isHex(s.charAt(i + 1)) && CharClass.isHex(s.charAt(i + 2));
    }

    private static int width(String s, int i) {
        return isEscape(s, i) ? 3 : 1;
    }

    /** The comparison unit at {@code i}: a character, or 256 + byte for an escaped reserved character. */
    private static int unit(String s, int i, boolean ignoreCase) {
        int c;
        if (isEscape(s, i)) {
            c = CharClass.hexValue(s.charAt(i + 1)) << 4 | CharClass.hexValue(s.charAt(i + 2));
            if (RESERVED.indexOf(c) >= 0) {
                return 256 + c;
            }
        } else {
            c = s.charAt(i);
        }
        return ignoreCase && c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
}
