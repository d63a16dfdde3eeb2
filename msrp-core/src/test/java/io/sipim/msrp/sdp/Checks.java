package io.sipim.msrp.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.sipim.msrp.message.MsrpParseException;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Assertions and generators shared by the attribute tests. */
final class Checks {

    private Checks() {
    }

    /** Asserts that parsing {@code value} fails with 400 at {@code offset}. */
    static MsrpParseException rejects(Function<String, ?> parser, String value, int offset) {
        MsrpParseException e = assertThrows(MsrpParseException.class, () -> parser.apply(value), value);
        assertEquals(400, e.status(), e.getMessage());
        assertEquals(offset, e.offset(), () -> "offset for '" + value + "': " + e.getMessage());
        return e;
    }

    /** Parsing {@code value} either gives a value that round-trips or an MsrpParseException, nothing else. */
    static <T> void parsesOrRejects(Function<String, T> parser, String value) {
        T parsed;
        try {
            parsed = parser.apply(value);
        } catch (MsrpParseException e) {
            assertEquals(400, e.status());
            if (e.offset() < 0 || e.offset() > value.length()) {
                fail("offset " + e.offset() + " outside '" + value + "'");
            }
            return;
        } catch (Throwable t) {
            throw new AssertionError("unexpected " + t + " for '" + value + "'", t);
        }
        assertEquals(parsed, parser.apply(parsed.toString()), () -> "re-parse of " + parsed + " from '" + value + "'");
    }

    /** Strings biased towards the characters attribute grammars care about, plus anything. */
    static Arbitrary<String> noise(String alphabet) {
        Arbitrary<Character> special = Arbitraries.of(alphabet.chars().mapToObj(c -> (char) c).toArray(Character[]::new));
        Arbitrary<Character> any = Arbitraries.chars();
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, special), net.jqwik.api.Tuple.of(1, any))
                .list().ofMaxSize(60).map(cs -> {
                    StringBuilder sb = new StringBuilder(cs.size());
                    cs.forEach(sb::append);
                    return sb.toString();
                });
    }

    /** Mutations of a valid value: a character replaced, inserted or deleted. */
    static Arbitrary<String> mutations(Arbitrary<String> valid, String alphabet) {
        Arbitrary<Character> chars = Arbitraries.oneOf(
                Arbitraries.of(alphabet.chars().mapToObj(c -> (char) c).toArray(Character[]::new)),
                Arbitraries.chars());
        return net.jqwik.api.Combinators.combine(valid, Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 2), chars).as((s, pos, kind, c) -> {
                    StringBuilder sb = new StringBuilder(s);
                    int at = sb.length() == 0 ? 0 : pos % sb.length();
                    switch (kind) {
                        case 0 -> {
                            if (sb.length() > 0) {
                                sb.setCharAt(at, c);
                            }
                        }
                        case 1 -> sb.insert(at, c);
                        default -> {
                            if (sb.length() > 0) {
                                sb.deleteCharAt(at);
                            }
                        }
                    }
                    return sb.toString();
                });
    }
}
