package io.sipim.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link CharClass#indexOf} reads eight bytes at a time; it must answer what a byte-by-byte search
 * answers for an ASCII character, for any range of any array (bytes above 0x7f included): never a
 * match before {@code from} or at or after {@code to}, whatever the bytes around the range, and the
 * first match when there are several.
 */
class CharClassIndexOfTest {

    static int naive(byte[] s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s[i] == (byte) c) {
                return i;
            }
        }
        return -1;
    }

    @Property(tries = 3000)
    void indexOfAnswersTheFirstMatchInsideTheRangeOnly(@ForAll @Size(max = 70) byte[] bytes,
            @ForAll @IntRange(max = 70) int a, @ForAll @IntRange(max = 70) int b,
            @ForAll("searched") char c) {
        // few distinct bytes, so that matches inside and around the range are common
        byte[] s = bytes.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) "@>:;a\u00c0\u00ff?".charAt(Math.floorMod(s[i], 8));
        }
        int from = Math.min(Math.min(a, b), s.length);
        int to = Math.min(Math.max(a, b), s.length);
        assertEquals(naive(s, c, from, to), CharClass.indexOf(s, c, from, to));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Character> searched() {
        return net.jqwik.api.Arbitraries.of('@', '>', ':', ';', 'a', '?');
    }
}
