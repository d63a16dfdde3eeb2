package io.sipim.sip.auth;

import java.util.Objects;

/**
 * The digest arithmetic both sides share: HA1 and the request-digest (the {@code response}
 * parameter) of RFC 2617 §3.2.2 and RFC 7616 §3.4, with SIP's digest-uri being the
 * Request-URI (RFC 3261 §22.4).
 */
public final class RequestDigest {
    private RequestDigest() {}

    /**
     * H(username ":" realm ":" password) with the base hash of {@code algorithm} (RFC 7616 §3.4.2):
     * what a user store may keep instead of the password. Username and realm are the unquoted values.
     */
    public static String ha1(DigestAlgorithm algorithm, String username, String realm, String password) {
        return algorithm.base().hash(username + ':' + realm + ':' + password);
    }

    /**
     * The request-digest, in lower-case hex.
     *
     * @param algorithm the algorithm named in the credentials
     * @param ha1 {@link #ha1} for {@code algorithm}; a {@code -sess} session key is derived here
     * @param nonce the server's nonce, unquoted
     * @param nc the nonce-count as sent (8 hex digits), {@code null} without qop
     * @param cnonce the client nonce, unquoted, {@code null} without qop
     * @param qop {@code auth}, {@code auth-int}, or {@code null} for the RFC 2069 form
     * @param method the request method ({@code A2 = method ":" digest-uri})
     * @param digestUri the {@code uri} parameter, unquoted
     * @param body the message body, hashed only for {@code auth-int} (an empty body hashes "")
     */
    public static String response(DigestAlgorithm algorithm, String ha1, String nonce, String nc, String cnonce,
                                  String qop, String method, String digestUri, byte[] body) {
        Objects.requireNonNull(ha1, "ha1");
        Objects.requireNonNull(nonce, "nonce");
        String key = ha1;
        if (algorithm.isSession()) {
            // RFC 7616 §3.4.2: the session key uses the cnonce of this very request, so a stateless
            // server can check it from the request alone.
            key = algorithm.hash(ha1 + ':' + nonce + ':' + Objects.requireNonNull(cnonce, "cnonce"));
        }
        String a2 = method + ':' + digestUri;
        if ("auth-int".equalsIgnoreCase(qop)) {
            a2 = a2 + ':' + algorithm.hash(body == null ? new byte[0] : body);
        }
        String ha2 = algorithm.hash(a2);
        if (qop == null) {
            // RFC 2617 §3.2.2.1: the RFC 2069 form, still allowed by RFC 3261 §22.4 for old servers.
            return algorithm.hash(key + ':' + nonce + ':' + ha2);
        }
        Objects.requireNonNull(nc, "nc");
        Objects.requireNonNull(cnonce, "cnonce");
        return algorithm.hash(key + ':' + nonce + ':' + nc + ':' + cnonce + ':' + qop + ':' + ha2);
    }
}
