package io.sipim.msrp.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class FileDateTest {

    @Test
    void rfc5547Section6Example() {
        FileDate d = FileDate.parse("creation:\"Mon, 10 Mar 2008 10:20:30 +0100\" modification:\"Tue, 11 Mar 2008 09:00:00 +0000\"");
        assertEquals(ZonedDateTime.of(2008, 3, 10, 10, 20, 30, 0, ZoneOffset.ofHours(1)), d.creation().orElseThrow());
        assertEquals(Instant.parse("2008-03-10T09:20:30Z"), d.creationInstant().orElseThrow());
        assertEquals(Instant.parse("2008-03-11T09:00:00Z"), d.modificationInstant().orElseThrow());
        assertEquals(Optional.empty(), d.read());
        assertEquals("creation:\"Mon, 10 Mar 2008 10:20:30 +0100\" modification:\"Tue, 11 Mar 2008 09:00:00 +0000\"",
                d.toString());
        assertEquals("file-date", FileDate.NAME);
    }

    @Test
    void anyOrderOptionalWeekdayAndGmt() {
        FileDate d = FileDate.parse("read:\"1 Jan 2020 00:00 GMT\" creation:\"Wed, 01 Jan 2020 00:00:00 -0500\"");
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), d.readInstant().orElseThrow());
        assertEquals(Instant.parse("2020-01-01T05:00:00Z"), d.creationInstant().orElseThrow());
        assertEquals("creation:\"Wed, 1 Jan 2020 00:00:00 -0500\" read:\"Wed, 1 Jan 2020 00:00:00 +0000\"", d.toString());
    }

    @Test
    void builderCutsToSecondsAndUsesOffsets() {
        FileDate d = FileDate.builder()
                .modification(ZonedDateTime.of(2008, 3, 10, 10, 20, 30, 999_000_000, ZoneId.of("Europe/Paris")))
                .read(Instant.parse("2010-05-05T05:05:05.5Z")).build();
        assertEquals("modification:\"Mon, 10 Mar 2008 10:20:30 +0100\" read:\"Wed, 5 May 2010 05:05:05 +0000\"", d.toString());
        assertEquals(d, FileDate.parse(d.toString()));
        assertThrows(IllegalStateException.class, () -> FileDate.builder().build());
    }

    @Test
    void rejectsWithIndex() {
        Checks.rejects(FileDate::parse, "", 0);
        Checks.rejects(FileDate::parse, "birth:\"Mon, 10 Mar 2008 10:20:30 +0100\"", 0);
        Checks.rejects(FileDate::parse, "read:Mon", 5);
        Checks.rejects(FileDate::parse, "read:\"Mon, 10 Mar 2008 10:20:30 +0100", 37);
        Checks.rejects(FileDate::parse, "read:\"Mon, 10 Mar 2008 10:20:30 +0100\" read:\"Mon, 10 Mar 2008 10:20:30 +0100\"", 39);
        // the error index of the date parser is carried over: 'Maz' is at 14
        Checks.rejects(FileDate::parse, "read:\"Mon, 10 Maz 2008 10:20:30 +0100\"", 14);
        // RFC 5322 §3.3: the day of the week must be that of the date
        Checks.rejects(FileDate::parse, "read:\"Tue, 10 Mar 2008 10:20:30 +0100\"", 6);
        Checks.rejects(FileDate::parse, "read:\"Mon, 10 Mar 2008 10:20:30 +0100\"x", 38);
    }

    @Property(tries = 500)
    void roundTrip(@ForAll("dates") FileDate d) {
        assertEquals(d, FileDate.parse(d.toString()));
    }

    @Property(tries = 1000)
    void randomTextIsADateOrRejected(@ForAll("noise") String s) {
        Checks.parsesOrRejects(FileDate::parse, s);
    }

    @Property(tries = 1000)
    void mutatedDatesAreParsedOrRejected(@ForAll("mutated") String s) {
        Checks.parsesOrRejects(FileDate::parse, s);
    }

    @Provide
    Arbitrary<FileDate> dates() {
        Arbitrary<ZonedDateTime> times = Combinators.combine(
                Arbitraries.longs().between(Instant.parse("0001-01-02T00:00:00Z").getEpochSecond(),
                        Instant.parse("9999-12-30T00:00:00Z").getEpochSecond()),
                Arbitraries.integers().between(-18 * 60, 18 * 60))
                .as((s, m) -> Instant.ofEpochSecond(s).atZone(ZoneOffset.ofTotalSeconds(m * 60)));
        return Combinators.combine(times.injectNull(0.3), times.injectNull(0.3), times.injectNull(0.3))
                .filter((c, m, r) -> c != null || m != null || r != null)
                .as((c, m, r) -> FileDate.builder().creation(c).modification(m).read(r).build());
    }

    @Provide
    Arbitrary<String> noise() {
        return Checks.noise("creationmodificationread:\" ,0123456789MonMarGMT+-");
    }

    @Provide
    Arbitrary<String> mutated() {
        return Checks.mutations(dates().map(FileDate::toString), "\" :,+-09");
    }
}
