package io.sipim.sip.auth;

import java.util.Objects;

/**
 * Where a {@link DigestClient} finds the username and password for a realm (RFC 3261 §22.1: a
 * realm names a protection space, so one account may need different credentials for its proxy
 * and its registrar).
 */
@FunctionalInterface
public interface CredentialsProvider {

    /** The credentials for {@code realm} (unquoted), or {@code null} when there are none. */
    PasswordCredentials credentials(String realm);

    /** The same username and password for every realm. */
    static CredentialsProvider of(String username, String password) {
        PasswordCredentials c = new PasswordCredentials(username, password);
        return realm -> c;
    }

    /** {@code username} and {@code password} for {@code realm} only. */
    static CredentialsProvider forRealm(String realm, String username, String password) {
        Objects.requireNonNull(realm, "realm");
        PasswordCredentials c = new PasswordCredentials(username, password);
        return r -> realm.equals(r) ? c : null;
    }
}
