package io.sipim.sip.transport;

import java.util.Locale;

/** A SIP transport protocol (RFC 3261 §18) as named in the Via header and the {@code transport} URI parameter. */
public enum Transport {
    UDP(false, false, 5060),
    TCP(true, false, 5060),
    TLS(true, true, 5061);

    private final boolean reliable;
    private final boolean secure;
    private final int defaultPort;

    Transport(boolean reliable, boolean secure, int defaultPort) {
        this.reliable = reliable;
        this.secure = secure;
        this.defaultPort = defaultPort;
    }

    /** True for stream transports: no retransmission of requests (Timers A, E, G do not run, RFC 3261 §17). */
    public boolean reliable() {
        return reliable;
    }

    /** True for TLS. */
    public boolean secure() {
        return secure;
    }

    /** 5060, or 5061 for TLS (RFC 3261 §19.1.2). */
    public int defaultPort() {
        return defaultPort;
    }

    /** The token in a Via header: {@code UDP}, {@code TCP}, {@code TLS}. */
    public String viaToken() {
        return name();
    }

    /** The transport a Via or {@code transport=} parameter names, case-insensitively; null when unknown (SCTP, WS …). */
    public static Transport fromToken(String token) {
        if (token == null) {
            return null;
        }
        return switch (token.toUpperCase(Locale.ROOT)) {
            case "UDP" -> UDP;
            case "TCP" -> TCP;
            case "TLS" -> TLS;
            default -> null;
        };
    }
}
