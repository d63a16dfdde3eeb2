package io.sipim.sip.ua;

import io.sipim.sip.message.SipException;

/**
 * No final response came in time: the client transaction's Timer B (INVITE) or Timer F (any
 * other method) fired on every target tried (RFC 3261 §17.1.1.2, §17.1.2.2).
 */
public final class SipTimeoutException extends SipException {
    private static final long serialVersionUID = 1L;

    private final String timer;

    public SipTimeoutException(String method, String timer, String target) {
        super(method + " to " + target + " timed out: Timer " + timer + " fired without a final response");
        this.timer = timer;
    }

    /** The timer that fired: {@code "B"} or {@code "F"}. */
    public String timer() {
        return timer;
    }
}
