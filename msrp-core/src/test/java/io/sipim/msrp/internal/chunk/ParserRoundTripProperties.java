package io.sipim.msrp.internal.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.parse.MsrpLimits;
import io.sipim.msrp.parse.MsrpParser;
import io.sipim.msrp.session.BodySink;
import io.sipim.msrp.session.BodySource;
import io.sipim.msrp.session.MemoryBodySink;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The end-to-end property: chunking any messages (0 to 200 KB, binary, with end-line
 * look-alikes) at any chunk size from 1 byte, interleaved, with responses injected, then feeding
 * the bytes to {@link MsrpParser} split at arbitrary points, gives every message back byte-exact
 * through {@link Reassembly}.
 */
class ParserRoundTripProperties {

    /** The parser's events into a {@link Reassembly}, as a session does. */
    static class Feed implements MsrpParser.Handler {
        final ChunkRoundTripProperties.Collector collector = new ChunkRoundTripProperties.Collector();
        int responses;
        boolean inSend;

        @Override
        public void request(MsrpRequest request, boolean hasBody) {
            assertEquals(MsrpRequest.SEND, request.method());
            assertTrue(collector.reassembly.chunkStart(request).accepted(), request::toString);
            inSend = true;
        }

        @Override
        public void body(ByteBuffer data) {
            collector.reassembly.body(data);
        }

        @Override
        public void end(ContinuationFlag flag) {
            assertTrue(collector.reassembly.chunkEnd(flag).accepted());
            inSend = false;
        }

        @Override
        public void response(MsrpResponse response) {
            responses++;
        }

        @Override
        public void badRequest(MsrpParseException e) {
            throw new AssertionError("the chunker wrote a bad request", e);
        }
    }

    @Property(tries = 150)
    void everyMessageComesBackThroughTheParser(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int messages,
                                               @ForAll @IntRange(min = 1, max = 70_000) int maxChunk,
                                               @ForAll @IntRange(min = 600, max = 300_000) int buffer,
                                               @ForAll @IntRange(min = 1, max = 100_000) int maxRead) {
        ChunkRoundTripProperties.Scenario s = new ChunkRoundTripProperties.Scenario(seed, messages, maxChunk, buffer);
        byte[] wire = s.send();
        Feed feed = new Feed();
        MsrpParser parser = new MsrpParser(MsrpLimits.DEFAULT, feed);
        Random split = new Random(~seed);
        boolean direct = split.nextBoolean();
        for (int at = 0; at < wire.length; ) {
            int n = 1 + split.nextInt(Math.min(wire.length - at, split.nextInt(8) == 0 ? 3 : maxRead));
            ByteBuffer in;
            if (direct) {
                in = ByteBuffer.allocateDirect(n);
                in.put(wire, at, n).flip();
            } else {
                in = ByteBuffer.wrap(wire, at, n);
            }
            parser.parse(in);
            at += n;
        }
        parser.finish();
        s.check(feed.collector.received);
        assertEquals(0, feed.collector.reassembly.inProgress());
    }

    @Example
    void rfc4975_7_1_anAbortedMessageReachesTheReceiverAsAborted() {
        Drain drain = new Drain();
        OutboundQueue q = new OutboundQueue(1000, new TransactionIds(), drain);
        OutgoingMessage big = OutboundQueueTest.message("big1", BodySource.of(new byte[5000])).build();
        OutgoingMessage streamed = OutboundQueueTest.message("str1", BodySource.of(new byte[5000])).build();
        q.add(big);
        ByteBuffer buf = ByteBuffer.allocate(2600);
        drain.fillOnce(q, buf);
        big.abort();
        q.add(streamed);
        drain.drain(q, ByteBuffer.allocate(700));
        List<String> aborted = new ArrayList<>();
        Feed feed = new Feed() {
            {
                collector.reassembly = new Reassembly(1 << 20, (id, type, total) -> BodySink.memory(1 << 20),
                        new Reassembly.Listener() {
                            @Override
                            public void complete(String messageId, String contentType, long size, BodySink sink) {
                                collector.received.put(messageId, ((MemoryBodySink) sink).bytes());
                            }

                            @Override
                            public void aborted(String messageId, long bytesReceived, int status) {
                                aborted.add(messageId + " " + bytesReceived + " " + status);
                            }
                        });
            }
        };
        MsrpParser parser = new MsrpParser(MsrpLimits.DEFAULT, feed);
        parser.parse(ByteBuffer.wrap(drain.wire.toByteArray()));
        parser.finish();
        assertEquals(List.of("big1 " + big.bytesSent() + " 0"), aborted);
        assertEquals(5000, feed.collector.received.get("str1").length);
    }

    @Property(tries = 40)
    void oneByteChunksAndOneByteReads(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int maxChunk) {
        everyMessageComesBackThroughTheParser(seed, 2, maxChunk, 500, 1);
    }
}
