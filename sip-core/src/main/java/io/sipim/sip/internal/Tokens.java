package io.sipim.sip.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Shared instances of the words that fill SIP headers (transport names, parameter names, methods,
 * digest parameter names ...). {@link #substring} answers the shared instance when a region of a
 * value spells one exactly (case-sensitive, so the text is kept as written) and a new substring
 * otherwise: the parser's hot path then allocates nothing for the common words.
 */
public final class Tokens {
    private Tokens() {}

    private static final String[] WORDS = {
        // protocol and transports
        "SIP", "2.0", "UDP", "TCP", "TLS", "SCTP", "WS", "WSS", "udp", "tcp", "tls", "sctp", "ws", "wss",
        // Via, URI and header parameters
        "branch", "received", "rport", "maddr", "ttl", "tag", "lr", "transport", "user", "phone", "ip",
        "method", "expires", "q", "+sip.instance", "reg-id", "ob", "gr", "id", "reason", "handling",
        "required", "optional", "charset", "UTF-8", "utf-8", "duration", "retry-after", "refresher", "uac", "uas",
        // digest (RFC 2617, RFC 8760)
        "Digest", "username", "realm", "nonce", "uri", "response", "algorithm", "cnonce", "opaque", "qop", "nc",
        "MD5", "SHA-256", "SHA-512-256", "auth", "auth-int", "stale", "true", "false", "TRUE", "FALSE",
        "nextnonce", "rspauth", "domain",
        // methods
        "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "MESSAGE", "SUBSCRIBE", "NOTIFY", "PUBLISH",
        "REFER", "INFO", "UPDATE", "PRACK",
        // event packages, states, media types, option tags
        "presence", "presence.winfo", "message-summary", "reg", "dialog", "refer", "active", "pending",
        "terminated", "timeout", "rejected", "deactivated", "noresource", "application", "text", "plain",
        "sdp", "pidf+xml", "message", "cpim", "multipart", "mixed", "related", "rlmi+xml", "im-iscomposing+xml",
        "session", "render", "path", "outbound", "gruu", "timer", "100rel", "replaces", "eventlist", "norefersub",
    };

    /** Longest word kept: two 8-character keys. */
    private static final int MAX = 16;
    private static final int SIZE = 512;
    private static final String[] TABLE = new String[SIZE];
    private static final long[] KEY1 = new long[SIZE];
    private static final long[] KEY2 = new long[SIZE];
    /** Length of the word in each slot, so a probe never touches the String (its length needs the coder). */
    private static final int[] LEN = new int[SIZE];

    static {
        for (String w : WORDS) {
            if (w.length() > MAX) {
                continue;
            }
            long k1 = key(w, 0, Math.min(8, w.length()));
            long k2 = w.length() > 8 ? key(w, 8, w.length()) : 0;
            int slot = slot(k1, k2, w.length());
            while (TABLE[slot] != null) {
                slot = (slot + 1) & (SIZE - 1);
            }
            TABLE[slot] = w;
            KEY1[slot] = k1;
            KEY2[slot] = k2;
            LEN[slot] = w.length();
        }
    }

    /** Up to eight Latin-1 characters packed into a long: equal keys and lengths mean equal text. */
    private static long key(String s, int from, int to) {
        long k = 0;
        for (int i = from; i < to; i++) {
            k = k << 8 | (s.charAt(i) & 0xff);
        }
        return k;
    }

    private static int slot(long k1, long k2, int len) {
        long h = (k1 * 0x9E3779B97F4A7C15L) ^ (k2 * 0xC2B2AE3D27D4EB4FL) ^ len;
        return (int) (h ^ (h >>> 29)) & (SIZE - 1);
    }

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** The shared word spelled by {@code b[from, to)}, or null. */
    static String word(byte[] b, int from, int to) {
        int len = to - from;
        if (len > MAX || len <= 0) {
            return null;
        }
        int n1 = Math.min(len, 8);
        long k1;
        long k2 = 0;
        if (from + 8 <= b.length) {
            k1 = (long) LONG_BE.get(b, from) >>> ((8 - n1) << 3);
        } else {
            k1 = pack(b, from, from + n1);
        }
        if (len > 8) {
            int n2 = len - 8;
            k2 = from + 16 <= b.length ? (long) LONG_BE.get(b, from + 8) >>> ((8 - n2) << 3) : pack(b, from + 8, to);
        }
        int slot = slot(k1, k2, len);
        String w;
        while ((w = TABLE[slot]) != null) {
            if (KEY1[slot] == k1 && KEY2[slot] == k2 && LEN[slot] == len) {
                return w;
            }
            slot = (slot + 1) & (SIZE - 1);
        }
        return null;
    }

    private static long pack(byte[] b, int from, int to) {
        long k = 0;
        for (int i = from; i < to; i++) {
            k = k << 8 | (b[i] & 0xff);
        }
        return k;
    }

    /** {@code b[from, to)} as a String, shared when it is a well-known word; the range holds only ASCII. */
    public static String token(byte[] b, int from, int to) {
        String w = word(b, from, to);
        return w != null ? w : Lexer.ascii(b, from, to);
    }

    /**
     * A parameter value {@code b[from, to)} (ASCII) as a String, as {@link #token}, but without the
     * look-up when it cannot be a shared word: a quoted string, or a number, host address, tag or
     * branch starting with a digit (the words that do, {@code 2.0} and {@code 100rel}, are not
     * parameter values).
     */
    public static String value(byte[] b, int from, int to) {
        if (from >= to) {
            return "";
        }
        int c = b[from];
        return c == '"' || c >= '0' && c <= '9' ? Lexer.ascii(b, from, to) : token(b, from, to);
    }

    /** {@code b[from, to)} as a String (UTF-8 aware), shared when it is a well-known word. */
    public static String substring(byte[] b, int from, int to) {
        String w = word(b, from, to);
        return w != null ? w : Lexer.string(b, from, to);
    }
}
