package io.sipim.sip.internal;

import io.sipim.sip.parse.SipParseException;
import java.util.Arrays;

/**
 * The host of a SIP URI (RFC 3261 §25.1 {@code host}): a host name, an IPv4 address or an IPv6
 * reference in brackets (RFC 5118). Also compares hosts as RFC 3261 §19.1.4 asks.
 */
public final class HostParser {
    private HostParser() {}

    /**
     * Checks that {@code [from, to)} is a hostname or an IPv4address. A run made only of digits and
     * dots is taken as an IPv4 address, since a host name's top label starts with a letter.
     */
    public static void checkNameOrIpv4(byte[] s, int from, int to) {
        // One pass decides the common case; anything odd goes to the precise checks for their errors.
        boolean numeric = true;
        boolean ok = to > from;
        int label = from;
        int lastLabel = from;
        for (int i = from; i < to && ok; i++) {
            int c = s[i];
            if (c == '.') {
                ok = i > label && s[i - 1] != '-';
                lastLabel = label;
                label = i + 1;
            } else if (c > '9' || c < '0') {
                numeric = false;
                ok = CharClass.isAlpha(c) || c == '-' && i > label;
            }
        }
        if (numeric) {
            checkIpv4(s, from, to);
            return;
        }
        if (ok) {
            int top = label == to ? lastLabel : label;
            if ((label == to || s[to - 1] != '-') && CharClass.isAlpha(s[top])) {
                return;
            }
        }
        checkHostName(s, from, to);
    }

    /**
     * Scans a hostname or IPv4address from {@code from} in one pass and answers the index after it
     * when it is certainly valid, or {@code -1 - index} when the caller must run the precise checks
     * (they produce the error, or accept the rarer forms). IPv4 octets are checked as they go.
     */
    static int scanNameOrIpv4(byte[] s, int from, int end) {
        boolean numeric = true;
        boolean ok = true;
        int label = from;
        int lastLabel = from;
        int octets = 0;
        int octet = 0;
        int i = from;
        for (; i < end; i++) {
            int c = s[i];
            if (c >= '0' && c <= '9') {
                octet = octet * 10 + c - '0';
                ok &= i - label < 3 || !numeric;
            } else if (c == '.') {
                ok &= i > label && s[i - 1] != '-' && (!numeric || octet <= 255);
                octets++;
                octet = 0;
                lastLabel = label;
                label = i + 1;
            } else if (CharClass.isByte(s[i], CharClass.ALPHA)) {
                numeric = false;
            } else if (c == '-') {
                numeric = false;
                ok &= i > label;
            } else {
                break;
            }
        }
        if (!ok || i == from) {
            return -1 - i;
        }
        if (numeric) {
            return octets == 3 && label < i && octet <= 255 ? i : -1 - i;
        }
        int top = label == i ? lastLabel : label;
        return (label == i || s[i - 1] != '-') && CharClass.isAlpha(s[top]) ? i : -1 - i;
    }

    /**
     * RFC 3261 §25.1: {@code hostname = *( domainlabel "." ) toplabel [ "." ]}; labels are
     * alphanumerics and '-' and neither start nor end with '-'; the top label starts with a letter.
     */
    public static void checkHostName(byte[] s, int from, int to) {
        if (from >= to) {
            throw new SipParseException("empty host name", 400, from);
        }
        int label = from;
        int top = from;
        for (int i = from; i <= to; i++) {
            if (i < to && s[i] != '.') {
                int c = s[i];
                if (!CharClass.isAlpha(c) && !CharClass.isDigit(c) && c != '-') {
                    throw new SipParseException("invalid character " + Lexer.describe(c & 0xff) + " in host name", 400, i);
                }
                continue;
            }
            if (i == label) {
                if (i == to && i > from) {
                    break; // the optional trailing dot of a fully qualified name
                }
                throw new SipParseException("empty label in host name", 400, i);
            }
            if (s[label] == '-') {
                throw new SipParseException("host name label starts with '-'", 400, label);
            }
            if (s[i - 1] == '-') {
                throw new SipParseException("host name label ends with '-'", 400, i - 1);
            }
            top = label;
            label = i + 1;
        }
        if (!CharClass.isAlpha(s[top])) {
            throw new SipParseException("top label of host name does not start with a letter", 400, top);
        }
    }

    /** Dotted-quad IPv4 address; octets of 1 to 3 digits up to 255 (RFC 5954 §4.1 dec-octet). */
    public static void checkIpv4(byte[] s, int from, int to) {
        int octets = 0;
        int i = from;
        while (true) {
            int start = i;
            int v = 0;
            while (i < to && CharClass.isDigit(s[i])) {
                v = v * 10 + s[i] - '0';
                if (i - start >= 3) {
                    throw new SipParseException("IPv4 address octet longer than 3 digits", 400, start);
                }
                i++;
            }
            if (i == start) {
                throw new SipParseException(i < to ? "invalid character " + Lexer.describe(s[i] & 0xff)
                        + " in IPv4 address" : "empty octet in IPv4 address", 400, i);
            }
            if (v > 255) {
                throw new SipParseException("IPv4 address octet " + v + " out of range", 400, start);
            }
            octets++;
            if (i == to) {
                break;
            }
            if (s[i] != '.' || octets == 4) {
                throw new SipParseException("invalid character " + Lexer.describe(s[i] & 0xff)
                        + " in IPv4 address", 400, i);
            }
            i++;
        }
        if (octets != 4) {
            throw new SipParseException("IPv4 address with " + octets + " octets instead of 4", 400, from);
        }
    }

    /**
     * Parses the IPv6address between the brackets, {@code [from, to)}, into eight 16-bit groups
     * (RFC 4291 §2.2 text forms, including "::" and a trailing IPv4 address).
     */
    public static int[] ipv6(byte[] s, int from, int to) {
        int[] g = new int[8];
        int n = 0;
        int gap = -1;
        int i = from;
        if (i == to) {
            throw new SipParseException("empty IPv6 reference", 400, from);
        }
        if (s[i] == ':') {
            if (i + 1 >= to || s[i + 1] != ':') {
                throw new SipParseException("IPv6 address starts with a single ':'", 400, i);
            }
            gap = 0;
            i += 2;
        }
        while (i < to) {
            int start = i;
            int v = 0;
            while (i < to && CharClass.isHex(s[i]) && i - start < 5) {
                v = v << 4 | CharClass.hexValue(s[i]);
                i++;
            }
            if (i < to && s[i] == '.') {
                // RFC 4291 §2.2 form 3: the low 32 bits written as an IPv4 address
                checkIpv4(s, start, to);
                if (n > 6) {
                    throw new SipParseException("too many groups in IPv6 address", 400, start);
                }
                int a = 0;
                for (int k = start, part = 0; k <= to; k++) {
                    if (k == to || s[k] == '.') {
                        a = a << 8 | part;
                        part = 0;
                    } else {
                        part = part * 10 + s[k] - '0';
                    }
                }
                g[n++] = a >>> 16;
                g[n++] = a & 0xffff;
                i = to;
                break;
            }
            if (i == start) {
                throw new SipParseException("invalid character " + Lexer.describe(s[i] & 0xff)
                        + " in IPv6 address", 400, i);
            }
            if (i - start > 4) {
                throw new SipParseException("IPv6 address group longer than 4 hex digits", 400, start);
            }
            if (n == 8) {
                throw new SipParseException("too many groups in IPv6 address", 400, start);
            }
            g[n++] = v;
            if (i == to) {
                break;
            }
            if (s[i] != ':') {
                throw new SipParseException("invalid character " + Lexer.describe(s[i] & 0xff)
                        + " in IPv6 address", 400, i);
            }
            i++;
            if (i < to && s[i] == ':') {
                if (gap >= 0) {
                    throw new SipParseException("more than one '::' in IPv6 address", 400, i - 1);
                }
                gap = n;
                i++;
                // RFC 5118 §4.10: RFC 3261's ABNF admits ":::" before an IPv4 tail; tolerate it.
                if (i < to && s[i] == ':' && CharClass.indexOf(s, '.', i, to) >= 0) {
                    i++;
                }
            } else if (i == to) {
                throw new SipParseException("IPv6 address ends with a single ':'", 400, i - 1);
            }
        }
        if (gap < 0) {
            if (n != 8) {
                throw new SipParseException("IPv6 address with " + n + " groups instead of 8", 400, from);
            }
            return g;
        }
        if (n > 7) {
            throw new SipParseException("'::' in an IPv6 address that has 8 groups", 400, from);
        }
        int tail = n - gap;
        System.arraycopy(g, gap, g, 8 - tail, tail);
        Arrays.fill(g, gap, 8 - tail, 0);
        return g;
    }

    /** Scans a host (name, IPv4 address or IPv6 reference) at the lexer position and returns it as written. */
    public static String host(Lexer lx) {
        byte[] s = lx.source();
        int start = lx.pos();
        int end;
        if (start < lx.end() && s[start] == '[') {
            int close = CharClass.indexOf(s, ']', start, lx.end());
            if (close < 0) {
                throw new SipParseException("unterminated IPv6 reference", 400, start);
            }
            ipv6(s, start + 1, close);
            end = close + 1;
        } else {
            int r = scanNameOrIpv4(s, start, lx.end());
            end = r >= 0 ? r : -1 - r;
            if (end == start) {
                throw new SipParseException(start < lx.end() ? "expected a host but found "
                        + Lexer.describe(s[start] & 0xff) : "missing host", 400, start);
            }
            if (r < 0) {
                checkNameOrIpv4(s, start, end);
            }
        }
        lx.pos(end);
        return Lexer.ascii(s, start, end);
    }

    /** A port: digits, at most 65535. */
    public static int port(Lexer lx) {
        int start = lx.pos();
        long v = lx.number("port");
        if (v > 65535) {
            throw new SipParseException("port " + v + " out of range", 400, start);
        }
        return (int) v;
    }

    /** True for an IPv4 address, or an IPv6 address with or without brackets (Via received, RFC 3261 §18.2.1). */
    public static boolean isIpAddress(String text) {
        byte[] v = Lexer.utf8(text);
        return isIpAddress(v, 0, v.length);
    }

    /** True for an IPv4 address, or an IPv6 address with or without brackets, at {@code v[from, to)}. */
    public static boolean isIpAddress(byte[] v, int from, int to) {
        if (isDottedQuad(v, from, to)) {
            return true; // the common case, checked in one pass
        }
        try {
            if (to - from >= 2 && v[from] == '[' && v[to - 1] == ']') {
                ipv6(v, from + 1, to - 1);
            } else if (CharClass.indexOf(v, ':', from, to) >= 0) {
                ipv6(v, from, to);
            } else {
                checkIpv4(v, from, to);
            }
            return true;
        } catch (SipParseException e) {
            return false;
        }
    }

    /** True when {@code v[from, to)} is exactly an IPv4 address: four octets of 1-3 digits up to 255. */
    static boolean isDottedQuad(byte[] v, int from, int to) {
        int octets = 0;
        int digits = 0;
        int octet = 0;
        for (int i = from; i < to; i++) {
            int c = v[i];
            if (c >= '0' && c <= '9') {
                octet = octet * 10 + c - '0';
                if (++digits > 3 || octet > 255) {
                    return false;
                }
            } else if (c == '.' && digits > 0 && octets < 3) {
                octets++;
                digits = 0;
                octet = 0;
            } else {
                return false;
            }
        }
        return octets == 3 && digits > 0;
    }

    /**
     * True when {@code [from, ...)} up to the first ';', '?' or {@code end} reads like an IPv6
     * address written without its brackets: hex digits, dots and at least two ':'.
     */
    public static boolean looksLikeBareIpv6(byte[] s, int from, int end) {
        int colons = 0;
        for (int i = from; i < end; i++) {
            int c = s[i];
            if (c == ';' || c == '?') {
                break;
            }
            if (c == ':') {
                colons++;
            } else if (!CharClass.isHex(c) && c != '.') {
                return false;
            }
        }
        return colons >= 2;
    }

    /**
     * RFC 3261 §19.1.4: hosts compare case-insensitively; RFC 5118 §4.3 (and RFC 4291 §2.2): an
     * IPv6 reference is compared as an address, whatever text form it was written in.
     */
    public static boolean equal(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        if (a.startsWith("[") && b.startsWith("[")) {
            byte[] x = Lexer.utf8(a);
            byte[] y = Lexer.utf8(b);
            return Arrays.equals(ipv6(x, 1, x.length - 1), ipv6(y, 1, y.length - 1));
        }
        return false;
    }

    /** A hash consistent with {@link #equal}. */
    public static int hash(String host) {
        if (host.startsWith("[")) {
            byte[] x = Lexer.utf8(host);
            return Arrays.hashCode(ipv6(x, 1, x.length - 1));
        }
        int h = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            h = 31 * h + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        return h;
    }
}
