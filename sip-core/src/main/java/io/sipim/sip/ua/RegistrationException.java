package io.sipim.sip.ua;

import io.sipim.sip.message.SipException;
import io.sipim.sip.message.SipResponse;

/** The registrar refused a REGISTER (a final response other than 2xx, after any digest round). */
public final class RegistrationException extends SipException {
    private static final long serialVersionUID = 1L;

    private final transient SipResponse response;

    public RegistrationException(SipResponse response) {
        super("registration refused: " + response.status() + " " + response.reason());
        this.response = response;
    }

    /** The registrar's final response. */
    public SipResponse response() {
        return response;
    }
}
