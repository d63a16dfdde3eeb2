package io.sipim.sip.auth;

import java.util.Map;

/**
 * The users a {@link DigestServer} knows. It asks for HA1, H(username:realm:password) (RFC 7616
 * §3.4.2), not for the password, so a store may keep only precomputed HA1s per algorithm, as
 * htdigest files and most SIP registrars' databases do.
 */
@FunctionalInterface
public interface UserStore {

    /**
     * HA1 of {@code username} in {@code realm} for {@code algorithm} in lower-case hex, or
     * {@code null} when the user is unknown.
     *
     * @param algorithm never a {@code -sess} variant: the server derives the session key itself
     */
    String ha1(String username, String realm, DigestAlgorithm algorithm);

    /** A store of plain passwords by username (copied), valid in any realm. */
    static UserStore inMemory(Map<String, String> passwords) {
        Map<String, String> copy = Map.copyOf(passwords);
        return (username, realm, algorithm) -> {
            String password = copy.get(username);
            return password == null ? null : RequestDigest.ha1(algorithm, username, realm, password);
        };
    }
}
