package io.sipim.msrp.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class FileRangeTest {

    @Test
    void rfc5547Section8_4Examples() {
        FileRange r = FileRange.parse("1-32349");
        assertEquals(1, r.start());
        assertEquals(32349, r.stop());
        assertEquals(32349, r.length());
        FileRange rest = FileRange.parse("10001-*");
        assertFalse(rest.stopKnown());
        assertEquals(FileRange.from(10001), rest);
        assertEquals("10001-*", rest.toString());
        assertEquals("file-range", FileRange.NAME);
    }

    @Test
    void rangesBeyond4GiB() {
        FileRange r = FileRange.parse("4294967297-6442450944");
        assertEquals(4294967297L, r.start());
        assertEquals(2147483648L, r.length());
    }

    @Test
    void rejectsWithIndex() {
        Checks.rejects(FileRange::parse, "", 0);
        Checks.rejects(FileRange::parse, "0-5", 0);
        Checks.rejects(FileRange::parse, "1", 1);
        Checks.rejects(FileRange::parse, "1-", 2);
        Checks.rejects(FileRange::parse, "5-4", 2);
        Checks.rejects(FileRange::parse, "1-**", 2);
        Checks.rejects(FileRange::parse, "1-2 ", 3);
        Checks.rejects(FileRange::parse, "*-2", 0);
        Checks.rejects(FileRange::parse, "1-99999999999999999999", 20);
        assertThrows(IllegalArgumentException.class, () -> FileRange.of(0, 1));
        assertThrows(IllegalArgumentException.class, () -> FileRange.of(5, 4));
    }

    @Property(tries = 300)
    void roundTrip(@ForAll("ranges") FileRange r) {
        assertEquals(r, FileRange.parse(r.toString()));
    }

    @Property(tries = 1000)
    void randomTextIsARangeOrRejected(@ForAll("noise") String s) {
        Checks.parsesOrRejects(FileRange::parse, s);
    }

    @Provide
    Arbitrary<FileRange> ranges() {
        return Arbitraries.longs().between(1, Long.MAX_VALUE).flatMap(start -> Arbitraries.oneOf(
                Arbitraries.just(FileRange.from(start)),
                Arbitraries.longs().between(start, Long.MAX_VALUE).map(stop -> FileRange.of(start, stop))));
    }

    @Provide
    Arbitrary<String> noise() {
        return Checks.noise("0123456789-* ");
    }
}
