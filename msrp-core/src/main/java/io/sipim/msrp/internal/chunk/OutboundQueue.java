package io.sipim.msrp.internal.chunk;

import io.sipim.msrp.message.ContinuationFlag;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;

/**
 * What one connection writes: priority frames (responses and REPORTs, already encoded) and the
 * chunks of the messages being sent. The transport calls {@link #fill} whenever the socket can take
 * more; each call writes priority frames first, then chunks of the messages in turn (round-robin,
 * one chunk each), so several messages share the connection fairly and a large one does not hold
 * up the rest.
 *
 * <p>A chunk that does not fit in the buffer is streamed across calls under a head whose
 * Byte-Range end is {@code *}; if a priority frame arrives meanwhile, the next call ends that chunk
 * with {@code +} (RFC 4975 §7.1), writes the frame, and the message goes on in a new chunk when its
 * turn comes again. Memory stays bounded: a source is never read further than fits in the buffer.
 *
 * <p>Not thread-safe: the connection's thread owns it.
 */
public final class OutboundQueue {
    /** A default for the largest chunk body; relays on the path (RFC 4976) may re-chunk to smaller ones. */
    public static final int DEFAULT_MAX_CHUNK = 64 * 1024;

    /** What the queue tells the session as it writes. */
    public interface Listener {
        /**
         * A chunk of {@code message} was written completely into the buffer, up to its end-line:
         * transaction {@code transactionId} carried bytes {@code start..end} (from 1; {@code end = start - 1}
         * for a chunk without body) of {@code total} ({@code -1} if not known) and ended with {@code flag}.
         */
        void chunkWritten(OutgoingMessage message, String transactionId, long start, long end, long total,
                          ContinuationFlag flag);

        /** {@code message} is finished: its last chunk ended with {@code $}, or it was aborted ({@code #}, or dropped unsent). */
        default void messageDone(OutgoingMessage message) {
        }
    }

    private final int maxChunk;
    private final TransactionIds ids;
    private final Listener listener;
    private final ArrayDeque<byte[]> priority = new ArrayDeque<>();
    private int priorityOffset;
    private final ArrayDeque<OutgoingMessage> turns = new ArrayDeque<>();
    private OutgoingMessage streaming;
    /** Scratch for the end-line scan of direct buffers (see {@link EndLineScan}), shared by all messages. */
    private final byte[] window = new byte[EndLineScan.WINDOW];

    /**
     * @param maxChunk the largest chunk body in bytes, at least 1
     * @param ids where transaction ids come from
     * @param listener told about every chunk written and every message finished
     */
    public OutboundQueue(int maxChunk, TransactionIds ids, Listener listener) {
        if (maxChunk < 1) {
            throw new IllegalArgumentException("maxChunk must be >= 1, was " + maxChunk);
        }
        this.maxChunk = maxChunk;
        this.ids = Objects.requireNonNull(ids, "ids");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Queues an encoded response or REPORT to go out before any more chunk data. */
    public void offerPriority(byte[] frame) {
        if (frame.length > 0) {
            priority.add(frame);
        }
    }

    /** Queues a message; its chunks take turns with the other messages'. */
    public void add(OutgoingMessage message) {
        turns.add(Objects.requireNonNull(message, "message"));
    }

    /**
     * Aborts the queued message with this Message-ID ({@link OutgoingMessage#abort()}).
     *
     * @return false if no such message is queued
     */
    public boolean abort(String messageId) {
        if (streaming != null && streaming.messageId().equals(messageId)) {
            streaming.abort();
            return true;
        }
        for (Iterator<OutgoingMessage> it = turns.iterator(); it.hasNext(); ) {
            OutgoingMessage m = it.next();
            if (m.messageId().equals(messageId)) {
                m.abort();
                return true;
            }
        }
        return false;
    }

    /** Whether anything is waiting to be written. */
    public boolean hasPending() {
        return streaming != null || !priority.isEmpty() || !turns.isEmpty();
    }

    /** Messages queued or being written. */
    public int messages() {
        return turns.size() + (streaming != null ? 1 : 0);
    }

    /**
     * Writes what fits into {@code out} (between its position and limit).
     *
     * @return whether more is waiting: call again when {@code out} has been drained
     * @throws IllegalArgumentException if {@code out} is empty and still too small for a chunk head
     */
    public boolean fill(ByteBuffer out) {
        while (true) {
            if (streaming != null && !priority.isEmpty()) {
                if (!streaming.interrupt(out)) {
                    return true;
                }
                chunkDone(streaming, OutgoingMessage.CHUNK_MORE);
                streaming = null;
            }
            if (!writePriority(out)) {
                return true;
            }
            if (streaming != null) {
                int r = streaming.continueChunk(out, window);
                if (r == OutgoingMessage.CHUNK_OPEN) {
                    return true;
                }
                chunkDone(streaming, r);
                streaming = null;
                continue;
            }
            OutgoingMessage m = turns.pollFirst();
            if (m == null) {
                return false;
            }
            int r = m.startChunk(out, maxChunk, ids, window);
            switch (r) {
                case OutgoingMessage.NO_ROOM -> {
                    turns.addFirst(m);
                    if (out.position() == 0) {
                        throw new IllegalArgumentException("a buffer of " + out.remaining()
                                + " bytes cannot hold a chunk head of " + m);
                    }
                    return true;
                }
                case OutgoingMessage.CHUNK_OPEN -> streaming = m;
                case OutgoingMessage.DROPPED -> listener.messageDone(m);
                default -> chunkDone(m, r);
            }
        }
    }

    private boolean writePriority(ByteBuffer out) {
        while (!priority.isEmpty()) {
            byte[] frame = priority.peekFirst();
            int n = Math.min(frame.length - priorityOffset, out.remaining());
            out.put(frame, priorityOffset, n);
            priorityOffset += n;
            if (priorityOffset < frame.length) {
                return false;
            }
            priority.pollFirst();
            priorityOffset = 0;
        }
        return true;
    }

    private void chunkDone(OutgoingMessage m, int result) {
        listener.chunkWritten(m, m.lastTransactionId(), m.lastStart(), m.lastEnd(), m.total(), m.lastFlag());
        if (result == OutgoingMessage.CHUNK_MORE) {
            turns.addLast(m);
        } else {
            listener.messageDone(m);
        }
    }
}
