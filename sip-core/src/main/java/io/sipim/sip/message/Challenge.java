package io.sipim.sip.message;

import io.sipim.sip.internal.AuthParser;
import io.sipim.sip.internal.Lexer;
import java.util.Objects;

/**
 * The value of a WWW-Authenticate or Proxy-Authenticate header (RFC 3261 §20.44, §22.1; RFC 8760):
 * an auth scheme and its comma-separated parameters, e.g.
 * {@code Digest realm="atlanta.example.com", qop="auth", nonce="84a4cc6f", algorithm=SHA-256, stale=FALSE}.
 * Parameter values keep their quotes; the typed accessors remove them.
 *
 * @param scheme the auth scheme ({@code Digest}, or any other token, RFC 4475 regaut01)
 * @param parameters the auth-params in order
 */
public record Challenge(String scheme, Parameters parameters) {

    /** Validating constructor. */
    public Challenge {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(parameters, "parameters");
    }

    public static Challenge parse(String text) {
        Lexer lx = new Lexer(text);
        Challenge c = AuthParser.challenge(lx);
        lx.expectEnd("challenge");
        return c;
    }

    public boolean isDigest() {
        return "Digest".equalsIgnoreCase(scheme);
    }

    public String realm() {
        return parameters.get("realm");
    }

    public String nonce() {
        return parameters.get("nonce");
    }

    public String opaque() {
        return parameters.get("opaque");
    }

    /** The algorithm, {@code MD5} when absent (RFC 2617 §3.2.1). */
    public String algorithm() {
        String a = parameters.get("algorithm");
        return a == null ? "MD5" : a;
    }

    /** The qop-options, e.g. {@code auth,auth-int}, or {@code null}. */
    public String qop() {
        return parameters.get("qop");
    }

    /** True when {@code stale=TRUE}: the nonce expired, retry with the new one without asking the user. */
    public boolean stale() {
        return "true".equalsIgnoreCase(parameters.get("stale"));
    }

    public String domain() {
        return parameters.get("domain");
    }

    @Override
    public String toString() {
        return AuthParser.format(scheme, parameters);
    }
}
