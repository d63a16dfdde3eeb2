package io.sipim.msrp.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BodySourceSinkTest {
    static final byte[] DATA = new byte[50_000];

    static {
        new Random(3).nextBytes(DATA);
    }

    static byte[] readAll(BodySource s, ByteBuffer buf) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            buf.clear();
            int n = s.read(buf);
            if (n < 0) {
                break;
            }
            buf.flip();
            byte[] b = new byte[buf.remaining()];
            buf.get(b);
            out.writeBytes(b);
        }
        s.close();
        return out.toByteArray();
    }

    @Test
    void everySourceDeliversItsBytesIntoHeapAndDirectBuffers(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("f");
        Files.write(file, DATA);
        for (ByteBuffer buf : new ByteBuffer[] {ByteBuffer.allocate(777), ByteBuffer.allocateDirect(4096)}) {
            assertArrayEquals(DATA, readAll(BodySource.of(DATA), buf));
            assertArrayEquals(DATA, readAll(BodySource.of(new ByteArrayInputStream(DATA), DATA.length), buf));
            assertArrayEquals(DATA, readAll(BodySource.of(new ByteArrayInputStream(DATA), BodySource.UNKNOWN), buf));
            assertArrayEquals(DATA, readAll(BodySource.of(file), buf));
        }
        assertEquals(DATA.length, BodySource.of(file).size());
        assertEquals(BodySource.UNKNOWN, BodySource.of(new ByteArrayInputStream(DATA), -1).size());
    }

    @Test
    void aStreamIsReadNoFurtherThanItsSizeAndMustReachIt() throws IOException {
        byte[] first = readAll(BodySource.of(new ByteArrayInputStream(DATA), 100), ByteBuffer.allocate(64));
        assertEquals(100, first.length);
        assertThrows(EOFException.class, () -> readAll(BodySource.of(new ByteArrayInputStream(DATA), 60_000),
                ByteBuffer.allocate(64)));
        assertThrows(IllegalArgumentException.class, () -> BodySource.of(new ByteArrayInputStream(DATA), -2));
    }

    @Test
    void aMemorySinkTakesWritesInAnyOrderUpToItsLimit() throws IOException {
        MemoryBodySink sink = BodySink.memory(10);
        sink.begin(-1);
        sink.write(5, ByteBuffer.wrap(new byte[] {5, 6, 7, 8, 9}));
        sink.write(0, ByteBuffer.wrap(new byte[] {0, 1, 2, 3, 4, 5}));
        assertFalse(sink.isComplete());
        assertThrows(IllegalStateException.class, sink::bytes);
        assertThrows(IOException.class, () -> sink.write(8, ByteBuffer.wrap(new byte[3])));
        sink.complete(10);
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sink.bytes());
        assertThrows(IOException.class, () -> BodySink.memory(10).begin(11));
        MemoryBodySink exact = BodySink.memory(100);
        exact.begin(3);
        exact.write(0, ByteBuffer.wrap(new byte[] {1, 2, 3}));
        exact.complete(3);
        assertArrayEquals(new byte[] {1, 2, 3}, exact.bytes());
        exact.discard();
        assertFalse(exact.isComplete());
    }

    @Test
    void progressKnowsWhenItIsDone() {
        assertTrue(new Progress("msg1", 5, 5).done());
        assertFalse(new Progress("msg1", 5, -1).done());
        assertFalse(new Progress("msg1", 5, -1).totalKnown());
        assertThrows(IllegalArgumentException.class, () -> new Progress("msg1", 6, 5));
    }
}
