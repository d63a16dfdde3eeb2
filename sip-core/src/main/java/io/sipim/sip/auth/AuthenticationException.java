package io.sipim.sip.auth;

import io.sipim.sip.message.SipException;

/**
 * A {@link DigestClient} cannot answer a 401/407: the operation should fail with that response
 * as its final answer instead of retrying (RFC 3261 §22.2: credentials just rejected SHOULD NOT
 * be sent again).
 */
public final class AuthenticationException extends SipException {
    private static final long serialVersionUID = 1L;

    /** Why the challenge cannot be answered. */
    public enum Reason {
        /** The server refused credentials it had asked for: wrong username or password. */
        REJECTED,
        /** No credentials are known for any challenged realm. */
        NO_CREDENTIALS,
        /** No Digest challenge with an algorithm and qop this client supports. */
        UNSUPPORTED_CHALLENGE
    }

    private final Reason reason;
    private final String realm;

    /** An exception for {@code reason}; {@code realm} may be {@code null} when no single realm is to blame. */
    public AuthenticationException(Reason reason, String realm, String message) {
        super(message);
        this.reason = reason;
        this.realm = realm;
    }

    public Reason reason() {
        return reason;
    }

    /** The realm concerned, or {@code null}. */
    public String realm() {
        return realm;
    }
}
