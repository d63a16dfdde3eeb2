package io.sipim.msrp.internal.chunk;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.session.BodySink;
import io.sipim.msrp.session.BodySource;
import io.sipim.msrp.session.MemoryBodySink;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Chunking any messages at any chunk size, interleaved, with priority frames injected, gives a
 * stream from which {@link Reassembly} gets every message back byte-exact. The stream is read here
 * by the naive {@link Wire} reader; {@code ParserRoundTripProperties} does the same through the real parser.
 */
class ChunkRoundTripProperties {

    /** A scenario: bodies (some with end-line look-alikes, some of unknown length) and how they are sent. */
    static final class Scenario {
        final List<byte[]> bodies = new ArrayList<>();
        final List<Boolean> unknown = new ArrayList<>();
        final int maxChunk;
        final int buffer;
        final long seed;

        Scenario(long seed, int messages, int maxChunk, int buffer) {
            this.seed = seed;
            this.maxChunk = maxChunk;
            this.buffer = buffer;
            Random rnd = new Random(seed);
            List<String> ids = OutboundQueueTest.ids(40);
            int cap = (int) Math.min(200_000, maxChunk * 1500L);
            for (int i = 0; i < messages; i++) {
                int size = rnd.nextInt(4) == 0 ? rnd.nextInt(Math.min(cap, 200) + 1) : rnd.nextInt(cap + 1);
                byte[] b = new byte[size];
                rnd.nextBytes(b);
                // Plant end-lines of ids the queue will use, and plain runs of hyphens.
                for (int k = 0; k < size / 500 + 1 && size > 0; k++) {
                    String planted = rnd.nextBoolean() ? "-------" + ids.get(rnd.nextInt(ids.size())) + "$\r\n"
                            : "--------" + "text";
                    byte[] p = planted.getBytes(ISO_8859_1);
                    int at = rnd.nextInt(size);
                    System.arraycopy(p, 0, b, at, Math.min(p.length, size - at));
                }
                bodies.add(b);
                unknown.add(rnd.nextInt(3) == 0);
            }
        }

        /** Sends everything, injecting responses at random fills; returns the wire bytes. */
        byte[] send() {
            Drain drain = new Drain();
            OutboundQueue q = new OutboundQueue(maxChunk, new TransactionIds(OutboundQueueTest.KEY), drain);
            for (int i = 0; i < bodies.size(); i++) {
                byte[] b = bodies.get(i);
                BodySource src = unknown.get(i) ? BodySource.of(new ByteArrayInputStream(b), BodySource.UNKNOWN)
                        : BodySource.of(b);
                q.add(OutboundQueueTest.message("msg" + i, src).build());
            }
            Random rnd = new Random(seed ^ 0x5DEECE66DL);
            ByteBuffer buf = rnd.nextBoolean() ? ByteBuffer.allocate(buffer) : ByteBuffer.allocateDirect(buffer);
            int frames = 0;
            while (drain.fillOnce(q, buf)) {
                if (rnd.nextInt(5) == 0) {
                    String tid = "resp" + frames++;
                    q.offerPriority(("MSRP " + tid + " 200 OK\r\nTo-Path: " + OutboundQueueTest.FROM + "\r\nFrom-Path: "
                            + OutboundQueueTest.TO + "\r\n-------" + tid + "$\r\n").getBytes(ISO_8859_1));
                }
            }
            assertEquals(bodies.size(), drain.done.size());
            return drain.wire.toByteArray();
        }

        void check(Map<String, byte[]> received) {
            assertEquals(bodies.size(), received.size());
            for (int i = 0; i < bodies.size(); i++) {
                assertArrayEquals(bodies.get(i), received.get("msg" + i), "msg" + i);
            }
        }
    }

    /** Collects completed messages from a {@link Reassembly} into memory sinks. */
    static final class Collector implements Reassembly.Listener {
        final Map<String, byte[]> received = new HashMap<>();
        Reassembly reassembly = new Reassembly(1L << 40, (id, type, total) -> BodySink.memory(1 << 30), this);

        @Override
        public void complete(String messageId, String contentType, long size, BodySink sink) {
            received.put(messageId, ((MemoryBodySink) sink).bytes());
        }
    }

    @Property(tries = 150)
    void everyMessageComesBackByteExact(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int messages,
                                        @ForAll @IntRange(min = 1, max = 70_000) int maxChunk,
                                        @ForAll @IntRange(min = 600, max = 300_000) int buffer) {
        Scenario s = new Scenario(seed, messages, maxChunk, buffer);
        List<Wire.Frame> frames = Wire.decode(s.send());
        Collector c = new Collector();
        Random split = new Random(seed);
        for (Wire.Frame f : frames) {
            if (!f.isSend()) {
                continue;
            }
            if (f.body() != null) {
                assertEquals(-1, Wire.indexOf(f.body(), ("-------" + f.tid()).getBytes(ISO_8859_1), 0),
                        "RFC 4975 §7.1.1: a body holds its own end-line");
            }
            assertTrue(c.reassembly.chunkStart(f.request()).accepted());
            byte[] body = f.body() == null ? new byte[0] : f.body();
            for (int at = 0; at < body.length; ) {
                int n = 1 + split.nextInt(Math.min(body.length - at, 1 + split.nextInt(70_000)));
                c.reassembly.body(ByteBuffer.wrap(body, at, n));
                at += n;
            }
            assertTrue(c.reassembly.chunkEnd(f.flag()).accepted());
        }
        s.check(c.received);
        assertEquals(0, c.reassembly.inProgress());
    }

    @Property(tries = 40)
    void tinyChunksAndTinyBuffers(@ForAll long seed, @ForAll @IntRange(min = 1, max = 16) int maxChunk,
                                  @ForAll @IntRange(min = 400, max = 700) int buffer) {
        everyMessageComesBackByteExact(seed, 2, maxChunk, buffer);
    }
}
