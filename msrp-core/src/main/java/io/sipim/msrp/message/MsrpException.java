package io.sipim.msrp.message;

/**
 * Root of every exception that msrp-core throws. Unchecked: MSRP failures a caller can act on (a
 * 4xx answer, a failure REPORT) are values; exceptions are for input that cannot be understood,
 * for I/O failure and for misuse of the API.
 */
public class MsrpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MsrpException(String message) {
        super(message);
    }

    public MsrpException(String message, Throwable cause) {
        super(message, cause);
    }
}
