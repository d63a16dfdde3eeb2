package io.sipim.msrp.internal.relay;

import io.sipim.msrp.message.ByteRange;
import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpUri;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Streams one incoming chunk to the next hop, re-chunked (RFC 4976 §7.3.1 lets a relay split
 * chunks): body bytes collect in a buffer of the relay's chunk size, and each full buffer followed
 * by more bytes leaves as a chunk of its own with the {@code +} flag, a fresh transaction id and the
 * exact Byte-Range of its bytes. The last one carries the incoming chunk's flag. Message-ID and the
 * other headers are kept. At most one chunk's worth of body is held, whatever the message size.
 */
final class Forward implements Inbound {
    private final RelayEngine engine;
    private final RelayConnection source;
    private final RelayConnection target;
    private final MsrpRequest original;
    private final MsrpUri relayUri;
    private final MsrpRequest.Builder head;
    private final boolean hasBody;
    private final boolean hadRange;
    private final long total;
    private final byte[] buffer;
    private int filled;
    private long next;
    private int emitted;

    Forward(RelayEngine engine, RelayConnection source, RelayConnection target, MsrpRequest original,
            MsrpUri relayUri, MsrpRequest.Builder head, boolean hasBody, int chunkBytes) {
        this.engine = engine;
        this.source = source;
        this.target = target;
        this.original = original;
        this.relayUri = relayUri;
        this.head = head;
        this.hasBody = hasBody;
        ByteRange r = original.byteRange();
        this.hadRange = r != null;
        this.next = r != null ? r.start() : 1;
        this.total = r != null ? r.total() : ByteRange.UNKNOWN;
        this.buffer = new byte[hasBody ? chunkBytes : 0];
    }

    @Override
    public void body(ByteBuffer data) {
        if (!hasBody) {
            return;
        }
        while (data.hasRemaining()) {
            if (filled == buffer.length) {
                emit(ContinuationFlag.MORE, false);
            }
            int n = Math.min(buffer.length - filled, data.remaining());
            data.get(buffer, filled, n);
            filled += n;
        }
    }

    @Override
    public void end(ContinuationFlag flag) {
        emit(flag, true);
        engine.received(source, original, relayUri);
    }

    @Override
    public void abandon() {
        // The sender's connection broke mid-chunk: pass on what came, as an interrupted chunk.
        if (filled > 0) {
            emit(ContinuationFlag.MORE, false);
        }
    }

    private void emit(ContinuationFlag flag, boolean last) {
        long end = next + filled - 1;
        long t = total;
        if (!hadRange && last) {
            t = end;
        }
        if (t != ByteRange.UNKNOWN && end > t) {
            t = ByteRange.UNKNOWN;
        }
        // A request without body (a REPORT) keeps its Byte-Range, which describes the reported message.
        ByteRange range = !hasBody ? original.byteRange() : new ByteRange(next, end, t);
        // A chunk that arrived whole without Byte-Range and leaves whole keeps having none.
        boolean writeRange = hasBody && (hadRange || !(last && emitted == 0));
        byte[] body = hasBody ? Arrays.copyOf(buffer, filled) : null;
        String tid = hasBody ? Ids.transactionIdNotIn(buffer, filled) : Ids.transactionId();
        head.transactionId(tid);
        if (writeRange) {
            head.byteRange(range);
        }
        engine.emit(source, target, original, relayUri, head.build(), body, flag, range);
        next = end + 1;
        filled = 0;
        emitted++;
    }
}
