package io.sipim.msrp.internal.chunk;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class EndLineScanTest {
    static final byte[] PATTERN = "-------abcdefgh2345".getBytes(ISO_8859_1);

    static int naive(byte[] b, int from, int to, byte[] p) {
        int i = Wire.indexOf(java.util.Arrays.copyOfRange(b, from, to), p, 0);
        return i < 0 ? -1 : i + from;
    }

    @Test
    void findsTheEndLineAfterLongerRunsOfHyphensAndAtTheEdges() {
        for (String s : new String[] {"-------abcdefgh2345", "x---------abcdefgh2345", "------abcdefgh2345",
                "-------abcdefgh234", "--------------abcdefgh2345--", "-------abcdefgh2344-------abcdefgh2345"}) {
            byte[] b = s.getBytes(ISO_8859_1);
            assertEquals(naive(b, 0, b.length, PATTERN), EndLineScan.indexOf(ByteBuffer.wrap(b), 0, b.length, PATTERN), s);
        }
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        // Mostly hyphens and the id's own letters, so that near misses are common.
        return Arbitraries.oneOf(
                Arbitraries.of("-", "-------", "abcdefgh2345", "a", "5", "x", "-------abcdefgh2345").list().ofMaxSize(30)
                        .map(l -> String.join("", l).getBytes(ISO_8859_1)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200));
    }

    @Property(tries = 2000)
    void agreesWithANaiveSearch(@ForAll("bodies") byte[] body, @ForAll int seed) {
        int from = body.length == 0 ? 0 : Math.floorMod(seed, body.length);
        int to = from + (body.length == from ? 0 : Math.floorMod(seed >> 8, body.length - from + 1));
        ByteBuffer direct = ByteBuffer.allocateDirect(body.length);
        direct.put(body).clear();
        int expected = naive(body, from, to, PATTERN);
        assertEquals(expected, EndLineScan.indexOf(ByteBuffer.wrap(body), from, to, PATTERN));
        assertEquals(expected, EndLineScan.indexOf(direct, from, to, PATTERN));
        // Small windows, so that occurrences straddle two of them.
        assertEquals(expected, EndLineScan.indexOf(direct, from, to, PATTERN, new byte[2 * PATTERN.length]));
        assertEquals(expected, EndLineScan.indexOf(direct, from, to, PATTERN, new byte[2 * PATTERN.length + 5]));
    }
}
