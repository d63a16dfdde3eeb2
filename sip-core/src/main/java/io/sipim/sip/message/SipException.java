package io.sipim.sip.message;

/**
 * Root of every exception that sip-core throws. Unchecked: SIP failures that a caller can act on
 * (a 4xx answer, say) are values, not exceptions; exceptions are for input that cannot be
 * understood and for misuse of the API.
 */
public class SipException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SipException(String message) {
        super(message);
    }

    public SipException(String message, Throwable cause) {
        super(message, cause);
    }
}
