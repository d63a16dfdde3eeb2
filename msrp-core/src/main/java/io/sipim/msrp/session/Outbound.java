package io.sipim.msrp.session;

import io.sipim.msrp.internal.chunk.OutboundQueue;
import io.sipim.msrp.internal.chunk.OutgoingMessage;
import io.sipim.msrp.internal.chunk.TransactionIds;
import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpHeader;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one connection writes: responses and REPORTs first, then the chunks of the sessions' messages
 * taking turns (RFC 4975 §7.1: a chunk may be interrupted so that other traffic goes first). Ties the
 * chunker's messages back to the sessions' {@link OutgoingState}s. Loop thread only.
 */
final class Outbound implements OutboundQueue.Listener {

    /** Told when a chunk has been written. */
    interface Events {
        void chunkWritten(OutgoingState out, String transactionId, long bodyBytes, boolean last);
    }

    private final TransactionIds ids = new TransactionIds();
    private final OutboundQueue queue;
    private final Events events;
    private final Map<OutgoingMessage, OutgoingState> states = new IdentityHashMap<>();

    Outbound(int chunkSize, Events events) {
        this.queue = new OutboundQueue(chunkSize, ids, this);
        this.events = events;
    }

    String newTransactionId() {
        return ids.next();
    }

    void priority(byte[] frame) {
        queue.offerPriority(frame);
    }

    void add(OutgoingState out) {
        MsrpSession s = out.session;
        OutgoingMessage.Builder b = OutgoingMessage.builder(out.transfer.messageId(), out.body)
                .toPath(s.toPath()).fromPath(List.of(s.localUri())).contentType(out.transfer.contentType())
                .successReport(out.transfer.successReport()).failureReport(out.transfer.failureReport());
        for (MsrpHeader h : out.extraHeaders) {
            b.header(h.name(), h.value());
        }
        OutgoingMessage m = b.build();
        states.put(m, out);
        queue.add(m);
    }

    /** Aborts the message if it is still being written; true if the queue changed. */
    boolean abort(OutgoingState out) {
        return queue.abort(out.transfer.messageId());
    }

    boolean hasWork() {
        return queue.hasPending();
    }

    boolean fill(ByteBuffer out) {
        return queue.fill(out);
    }

    void close() {
        states.clear();
    }

    @Override
    public void chunkWritten(OutgoingMessage message, String transactionId, long start, long end, long total,
                             ContinuationFlag flag) {
        OutgoingState out = states.get(message);
        if (out == null || out.done() || flag == ContinuationFlag.ABORT) {
            return;
        }
        events.chunkWritten(out, transactionId, Math.max(0, end - start + 1), flag == ContinuationFlag.END);
    }

    @Override
    public void messageDone(OutgoingMessage message) {
        states.remove(message);
    }
}
