package io.sipim.msrp.relay;

import io.sipim.msrp.message.MsrpException;

/**
 * AUTH at a relay failed: the relay refused the credentials (401 after they were sent), or
 * answered with another failure status, or gave an unusable 200 (RFC 4976 §5).
 */
public final class RelayException extends MsrpException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public RelayException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The relay's status code (401, 403 …), or 0 when the relay's answer was unusable. */
    public int status() {
        return status;
    }
}
