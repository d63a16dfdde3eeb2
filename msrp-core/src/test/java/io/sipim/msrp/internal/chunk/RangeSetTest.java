package io.sipim.msrp.internal.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RangeSetTest {

    @Test
    void mergesOverlapsAndTouchingRanges() {
        RangeSet s = new RangeSet();
        s.add(10, 20);
        s.add(30, 40);
        s.add(0, 5);
        assertEquals("[0-5, 10-20, 30-40]", s.toString());
        assertEquals(25, s.covered());
        s.add(5, 10);
        assertEquals("[0-20, 30-40]", s.toString());
        s.add(15, 35);
        assertEquals("[0-40]", s.toString());
        s.add(3, 7);
        s.add(7, 7);
        assertEquals(40, s.covered());
        assertTrue(s.covers(40));
        assertFalse(s.covers(41));
        assertEquals(40, s.contiguousPrefix());
    }

    @Test
    void sixtyFourBitPositions() {
        RangeSet s = new RangeSet();
        long big = 5L << 32;
        s.add(big, big + 10);
        assertEquals(0, s.contiguousPrefix());
        assertEquals(big + 10, s.maxEnd());
        s.add(0, big);
        assertTrue(s.covers(big + 10));
        assertEquals(1, s.intervals());
    }

    @Test
    void anEmptySetCoversOnlyAnEmptyMessage() {
        RangeSet s = new RangeSet();
        assertTrue(s.covers(0));
        assertFalse(s.covers(1));
        assertEquals(0, s.maxEnd());
    }

    @Provide
    Arbitrary<List<long[]>> ranges() {
        Arbitrary<long[]> one = Combinators.combine(Arbitraries.longs().between(0, 200), Arbitraries.longs().between(0, 30))
                .as((a, len) -> new long[] {a, a + len});
        return one.list().ofMaxSize(60);
    }

    @Property(tries = 300)
    void agreesWithABitSet(@ForAll("ranges") List<long[]> adds) {
        RangeSet s = new RangeSet();
        BitSet model = new BitSet();
        for (long[] r : adds) {
            s.add(r[0], r[1]);
            model.set((int) r[0], (int) r[1]);
            assertEquals(model.cardinality(), s.covered());
            assertEquals(model.length(), s.maxEnd());
            assertEquals(model.nextClearBit(0), s.contiguousPrefix());
            int runs = 0;
            for (int i = model.nextSetBit(0); i >= 0; i = model.nextSetBit(model.nextClearBit(i))) {
                runs++;
            }
            assertEquals(runs, s.intervals());
        }
    }
}
