package io.sipim.msrp.internal.ids;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session-ids (RFC 4975 §14.1), for sessions and for the relay's Use-Path URIs, and Message-IDs: 120 bits from {@link SecureRandom}, so that nobody who has not seen
 * the SDP can guess a session's URI and inject messages into it (the RFC asks for at least 80).
 */
public final class SessionIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private SessionIds() {
    }

    /** 20 characters of base64url: letters, digits, '-' and '_', all unreserved in an MSRP URI. */
    public static String next() {
        byte[] b = new byte[15];
        RANDOM.nextBytes(b);
        return URL_SAFE.encodeToString(b);
    }

    /** A Message-ID: the same alphabet, 80 bits, starting with a letter or digit as RFC 4975's ident wants. */
    public static String messageId() {
        byte[] b = new byte[10];
        RANDOM.nextBytes(b);
        String s = URL_SAFE.encodeToString(b);
        char first = s.charAt(0);
        return (first == '-' || first == '_' ? "m" : "") + s.replace('_', '.');
    }
}
