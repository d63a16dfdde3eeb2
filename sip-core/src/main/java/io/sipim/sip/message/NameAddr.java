package io.sipim.sip.message;

import io.sipim.sip.internal.AddressParser;
import io.sipim.sip.internal.Lexer;
import java.util.Objects;

/**
 * A name-addr or addr-spec with its header parameters (RFC 3261 §20.10, §25.1): the value of
 * From, To, Contact, Route, Record-Route, Path, Reply-To, Refer-To ... For example
 * {@code "Bob" <sip:bob@biloxi.example.com>;tag=a6c85cf}.
 *
 * <p>{@link #displayName()} is unquoted ({@code null} when absent); {@link #parameters()} are the
 * header parameters after the URI ({@code tag}, {@code expires}, {@code q} ...), not the URI's own.
 * The Contact wildcard {@code *} is {@link #WILDCARD}, whose {@link #uri()} is {@code null}.
 */
public record NameAddr(String displayName, Uri uri, Parameters parameters) {

    /** {@code Contact: *} (RFC 3261 §10.2.2, remove all bindings). */
    public static final NameAddr WILDCARD = new NameAddr(null, null, Parameters.EMPTY);

    /** Validating constructor: {@code uri} may be {@code null} only for {@link #WILDCARD}. */
    public NameAddr {
        Objects.requireNonNull(parameters, "parameters");
    }

    /** A name-addr without display name or parameters. */
    public static NameAddr of(Uri uri) {
        return new NameAddr(null, Objects.requireNonNull(uri, "uri"), Parameters.EMPTY);
    }

    /** A name-addr with a display name. */
    public static NameAddr of(String displayName, Uri uri) {
        return new NameAddr(displayName, Objects.requireNonNull(uri, "uri"), Parameters.EMPTY);
    }

    /** Parses a single name-addr / addr-spec with parameters, e.g. a From header value. */
    public static NameAddr parse(String text) {
        Lexer lx = new Lexer(text);
        NameAddr a = AddressParser.parse(lx, false);
        lx.expectEnd("address");
        return a;
    }

    /** True for {@code Contact: *}. */
    public boolean isWildcard() {
        return uri == null;
    }

    /** The {@code tag} parameter (RFC 3261 §19.3), or {@code null}. */
    public String tag() {
        return parameters.get("tag");
    }

    /** A copy with {@code tag} set. */
    public NameAddr withTag(String tag) {
        return withParameter("tag", tag);
    }

    /** A copy with a header parameter set ({@code null} value = flag). */
    public NameAddr withParameter(String name, String value) {
        return new NameAddr(displayName, uri, parameters.with(name, value));
    }

    /** The {@code expires} parameter of a Contact in seconds, or -1. */
    public long expires() {
        String e = parameters.get("expires");
        if (e == null) {
            return -1;
        }
        try {
            return Long.parseLong(e);
        } catch (NumberFormatException ex) {
            return -1;
        }
    }

    /** The {@code q} parameter of a Contact (0.0–1.0), or -1 when absent. */
    public double q() {
        String q = parameters.get("q");
        if (q == null) {
            return -1;
        }
        try {
            return Double.parseDouble(q);
        } catch (NumberFormatException ex) {
            return -1;
        }
    }

    /** The wire form: {@code "Display" <uri>;params} (name-addr form always, as RFC 3261 §20 recommends). */
    @Override
    public String toString() {
        if (uri == null) {
            return "*";
        }
        StringBuilder sb = new StringBuilder(64);
        if (displayName != null) {
            sb.append(Lexer.quote(displayName)).append(' ');
        }
        sb.append('<').append(uri).append('>');
        return parameters.appendTo(sb).toString();
    }
}
