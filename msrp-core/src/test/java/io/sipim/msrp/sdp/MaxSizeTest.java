package io.sipim.msrp.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class MaxSizeTest {

    @Test
    void rfc4975Section8_6Example() {
        MaxSize m = MaxSize.parse("131072");
        assertEquals(131072, m.bytes());
        assertEquals("131072", m.toString());
        assertTrue(m.allows(131072));
        assertFalse(m.allows(131073));
        assertEquals("max-size", MaxSize.NAME);
    }

    @Test
    void sizesBeyond4GiBAreValues() {
        assertEquals(5_000_000_000L, MaxSize.parse("5000000000").bytes());
        assertEquals(Long.MAX_VALUE, MaxSize.parse(Long.toString(Long.MAX_VALUE)).bytes());
    }

    @Test
    void rejectsWithIndex() {
        Checks.rejects(MaxSize::parse, "", 0);
        Checks.rejects(MaxSize::parse, "12a", 2);
        Checks.rejects(MaxSize::parse, "-1", 0);
        Checks.rejects(MaxSize::parse, " 1", 0);
        Checks.rejects(MaxSize::parse, "9223372036854775808", 18);
        assertThrows(IllegalArgumentException.class, () -> MaxSize.of(-1));
    }

    @Property(tries = 300)
    void roundTrip(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long n) {
        assertEquals(MaxSize.of(n), MaxSize.parse(MaxSize.of(n).toString()));
    }

    @Property(tries = 1000)
    void randomTextIsASizeOrRejected(@ForAll("noise") String s) {
        Checks.parsesOrRejects(MaxSize::parse, s);
    }

    @Provide
    Arbitrary<String> noise() {
        return Checks.noise("0123456789 -+");
    }
}
