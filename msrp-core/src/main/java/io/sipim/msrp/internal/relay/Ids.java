package io.sipim.msrp.internal.relay;

import io.sipim.msrp.internal.chunk.EndLineScan;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** Transaction ids for a relay and its clients. */
final class Ids {
    private static final char[] ALPHANUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

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
        return EndLineScan.indexOf(body, 0, length, ("-------" + tid).getBytes(StandardCharsets.US_ASCII)) >= 0;
    }
}
