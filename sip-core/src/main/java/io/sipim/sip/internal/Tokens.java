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

    private static final int MAX = 20;
    /** Words by length and first character (ASCII); most slots hold none or one word. */
    private static final String[][][] BY_LENGTH = new String[MAX + 1][128][];

    static {
        for (String w : WORDS) {
            String[][] byFirst = BY_LENGTH[w.length()];
            String[] old = byFirst[w.charAt(0)];
            String[] now = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
            now[now.length - 1] = w;
            byFirst[w.charAt(0)] = now;
        }
    }

    /** {@code s.substring(from, to)}, shared when it is a well-known word. */
    public static String substring(String s, int from, int to) {
        int len = to - from;
        if (len <= MAX && len > 0) {
            char first = s.charAt(from);
            String[] candidates = first < 128 ? BY_LENGTH[len][first] : null;
            if (candidates != null) {
                for (String w : candidates) {
                    if (same(w, s, from, len)) {
                        return w;
                    }
                }
            }
        }
        return from == 0 && to == s.length() ? s : s.substring(from, to);
    }

    private static boolean same(String w, String s, int from, int len) {
        return s.startsWith(w, from); // same length already: a block compare of the Latin-1 bytes
    }
}
