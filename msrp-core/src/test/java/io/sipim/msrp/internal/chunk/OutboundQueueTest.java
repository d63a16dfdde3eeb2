package io.sipim.msrp.internal.chunk;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.FailureReport;
import io.sipim.msrp.session.BodySource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
    static final long KEY = 42;
    static final String TO = "msrp://bob.example.com:2855/9di4ea;tcp";
    static final String FROM = "msrp://alice.example.com:7654/iau39;tcp";

    final Drain drain = new Drain();

    static OutgoingMessage.Builder message(String id, BodySource body) {
        return OutgoingMessage.builder(id, body).toPath(TO).fromPath(FROM).contentType("text/plain");
    }

    static OutgoingMessage text(String id, String body) {
        return message(id, BodySource.of(body.getBytes(ISO_8859_1))).build();
    }

    /** The ids a generator with {@link #KEY} hands out, in order. */
    static List<String> ids(int n) {
        TransactionIds ids = new TransactionIds(KEY);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(ids.next());
        }
        return out;
    }

    OutboundQueue queue(int maxChunk) {
        return new OutboundQueue(maxChunk, new TransactionIds(KEY), drain);
    }

    List<String> ranges(List<Wire.Frame> frames) {
        return frames.stream().map(f -> f.header("Byte-Range") + f.flag().symbol()).collect(Collectors.toList());
    }

    static byte[] body(List<Wire.Frame> frames) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (Wire.Frame f : frames) {
            if (f.body() != null && f.flag() != ContinuationFlag.ABORT) {
                b.writeBytes(f.body());
            }
        }
        return b.toByteArray();
    }

    @Test
    void rfc4975_7_1_aSmallMessageIsOneChunkWithEveryHeader() {
        OutboundQueue q = queue(2048);
        q.add(message("msg1", BodySource.of("hello".getBytes(ISO_8859_1))).successReport(true)
                .failureReport(FailureReport.PARTIAL).header("Content-Disposition", "inline").build());
        String tid = ids(1).get(0);
        byte[] wire = drain.drain(q, ByteBuffer.allocate(4096));
        assertEquals("MSRP " + tid + " SEND\r\n"
                + "To-Path: " + TO + "\r\n"
                + "From-Path: " + FROM + "\r\n"
                + "Message-ID: msg1\r\n"
                + "Success-Report: yes\r\n"
                + "Failure-Report: partial\r\n"
                + "Content-Disposition: inline\r\n"
                + "Byte-Range: 1-5/5\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "hello\r\n"
                + "-------" + tid + "$\r\n", new String(wire, ISO_8859_1));
        assertEquals(List.of(new Drain.Chunk("msg1", tid, 1, 5, 5, ContinuationFlag.END)), drain.chunks);
        assertEquals(List.of("msg1"), drain.done);
    }

    @Test
    void chunkBoundariesFollowMaxChunk() {
        OutboundQueue q = queue(4);
        q.add(text("msg1", "0123456789"));
        List<Wire.Frame> frames = Wire.decode(drain.drain(q, ByteBuffer.allocate(4096)));
        assertEquals(List.of("1-4/10+", "5-8/10+", "9-10/10$"), ranges(frames));
        assertEquals("0123456789", new String(body(frames), ISO_8859_1));
        // RFC 4975 §7.1.1: every chunk of a message with a body has the Content-Type
        assertTrue(frames.stream().allMatch(f -> "text/plain".equals(f.header("Content-Type"))));
        // every chunk is its own transaction
        assertEquals(3, frames.stream().map(Wire.Frame::tid).distinct().count());
        assertEquals(ids(3), drain.chunks.stream().map(Drain.Chunk::tid).collect(Collectors.toList()));
        assertEquals(List.of(4L, 8L, 10L), drain.chunks.stream().map(Drain.Chunk::end).collect(Collectors.toList()));
    }

    @Test
    void rfc4975_7_1_1_aBodyHoldingTheEndLineGetsAnotherTransactionId() {
        List<String> ids = ids(3);
        String body = "look: -------" + ids.get(0) + "$ and --------" + ids.get(1) + "+ inside";
        OutboundQueue q = queue(2048);
        q.add(text("msg1", body));
        List<Wire.Frame> frames = Wire.decode(drain.drain(q, ByteBuffer.allocate(4096)));
        assertEquals(1, frames.size());
        assertEquals(ids.get(2), frames.get(0).tid());
        assertEquals(body, new String(frames.get(0).body(), ISO_8859_1));
    }

    @Test
    void unknownLengthSaysStarUntilTheLastChunkGivesTheTotal() {
        OutboundQueue q = queue(4);
        q.add(message("msg1", BodySource.of(new ByteArrayInputStream("0123456789".getBytes(ISO_8859_1)), -1)).build());
        List<Wire.Frame> frames = Wire.decode(drain.drain(q, ByteBuffer.allocate(4096)));
        assertEquals(List.of("1-4/*+", "5-8/*+", "9-10/10$"), ranges(frames));
        assertEquals(10, drain.chunks.get(2).total());
    }

    @Test
    void unknownLengthEndingOnAChunkBoundaryIsFoundByLookingOneByteAhead() {
        OutboundQueue q = queue(4);
        q.add(message("msg1", BodySource.of(new ByteArrayInputStream("01234567".getBytes(ISO_8859_1)), -1)).build());
        List<Wire.Frame> frames = Wire.decode(drain.drain(q, ByteBuffer.allocate(4096)));
        assertEquals(List.of("1-4/*+", "5-8/8$"), ranges(frames));
        assertEquals("01234567", new String(body(frames), ISO_8859_1));
    }

    @Test
    void anEmptyMessageIsOneChunkWithoutBody() {
        OutboundQueue q = queue(4);
        q.add(OutgoingMessage.builder("msg1", BodySource.of(new byte[0])).toPath(TO).fromPath(FROM).build());
        q.add(message("msg2", BodySource.of(new ByteArrayInputStream(new byte[0]), -1)).build());
        String wire = new String(drain.drain(q, ByteBuffer.allocate(4096)), ISO_8859_1);
        List<String> ids = ids(2);
        assertEquals("MSRP " + ids.get(0) + " SEND\r\nTo-Path: " + TO + "\r\nFrom-Path: " + FROM
                + "\r\nMessage-ID: msg1\r\nByte-Range: 1-0/0\r\n-------" + ids.get(0) + "$\r\n"
                + "MSRP " + ids.get(1) + " SEND\r\nTo-Path: " + TO + "\r\nFrom-Path: " + FROM
                + "\r\nMessage-ID: msg2\r\nByte-Range: 1-0/0\r\n-------" + ids.get(1) + "$\r\n", wire);
    }

    @Test
    void rfc4975_7_1_abortBetweenChunksSendsAnEmptyChunkEndingWithHash() {
        OutboundQueue q = queue(4);
        OutgoingMessage m = text("msg1", "0123456789");
        q.add(m);
        ByteBuffer buf = ByteBuffer.allocate(400);
        drain.fillOnce(q, buf);
        assertEquals(1, drain.chunks.size());
        m.abort();
        drain.drain(q, buf);
        List<Wire.Frame> frames = Wire.decode(drain.wire.toByteArray());
        assertEquals(List.of("1-4/10+", "5-4/10#"), ranges(frames));
        assertNull(frames.get(1).body());
        assertTrue(m.isAborted());
        assertEquals(List.of("msg1"), drain.done);
    }

    @Test
    void abortBeforeAnyChunkDropsTheMessageSilently() {
        OutboundQueue q = queue(4);
        q.add(text("msg1", "0123456789"));
        assertTrue(q.abort("msg1"));
        assertFalse(q.abort("nope"));
        assertEquals(0, drain.drain(q, ByteBuffer.allocate(4096)).length);
        assertEquals(List.of("msg1"), drain.done);
        assertTrue(drain.chunks.isEmpty());
    }

    @Test
    void rfc4975_7_1_abortWhileStreamingEndsTheChunkWithHash() {
        OutboundQueue q = queue(100_000);
        byte[] body = new byte[5000];
        q.add(message("msg1", BodySource.of(body)).build());
        ByteBuffer buf = ByteBuffer.allocate(1000);
        drain.fillOnce(q, buf);
        assertTrue(q.abort("msg1"));
        drain.drain(q, buf);
        List<Wire.Frame> frames = Wire.decode(drain.wire.toByteArray());
        assertEquals(1, frames.size());
        assertEquals(ContinuationFlag.ABORT, frames.get(0).flag());
        assertEquals("1-*/5000", frames.get(0).header("Byte-Range"));
        assertEquals(drain.chunks.get(0).end(), frames.get(0).body().length);
    }

    @Test
    void aChunkLargerThanTheBufferStreamsUnderAStarEnd() {
        OutboundQueue q = queue(1000);
        byte[] body = new byte[2500];
        new java.util.Random(1).nextBytes(body);
        q.add(message("msg1", BodySource.of(body)).contentType("application/octet-stream").build());
        ByteBuffer buf = ByteBuffer.allocate(500);
        List<Wire.Frame> frames = Wire.decode(drain.drain(q, buf));
        assertEquals(List.of("1-*/2500+", "1001-*/2500+", "2001-*/2500$"), ranges(frames));
        assertArrayEquals(body, body(frames));
        assertEquals(List.of(1000L, 2000L, 2500L),
                drain.chunks.stream().map(Drain.Chunk::end).collect(Collectors.toList()));
    }

    @Test
    void rfc4975_7_1_aPriorityFrameInterruptsAStreamedChunkWithPlus() {
        OutboundQueue q = queue(100_000);
        byte[] body = new byte[3000];
        Arrays.fill(body, (byte) 'x');
        q.add(message("msg1", BodySource.of(body)).build());
        ByteBuffer buf = ByteBuffer.allocate(1000);
        drain.fillOnce(q, buf);
        byte[] response = ("MSRP abcd1234 200 OK\r\nTo-Path: " + FROM + "\r\nFrom-Path: " + TO
                + "\r\n-------abcd1234$\r\n").getBytes(ISO_8859_1);
        q.offerPriority(response);
        drain.fillOnce(q, buf);
        String second = new String(drain.wire.toByteArray(), ISO_8859_1);
        String tid = ids(1).get(0);
        // The interrupted chunk's end-line, then the response, then the message goes on in a new chunk.
        assertTrue(second.contains("x\r\n-------" + tid + "+\r\nMSRP abcd1234 200 OK\r\n"), second);
        drain.drain(q, buf);
        List<Wire.Frame> frames = Wire.decode(drain.wire.toByteArray());
        assertEquals("200 OK", frames.get(1).startLine().substring(14));
        long firstEnd = drain.chunks.get(0).end();
        assertEquals("1-*/3000", frames.get(0).header("Byte-Range"));
        assertEquals((firstEnd + 1) + "-*/3000", frames.get(2).header("Byte-Range"));
        List<Wire.Frame> sends = frames.stream().filter(Wire.Frame::isSend).collect(Collectors.toList());
        assertArrayEquals(body, body(sends));
    }

    @Test
    void priorityFramesGoBeforeChunksAndMayBeLargerThanTheBuffer() {
        OutboundQueue q = queue(10);
        q.add(text("msg1", "abc"));
        byte[] big = new byte[700];
        Arrays.fill(big, (byte) 'p');
        q.offerPriority(big);
        q.offerPriority(new byte[0]);
        byte[] wire = drain.drain(q, ByteBuffer.allocate(300));
        assertArrayEquals(big, Arrays.copyOf(wire, 700));
        assertEquals("abc", new String(Wire.decode(Arrays.copyOfRange(wire, 700, wire.length)).get(0).body(), ISO_8859_1));
    }

    @Test
    void messagesTakeTurnsChunkByChunk() {
        OutboundQueue q = queue(2);
        q.add(text("msg1", "aaaaaa"));
        q.add(text("msg2", "bbbbbb"));
        q.add(text("msg3", "cc"));
        assertEquals(3, q.messages());
        drain.drain(q, ByteBuffer.allocate(4096));
        assertEquals(List.of("msg1", "msg2", "msg3", "msg1", "msg2", "msg1", "msg2"),
                drain.chunks.stream().map(Drain.Chunk::messageId).collect(Collectors.toList()));
        assertEquals(List.of("msg3", "msg1", "msg2"), drain.done);
        assertFalse(q.hasPending());
    }

    @Test
    void aSourceIsNeverReadFurtherThanFitsInTheBuffer() {
        byte[] data = new byte[100_000];
        int[] maxAhead = {0};
        long[] read = {0};
        InputStream in = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                if (n > 0) {
                    read[0] += n;
                }
                return n;
            }
        };
        OutboundQueue q = queue(30_000);
        q.add(message("msg1", BodySource.of(in, -1)).build());
        ByteBuffer buf = ByteBuffer.allocate(4096);
        long written = 0;
        while (drain.fillOnce(q, buf)) {
            written = drain.wire.size();
            maxAhead[0] = (int) Math.max(maxAhead[0], read[0] - written);
        }
        assertTrue(maxAhead[0] <= 1, "read ahead " + maxAhead[0]);
        assertArrayEquals(data, body(Wire.decode(drain.wire.toByteArray())));
    }

    @Test
    void rfc4975_7_1_1_anEndLineFoundWhileStreamingCutsTheChunkBeforeIt() {
        String tid = ids(1).get(0);
        byte[] marker = ("-------" + tid + "$\r\n").getBytes(ISO_8859_1);
        byte[] body = new byte[3000];
        Arrays.fill(body, (byte) 'z');
        // Straddles the first and second piece of a 1000-byte buffer.
        System.arraycopy(marker, 0, body, 1690, marker.length);
        OutboundQueue q = queue(100_000);
        q.add(message("msg1", BodySource.of(body)).build());
        List<Wire.Frame> frames = Wire.decode(drain.drain(q, ByteBuffer.allocate(1000)));
        assertTrue(frames.size() >= 2);
        assertEquals(tid, frames.get(0).tid());
        assertEquals(ContinuationFlag.MORE, frames.get(0).flag());
        assertTrue(frames.get(0).body().length <= 1690);
        for (Wire.Frame f : frames) {
            assertEquals(-1, Wire.indexOf(f.body(), ("-------" + f.tid()).getBytes(ISO_8859_1), 0));
        }
        assertArrayEquals(body, body(frames));
    }

    @Test
    void bytesCarriedOverACutAreSentEvenAfterAStreamOfUnknownLengthEnded() {
        String tid = ids(1).get(0);
        // The first piece is 762 bytes; the second, with the rest (900 bytes), reaches the end of the
        // stream and is carried over whole, more than the next chunk's first piece takes.
        byte[] body = new byte[1662];
        Arrays.fill(body, (byte) 'k');
        byte[] marker = ("-------" + tid).getBytes(ISO_8859_1);
        System.arraycopy(marker, 0, body, 750, marker.length);
        OutboundQueue q = queue(100_000);
        q.add(message("msg1", BodySource.of(new ByteArrayInputStream(body), BodySource.UNKNOWN)).build());
        List<Wire.Frame> frames = Wire.decode(drain.drain(q, ByteBuffer.allocate(1000)));
        assertArrayEquals(body, body(frames));
        Wire.Frame last = frames.get(frames.size() - 1);
        assertEquals(ContinuationFlag.END, last.flag());
        assertEquals(1662, drain.chunks.get(drain.chunks.size() - 1).end());
        assertEquals("1-*/*+", ranges(frames).get(0));
    }

    @Test
    void aFailingSourceAbortsTheMessage() {
        InputStream failing = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (++n > 1500) {
                    throw new IOException("disk on fire");
                }
                return 'q';
            }
        };
        OutboundQueue q = queue(100_000);
        OutgoingMessage m = message("msg1", BodySource.of(failing, 5000)).build();
        q.add(m);
        List<Wire.Frame> frames = Wire.decode(drain.drain(q, ByteBuffer.allocate(1000)));
        assertEquals(ContinuationFlag.ABORT, frames.get(frames.size() - 1).flag());
        assertEquals("disk on fire", m.failure().getMessage());
        assertTrue(m.isAborted());
    }

    @Test
    void aSourceShorterThanItsSizeAbortsTheMessage() {
        OutboundQueue q = queue(4);
        OutgoingMessage m = message("msg1", BodySource.of(new ByteArrayInputStream(new byte[6]), 10)).build();
        q.add(m);
        List<Wire.Frame> frames = Wire.decode(drain.drain(q, ByteBuffer.allocate(4096)));
        assertEquals(List.of("1-4/10+", "5-4/10#"), ranges(frames));
        assertTrue(m.failure() instanceof java.io.EOFException);
    }

    @Test
    void aBufferTooSmallForAHeadIsRefused() {
        OutboundQueue q = queue(4);
        q.add(text("msg1", "0123456789"));
        assertThrows(IllegalArgumentException.class, () -> q.fill(ByteBuffer.allocate(50)));
    }

    @Test
    void theBuilderChecksWhatItIsGiven() {
        assertThrows(IllegalArgumentException.class, () -> OutgoingMessage.builder("x", BodySource.of(new byte[1])));
        assertThrows(IllegalStateException.class,
                () -> OutgoingMessage.builder("msg1", BodySource.of(new byte[1])).toPath(TO).fromPath(FROM).build());
        assertThrows(IllegalStateException.class,
                () -> OutgoingMessage.builder("msg1", BodySource.of(new byte[1])).toPath(TO).contentType("a/b").build());
        assertThrows(IllegalArgumentException.class, () -> message("msg1", BodySource.of(new byte[1])).header("Byte-Range", "1-1/1"));
        assertThrows(IllegalArgumentException.class, () -> message("msg1", BodySource.of(new byte[1])).contentType("text"));
        assertThrows(IllegalArgumentException.class, () -> new OutboundQueue(0, new TransactionIds(), drain));
    }
}
