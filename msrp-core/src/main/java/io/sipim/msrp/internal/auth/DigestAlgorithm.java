package io.sipim.msrp.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The digest algorithms MSRP relays use (RFC 4976 §5 through RFC 2617, and RFC 7616 §3.2 for
 * SHA-256), strongest last. Only the non-session variants: RFC 4976 needs no {@code -sess}.
 */
public enum DigestAlgorithm {
    /** RFC 2617; the default when a challenge names none. */
    MD5("MD5", "MD5"),
    /** RFC 7616. */
    SHA_256("SHA-256", "SHA-256");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The {@code algorithm=} token. */
    public String token() {
        return token;
    }

    /** The algorithm for a token (case-insensitive), or {@code null} if unsupported. */
    public static DigestAlgorithm of(String token) {
        if (token == null) {
            return MD5;
        }
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(token)) {
                return a;
            }
        }
        return null;
    }

    /** Lower-case hex of the hash of {@code text} in UTF-8. */
    public String hex(String text) {
        try {
            byte[] h = MessageDigest.getInstance(jcaName).digest(text.getBytes(StandardCharsets.UTF_8));
            char[] out = new char[h.length * 2];
            for (int i = 0; i < h.length; i++) {
                out[2 * i] = Character.forDigit((h[i] >> 4) & 0xf, 16);
                out[2 * i + 1] = Character.forDigit(h[i] & 0xf, 16);
            }
            return new String(out);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " missing from the JDK", e);
        }
    }

    /** HA1 = H(username ":" realm ":" password) (RFC 7616 §3.4.2). */
    public String ha1(String username, String realm, String password) {
        return hex(username + ":" + realm + ":" + password);
    }

    /**
     * The request-digest (RFC 7616 §3.4.1) with {@code qop=auth}, or the RFC 2069 form when
     * {@code qop} is {@code null}: HA2 = H(method ":" digest-uri).
     */
    public String response(String ha1, String nonce, String nc, String cnonce, String qop, String method, String uri) {
        String ha2 = hex(method + ":" + uri);
        return qop == null ? hex(ha1 + ":" + nonce + ":" + ha2)
                : hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }
}
