package io.sipim.sip.message;

import io.sipim.sip.internal.UriParser;
import java.util.Locale;

/**
 * A URI of a scheme SIPIM does not model, such as {@code http:}, {@code im:}, {@code pres:} or
 * {@code urn:} (RFC 3261 §25.1 {@code absoluteURI}). The scheme-specific part is kept verbatim.
 *
 * <p>Two absolute URIs are equal when their schemes are equal ignoring case (RFC 3986 §3.1) and
 * their scheme-specific parts are equal character for character: without knowing the scheme,
 * no other equivalence is safe.
 */
public final class AbsoluteUri implements Uri {
    private final String text;
    private final String scheme;
    private final String schemeSpecificPart;

    AbsoluteUri(String text, int colon) {
        this.text = text;
        this.scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        this.schemeSpecificPart = text.substring(colon + 1);
    }

    /**
     * Parses an absolute URI of any scheme but sip, sips and tel, which have their own types.
     *
     * @throws io.sipim.sip.parse.SipParseException with the index of the offending character
     */
    public static AbsoluteUri parse(String text) {
        return UriParser.parseAbsolute(text);
    }

    /**
     * An absolute URI made of {@code scheme} and {@code schemeSpecificPart}, the latter already
     * escaped as the scheme requires.
     *
     * @throws IllegalArgumentException when the result is not a valid absolute URI
     */
    public static AbsoluteUri of(String scheme, String schemeSpecificPart) {
        String text = scheme + ":" + schemeSpecificPart;
        try {
            return parse(text);
        } catch (io.sipim.sip.parse.SipParseException e) {
            throw new IllegalArgumentException("invalid URI " + text + ": " + e.reason(), e);
        }
    }

    /** The scheme in lower case. */
    @Override
    public String scheme() {
        return scheme;
    }

    /** Everything after the first ':', as written. */
    public String schemeSpecificPart() {
        return schemeSpecificPart;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AbsoluteUri && ((AbsoluteUri) o).scheme.equals(scheme)
                && ((AbsoluteUri) o).schemeSpecificPart.equals(schemeSpecificPart);
    }

    @Override
    public int hashCode() {
        return scheme.hashCode() * 31 + schemeSpecificPart.hashCode();
    }

    /** The URI as written. */
    @Override
    public String toString() {
        return text;
    }
}
