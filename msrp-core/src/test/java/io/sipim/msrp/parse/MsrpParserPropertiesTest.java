package io.sipim.msrp.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.message.MsrpMessage;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.parse.Frames.Frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** RFC 4975 §7, §9 framing: round trip, any read boundaries, pipelining, mutation. */
class MsrpParserPropertiesTest {

    @Provide
    Arbitrary<Frame> frame() {
        return Frames.frame();
    }

    @Provide
    Arbitrary<List<Frame>> frames() {
        return Frames.frame().list().ofMinSize(1).ofMaxSize(5);
    }

    /** Splits {@code data} at the given cut points (taken modulo its length, sorted). */
    private static Recorder parseSplit(byte[] data, List<Integer> cuts, boolean direct) {
        int[] at = cuts.stream().mapToInt(c -> data.length == 0 ? 0 : Math.floorMod(c, data.length + 1)).sorted()
                .toArray();
        Recorder r = new Recorder();
        MsrpParser p = new MsrpParser(MsrpLimits.DEFAULT, r);
        int from = 0;
        for (int i = 0; i <= at.length; i++) {
            int to = i < at.length ? at[i] : data.length;
            ByteBuffer b;
            if (direct) {
                b = ByteBuffer.allocateDirect(to - from);
                b.put(data, from, to - from).flip();
            } else {
                b = ByteBuffer.wrap(data, from, to - from);
            }
            p.parse(b);
            assertFalse(b.hasRemaining());
            from = to;
        }
        assertEquals(data.length, p.offset());
        r.events();
        r.values.add(p.atFrameBoundary());
        return r;
    }

    private static void assertSameHead(MsrpMessage expected, Object actual) {
        MsrpMessage a = (MsrpMessage) actual;
        assertEquals(expected.getClass(), a.getClass());
        assertEquals(expected.transactionId(), a.transactionId());
        assertEquals(expected.headers(), a.headers());
        assertEquals(expected.toPath(), a.toPath());
        assertEquals(expected.fromPath(), a.fromPath());
        if (expected instanceof MsrpRequest q) {
            assertEquals(q.method(), ((MsrpRequest) a).method());
            assertEquals(q.byteRange(), ((MsrpRequest) a).byteRange());
        } else {
            MsrpResponse s = (MsrpResponse) expected;
            assertEquals(s.code(), ((MsrpResponse) a).code());
            assertEquals(s.comment(), ((MsrpResponse) a).comment());
        }
    }

    @Property
    void roundTrip(@ForAll("frame") Frame frame) {
        Recorder r = Recorder.parse(frame.bytes(), Integer.MAX_VALUE);
        assertEquals(frame.events(), r.events());
        assertSameHead(frame.head(), r.values.get(0));
    }

    @Property
    void anySplitGivesTheSameEvents(@ForAll("frames") List<Frame> frames,
                                    @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 100_000) Integer> cuts,
                                    @ForAll boolean direct) {
        byte[] data = Frames.concat(frames);
        List<String> expected = new ArrayList<>();
        frames.forEach(f -> expected.addAll(f.events()));
        Recorder r = parseSplit(data, cuts, direct);
        assertEquals(expected, r.events());
        assertEquals(true, r.values.get(r.values.size() - 1));
        for (int i = 0; i < frames.size(); i++) {
            assertSameHead(frames.get(i).head(), r.values.get(i));
        }
    }

    @Property(tries = 200)
    void oneByteReadsGiveTheSameEvents(@ForAll("frames") List<Frame> frames) {
        byte[] data = Frames.concat(frames);
        List<String> expected = new ArrayList<>();
        frames.forEach(f -> expected.addAll(f.events()));
        assertEquals(expected, Recorder.parse(data, 1).events());
    }

    @Property(tries = 500)
    void rfc4975_7_1_1_bodiesHoldingAnotherTransactionsEndLineSurvive(@ForAll("frame") Frame frame,
                                                                    @ForAll("other") String other,
                                                                    @ForAll @IntRange(min = 1, max = 9) int step) {
        if (!(frame.head() instanceof MsrpRequest q) || frame.body() == null || other.equals(q.transactionId())) {
            return;
        }
        byte[] trap = ("\r\n-------" + other + "$\r\n-------" + other + "+\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = Arrays.copyOf(frame.body(), frame.body().length + trap.length);
        System.arraycopy(trap, 0, body, frame.body().length, trap.length);
        Frame f = new Frame(q, body, frame.flag());
        if (f.bodyHoldsEndLine()) {
            return;
        }
        assertEquals(f.events(), Recorder.parse(f.bytes(), step).events());
    }

    @Provide
    Arbitrary<String> other() {
        return Frames.ident();
    }

    /** Mutations of valid streams: byte flips, truncation, insertion, line duplication. */
    @Property(tries = 1000)
    void mutationsYieldEventsOrMsrpParseExceptionOnly(@ForAll("frames") List<Frame> frames,
                                                      @ForAll @IntRange(min = 0, max = 3) int kind,
                                                      @ForAll @IntRange(min = 0, max = 1_000_000) int where,
                                                      @ForAll byte value,
                                                      @ForAll @IntRange(min = 1, max = 64) int step) {
        byte[] data = mutate(Frames.concat(frames), kind, where, value);
        Recorder r = new Recorder();
        MsrpParser p = new MsrpParser(MsrpLimits.builder().maxHeaders(8).maxHeaderSectionBytes(600).build(), r);
        try {
            for (int i = 0; i < data.length; i += step) {
                p.parse(ByteBuffer.wrap(data, i, Math.min(step, data.length - i)));
            }
            p.finish();
        } catch (MsrpParseException e) {
            assertFalse(e.reason().startsWith("internal"), e::toString);
            assertTrue(e.offset() >= 0 && e.offset() <= data.length, e::toString);
            assertEquals(400, e.status());
        }
        for (MsrpParseException e : r.errors) {
            assertEquals(400, e.status());
            assertTrue(e.offset() >= 0 && e.offset() <= data.length, e::toString);
        }
    }

    static byte[] mutate(byte[] data, int kind, int where, byte value) {
        int at = data.length == 0 ? 0 : where % data.length;
        switch (kind) {
            case 0 -> {
                byte[] d = data.clone();
                if (d.length > 0) {
                    d[at] ^= value == 0 ? 1 : value;
                }
                return d;
            }
            case 1 -> {
                return Arrays.copyOf(data, at);
            }
            case 2 -> {
                byte[] d = new byte[data.length + 1];
                System.arraycopy(data, 0, d, 0, at);
                d[at] = value;
                System.arraycopy(data, at, d, at + 1, data.length - at);
                return d;
            }
            default -> {
                // duplicate the line that holds byte `at`
                int start = at;
                while (start > 0 && data[start - 1] != '\n') {
                    start--;
                }
                int end = at;
                while (end < data.length && data[end] != '\n') {
                    end++;
                }
                end = Math.min(data.length, end + 1);
                byte[] d = new byte[data.length + end - start];
                System.arraycopy(data, 0, d, 0, end);
                System.arraycopy(data, start, d, end, end - start);
                System.arraycopy(data, end, d, end + (end - start), data.length - end);
                return d;
            }
        }
    }
}
