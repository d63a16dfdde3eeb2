package io.sipim.msrp.internal.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.parse.MsrpLimits;
import io.sipim.msrp.parse.MsrpParser;
import java.nio.ByteBuffer;
import java.util.Random;
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
    static final class Feed implements MsrpParser.Handler {
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

    @Property(tries = 40)
    void oneByteChunksAndOneByteReads(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int maxChunk) {
        everyMessageComesBackThroughTheParser(seed, 2, maxChunk, 500, 1);
    }
}
