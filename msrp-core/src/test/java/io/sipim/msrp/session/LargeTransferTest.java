package io.sipim.msrp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A message of more than 2 GiB over loopback TCP (RFC 4975 Byte-Range positions beyond 2^31) in a
 * JVM whose heap is far smaller than the message: surefire runs this class alone with
 * {@code -Xmx96m} (the "large" execution in msrp-core's pom), so holding the message anywhere would
 * fail with OutOfMemoryError. The body is generated, and the receiver checks every byte at its
 * position, so a wrong Byte-Range or a lost or repeated piece fails the test.
 */
@Tag("large")
@Timeout(600)
class LargeTransferTest {
    static final long SIZE = (2L << 30) + 123_457; // 2 GiB and a bit, not a multiple of any chunk size

    /** The byte at {@code position}: a mix of its 8-byte block number, so every position has its own value. */
    static byte expected(long position) {
        long z = (position >>> 3) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L;
        return (byte) (z >>> ((position & 7) * 8));
    }

    /** Generates the body on the fly. */
    static final class Generated implements BodySource {
        private long next;

        @Override
        public long size() {
            return SIZE;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (next == SIZE) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), SIZE - next);
            for (int i = 0; i < n; i++) {
                dst.put(expected(next++));
            }
            return n;
        }

        @Override
        public void close() {
        }
    }

    /** Checks every byte at its position and counts them; keeps nothing. */
    static final class Checking implements BodySink {
        final AtomicLong bytes = new AtomicLong();
        volatile String error;

        @Override
        public void write(long position, ByteBuffer data) throws IOException {
            long p = position;
            while (data.hasRemaining()) {
                byte b = data.get();
                if (b != expected(p) && error == null) {
                    error = "byte " + p + " differs";
                    throw new IOException(error);
                }
                p++;
            }
            bytes.addAndGet(p - position);
        }

        @Override
        public void complete(long size) {
        }

        @Override
        public void discard() {
            error = "discarded";
        }
    }

    @Test
    void twoGibibytesArriveByteExactWithASmallHeap() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertTrue(maxHeap < SIZE / 8, "this test must run with a heap far below the message size, has " + maxHeap);
        try (MsrpStack alice = MsrpStack.builder().build(); MsrpStack bob = MsrpStack.builder().build()) {
            MsrpSession b = bob.newSession();
            MsrpSession a = alice.newSession();
            Checking sink = new Checking();
            CompletableFuture<ReceivedMessage> got = new CompletableFuture<>();
            b.onIncoming((id, type, total, headers) -> sink).onMessage(got::complete);
            b.accept(a.localPath());
            a.connect(b.localPath()).get(10, TimeUnit.SECONDS);
            Delivery d = a.message("application/octet-stream", new Generated()).successReport(true).send()
                    .completion().get(500, TimeUnit.SECONDS);
            ReceivedMessage m = got.get(10, TimeUnit.SECONDS);
            assertEquals(null, sink.error);
            assertTrue(d.delivered(), d.toString());
            assertEquals(SIZE, d.acknowledgedBytes(), "the success REPORT covers the whole message");
            assertEquals(SIZE, m.size());
            assertEquals(SIZE, sink.bytes.get());
        }
    }
}
