package io.sipim.msrp.internal.relay;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** Transaction ids and session-ids for a relay and its clients. */
final class Ids {
    private static final char[] ALPHANUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final SecureRandom SECURE = new SecureRandom();

    private Ids() {
    }

    /**
     * A transaction id: 12 random letters and digits (71 bits). Unpredictability is not needed, only
     * that it does not repeat on a connection and does not occur in the chunk's body (RFC 4975 §7.1.1).
     */
    static String transactionId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] c = new char[12];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHANUM[r.nextInt(ALPHANUM.length)];
        }
        return new String(c);
    }

    /**
     * A session-id for a relay URI handed to a client in Use-Path: 120 bits from {@link SecureRandom}
     * (RFC 4975 §14.1 asks for at least 80 so that it cannot be guessed), base64url.
     */
    static String sessionId() {
        byte[] b = new byte[15];
        SECURE.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A transaction id whose end-line {@code -------tid} does not occur in {@code body}. */
    static String transactionIdNotIn(byte[] body, int length) {
        while (true) {
            String tid = transactionId();
            if (!containsEndLine(body, length, tid)) {
                return tid;
            }
        }
    }

    static boolean containsEndLine(byte[] body, int length, String tid) {
        int n = 7 + tid.length();
        outer:
        for (int i = 0; i + n <= length; i++) {
            for (int k = 0; k < n; k++) {
                int expected = k < 7 ? '-' : tid.charAt(k - 7);
                if (body[i + k] != expected) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
