package io.sipim.msrp.session;

/**
 * How far a message has been sent or received: reported after each chunk, on both sides.
 *
 * @param messageId the Message-ID
 * @param bytes bytes sent (sender) or distinct bytes received (receiver) so far
 * @param total the size of the whole message, or {@link #UNKNOWN} while it is not known
 */
public record Progress(String messageId, long bytes, long total) {

    /** A total not (yet) known: the sender streams a body of unknown length. */
    public static final long UNKNOWN = -1;

    /** Checks the counts: bytes ≥ 0, total ≥ 0 or unknown, bytes ≤ total when known. */
    public Progress {
        if (bytes < 0 || total < UNKNOWN || (total != UNKNOWN && bytes > total)) {
            throw new IllegalArgumentException("bad progress " + bytes + "/" + total + " for " + messageId);
        }
    }

    /** Whether the total is known. */
    public boolean totalKnown() {
        return total != UNKNOWN;
    }

    /** Whether every byte has been sent or received. */
    public boolean done() {
        return total != UNKNOWN && bytes == total;
    }
}
