package io.sipim.benchmarks;

import io.sipim.msrp.internal.chunk.OutboundQueue;
import io.sipim.msrp.internal.chunk.OutgoingMessage;
import io.sipim.msrp.internal.chunk.Reassembly;
import io.sipim.msrp.internal.chunk.TransactionIds;
import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.parse.MsrpLimits;
import io.sipim.msrp.parse.MsrpParser;
import io.sipim.msrp.session.BodySink;
import io.sipim.msrp.session.BodySource;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * MSRP chunking hot paths (issue 4, "Performance"): one 16 MiB message of random bytes, chunked at
 * 2, 16 and 64 KiB.
 *
 * <ul>
 * <li>{@code encode}: {@code OutboundQueue.fill} into a reused 256 KiB direct buffer until the
 *     message is out (chunk heads, the RFC 4975 §7.1.1 end-line scan, the body copy).</li>
 * <li>{@code decode}: the encoded stream, in 256 KiB slices of a direct buffer as a socket read
 *     would leave them, through {@code MsrpParser} into {@code Reassembly}, whose sink either
 *     discards the bytes or copies them into a reused array.</li>
 * <li>{@code parse}: the same stream through the parser alone, to tell its share of {@code decode}.</li>
 * </ul>
 *
 * <p>One invocation moves {@value #MESSAGE_MIB} MiB and counts as {@value #MESSAGE_MIB} operations,
 * so the score is in MiB/s and {@code gc.alloc.rate.norm} is in bytes allocated per MiB (divide by
 * 1 MiB / chunkSize for bytes per chunk).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
@State(Scope.Benchmark)
public class MsrpChunkingBenchmark {
    static final int MESSAGE_MIB = 16;
    static final int MESSAGE = MESSAGE_MIB << 20;
    static final int BUFFER = 256 * 1024;
    static final String TO = "msrp://bob.example.com:2855/9di4eae923wzd;tcp";
    static final String FROM = "msrp://alice.example.com:7654/iau39soe2843z;tcp";

    @Param({"2048", "16384", "65536"})
    public int chunkSize;

    private byte[] body;
    private final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER);
    private final TransactionIds ids = new TransactionIds();
    private ByteBuffer encoded;
    private OutboundQueue queue;

    static final OutboundQueue.Listener QUIET = (m, tid, start, end, total, flag) -> { };

    /** Where decoded bodies go. */
    @State(Scope.Benchmark)
    public static class Sink {
        @Param({"discard", "array"})
        public String sink;

        byte[] array;

        @Setup
        public void setup() {
            array = new byte[MESSAGE];
        }

        BodySink sink() {
            byte[] a = array;
            boolean copy = sink.equals("array");
            return new BodySink() {
                @Override
                public void write(long position, ByteBuffer data) {
                    if (copy) {
                        data.get(a, (int) position, data.remaining());
                    } else {
                        data.position(data.limit());
                    }
                }

                @Override
                public void complete(long size) {
                }

                @Override
                public void discard() {
                }
            };
        }
    }

    @Setup
    public void setup() {
        body = new byte[MESSAGE];
        new Random(4975).nextBytes(body);
        ByteArrayOutputStream wire = new ByteArrayOutputStream(MESSAGE + MESSAGE / 8);
        queue = new OutboundQueue(chunkSize, ids, QUIET);
        OutboundQueue q = queue();
        boolean more = true;
        while (more) {
            out.clear();
            more = q.fill(out);
            out.flip();
            byte[] b = new byte[out.remaining()];
            out.get(b);
            wire.writeBytes(b);
        }
        byte[] all = wire.toByteArray();
        encoded = ByteBuffer.allocateDirect(all.length);
        encoded.put(all).clear();
    }

    /** The connection's queue (one per connection, reused), with the next message added. */
    private OutboundQueue queue() {
        OutboundQueue q = queue;
        q.add(OutgoingMessage.builder("bench4975", BodySource.of(body)).toPath(TO).fromPath(FROM)
                .contentType("application/octet-stream").build());
        return q;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGE_MIB)
    public long encode() {
        OutboundQueue q = queue();
        long n = 0;
        boolean more = true;
        while (more) {
            out.clear();
            more = q.fill(out);
            n += out.position();
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGE_MIB)
    public long decode(Sink sink) {
        long[] done = new long[1];
        Reassembly r = new Reassembly(MsrpLimits.DEFAULT_MAX_MESSAGE_BYTES, (id, type, total) -> sink.sink(),
                (id, type, size, s) -> done[0] = size);
        MsrpParser parser = new MsrpParser(MsrpLimits.DEFAULT, new Feed(r));
        ByteBuffer in = encoded;
        int length = in.capacity();
        for (int at = 0; at < length; at += BUFFER) {
            in.limit(Math.min(length, at + BUFFER)).position(at);
            parser.parse(in);
        }
        if (done[0] != MESSAGE) {
            throw new IllegalStateException("decoded " + done[0]);
        }
        return done[0];
    }

    /** The parser alone, its events dropped: what {@code decode} costs beyond is the reassembly's. */
    @Benchmark
    @OperationsPerInvocation(MESSAGE_MIB)
    public long parse() {
        long[] bytes = new long[1];
        MsrpParser parser = new MsrpParser(MsrpLimits.DEFAULT, new MsrpParser.Handler() {
            @Override
            public void request(MsrpRequest request, boolean hasBody) {
            }

            @Override
            public void body(ByteBuffer data) {
                bytes[0] += data.remaining();
            }

            @Override
            public void end(ContinuationFlag flag) {
            }

            @Override
            public void response(MsrpResponse response) {
            }

            @Override
            public void badRequest(MsrpParseException e) {
                throw e;
            }
        });
        ByteBuffer in = encoded;
        int length = in.capacity();
        for (int at = 0; at < length; at += BUFFER) {
            in.limit(Math.min(length, at + BUFFER)).position(at);
            parser.parse(in);
        }
        return bytes[0];
    }

    /** The parser's events into the reassembly, as a session would pass them. */
    static final class Feed implements MsrpParser.Handler {
        private final Reassembly reassembly;

        Feed(Reassembly reassembly) {
            this.reassembly = reassembly;
        }

        @Override
        public void request(MsrpRequest request, boolean hasBody) {
            reassembly.chunkStart(request);
        }

        @Override
        public void body(ByteBuffer data) {
            reassembly.body(data);
        }

        @Override
        public void end(ContinuationFlag flag) {
            reassembly.chunkEnd(flag);
        }

        @Override
        public void response(MsrpResponse response) {
        }

        @Override
        public void badRequest(MsrpParseException e) {
            throw e;
        }
    }
}
