package io.sipim.sip.auth;

import java.util.Objects;

/**
 * What {@link DigestServer#verify} found: the user is authenticated ({@link Status#OK}), or how
 * the request should be answered. Never an exception: bad credentials are an ordinary outcome.
 *
 * @param status the outcome
 * @param username the username the credentials claim, {@code null} when there are none (for
 *     logs and rate limiting; authenticated only when {@link #isOk()})
 * @param detail what exactly was wrong, for logs only (never put on the wire)
 */
public record DigestResult(Status status, String username, String detail) {

    /** The outcomes of verifying credentials. */
    public enum Status {
        /** The credentials are valid: {@link #username()} is authenticated. */
        OK,
        /** No Digest credentials for this realm: challenge (RFC 3261 §22.1). */
        MISSING,
        /**
         * The nonce expired or is not one this server can vouch for, but the digest is right for
         * it: challenge with {@code stale=true} (RFC 2617 §3.2.1) so the client retries silently.
         */
        STALE,
        /** A nonce-count already seen for this nonce (RFC 7616 §3.3, §5.12): challenge again. */
        REPLAY,
        /** The digest does not match: wrong password, or unknown user. Challenge without stale. */
        BAD_RESPONSE,
        /** Missing or contradictory parameters (uri, algorithm, qop, nc): answer 400. */
        MALFORMED
    }

    /** Validating constructor. */
    public DigestResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    /** True when the user is authenticated. */
    public boolean isOk() {
        return status == Status.OK;
    }

    /**
     * True when a new challenge should carry {@code stale=true}: the client knew the password, only
     * its nonce was no good, so it may retry without asking the user (RFC 7616 §3.3).
     */
    public boolean stale() {
        return status == Status.STALE || status == Status.REPLAY;
    }
}
