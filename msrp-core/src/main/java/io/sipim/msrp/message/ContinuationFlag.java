package io.sipim.msrp.message;

/**
 * The last character of an MSRP end-line (RFC 4975 §7.1): whether the chunk completes its
 * message, more chunks follow, or the message is aborted.
 */
public enum ContinuationFlag {
    /** {@code $}: the last chunk of the message. */
    END('$'),
    /** {@code +}: the chunk was interrupted; more chunks of the message follow. */
    MORE('+'),
    /** {@code #}: the sender aborted the message; no more chunks follow. */
    ABORT('#');

    private final char symbol;

    ContinuationFlag(char symbol) {
        this.symbol = symbol;
    }

    /** The wire character. */
    public char symbol() {
        return symbol;
    }

    /** The flag for a wire character, or {@code null} if it is none of {@code $ + #}. */
    public static ContinuationFlag of(int c) {
        return switch (c) {
            case '$' -> END;
            case '+' -> MORE;
            case '#' -> ABORT;
            default -> null;
        };
    }
}
