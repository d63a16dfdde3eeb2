package io.sipim.msrp.internal.chunk;

import io.sipim.msrp.message.ByteRange;
import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.session.BodySink;
import io.sipim.msrp.session.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The receiving half of RFC 4975 chunking, one per session. The parser's events for each SEND go
 * in ({@link #chunkStart}, {@link #body}, {@link #chunkEnd}); each chunk's body is written to its
 * message's {@link BodySink} at its Byte-Range position, so chunks of several messages may
 * interleave, and arrive out of order, twice, or overlapping. A message is complete when its
 * received ranges cover bytes 1 to its total and the total is known (from a Byte-Range, or from the
 * end of the chunk that ends with {@code $}).
 *
 * <p>Each chunk gets a {@link Decision}; the session turns it into a response and, as
 * Success-Report and Failure-Report ask (RFC 4975 §7.1.2), REPORTs, for which {@link #received}
 * and the {@code chunk*} accessors give the Byte-Range. Refusals:
 * <ul>
 * <li>413 when the message's total, a Byte-Range or the bytes received go beyond {@code maxSize}
 *     (RFC 4975 §7.2, the SDP max-size), when the sink refuses, or when a new message would pass
 *     the bound on messages in progress; the message is discarded and every later chunk of it
 *     gets 413 too;</li>
 * <li>400 for a SEND without Message-ID, a total that contradicts an earlier one, a body longer
 *     than its Byte-Range or beyond the total; the chunk is ignored, the message goes on.</li>
 * </ul>
 * A chunk ending with {@code #} aborts its message: the sink is discarded.
 *
 * <p>Not thread-safe: the connection's thread owns it.
 */
public final class Reassembly {
    /** Messages recently finished, remembered so that a late duplicate chunk does not start them again. */
    static final int REMEMBERED = 256;
    /** Default bound on messages in progress at once (each holds a sink): {@value}. */
    public static final int DEFAULT_MAX_IN_PROGRESS = 64;

    /** Chooses the sink for a new incoming message. */
    public interface SinkFactory {
        /** A sink for the message's body; {@code total} is its size or -1 if not yet known. */
        BodySink open(String messageId, String contentType, long total);
    }

    /** Told what happens to incoming messages. */
    public interface Listener {
        /** After each chunk: distinct bytes received so far. */
        default void progress(Progress progress) {
        }

        /** Every byte of the message arrived and {@link BodySink#complete} returned. */
        void complete(String messageId, String contentType, long size, BodySink sink);

        /**
         * The message will not complete: the sender aborted it ({@code status} 0) or the receiver
         * refused it ({@code status} 413); its sink was discarded.
         */
        default void aborted(String messageId, long bytesReceived, int status) {
        }
    }

    private static final int COMPLETED = 200;
    private static final int ABORTED = 0;

    private final long maxSize;
    private final int maxInProgress;
    private final SinkFactory sinks;
    private final Listener listener;
    private final Map<String, Incoming> messages = new HashMap<>();
    private final Map<String, Integer> finished = new LinkedHashMap<>(32, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };

    private Incoming current;
    private Decision decision = Decision.ACCEPT;
    private String chunkMessageId;
    private long chunkPosition;
    private long chunkDeclaredEnd;
    private long chunkBytes;

    /**
     * @param maxSize the largest message accepted, in bytes (RFC 4975 max-size; see {@code MsrpLimits.maxMessageBytes})
     * @param sinks chooses where each message's body goes
     * @param listener told about progress, completion and aborts
     */
    public Reassembly(long maxSize, SinkFactory sinks, Listener listener) {
        this(maxSize, DEFAULT_MAX_IN_PROGRESS, sinks, listener);
    }

    /**
     * @param maxSize the largest message accepted, in bytes
     * @param maxInProgress how many messages may be in progress at once; the first chunk of one more gets 413
     * @param sinks chooses where each message's body goes
     * @param listener told about progress, completion and aborts
     */
    public Reassembly(long maxSize, int maxInProgress, SinkFactory sinks, Listener listener) {
        if (maxSize < 0 || maxInProgress < 1) {
            throw new IllegalArgumentException("maxSize must be >= 0 and maxInProgress >= 1, were " + maxSize
                    + " and " + maxInProgress);
        }
        this.maxSize = maxSize;
        this.maxInProgress = maxInProgress;
        this.sinks = Objects.requireNonNull(sinks, "sinks");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * A SEND's start line and headers have arrived; its body (if any) and end-line follow.
     *
     * @return the decision so far: a refusal may be answered at once, before the body
     */
    public Decision chunkStart(MsrpRequest send) {
        if (!MsrpRequest.SEND.equals(send.method())) {
            throw new IllegalArgumentException("not a SEND: " + send);
        }
        current = null;
        decision = Decision.ACCEPT;
        chunkBytes = 0;
        chunkMessageId = send.messageId();
        if (chunkMessageId == null) {
            return decision = Decision.badRequest("SEND without Message-ID");
        }
        // RFC 4975 §7.1.1: a SEND without Byte-Range carries the whole message.
        ByteRange range = send.byteRange() != null ? send.byteRange()
                : new ByteRange(1, ByteRange.UNKNOWN, ByteRange.UNKNOWN);
        chunkPosition = range.start() - 1;
        chunkDeclaredEnd = range.end();
        long total = range.total();
        Integer done = finished.get(chunkMessageId);
        if (done != null) {
            // A late or repeated chunk of a message already finished: nothing more to do with it.
            return decision = done == 413 ? Decision.tooLarge("message refused earlier") : Decision.ACCEPT;
        }
        Incoming m = messages.get(chunkMessageId);
        long furthest = Math.max(total, Math.max(chunkDeclaredEnd, chunkPosition));
        if (furthest > maxSize) {
            return decision = refuse(m, chunkMessageId, "message of " + furthest + " bytes exceeds max-size " + maxSize);
        }
        if (total != ByteRange.UNKNOWN && chunkPosition > total) {
            return decision = Decision.badRequest("Byte-Range start " + range.start() + " beyond total " + total);
        }
        if (m == null) {
            if (messages.size() >= maxInProgress) {
                // Each message in progress holds a sink: a peer must not open them without bound.
                return decision = refuse(null, chunkMessageId, maxInProgress + " messages already in progress");
            }
            BodySink sink = sinks.open(chunkMessageId, send.contentType(), total);
            m = new Incoming(chunkMessageId, send.contentType(), total, sink);
            messages.put(chunkMessageId, m);
            try {
                sink.begin(total);
            } catch (IOException e) {
                return decision = refuse(m, chunkMessageId, e.getMessage());
            }
        } else if (total != ByteRange.UNKNOWN) {
            if (m.total != ByteRange.UNKNOWN && m.total != total) {
                return decision = Decision.badRequest("Byte-Range total " + total + " contradicts " + m.total);
            }
            if (m.ranges.maxEnd() > total) {
                return decision = Decision.badRequest("Byte-Range total " + total + " but " + m.ranges.maxEnd()
                        + " bytes arrived");
            }
            m.total = total;
        }
        if (m.contentType == null) {
            m.contentType = send.contentType();
        }
        current = m;
        return decision;
    }

    /** Body bytes of the current chunk, in order; {@code data} is consumed (and only valid during the call). */
    public void body(ByteBuffer data) {
        Incoming m = current;
        if (m == null || !decision.accepted()) {
            return;
        }
        int n = data.remaining();
        long at = chunkPosition + chunkBytes;
        long end = at + n;
        if (chunkDeclaredEnd != ByteRange.UNKNOWN && end > chunkDeclaredEnd) {
            decision = Decision.badRequest("body longer than its Byte-Range " + (chunkPosition + 1) + "-"
                    + chunkDeclaredEnd);
            return;
        }
        if (m.total != ByteRange.UNKNOWN && end > m.total) {
            decision = Decision.badRequest("body goes beyond the total " + m.total);
            return;
        }
        if (end > maxSize) {
            decision = refuse(m, m.id, "message exceeds max-size " + maxSize);
            return;
        }
        try {
            m.sink.write(at, data);
        } catch (IOException e) {
            decision = refuse(m, m.id, e.getMessage());
            return;
        }
        m.ranges.add(at, end);
        chunkBytes += n;
    }

    /**
     * The current chunk's end-line arrived.
     *
     * @return the decision for the chunk
     */
    public Decision chunkEnd(ContinuationFlag flag) {
        Incoming m = current;
        current = null;
        if (m == null || !decision.accepted()) {
            return decision;
        }
        if (flag == ContinuationFlag.ABORT) {
            end(m, ABORTED);
            m.sink.discard();
            listener.aborted(m.id, m.ranges.covered(), ABORTED);
            return decision;
        }
        if (flag == ContinuationFlag.END) {
            // The last chunk: its end is the end of the message.
            long last = chunkDeclaredEnd != ByteRange.UNKNOWN ? chunkDeclaredEnd : chunkPosition + chunkBytes;
            if (m.total != ByteRange.UNKNOWN && m.total != last) {
                return decision = Decision.badRequest("last chunk ends at " + last + " but the total is " + m.total);
            }
            if (m.ranges.maxEnd() > last) {
                return decision = Decision.badRequest("last chunk ends at " + last + " but " + m.ranges.maxEnd()
                        + " bytes arrived");
            }
            m.total = last;
        }
        listener.progress(new Progress(m.id, m.ranges.covered(), m.total));
        if (m.total != ByteRange.UNKNOWN && m.ranges.covers(m.total)) {
            try {
                m.sink.complete(m.total);
            } catch (IOException e) {
                return decision = refuse(m, m.id, e.getMessage());
            }
            end(m, COMPLETED);
            listener.complete(m.id, m.contentType, m.total, m.sink);
        }
        return decision;
    }

    private Decision refuse(Incoming m, String id, String reason) {
        Decision d = Decision.tooLarge(reason);
        finished.put(id, 413);
        if (m != null) {
            messages.remove(id);
            m.sink.discard();
            listener.aborted(id, m.ranges.covered(), 413);
        }
        current = null;
        return d;
    }

    private void end(Incoming m, int how) {
        messages.remove(m.id);
        finished.put(m.id, how);
    }

    /**
     * The receiver gives up on a message (RFC 4975 §7.3.1: later chunks of it get 413, which tells
     * the sender to stop): its sink is discarded and {@link Listener#aborted} is told with 413.
     *
     * @return false if no such message is in progress
     */
    public boolean cancel(String messageId, String reason) {
        Incoming m = messages.get(messageId);
        if (m == null) {
            return false;
        }
        if (current == m) {
            decision = refuse(m, messageId, reason);
        } else {
            refuse(m, messageId, reason);
        }
        return true;
    }

    /** Drops every message in progress (the session ended): sinks discarded, nothing reported. */
    public void discardAll() {
        for (Incoming m : messages.values()) {
            m.sink.discard();
        }
        messages.clear();
        current = null;
    }

    /** The Message-ID of the chunk last started, or {@code null}. */
    public String chunkMessageId() {
        return chunkMessageId;
    }

    /** The first byte (from 1) of the chunk last started. */
    public long chunkStart() {
        return chunkPosition + 1;
    }

    /** The last byte (from 1) of the chunk's body received so far ({@code chunkStart() - 1} if none). */
    public long chunkEnd() {
        return chunkPosition + chunkBytes;
    }

    /**
     * What a REPORT about a message in progress says (RFC 4975 §7.1.2): bytes {@code 1-n/total} when
     * bytes 1 to n have all arrived, with total {@code *} while unknown; {@code null} for a message
     * not in progress.
     */
    public ByteRange received(String messageId) {
        Incoming m = messages.get(messageId);
        return m == null ? null : new ByteRange(1, m.ranges.contiguousPrefix(), m.total);
    }

    /** Messages started and not yet complete or aborted. */
    public int inProgress() {
        return messages.size();
    }

    /** One message being received. */
    private static final class Incoming {
        final String id;
        final BodySink sink;
        final RangeSet ranges = new RangeSet();
        String contentType;
        long total;

        Incoming(String id, String contentType, long total, BodySink sink) {
            this.id = id;
            this.contentType = contentType;
            this.total = total;
            this.sink = Objects.requireNonNull(sink, "sink");
        }
    }
}
