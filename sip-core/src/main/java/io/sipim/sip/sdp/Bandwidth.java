package io.sipim.sip.sdp;

/**
 * A {@code b=} line (RFC 8866 §5.8): a bandwidth type such as {@code AS} or {@code CT} (or
 * {@code TIAS}, RFC 3890) and a value, in kilobits per second for the RFC 8866 types.
 */
public final class Bandwidth {
    private final String type;
    private final long value;

    private Bandwidth(String type, long value) {
        this.type = Syntax.token("bwtype", type);
        if (value < 0) {
            throw new IllegalArgumentException("bandwidth must not be negative: " + value);
        }
        this.value = value;
    }

    /**
     * A bandwidth line.
     *
     * @throws IllegalArgumentException if {@code type} is not a token or {@code value} is negative
     */
    public static Bandwidth of(String type, long value) {
        return new Bandwidth(type, value);
    }

    /** The bandwidth type, e.g. {@code AS}. */
    public String type() {
        return type;
    }

    /** The bandwidth value; its unit depends on the type. */
    public long value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bandwidth b && type.equals(b.type) && value == b.value;
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Long.hashCode(value);
    }

    /** The line body without {@code b=}: {@code type:value}. */
    @Override
    public String toString() {
        return type + ':' + value;
    }
}
