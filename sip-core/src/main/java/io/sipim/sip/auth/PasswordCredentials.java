package io.sipim.sip.auth;

import java.util.Objects;

/**
 * A username and password a user agent answers digest challenges with (RFC 3261 §22.2).
 * {@link #toString()} hides the password so that it never ends up in a log.
 *
 * @param username the digest username (the user part of the AOR, or an auth id)
 * @param password the shared secret
 */
public record PasswordCredentials(String username, String password) {

    /** Validating constructor. */
    public PasswordCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "PasswordCredentials[username=" + username + ", password=***]";
    }
}
