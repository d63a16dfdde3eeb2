package io.sipim.sip.sdp;

import io.sipim.sip.message.SipException;

/**
 * Thrown when a session description cannot be read: says which line, where, and why.
 *
 * <p>The message reads like {@code bad m= line at line 5: port 'x' is not a number}.
 * {@link #line()} is 1-based (0 when the error is about the input as a whole, such as its size);
 * {@link #offset()} is the character index in the input for {@link SessionDescription#parse(String)}
 * and the byte index for {@link SessionDescription#parse(byte[])}. A SIP user agent that receives
 * such a body answers 400 (RFC 3261 §21.4.1) or, when the body is understood but unusable, 488.
 */
public final class SdpParseException extends SipException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int line;
    private final long offset;
    private final String type;

    /**
     * Creates the exception.
     *
     * @param reason what is wrong, without position
     * @param type the line type being read ({@code "m"}, {@code "a"} ...), or {@code null}
     * @param line 1-based line number, 0 when not tied to a line
     * @param offset character or byte offset of the error in the input, -1 when unknown
     */
    public SdpParseException(String reason, String type, int line, long offset) {
        super(describe(reason, type, line));
        this.reason = reason;
        this.type = type;
        this.line = line;
        this.offset = offset;
    }

    private static String describe(String reason, String type, int line) {
        StringBuilder sb = new StringBuilder(reason.length() + 32);
        sb.append(type != null ? "bad " + type + "= line" : "bad session description");
        if (line > 0) {
            sb.append(" at line ").append(line);
        }
        return sb.append(": ").append(reason).toString();
    }

    /** This exception with its offset replaced; used to turn a character offset into a byte offset. */
    SdpParseException withOffset(long newOffset) {
        return new SdpParseException(reason, type, line, newOffset);
    }

    /** What is wrong, without position. */
    public String reason() {
        return reason;
    }

    /** The line type being read ({@code "m"}, {@code "a"} ...), or {@code null} when none applies. */
    public String type() {
        return type;
    }

    /** 1-based line number of the error, 0 when the error is not tied to a line. */
    public int line() {
        return line;
    }

    /** Offset of the error in the input (characters for a string, bytes for a byte array), -1 if unknown. */
    public long offset() {
        return offset;
    }
}
