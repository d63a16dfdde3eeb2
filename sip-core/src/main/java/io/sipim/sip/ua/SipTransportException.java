package io.sipim.sip.ua;

import io.sipim.sip.message.SipException;
import java.io.IOException;

/** A request could not be sent to any target: every one failed at the transport (RFC 3261 §17.1.4, RFC 3263 §4.3). */
public final class SipTransportException extends SipException {
    private static final long serialVersionUID = 1L;

    public SipTransportException(String message, IOException cause) {
        super(message, cause);
    }
}
