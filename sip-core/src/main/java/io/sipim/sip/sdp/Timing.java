package io.sipim.sip.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A time description (RFC 8866 §5.9 to §5.11): a {@code t=} line, its {@code r=} repeat lines and
 * an optional {@code z=} time-zone line.
 *
 * <p>Start and stop are NTP seconds; {@code t=0 0} (the usual value in SIP, RFC 3264 §5) means the
 * session is permanent. Repeat and zone lines are rare and kept as their raw text.
 */
public final class Timing {
    /** {@code t=0 0}: an unbounded session, as SIP offers and answers use. */
    public static final Timing PERMANENT = new Timing(0, 0, List.of(), null);

    private final long start;
    private final long stop;
    private final List<String> repeats;
    private final String zone;

    private Timing(long start, long stop, List<String> repeats, String zone) {
        if (start < 0 || stop < 0) {
            throw new IllegalArgumentException("t= times must not be negative: " + start + " " + stop);
        }
        this.start = start;
        this.stop = stop;
        this.repeats = Syntax.copy("repeats", repeats);
        for (String r : this.repeats) {
            nonEmptyText("r= line", r);
        }
        this.zone = zone == null ? null : nonEmptyText("z= line", zone);
    }

    private static String nonEmptyText(String what, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return Syntax.text(what, value);
    }

    /**
     * A {@code t=} line without repeats.
     *
     * @throws IllegalArgumentException if a time is negative
     */
    public static Timing of(long start, long stop) {
        return start == 0 && stop == 0 ? PERMANENT : new Timing(start, stop, List.of(), null);
    }

    /**
     * A {@code t=} line with raw {@code r=} bodies and an optional raw {@code z=} body.
     *
     * @throws IllegalArgumentException if a time is negative or a line is empty or holds CR, LF or NUL
     */
    public static Timing of(long start, long stop, List<String> repeats, String zone) {
        return new Timing(start, stop, repeats, zone);
    }

    /** Start time in NTP seconds, 0 for unbounded. */
    public long start() {
        return start;
    }

    /** Stop time in NTP seconds, 0 for unbounded. */
    public long stop() {
        return stop;
    }

    /** The bodies of the {@code r=} lines, in order. */
    public List<String> repeats() {
        return repeats;
    }

    /** The body of the {@code z=} line, or {@code null}. */
    public String zone() {
        return zone;
    }

    /** This timing with one more {@code r=} line. */
    Timing withRepeat(String repeat) {
        List<String> more = new ArrayList<>(repeats);
        more.add(repeat);
        return new Timing(start, stop, more, zone);
    }

    /** This timing with a {@code z=} line. */
    Timing withZone(String newZone) {
        return new Timing(start, stop, repeats, newZone);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timing t && start == t.start && stop == t.stop && repeats.equals(t.repeats)
                && Objects.equals(zone, t.zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, stop, repeats, zone);
    }

    /** The lines of this time description, each ended by CRLF. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }

    void appendTo(StringBuilder sb) {
        sb.append("t=").append(start).append(' ').append(stop).append("\r\n");
        for (String r : repeats) {
            sb.append("r=").append(r).append("\r\n");
        }
        if (zone != null) {
            sb.append("z=").append(zone).append("\r\n");
        }
    }
}
