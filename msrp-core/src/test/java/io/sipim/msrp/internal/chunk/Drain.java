package io.sipim.msrp.internal.chunk;

import io.sipim.msrp.message.ContinuationFlag;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Runs an {@link OutboundQueue} into a buffer of a given size, as a transport would, and records what it says. */
final class Drain implements OutboundQueue.Listener {
    record Chunk(String messageId, String tid, long start, long end, long total, ContinuationFlag flag) {
    }

    final List<Chunk> chunks = new ArrayList<>();
    final List<String> done = new ArrayList<>();
    final ByteArrayOutputStream wire = new ByteArrayOutputStream();

    @Override
    public void chunkWritten(OutgoingMessage message, String transactionId, long start, long end, long total,
                             ContinuationFlag flag) {
        chunks.add(new Chunk(message.messageId(), transactionId, start, end, total, flag));
    }

    @Override
    public void messageDone(OutgoingMessage message) {
        done.add(message.messageId());
    }

    /** One fill into a fresh view of {@code buffer}; returns what fill returned. */
    boolean fillOnce(OutboundQueue queue, ByteBuffer buffer) {
        buffer.clear();
        boolean more = queue.fill(buffer);
        buffer.flip();
        byte[] b = new byte[buffer.remaining()];
        buffer.get(b);
        wire.writeBytes(b);
        return more;
    }

    /** Fills until the queue is empty. */
    byte[] drain(OutboundQueue queue, ByteBuffer buffer) {
        int guard = 0;
        while (fillOnce(queue, buffer)) {
            if (++guard > 10_000_000) {
                throw new AssertionError("queue never drains");
            }
        }
        return wire.toByteArray();
    }
}
