package io.sipim.sip.ua;

import io.sipim.sip.message.SipException;
import io.sipim.sip.message.SipResponse;

/**
 * An INVITE (initial or re-INVITE) did not set up or change the session: the peer answered with a
 * final response other than 2xx (486 Busy Here, 487 after a CANCEL, 491 Request Pending ...), or
 * the call could not be completed after a 2xx (no ACK within 64·T1, RFC 3261 §13.3.1.4; an answer
 * that does not parse). Like {@link RegistrationException}, it carries the response.
 */
public final class CallException extends SipException {
    private static final long serialVersionUID = 1L;

    private final transient SipResponse response;

    /** The peer refused with {@code response}. */
    public CallException(SipResponse response) {
        this("call refused: " + response.status() + " " + response.reason(), response);
    }

    /** The call failed for the reason given; {@code response} is the final response involved. */
    public CallException(String message, SipResponse response) {
        super(message);
        this.response = response;
    }

    /** The final response that ended the attempt: the refusal received, or our unacknowledged 2xx. */
    public SipResponse response() {
        return response;
    }

    /** The response's status code. */
    public int status() {
        return response.status();
    }
}
