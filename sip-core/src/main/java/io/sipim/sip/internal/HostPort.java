package io.sipim.sip.internal;

import io.sipim.sip.parse.SipParseException;

/**
 * host and port (RFC 3261 §25.1, RFC 5118): hostname, IPv4address or an IPv6reference in brackets.
 */
public final class HostPort {
    private HostPort() {}

    /** Scans a host at the lexer position and returns it as written. */
    public static String host(Lexer lx) {
        String s = lx.source();
        int start = lx.pos();
        int end = scanHost(s, start, lx.end());
        lx.pos(end);
        return s.substring(start, end);
    }

    /**
     * Scans a host from {@code start}; returns the index after it.
     *
     * @throws SipParseException when no valid host starts at {@code start}
     */
    public static int scanHost(String s, int start, int end) {
        if (start >= end) {
            throw new SipParseException("missing host", 400, start);
        }
        if (s.charAt(start) == '[') {
            int close = s.indexOf(']', start);
            if (close < 0 || close >= end) {
                throw new SipParseException("unterminated IPv6 reference", 400, start);
            }
            if (!isIpv6(s, start + 1, close)) {
                throw new SipParseException("invalid IPv6 address in reference", 400, start + 1);
            }
            return close + 1;
        }
        int p = start;
        while (p < end && CharClass.is(s.charAt(p), CharClass.HOST)) {
            p++;
        }
        if (p == start) {
            throw new SipParseException("expected a host but found " + Lexer.describe(s.charAt(p)), 400, p);
        }
        if (s.charAt(start) == '-' || s.charAt(start) == '.') {
            throw new SipParseException("host must start with a letter or digit", 400, start);
        }
        return p;
    }

    /** A port: 1 to 5 digits, at most 65535. */
    public static int port(Lexer lx) {
        int start = lx.pos();
        long v = lx.number("port");
        if (v > 65535) {
            throw new SipParseException("port " + v + " out of range", 400, start);
        }
        return (int) v;
    }

    /** True for an IPv4 address or an IPv6 address with or without brackets. */
    public static boolean isIpAddress(String v) {
        if (v.startsWith("[") && v.endsWith("]")) {
            return isIpv6(v, 1, v.length() - 1);
        }
        return isIpv4(v, 0, v.length()) || isIpv6(v, 0, v.length());
    }

    public static boolean isIpv4(String s, int start, int end) {
        int parts = 0;
        int p = start;
        while (parts < 4) {
            int digits = 0;
            int val = 0;
            while (p < end && CharClass.isDigit(s.charAt(p)) && digits < 3) {
                val = val * 10 + s.charAt(p) - '0';
                p++;
                digits++;
            }
            if (digits == 0 || val > 255) {
                return false;
            }
            parts++;
            if (parts < 4) {
                if (p >= end || s.charAt(p) != '.') {
                    return false;
                }
                p++;
            }
        }
        return p == end;
    }

    /** RFC 4291 §2.2 text forms, incl. :: compression and an embedded IPv4 tail. */
    public static boolean isIpv6(String s, int start, int end) {
        int groups = 0;
        boolean compressed = false;
        int p = start;
        if (end - start < 2) {
            return false;
        }
        if (s.charAt(p) == ':') {
            if (s.charAt(p + 1) != ':') {
                return false;
            }
            compressed = true;
            p += 2;
            if (p == end) {
                return true;
            }
        }
        while (p < end) {
            int q = p;
            while (q < end && CharClass.isHex(s.charAt(q)) && q - p < 4) {
                q++;
            }
            if (q < end && s.charAt(q) == '.') {
                // IPv4 tail takes two groups
                if (!isIpv4(s, p, end)) {
                    return false;
                }
                groups += 2;
                p = end;
                break;
            }
            if (q == p) {
                return false;
            }
            groups++;
            p = q;
            if (p == end) {
                break;
            }
            if (s.charAt(p) != ':') {
                return false;
            }
            p++;
            if (p < end && s.charAt(p) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                p++;
                if (p == end) {
                    break;
                }
            } else if (p == end) {
                return false;
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }
}
