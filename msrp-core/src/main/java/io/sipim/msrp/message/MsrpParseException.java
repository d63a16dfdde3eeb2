package io.sipim.msrp.message;

/**
 * The one exception MSRP parsing throws (the frame parser, {@link MsrpUri#parse}, the header
 * value parsers): what is wrong, where, and which status a receiver answers with.
 *
 * <p>{@link #offset()} is the byte offset in the parsed stream (for a value parsed on its own, the
 * character index in that value). {@link #status()} is the MSRP status a receiver sends when it
 * can still answer (RFC 4975 §7.2): 400 for a malformed request, 413 for a body over the
 * receiver's limit, 501 for an unknown method (never thrown by the parser itself, which accepts
 * extension methods). {@link #transactionId()} is the transaction the error belongs to, or
 * {@code null} if the start line could not be read, in which case nothing can be answered and
 * the connection has to be closed.
 */
public final class MsrpParseException extends MsrpException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int status;
    private final long offset;
    private final String transactionId;

    public MsrpParseException(String reason, int status, long offset) {
        this(reason, status, offset, null);
    }

    public MsrpParseException(String reason, int status, long offset, String transactionId) {
        super(reason + (offset >= 0 ? " at offset " + offset : "") + " [" + status + "]");
        this.reason = reason;
        this.status = status;
        this.offset = offset;
        this.transactionId = transactionId;
    }

    /** A copy with the offset shifted by {@code base} and the transaction id set, for a value parsed inside a frame. */
    public MsrpParseException relocate(long base, String transactionId) {
        return new MsrpParseException(reason, status, offset < 0 ? base : base + offset,
                transactionId != null ? transactionId : this.transactionId);
    }

    /** What is wrong, without position. */
    public String reason() {
        return reason;
    }

    /** The status a receiver answers with (400, 413, …). */
    public int status() {
        return status;
    }

    /** Byte offset in the stream (or character index in a value parsed on its own); -1 when unknown. */
    public long offset() {
        return offset;
    }

    /** The transaction the bad frame belongs to, or {@code null} if its start line could not be read. */
    public String transactionId() {
        return transactionId;
    }
}
