package io.sipim.msrp.internal.chunk;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.message.ByteRange;
import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.session.BodySink;
import io.sipim.msrp.session.FileBodySink;
import io.sipim.msrp.session.MemoryBodySink;
import io.sipim.msrp.session.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReassemblyTest {
    static final String TO = "msrp://bob.example.com:2855/9di4ea;tcp";
    static final String FROM = "msrp://alice.example.com:7654/iau39;tcp";

    final List<String> events = new ArrayList<>();
    final List<Progress> progress = new ArrayList<>();
    final List<BodySink> completed = new ArrayList<>();
    long maxSize = 1 << 20;
    Reassembly.SinkFactory sinks = (id, type, total) -> BodySink.memory(1 << 20);

    final Reassembly.Listener listener = new Reassembly.Listener() {
        @Override
        public void progress(Progress p) {
            progress.add(p);
        }

        @Override
        public void complete(String messageId, String contentType, long size, BodySink sink) {
            events.add("complete " + messageId + " " + contentType + " " + size);
            completed.add(sink);
        }

        @Override
        public void aborted(String messageId, long bytesReceived, int status) {
            events.add("aborted " + messageId + " " + bytesReceived + " " + status);
        }
    };

    Reassembly reassembly() {
        return new Reassembly(maxSize, sinks, listener);
    }

    static MsrpRequest send(String messageId, String range) {
        MsrpRequest.Builder b = MsrpRequest.builder("SEND").transactionId("tx" + Math.abs(range == null ? 0 : range.hashCode()) + "x")
                .header("To-Path", TO).header("From-Path", FROM).contentType("text/plain");
        if (messageId != null) {
            b.messageId(messageId);
        }
        if (range != null) {
            b.header("Byte-Range", range);
        }
        return b.build();
    }

    /** One chunk through the three calls, the body in pieces of {@code piece} bytes. */
    static Decision chunk(Reassembly r, String id, String range, String body, ContinuationFlag flag, int piece) {
        Decision start = r.chunkStart(send(id, range));
        byte[] b = body.getBytes(ISO_8859_1);
        for (int i = 0; i < b.length; i += piece) {
            ByteBuffer view = ByteBuffer.wrap(b, i, Math.min(piece, b.length - i));
            r.body(view);
        }
        Decision end = r.chunkEnd(flag);
        if (!start.accepted()) {
            assertEquals(start, end);
        }
        return end;
    }

    static Decision chunk(Reassembly r, String id, String range, String body, ContinuationFlag flag) {
        return chunk(r, id, range, body, flag, 3);
    }

    String text(int i) {
        return new String(((MemoryBodySink) completed.get(i)).bytes(), ISO_8859_1);
    }

    @Test
    void rfc4975_7_1_chunksInOrderMakeTheMessage() {
        Reassembly r = reassembly();
        assertTrue(chunk(r, "msg1", "1-4/10", "0123", ContinuationFlag.MORE).accepted());
        assertEquals(new ByteRange(1, 4, 10), r.received("msg1"));
        assertEquals("msg1", r.chunkMessageId());
        assertEquals(1, r.chunkStart());
        assertEquals(4, r.chunkEnd());
        assertTrue(chunk(r, "msg1", "5-8/10", "4567", ContinuationFlag.MORE).accepted());
        assertTrue(chunk(r, "msg1", "9-10/10", "89", ContinuationFlag.END).accepted());
        assertEquals(List.of("complete msg1 text/plain 10"), events);
        assertEquals("0123456789", text(0));
        assertEquals(List.of(new Progress("msg1", 4, 10), new Progress("msg1", 8, 10), new Progress("msg1", 10, 10)),
                progress);
        assertEquals(0, r.inProgress());
        assertNull(r.received("msg1"));
    }

    @Test
    void rfc4975_7_1_outOfOrderDuplicateAndOverlappingChunks() {
        Reassembly r = reassembly();
        chunk(r, "msg1", "7-10/10", "6789", ContinuationFlag.END);
        assertEquals(new ByteRange(1, 0, 10), r.received("msg1"));
        chunk(r, "msg1", "1-3/10", "012", ContinuationFlag.MORE);
        chunk(r, "msg1", "1-3/10", "012", ContinuationFlag.MORE);
        assertEquals(new ByteRange(1, 3, 10), r.received("msg1"));
        assertTrue(events.isEmpty());
        chunk(r, "msg1", "3-8/10", "234567", ContinuationFlag.MORE);
        assertEquals(List.of("complete msg1 text/plain 10"), events);
        assertEquals("0123456789", text(0));
        assertEquals(List.of(4L, 7L, 7L, 10L), progress.stream().map(Progress::bytes).toList());
    }

    @Test
    void interleavedMessagesAreKeptApart() {
        Reassembly r = reassembly();
        chunk(r, "msg1", "1-2/4", "ab", ContinuationFlag.MORE);
        chunk(r, "msg2", "1-2/4", "wx", ContinuationFlag.MORE);
        assertEquals(2, r.inProgress());
        chunk(r, "msg2", "3-4/4", "yz", ContinuationFlag.END);
        chunk(r, "msg1", "3-4/4", "cd", ContinuationFlag.END);
        assertEquals(List.of("complete msg2 text/plain 4", "complete msg1 text/plain 4"), events);
        assertEquals("wxyz", text(0));
        assertEquals("abcd", text(1));
    }

    @Test
    void rfc4975_7_1_1_aSendWithoutByteRangeIsTheWholeMessage() {
        Reassembly r = reassembly();
        chunk(r, "msg1", null, "hello", ContinuationFlag.END);
        assertEquals(List.of("complete msg1 text/plain 5"), events);
        assertEquals("hello", text(0));
    }

    @Test
    void anUnknownTotalIsLearntFromTheChunkEndingWithDollar() {
        Reassembly r = reassembly();
        chunk(r, "msg1", "1-4/*", "0123", ContinuationFlag.MORE);
        assertEquals(new ByteRange(1, 4, ByteRange.UNKNOWN), r.received("msg1"));
        chunk(r, "msg1", "5-*/*", "456", ContinuationFlag.END);
        assertEquals(List.of("complete msg1 text/plain 7"), events);
        assertEquals(new Progress("msg1", 7, 7), progress.get(1));
    }

    @Test
    void anInterruptedStarChunkCountsTheBytesThatCame() {
        Reassembly r = reassembly();
        chunk(r, "msg1", "1-*/6", "012", ContinuationFlag.MORE);
        assertEquals(3, r.chunkEnd());
        chunk(r, "msg1", "4-6/6", "345", ContinuationFlag.END);
        assertEquals("012345", text(0));
    }

    @Test
    void anEmptyMessageCompletesAtOnce() {
        Reassembly r = reassembly();
        assertTrue(r.chunkStart(send("msg1", "1-0/0")).accepted());
        assertTrue(r.chunkEnd(ContinuationFlag.END).accepted());
        assertEquals(List.of("complete msg1 text/plain 0"), events);
        assertEquals(0, ((MemoryBodySink) completed.get(0)).bytes().length);
    }

    @Test
    void rfc4975_7_1_hashAbortsTheMessageAndDiscardsTheSink() {
        List<String> discarded = new ArrayList<>();
        sinks = (id, type, total) -> new RecordingSink(discarded, id);
        Reassembly r = reassembly();
        chunk(r, "msg1", "1-4/10", "0123", ContinuationFlag.MORE);
        assertTrue(chunk(r, "msg1", "5-4/10", "", ContinuationFlag.ABORT).accepted());
        assertEquals(List.of("aborted msg1 4 0"), events);
        assertEquals("discard msg1", discarded.get(discarded.size() - 1));
        assertEquals(0, r.inProgress());
        // A late chunk of the aborted message is not a new message.
        assertTrue(chunk(r, "msg1", "5-8/10", "4567", ContinuationFlag.MORE).accepted());
        assertEquals(0, r.inProgress());
    }

    @Test
    void rfc4975_7_2_aTotalBeyondMaxSizeGets413AndSoDoLaterChunks() {
        maxSize = 8;
        Reassembly r = reassembly();
        Decision d = r.chunkStart(send("msg1", "1-4/10"));
        assertEquals(413, d.status());
        r.body(ByteBuffer.wrap(new byte[4]));
        assertEquals(413, r.chunkEnd(ContinuationFlag.MORE).status());
        assertEquals(413, chunk(r, "msg1", "5-8/10", "4567", ContinuationFlag.MORE).status());
        assertEquals(0, r.inProgress());
        assertTrue(chunk(r, "msg2", "1-8/8", "01234567", ContinuationFlag.END).accepted());
    }

    @Test
    void rfc4975_7_2_bytesBeyondMaxSizeGet413AndDiscardTheMessage() {
        maxSize = 8;
        Reassembly r = reassembly();
        assertTrue(chunk(r, "msg1", "1-*/*", "012345", ContinuationFlag.MORE).accepted());
        assertEquals(413, chunk(r, "msg1", "7-*/*", "6789", ContinuationFlag.MORE, 1).status());
        assertEquals(List.of("aborted msg1 8 413"), events);
        assertEquals(413, chunk(r, "msg1", "11-*/*", "x", ContinuationFlag.END).status());
    }

    @Test
    void messagesInProgressAreBounded() {
        Reassembly r = new Reassembly(maxSize, 2, sinks, listener);
        assertTrue(chunk(r, "msg1", "1-1/2", "a", ContinuationFlag.MORE).accepted());
        assertTrue(chunk(r, "msg2", "1-1/2", "a", ContinuationFlag.MORE).accepted());
        assertEquals(413, chunk(r, "msg3", "1-1/2", "a", ContinuationFlag.MORE).status());
        assertEquals(413, chunk(r, "msg3", "2-2/2", "b", ContinuationFlag.END).status());
        assertTrue(chunk(r, "msg1", "2-2/2", "b", ContinuationFlag.END).accepted());
        assertTrue(chunk(r, "msg4", "1-1/1", "a", ContinuationFlag.END).accepted());
        assertEquals(List.of("complete msg1 text/plain 2", "complete msg4 text/plain 1"), events);
        assertThrows(IllegalArgumentException.class, () -> new Reassembly(1, 0, sinks, listener));
    }

    @Test
    void aSinkThatRefusesGets413() {
        sinks = (id, type, total) -> BodySink.memory(5);
        Reassembly r = reassembly();
        assertEquals(413, chunk(r, "msg1", "1-10/10", "0123456789", ContinuationFlag.END).status());
        assertEquals(413, chunk(r, "msg2", "1-*/*", "0123456789", ContinuationFlag.END).status());
        assertEquals(List.of("aborted msg1 0 413", "aborted msg2 3 413"), events);
    }

    @Test
    void rfc4975_7_1_contradictoryRangesGet400AndTheMessageGoesOn() {
        Reassembly r = reassembly();
        chunk(r, "msg1", "1-4/10", "0123", ContinuationFlag.MORE);
        assertEquals(400, chunk(r, "msg1", "5-8/12", "4567", ContinuationFlag.MORE).status());
        assertEquals(400, chunk(r, "msg1", "5-6/10", "4567", ContinuationFlag.MORE).status());
        assertEquals(400, chunk(r, "msg1", "5-*/*", "456", ContinuationFlag.END).status());
        assertEquals(400, chunk(r, "msg1", "12-*/10", "x", ContinuationFlag.MORE).status());
        // The bytes of the last one fit the known total; only its '$' contradicted it.
        assertEquals(new ByteRange(1, 7, 10), r.received("msg1"));
        chunk(r, "msg1", "5-10/10", "456789", ContinuationFlag.END);
        assertEquals("0123456789", text(0));
    }

    @Test
    void aTotalBelowWhatArrivedGets400() {
        Reassembly r = reassembly();
        chunk(r, "msg1", "1-*/*", "0123456", ContinuationFlag.MORE);
        assertEquals(400, chunk(r, "msg1", "1-4/4", "0123", ContinuationFlag.END).status());
        assertEquals(400, chunk(r, "msg2", "1-*/3", "0123", ContinuationFlag.END).status());
    }

    @Test
    void aSendWithoutMessageIdGets400() {
        Reassembly r = reassembly();
        assertEquals(400, chunk(r, null, "1-2/2", "ab", ContinuationFlag.END).status());
        assertEquals(0, r.inProgress());
        assertThrows(IllegalArgumentException.class, () -> r.chunkStart(MsrpRequest.builder("REPORT")
                .transactionId("abcd1234").header("To-Path", TO).header("From-Path", FROM).build()));
    }

    @Test
    void aDuplicateOfACompletedMessageIsAcceptedAndIgnored() {
        Reassembly r = reassembly();
        chunk(r, "msg1", "1-2/2", "ab", ContinuationFlag.END);
        assertTrue(chunk(r, "msg1", "1-2/2", "ab", ContinuationFlag.END).accepted());
        assertEquals(1, events.size());
        assertEquals(0, r.inProgress());
    }

    @Test
    void positionsBeyond4GiBAreExact() {
        long gib = 1L << 30;
        List<String> writes = new ArrayList<>();
        sinks = (id, type, total) -> new RecordingSink(writes, id);
        maxSize = 16 * gib;
        Reassembly r = reassembly();
        long total = 5 * gib + 3;
        String range = (5 * gib + 1) + "-" + total + "/" + total;
        assertTrue(chunk(r, "msg1", range, "xyz", ContinuationFlag.END, 2).accepted());
        assertEquals(List.of("write msg1 " + 5 * gib + " 2", "write msg1 " + (5 * gib + 2) + " 1"), writes);
        assertEquals(new ByteRange(1, 0, total), r.received("msg1"));
        chunk(r, "msg1", "1-*/" + total, "abc", ContinuationFlag.MORE);
        assertEquals(new ByteRange(1, 3, total), r.received("msg1"));
        assertEquals(new Progress("msg1", 6, total), progress.get(1));
    }

    @Test
    void aFileSinkTakesChunksOutOfOrder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("body.bin");
        sinks = (id, type, total) -> BodySink.file(file);
        Reassembly r = reassembly();
        chunk(r, "msg1", "6-10/10", "56789", ContinuationFlag.END, 2);
        chunk(r, "msg1", "1-5/10", "01234", ContinuationFlag.MORE, 4);
        assertEquals("0123456789", Files.readString(file, ISO_8859_1));
        assertTrue(((FileBodySink) completed.get(0)).isComplete());
    }

    @Test
    void aFileSinkWritesBeyond4GiBSparsely(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sparse.bin");
        FileBodySink sink = BodySink.file(file);
        long at = (1L << 32) + 12345;
        sink.begin(at + 3);
        sink.write(at, ByteBuffer.wrap(new byte[] {7, 8, 9}));
        sink.write(0, ByteBuffer.wrap(new byte[] {1}));
        sink.complete(at + 3);
        assertEquals(at + 3, Files.size(file));
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            ByteBuffer b = ByteBuffer.allocate(3);
            ch.read(b, at);
            assertArrayEquals(new byte[] {7, 8, 9}, b.array());
        }
        FileBodySink gone = BodySink.file(dir.resolve("gone.bin"));
        gone.write(0, ByteBuffer.wrap(new byte[] {1}));
        gone.discard();
        assertFalse(Files.exists(dir.resolve("gone.bin")));
    }

    /** Records calls instead of storing bytes. */
    static final class RecordingSink implements BodySink {
        final List<String> log;
        final String id;

        RecordingSink(List<String> log, String id) {
            this.log = log;
            this.id = id;
        }

        @Override
        public void write(long position, ByteBuffer data) {
            log.add("write " + id + " " + position + " " + data.remaining());
            data.position(data.limit());
        }

        @Override
        public void complete(long size) {
            log.add("complete " + id + " " + size);
        }

        @Override
        public void discard() {
            log.add("discard " + id);
        }
    }
}
