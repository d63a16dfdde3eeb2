package io.sipim.sip.internal;

/**
 * RFC 3261 §25.1 character classes as 128-entry lookup tables. Every method answers false for
 * characters at or above 0x80 unless it says otherwise.
 */
public final class CharClass {
    private CharClass() {}

    public static final int TOKEN = 1;          // token
    public static final int WORD = 1 << 1;      // word (Call-ID)
    public static final int UNRESERVED = 1 << 2; // alphanum / mark
    public static final int USER = 1 << 3;      // unreserved / user-unreserved (escaped handled apart)
    public static final int PASSWORD = 1 << 4;  // unreserved / & = + $ ,
    public static final int PARAM = 1 << 5;     // unreserved / param-unreserved
    public static final int HNV = 1 << 6;       // unreserved / hnv-unreserved
    public static final int HOST = 1 << 7;      // alphanum / - / . (hostname, IPv4)
    public static final int ALPHA = 1 << 8;
    public static final int DIGIT = 1 << 9;
    public static final int HEX = 1 << 10;
    public static final int URIC = 1 << 11;     // reserved / unreserved (absoluteURI, opaque part)
    public static final int SCHEME = 1 << 12;   // ALPHA / DIGIT / + / - / .
    public static final int QDTEXT = 1 << 13;   // HTAB and printable ASCII but DQUOTE and backslash (quoted-string)

    /** 256 entries so that a byte masked with 0xff indexes it without a range check; 0x80 and up are in no class. */
    private static final int[] TABLE = new int[256];

    static {
        for (int c = 'a'; c <= 'z'; c++) {
            set(c, ALPHA | HEX * (c <= 'f' ? 1 : 0));
        }
        for (int c = 'A'; c <= 'Z'; c++) {
            set(c, ALPHA | HEX * (c <= 'F' ? 1 : 0));
        }
        for (int c = '0'; c <= '9'; c++) {
            set(c, DIGIT | HEX);
        }
        for (int c = 0; c < 128; c++) {
            if ((TABLE[c] & (ALPHA | DIGIT)) != 0) {
                set(c, TOKEN | WORD | UNRESERVED | USER | PASSWORD | PARAM | HNV | HOST | URIC | SCHEME);
            }
        }
        setAll("-.!%*_+`'~", TOKEN | WORD);
        setAll("()<>:\\\"/[]?{}", WORD);
        setAll("-_.!~*'()", UNRESERVED | USER | PASSWORD | PARAM | HNV | URIC);
        setAll("&=+$,;?/", USER);
        setAll("&=+$,", PASSWORD);
        setAll("[]/:&+$", PARAM);
        setAll("[]/?:+$", HNV);
        setAll("-.", HOST);
        setAll(";/?:@&=+$,", URIC);
        setAll("+-.", SCHEME);
        for (int c = 0x20; c < 0x7f; c++) {
            if (c != '"' && c != '\\') {
                set(c, QDTEXT);
            }
        }
        set('\t', QDTEXT);
    }

    private static void set(int c, int bits) {
        TABLE[c] |= bits;
    }

    private static void setAll(String chars, int bits) {
        for (int i = 0; i < chars.length(); i++) {
            set(chars.charAt(i), bits);
        }
    }

    /** Index of the first byte of {@code b[from, to)} that is not a token character, or {@code to}. */
    public static int skipToken(byte[] b, int from, int to) {
        int i = from;
        while (i < to && (TABLE[b[i] & 0xff] & TOKEN) != 0) {
            i++;
        }
        return i;
    }

    /** Index of the first byte of {@code b[from, to)} outside every class of {@code mask}, or {@code to}. */
    public static int skip(byte[] b, int from, int to, int mask) {
        int i = from;
        while (i < to && (TABLE[b[i] & 0xff] & mask) == mask) {
            i++;
        }
        return i;
    }

    /** True when the byte {@code b} is in every class of {@code mask}. */
    public static boolean isByte(byte b, int mask) {
        return (TABLE[b & 0xff] & mask) == mask;
    }

    /** True when {@code c} is ASCII and in every class of {@code mask}. */
    public static boolean is(int c, int mask) {
        return c < 128 && c >= 0 && (TABLE[c] & mask) == mask;
    }

    public static boolean isToken(int c) {
        return c < 128 && c >= 0 && (TABLE[c] & TOKEN) != 0;
    }

    public static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isHex(int c) {
        return c < 128 && c >= 0 && (TABLE[c] & HEX) != 0;
    }

    public static boolean isAlpha(int c) {
        return c < 128 && c >= 0 && (TABLE[c] & ALPHA) != 0;
    }

    /** SP or HTAB. */
    public static boolean isWsp(int c) {
        return c == ' ' || c == '\t';
    }

    /** Value 0..15 of a hex digit, -1 otherwise. */
    public static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * Index of {@code c} in {@code s[from, to)}, or -1. Bounded on purpose: header values are
     * ranges of one array that holds the whole header section.
     */
    public static int indexOf(byte[] s, char c, int from, int to) {
        int i = from;
        if (c < 0x80) {
            // eight bytes at a time: a zero byte of x ^ c*0x0101.. is a match; the lowest flagged
            // byte is exact (borrows only run upwards from a true hit)
            long pattern = (c & 0xffL) * 0x0101010101010101L;
            while (i + 8 <= to) {
                long x = (long) LONG_LE.get(s, i) ^ pattern;
                long zero = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
                if (zero != 0) {
                    return i + (Long.numberOfTrailingZeros(zero) >>> 3);
                }
                i += 8;
            }
        }
        for (; i < to; i++) {
            if (s[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static final java.lang.invoke.VarHandle LONG_LE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** True when every character of {@code s} is a token character and {@code s} is not empty. */
    public static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isToken(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when every character of {@code s} is a token character and {@code s} is not empty. */
    public static boolean isToken(CharSequence s) {
        if (s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isToken(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
