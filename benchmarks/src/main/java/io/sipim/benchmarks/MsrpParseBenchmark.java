package io.sipim.benchmarks;

import io.sipim.msrp.message.ByteRange;
import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.parse.MsrpEncoder;
import io.sipim.msrp.parse.MsrpLimits;
import io.sipim.msrp.parse.MsrpParser;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The MSRP decode path up to the parser: a stream of SEND chunks of one message (To-Path, From-Path,
 * Message-ID, Byte-Range, Content-Type, a random binary body), fed to one {@link MsrpParser} in
 * 64 KiB reads as a socket would deliver them. The handler only sums what it is given.
 *
 * <p>Each invocation parses the whole stream (about 4 MiB). Throughput is reported twice: the
 * primary score in invocations per second, and the {@code bytes} counter in bytes per second
 * (divide by 1e9 for GB/s). Run with {@code -prof gc} for the allocation per invocation; divide by
 * {@link #chunks} for the allocation per chunk.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
@State(Scope.Benchmark)
public class MsrpParseBenchmark {

    private static final int STREAM_BYTES = 4 << 20;
    private static final int READ_SIZE = 64 << 10;

    @Param({"2048", "16384", "65536"})
    public int bodySize;

    private byte[] stream;
    /** Chunks in the stream. */
    public int chunks;
    private Sink sink;
    private MsrpParser parser;

    /** Bytes parsed, reported by JMH as a rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Bytes {
        public long bytes;
    }

    /** Sums what the parser reports, so that none of it is dead code. */
    static final class Sink implements MsrpParser.Handler {
        long sum;

        @Override
        public void request(MsrpRequest request, boolean hasBody) {
            sum += request.byteRange().start();
        }

        @Override
        public void body(ByteBuffer data) {
            sum += data.remaining();
        }

        @Override
        public void end(ContinuationFlag flag) {
            sum += flag.ordinal();
        }

        @Override
        public void response(MsrpResponse response) {
            sum += response.code();
        }

        @Override
        public void badRequest(MsrpParseException e) {
            throw e;
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        MsrpUri to = MsrpUri.parse("msrp://bob.example.com:8888/9di4eae923wzd;tcp");
        MsrpUri from = MsrpUri.parse("msrp://alicepc.example.com:7777/iau39soe2843z;tcp");
        SplittableRandom random = new SplittableRandom(4975);
        chunks = Math.max(1, STREAM_BYTES / bodySize);
        long total = (long) chunks * bodySize;
        ByteArrayOutputStream out = new ByteArrayOutputStream(STREAM_BYTES + chunks * 300);
        byte[] body = new byte[bodySize];
        for (int i = 0; i < chunks; i++) {
            random.nextBytes(body);
            long start = (long) i * bodySize + 1;
            MsrpRequest send = MsrpRequest.builder("SEND").transactionId("tid" + Long.toHexString(random.nextLong()))
                    .toPath(to).fromPath(from).messageId("87652491").byteRange(ByteRange.of(start,
                            start + bodySize - 1, total)).contentType("application/octet-stream").build();
            byte[] frame = MsrpEncoder.encode(send, body, i == chunks - 1 ? ContinuationFlag.END
                    : ContinuationFlag.MORE);
            out.write(frame, 0, frame.length);
        }
        stream = out.toByteArray();
        sink = new Sink();
        parser = new MsrpParser(MsrpLimits.DEFAULT, sink);
    }

    @Benchmark
    public long parse(Bytes counter) {
        byte[] s = stream;
        ByteBuffer read = ByteBuffer.wrap(s);
        for (int at = 0; at < s.length; at += READ_SIZE) {
            read.limit(Math.min(s.length, at + READ_SIZE)).position(at);
            parser.parse(read);
        }
        counter.bytes += s.length;
        return sink.sum;
    }
}
