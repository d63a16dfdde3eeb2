package io.sipim.sip.internal;

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

    private static final int SIZE = 512;
    private static final String[] TABLE = new String[SIZE];

    static {
        for (String w : WORDS) {
            int slot = hash(w, 0, w.length()) & (SIZE - 1);
            while (TABLE[slot] != null && !TABLE[slot].equals(w)) {
                slot = (slot + 1) & (SIZE - 1);
            }
            TABLE[slot] = w;
        }
    }

    private static int hash(String s, int from, int to) {
        int h = to - from;
        for (int i = from; i < to; i++) {
            h = h * 31 + s.charAt(i);
        }
        return h ^ (h >>> 11);
    }

    /** {@code s.substring(from, to)}, shared when it is a well-known word. */
    public static String substring(String s, int from, int to) {
        int len = to - from;
        if (len <= 16 && len > 0) {
            int slot = hash(s, from, to) & (SIZE - 1);
            String w;
            while ((w = TABLE[slot]) != null) {
                if (w.length() == len && s.regionMatches(from, w, 0, len)) {
                    return w;
                }
                slot = (slot + 1) & (SIZE - 1);
            }
        }
        return from == 0 && to == s.length() ? s : s.substring(from, to);
    }
}
