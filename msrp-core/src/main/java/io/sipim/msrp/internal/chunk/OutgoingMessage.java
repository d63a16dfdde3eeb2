package io.sipim.msrp.internal.chunk;

import io.sipim.msrp.message.ByteRange;
import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.FailureReport;
import io.sipim.msrp.message.MsrpHeader;
import io.sipim.msrp.message.MsrpMessage;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.session.BodySource;
import io.sipim.msrp.session.Progress;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One message being sent as SEND chunks (RFC 4975 §7.1). Everything a chunk head repeats (To-Path,
 * From-Path, Message-ID, reports, extra headers, Content-Type) is encoded once; a chunk costs the
 * transaction id, the Byte-Range digits and the body copy, written straight into the connection's
 * buffer.
 *
 * <p>A chunk is written whole when it fits in the buffer. Otherwise its head says
 * {@code Byte-Range: start-*}{@code /total} and the body streams across calls until the chunk is done or
 * {@linkplain #interrupt interrupted} with {@code +} (RFC 4975 §7.1 allows that only for a chunk whose end
 * is {@code *}). A body of unknown length has total {@code *} until its end is found; the last
 * chunk then gives the total, except when the end is found while streaming a chunk, which is
 * ended with {@code $}, from which the receiver learns the total.
 *
 * <p>Driven by {@link OutboundQueue} on the connection's thread; only {@link #abort()} may be
 * called from elsewhere.
 */
public final class OutgoingMessage {
    static final int NO_ROOM = 0;
    static final int CHUNK_OPEN = 1;
    static final int CHUNK_MORE = 2;
    static final int CHUNK_LAST = 3;
    /** Aborted before any of it was written: no chunk. */
    static final int DROPPED = 4;

    /** Body bytes a streamed chunk must carry at the least when it starts (fewer: wait for room). */
    static final int MIN_STREAM_PIECE = 64;
    /** Room kept for a head that grows when the end or total becomes known after reading. */
    private static final int HEAD_SLACK = 24;
    /** A Byte-Range end of {@code *}. */
    private static final long STAR = ByteRange.UNKNOWN;
    private static final int ID = TransactionIds.LENGTH;
    private static final int PATTERN = EndLineScan.HYPHENS + ID;
    private static final byte[] MSRP = bytes("MSRP ");
    private static final byte[] CRLF = bytes("\r\n");

    private final String messageId;
    private final String contentType;
    private final byte[] pre;
    private final byte[] post;
    private final byte[] head;
    private final byte[] pattern = new byte[PATTERN];
    private final byte[] tail = new byte[PATTERN - 1];
    private final byte[] joined = new byte[2 * (PATTERN - 1)];
    private final ByteBuffer joinedBuffer = ByteBuffer.wrap(joined);
    private int tailLength;

    private String transactionId;
    private long total;
    private long sent;
    private volatile boolean abortRequested;
    private IOException failure;
    private boolean done;

    private boolean streaming;
    private long chunkStart;
    private int chunkBytes;
    private int chunkLimit;

    private long lastStart;
    private long lastEnd;
    private ContinuationFlag lastFlag;
    private String lastTransactionId;

    private final BodyReader reader;

    private OutgoingMessage(Builder b) {
        this.messageId = b.messageId;
        this.reader = new BodyReader(b.body);
        this.total = b.body.size();
        this.contentType = b.contentType;
        StringBuilder sb = new StringBuilder(256);
        sb.append(" SEND\r\n");
        sb.append(MsrpHeader.TO_PATH).append(": ").append(b.toPath).append("\r\n");
        sb.append(MsrpHeader.FROM_PATH).append(": ").append(b.fromPath).append("\r\n");
        sb.append(MsrpHeader.MESSAGE_ID).append(": ").append(messageId).append("\r\n");
        if (b.successReport) {
            sb.append(MsrpHeader.SUCCESS_REPORT).append(": yes\r\n");
        }
        if (b.failureReport != FailureReport.YES) {
            sb.append(MsrpHeader.FAILURE_REPORT).append(": ").append(b.failureReport.token()).append("\r\n");
        }
        for (MsrpHeader h : b.extra) {
            sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        sb.append(MsrpHeader.BYTE_RANGE).append(": ");
        this.pre = sb.toString().getBytes(StandardCharsets.UTF_8);
        // RFC 4975 §7.1.1: every chunk of a message with a body carries the Content-Type.
        this.post = bytes("\r\n" + MsrpHeader.CONTENT_TYPE + ": " + (contentType == null ? "" : contentType)
                + "\r\n\r\n");
        this.head = new byte[MSRP.length + ID + pre.length + 3 * 20 + 2 + post.length];
        for (int i = 0; i < EndLineScan.HYPHENS; i++) {
            pattern[i] = '-';
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A builder for a message with this Message-ID and body. */
    public static Builder builder(String messageId, BodySource body) {
        return new Builder(messageId, body);
    }

    /** The Message-ID. */
    public String messageId() {
        return messageId;
    }

    /** The Content-Type, or {@code null} for an empty message. */
    public String contentType() {
        return contentType;
    }

    /** The body's size, or {@link BodySource#UNKNOWN} until the end of a stream of unknown length is read. */
    public long total() {
        return total;
    }

    /** Body bytes written so far. */
    public long bytesSent() {
        return sent;
    }

    /** Progress so far. */
    public Progress progress() {
        return new Progress(messageId, sent, total);
    }

    /** Whether the last chunk (with {@code $} or {@code #}) has been written, or the message given up. */
    public boolean isDone() {
        return done;
    }

    /** Whether the message ended by abort ({@link #abort()} or a failing source). */
    public boolean isAborted() {
        return done && lastFlag == ContinuationFlag.ABORT;
    }

    /** The source's failure that aborted the message, or {@code null}. */
    public IOException failure() {
        return failure;
    }

    /**
     * Asks for the message to be aborted (a 413 for one of its chunks, or the user cancelled): the
     * chunk being streamed, or else the next one, ends with {@code #} (RFC 4975 §7.1). A message
     * none of which was written is dropped without a chunk.
     */
    public void abort() {
        abortRequested = true;
    }

    /** The transaction id of the chunk last closed. */
    public String lastTransactionId() {
        return lastTransactionId;
    }

    /** First byte (from 1) of the chunk last closed. */
    public long lastStart() {
        return lastStart;
    }

    /** Last byte of the chunk last closed ({@code lastStart() - 1} for a chunk without body). */
    public long lastEnd() {
        return lastEnd;
    }

    /** How the chunk last closed ended. */
    public ContinuationFlag lastFlag() {
        return lastFlag;
    }

    private void newTransactionId(TransactionIds ids) {
        ids.next(pattern, EndLineScan.HYPHENS);
        transactionId = null;
    }

    private String transactionId() {
        if (transactionId == null) {
            transactionId = new String(pattern, EndLineScan.HYPHENS, ID, StandardCharsets.US_ASCII);
        }
        return transactionId;
    }

    private int endLineLength(boolean withBody) {
        return (withBody ? 2 : 0) + PATTERN + 3;
    }

    /**
     * Starts the next chunk in {@code out}: whole if it fits, else its head and as much body as fits.
     * {@code window} is the queue's scratch for scanning a direct {@code out} ({@link EndLineScan}).
     *
     * @return {@link #NO_ROOM}, {@link #CHUNK_OPEN} (streaming), {@link #CHUNK_MORE}, {@link #CHUNK_LAST}
     *     or {@link #DROPPED}
     */
    int startChunk(ByteBuffer out, int maxChunk, TransactionIds ids, byte[] window) {
        if (abortRequested) {
            return abortBetweenChunks(out, ids);
        }
        long start = sent + 1;
        boolean known = total != BodySource.UNKNOWN;
        if (known && total == 0) {
            newTransactionId(ids);
            int headLength = buildHead(1, 0, 0, false);
            if (headLength + endLineLength(false) > out.remaining()) {
                return NO_ROOM;
            }
            out.put(head, 0, headLength);
            return close(out, start, 0, ContinuationFlag.END, false);
        }
        int chunkLength = known ? (int) Math.min(maxChunk, total - sent) : maxChunk;
        int endLine = endLineLength(true);
        long reservedEnd = start + chunkLength - 1;
        long reservedTotal = total;
        int reserved = buildHead(start, reservedEnd, total, true);
        int want = chunkLength;
        if ((long) reserved + chunkLength + endLine + HEAD_SLACK > out.remaining()) {
            reservedEnd = STAR;
            reserved = buildHead(start, STAR, total, true);
            want = Math.min(chunkLength, out.remaining() - reserved - endLine - HEAD_SLACK);
            if (want < Math.min(chunkLength, MIN_STREAM_PIECE)) {
                return NO_ROOM;
            }
        }
        int headStart = out.position();
        int bodyStart = headStart + reserved;
        out.position(bodyStart);
        int n;
        boolean last;
        try {
            n = reader.read(out, want);
            if (known) {
                if (n < want) {
                    throw new EOFException("body source ended after " + (sent + n) + " of " + total + " bytes");
                }
                last = sent + n == total;
            } else {
                last = reader.ended() || (n == chunkLength && reader.atEnd());
            }
        } catch (IOException e) {
            out.position(headStart);
            failure = e;
            abortRequested = true;
            return abortBetweenChunks(out, ids);
        }
        if (last && !known) {
            total = sent + n;
        }
        boolean empty = last && start == 1 && n == 0;
        // RFC 4975 §7.1.1: the body must not contain this transaction's end-line; the head is not
        // written yet, so pick another id until it does not.
        newTransactionId(ids);
        while (EndLineScan.indexOf(out, bodyStart, bodyStart + n, pattern, window) >= 0) {
            newTransactionId(ids);
        }
        boolean complete = last || n == chunkLength;
        long end = complete ? sent + n : STAR;
        int headLength;
        if (end == reservedEnd && total == reservedTotal && !empty) {
            // The usual case: the head built for the reservation stands; only the id is new.
            System.arraycopy(pattern, EndLineScan.HYPHENS, head, MSRP.length, ID);
            headLength = reserved;
        } else {
            headLength = buildHead(start, end, total, !empty);
        }
        if (headLength != reserved) {
            byte[] moved = new byte[n];
            out.get(bodyStart, moved);
            out.put(headStart + headLength, moved);
            out.position(headStart + headLength + n);
        }
        out.put(headStart, head, 0, headLength);
        sent += n;
        if (complete) {
            return close(out, start, n, last ? ContinuationFlag.END : ContinuationFlag.MORE, !empty);
        }
        streaming = true;
        chunkStart = start;
        chunkBytes = n;
        chunkLimit = chunkLength;
        rememberTail(out, bodyStart + headLength - reserved, n);
        return CHUNK_OPEN;
    }

    /**
     * Continues the chunk being streamed with as much body as fits, keeping room for its end-line.
     *
     * @return {@link #CHUNK_OPEN} (out is full), {@link #CHUNK_MORE} or {@link #CHUNK_LAST}
     */
    int continueChunk(ByteBuffer out, byte[] window) {
        checkStreaming();
        int endLine = endLineLength(true);
        if (abortRequested) {
            if (out.remaining() < endLine) {
                return CHUNK_OPEN;
            }
            return close(out, chunkStart, chunkBytes, ContinuationFlag.ABORT, true);
        }
        int room = out.remaining() - endLine;
        if (room <= 0) {
            return CHUNK_OPEN;
        }
        int want = Math.min(room, chunkLimit - chunkBytes);
        int pieceStart = out.position();
        int n;
        boolean last;
        boolean known = total != BodySource.UNKNOWN;
        try {
            n = reader.read(out, want);
            if (known && n < want) {
                throw new EOFException("body source ended after " + (sent + n) + " of " + total + " bytes");
            }
        } catch (IOException e) {
            out.position(pieceStart);
            failure = e;
            return close(out, chunkStart, chunkBytes, ContinuationFlag.ABORT, true);
        }
        int cut = findCut(out, pieceStart, n, window);
        if (cut >= 0) {
            // RFC 4975 §7.1.1: the end-line turned up in a chunk whose head is out; interrupt the chunk
            // before it and carry the rest into the next chunk, which gets another transaction id.
            reader.pushBack(out, pieceStart + cut, n - cut);
            out.position(pieceStart + cut);
            sent += cut;
            chunkBytes += cut;
            return close(out, chunkStart, chunkBytes, ContinuationFlag.MORE, true);
        }
        sent += n;
        chunkBytes += n;
        rememberTail(out, pieceStart, n);
        try {
            last = known ? sent == total : (reader.ended() || (chunkBytes == chunkLimit && reader.atEnd()));
        } catch (IOException e) {
            failure = e;
            return close(out, chunkStart, chunkBytes, ContinuationFlag.ABORT, true);
        }
        if (last) {
            total = sent;
            return close(out, chunkStart, chunkBytes, ContinuationFlag.END, true);
        }
        if (chunkBytes == chunkLimit) {
            return close(out, chunkStart, chunkBytes, ContinuationFlag.MORE, true);
        }
        return CHUNK_OPEN;
    }

    /**
     * Ends the chunk being streamed with {@code +} so that something else can go out first; the
     * message continues in a new chunk.
     *
     * @return false if {@code out} has no room for the end-line
     */
    boolean interrupt(ByteBuffer out) {
        checkStreaming();
        if (out.remaining() < endLineLength(true)) {
            return false;
        }
        close(out, chunkStart, chunkBytes, ContinuationFlag.MORE, true);
        return true;
    }

    private void checkStreaming() {
        if (!streaming) {
            throw new IllegalStateException("no chunk of " + messageId + " is open");
        }
    }

    private int abortBetweenChunks(ByteBuffer out, TransactionIds ids) {
        if (sent == 0) {
            // Nothing of the message is on the wire: nothing to abort there.
            done = true;
            lastFlag = ContinuationFlag.ABORT;
            closeSource();
            return DROPPED;
        }
        newTransactionId(ids);
        int headLength = buildHead(sent + 1, sent, total, false);
        if (headLength + endLineLength(false) > out.remaining()) {
            return NO_ROOM;
        }
        out.put(head, 0, headLength);
        return close(out, sent + 1, 0, ContinuationFlag.ABORT, false);
    }

    private int close(ByteBuffer out, long start, int bytes, ContinuationFlag flag, boolean withBody) {
        if (withBody) {
            out.put(CRLF);
        }
        out.put(pattern);
        out.put((byte) flag.symbol());
        out.put(CRLF);
        streaming = false;
        tailLength = 0;
        lastStart = start;
        lastEnd = start + bytes - 1;
        lastFlag = flag;
        lastTransactionId = transactionId();
        if (flag != ContinuationFlag.MORE) {
            done = true;
            closeSource();
        }
        return flag == ContinuationFlag.MORE ? CHUNK_MORE : CHUNK_LAST;
    }

    private void closeSource() {
        try {
            reader.close();
        } catch (IOException e) {
            if (failure == null && lastFlag != ContinuationFlag.END) {
                failure = e;
            }
        }
    }

    /** Builds {@code MSRP tid SEND ... Byte-Range: start-end/total} and the rest of the head; returns its length. */
    private int buildHead(long start, long end, long totalOrUnknown, boolean withBody) {
        byte[] h = head;
        System.arraycopy(MSRP, 0, h, 0, MSRP.length);
        int at = MSRP.length;
        System.arraycopy(pattern, EndLineScan.HYPHENS, h, at, ID);
        at += ID;
        System.arraycopy(pre, 0, h, at, pre.length);
        at += pre.length;
        at = Ascii.putDecimal(h, at, start);
        h[at++] = '-';
        at = end == STAR ? star(h, at) : Ascii.putDecimal(h, at, end);
        h[at++] = '/';
        at = totalOrUnknown == BodySource.UNKNOWN ? star(h, at) : Ascii.putDecimal(h, at, totalOrUnknown);
        if (withBody) {
            System.arraycopy(post, 0, h, at, post.length);
            at += post.length;
        } else {
            h[at++] = '\r';
            h[at++] = '\n';
        }
        return at;
    }

    private static int star(byte[] h, int at) {
        h[at] = '*';
        return at + 1;
    }

    /**
     * Where in the piece {@code out[from, from + n)} the chunk must end so that its body does not
     * contain the end-line, counting the bytes of earlier pieces of the chunk; -1 if nowhere.
     */
    private int findCut(ByteBuffer out, int from, int n, byte[] window) {
        if (n == 0) {
            return -1;
        }
        if (tailLength > 0) {
            int k = Math.min(n, PATTERN - 1);
            System.arraycopy(tail, 0, joined, 0, tailLength);
            out.get(from, joined, tailLength, k);
            int q = EndLineScan.indexOf(joinedBuffer, 0, tailLength + k, pattern);
            if (q >= 0) {
                return Math.max(0, q - tailLength);
            }
        }
        int q = EndLineScan.indexOf(out, from, from + n, pattern, window);
        return q < 0 ? -1 : q - from;
    }

    /** Keeps the last bytes of the chunk's body, to find an end-line straddling two pieces. */
    private void rememberTail(ByteBuffer out, int from, int n) {
        int keep = PATTERN - 1;
        if (n >= keep) {
            out.get(from + n - keep, tail, 0, keep);
            tailLength = keep;
            return;
        }
        int fromTail = Math.min(tailLength, keep - n);
        System.arraycopy(tail, tailLength - fromTail, tail, 0, fromTail);
        out.get(from, tail, fromTail, n);
        tailLength = fromTail + n;
    }

    @Override
    public String toString() {
        return "OutgoingMessage[" + messageId + " " + sent + "/" + (total < 0 ? "*" : Long.toString(total)) + "]";
    }

    /** Builds an {@link OutgoingMessage}. To-Path and From-Path are required, Content-Type unless the body is empty. */
    public static final class Builder {
        private final String messageId;
        private final BodySource body;
        private String toPath;
        private String fromPath;
        private String contentType;
        private boolean successReport;
        private FailureReport failureReport = FailureReport.YES;
        private final List<MsrpHeader> extra = new ArrayList<>();

        private Builder(String messageId, BodySource body) {
            this.messageId = Idents.check(messageId, "Message-ID");
            this.body = Objects.requireNonNull(body, "body");
        }

        public Builder toPath(List<MsrpUri> path) {
            toPath = MsrpMessage.formatPath(path);
            return this;
        }

        public Builder fromPath(List<MsrpUri> path) {
            fromPath = MsrpMessage.formatPath(path);
            return this;
        }

        /** To-Path as its header value (URIs separated by spaces), checked. */
        public Builder toPath(String value) {
            return toPath(MsrpMessage.parsePath(value));
        }

        /** From-Path as its header value (URIs separated by spaces), checked. */
        public Builder fromPath(String value) {
            return fromPath(MsrpMessage.parsePath(value));
        }

        public Builder contentType(String type) {
            new MsrpHeader(MsrpHeader.CONTENT_TYPE, type);
            int slash = type.indexOf('/');
            if (slash <= 0 || slash == type.length() - 1) {
                throw new IllegalArgumentException("Content-Type must be type/subtype: " + type);
            }
            contentType = type;
            return this;
        }

        /** Success-Report: yes (RFC 4975 §7.1.2); the default is no, which is not written. */
        public Builder successReport(boolean yes) {
            successReport = yes;
            return this;
        }

        /** Failure-Report; the default, yes, is not written. */
        public Builder failureReport(FailureReport value) {
            failureReport = Objects.requireNonNull(value, "failureReport");
            return this;
        }

        /** Another header, repeated in every chunk (not one the chunker writes itself). */
        public Builder header(String name, String value) {
            for (String own : new String[] {MsrpHeader.TO_PATH, MsrpHeader.FROM_PATH, MsrpHeader.MESSAGE_ID,
                    MsrpHeader.BYTE_RANGE, MsrpHeader.CONTENT_TYPE, MsrpHeader.SUCCESS_REPORT,
                    MsrpHeader.FAILURE_REPORT}) {
                if (own.equalsIgnoreCase(name)) {
                    throw new IllegalArgumentException(name + " is set through its own builder method");
                }
            }
            extra.add(new MsrpHeader(name, value));
            return this;
        }

        public OutgoingMessage build() {
            if (toPath == null || fromPath == null) {
                throw new IllegalStateException("To-Path and From-Path are required");
            }
            if (contentType == null && body.size() != 0) {
                throw new IllegalStateException("a message with a body needs a Content-Type");
            }
            return new OutgoingMessage(this);
        }
    }
}
