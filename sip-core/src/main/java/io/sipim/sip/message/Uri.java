package io.sipim.sip.message;

/**
 * A URI as SIP carries it in the Request-URI and in name-addr headers: a {@link SipUri} (sip, sips),
 * a {@link TelUri} (tel, RFC 3966) or any other {@link AbsoluteUri} (RFC 3261 §19, §25.1).
 *
 * <p>{@link #toString()} gives the URI as it is written on the wire. {@link #equals} follows the
 * comparison rules of the scheme (RFC 3261 §19.1.4 for SIP URIs).
 */
public sealed interface Uri permits SipUri, TelUri, AbsoluteUri {

    /** The scheme in lower case ({@code sip}, {@code sips}, {@code tel}, ...). */
    String scheme();

    /**
     * Parses a URI.
     *
     * @throws io.sipim.sip.parse.SipParseException with the index of the offending character
     */
    static Uri parse(String text) {
        return io.sipim.sip.internal.UriParser.parse(text);
    }
}
