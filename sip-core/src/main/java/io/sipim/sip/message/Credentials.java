package io.sipim.sip.message;

import io.sipim.sip.internal.AuthParser;
import io.sipim.sip.internal.Lexer;
import java.util.Objects;

/**
 * The value of an Authorization or Proxy-Authorization header (RFC 3261 §20.7, §22.4; RFC 8760):
 * an auth scheme and its comma-separated parameters, e.g.
 * {@code Digest username="alice", realm="atlanta.example.com", nonce="84a4cc6f", uri="sip:x", response="...", algorithm=SHA-256}.
 * Parameter values keep their quotes; the typed accessors remove them.
 *
 * @param scheme the auth scheme ({@code Digest}, or any other token, RFC 4475 regaut01)
 * @param parameters the auth-params in order
 */
public record Credentials(String scheme, Parameters parameters) {

    /** Validating constructor. */
    public Credentials {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(parameters, "parameters");
    }

    public static Credentials parse(String text) {
        Lexer lx = new Lexer(text);
        Credentials c = AuthParser.credentials(lx);
        lx.expectEnd("credentials");
        return c;
    }

    public boolean isDigest() {
        return "Digest".equalsIgnoreCase(scheme);
    }

    public String username() {
        return parameters.get("username");
    }

    public String realm() {
        return parameters.get("realm");
    }

    public String nonce() {
        return parameters.get("nonce");
    }

    /** The digest-uri parameter. */
    public String uri() {
        return parameters.get("uri");
    }

    public String response() {
        return parameters.get("response");
    }

    /** The algorithm, {@code MD5} when absent (RFC 2617 §3.2.2). */
    public String algorithm() {
        String a = parameters.get("algorithm");
        return a == null ? "MD5" : a;
    }

    public String cnonce() {
        return parameters.get("cnonce");
    }

    public String opaque() {
        return parameters.get("opaque");
    }

    public String qop() {
        return parameters.get("qop");
    }

    /** The nonce-count (8 hex digits) as a number, or -1 when absent. */
    public long nonceCount() {
        String nc = parameters.get("nc");
        if (nc == null) {
            return -1;
        }
        try {
            return Long.parseLong(nc, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return AuthParser.format(scheme, parameters);
    }
}
