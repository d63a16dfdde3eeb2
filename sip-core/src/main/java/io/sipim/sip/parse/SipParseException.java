package io.sipim.sip.parse;

import io.sipim.sip.message.SipException;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import java.util.Optional;

/**
 * The one exception the SIP parser throws: says what is wrong, where, and how a server should
 * answer.
 *
 * <p>{@link #offset()} is the byte offset in the parsed input (or, for a value parsed on its own
 * through a {@code parse} factory such as {@code Via.parse}, the character index in that value).
 * {@link #line()} and {@link #column()} are 1-based and 0 when unknown; {@link #header()} names
 * the header field being parsed, or is {@code null} for the start line, the body and framing.
 * {@link #status()} is the response a UAS or proxy should send: 400 (bad request), 413 (too
 * large), 505 (unsupported SIP version) or 513 (message too large for the transport).
 */
public final class SipParseException extends SipException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int status;
    private final long offset;
    private final int line;
    private final int column;
    private final String header;
    private final transient SipMessage partial;

    public SipParseException(String reason, int status, long offset) {
        this(reason, status, offset, 0, 0, null);
    }

    public SipParseException(String reason, int status, long offset, int line, int column, String header) {
        this(reason, status, offset, line, column, header, null);
    }

    private SipParseException(String reason, int status, long offset, int line, int column, String header,
                              SipMessage partial) {
        super(describe(reason, status, offset, line, column, header));
        this.reason = reason;
        this.status = status;
        this.offset = offset;
        this.line = line;
        this.column = column;
        this.header = header;
        this.partial = partial;
    }

    /** A copy that carries the message as far as it could be parsed. */
    public SipParseException withPartialMessage(SipMessage message) {
        return new SipParseException(reason, status, offset, line, column, header, message);
    }

    /**
     * The message as far as it could be read, so that a server can still answer it (RFC 3261
     * §8.2 needs Via, From, To, Call-ID and CSeq to build a 400 or 505). Header lines whose values
     * did not parse are present as text without typed values; a request whose Request-URI did not
     * parse has a {@code null} {@link io.sipim.sip.message.SipRequest#requestUri()}. Empty when the
     * input could not be framed at all.
     */
    public Optional<SipMessage> partialMessage() {
        return Optional.ofNullable(partial);
    }

    /**
     * The response a UAS or proxy sends for this error: {@link #status()} with this error's reason
     * as reason phrase (RFC 3261 §21.4.1: the phrase should say what the problem is), the Via,
     * From, To, Call-ID and CSeq lines of the request copied as received (§8.2.6.2), and
     * {@code toTag} added to a To without tag.
     *
     * <p>Empty when there is nothing to answer: the input could not be framed, the message is a
     * response or an ACK (neither is ever answered), or the request lacks the topmost Via, Call-ID
     * or CSeq that the response needs to be routed and matched (RFC 3261 §8.2.6.2, §18.2.2), in
     * which case it is dropped.
     */
    public Optional<SipResponse> response(String toTag) {
        if (!(partial instanceof SipRequest r) || SipRequest.ACK.equals(r.method()) || r.topVia() == null
                || r.callId() == null || r.cseq() == null) {
            return Optional.empty();
        }
        SipResponse.Builder b = SipResponse.to(r, status).reason(reason);
        NameAddr to = r.to();
        if (to != null && to.tag() == null && toTag != null) {
            b.toTag(toTag);
        }
        return Optional.of(b.build());
    }

    private static String describe(String reason, int status, long offset, int line, int column, String header) {
        StringBuilder sb = new StringBuilder(reason.length() + 48).append(reason);
        if (header != null) {
            sb.append(" in header ").append(header);
        }
        if (line > 0) {
            sb.append(" at line ").append(line).append(", column ").append(column);
        }
        if (offset >= 0) {
            sb.append(line > 0 ? " (offset " : " at offset ").append(offset).append(line > 0 ? ")" : "");
        }
        return sb.append(" [").append(status).append(']').toString();
    }

    /** A copy of this exception placed in a larger input: offsets are shifted by {@code base}. */
    public SipParseException relocate(long base, int line, int column, String header) {
        return new SipParseException(reason, status, offset < 0 ? base : base + offset, line, column,
                header != null ? header : this.header, partial);
    }

    /** What is wrong, without position. */
    public String reason() {
        return reason;
    }

    /** The status code a server should answer with (400, 413, 505, 513). */
    public int status() {
        return status;
    }

    /** Byte offset of the error in the input, or -1 when unknown. */
    public long offset() {
        return offset;
    }

    /** 1-based line of the error, 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column of the error, 0 when unknown. */
    public int column() {
        return column;
    }

    /** The header field being parsed (canonical name), or {@code null}. */
    public String header() {
        return header;
    }
}
