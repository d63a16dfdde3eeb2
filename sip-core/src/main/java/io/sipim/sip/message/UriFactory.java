package io.sipim.sip.message;

import io.sipim.sip.internal.UriAccess;

/** Lets the parser in {@code io.sipim.sip.internal} create URI values from checked parts. */
final class UriFactory implements UriAccess.Factory {
    @Override
    public SipUri sipUri(UriAccess.SipParts parts) {
        return new SipUri(parts);
    }

    @Override
    public TelUri telUri(UriAccess.TelParts parts) {
        return new TelUri(parts);
    }

    @Override
    public AbsoluteUri absoluteUri(String text, int colon) {
        return new AbsoluteUri(text, colon);
    }
}
