package io.sipim.sip.sdp;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The {@code o=} line (RFC 8866 §5.2): who created the session and which version of its
 * description this is.
 *
 * <p>{@code sess-id} and {@code sess-version} are strings of decimal digits of any length; they are
 * kept as text because RFC 8866 only suggests, not requires, that they fit an NTP timestamp (64
 * bits), and a received value must be written back unchanged.
 */
public final class Origin {
    private final String username;
    private final String sessionId;
    private final String sessionVersion;
    private final String netType;
    private final String addrType;
    private final String unicastAddress;

    private Origin(Builder b) {
        username = Syntax.nonWs("username", b.username);
        sessionId = Syntax.digits("sess-id", b.sessionId);
        sessionVersion = Syntax.digits("sess-version", b.sessionVersion);
        netType = Syntax.token("nettype", b.netType);
        addrType = Syntax.token("addrtype", b.addrType);
        unicastAddress = Syntax.nonWs("unicast-address", b.unicastAddress);
    }

    /** A builder with username {@code -}, nettype {@code IN}, addrtype {@code IP4}, id and version unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this origin's fields. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The user's login on the originating host, {@code -} when there is none. */
    public String username() {
        return username;
    }

    /** {@code sess-id}: digits that, with the other fields, identify the session globally. */
    public String sessionId() {
        return sessionId;
    }

    /** {@code sess-version}: digits, increased each time the description changes. */
    public String sessionVersion() {
        return sessionVersion;
    }

    /** The network type, {@code IN} for the Internet. */
    public String netType() {
        return netType;
    }

    /** The address type, {@code IP4} or {@code IP6}. */
    public String addrType() {
        return addrType;
    }

    /** The address (or FQDN) of the machine that created the session. */
    public String unicastAddress() {
        return unicastAddress;
    }

    /**
     * This origin with {@code sess-version} one higher, as RFC 3264 §8 requires of every new offer
     * in a session (and of an answer that changes what an earlier one said).
     */
    public Origin nextVersion() {
        return toBuilder().sessionVersion(new BigInteger(sessionVersion).add(BigInteger.ONE).toString()).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Origin x && username.equals(x.username) && sessionId.equals(x.sessionId)
                && sessionVersion.equals(x.sessionVersion) && netType.equals(x.netType)
                && addrType.equals(x.addrType) && unicastAddress.equals(x.unicastAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, sessionId, sessionVersion, netType, addrType, unicastAddress);
    }

    /** The line body without {@code o=}. */
    @Override
    public String toString() {
        return username + ' ' + sessionId + ' ' + sessionVersion + ' ' + netType + ' ' + addrType + ' ' + unicastAddress;
    }

    /** Builds an {@link Origin}; {@link #build()} checks each field against the RFC 8866 §9 grammar. */
    public static final class Builder {
        private String username = "-";
        private String sessionId;
        private String sessionVersion;
        private String netType = "IN";
        private String addrType = "IP4";
        private String unicastAddress;

        private Builder() {
        }

        private Builder(Origin o) {
            username = o.username;
            sessionId = o.sessionId;
            sessionVersion = o.sessionVersion;
            netType = o.netType;
            addrType = o.addrType;
            unicastAddress = o.unicastAddress;
        }

        /** Sets the username ({@code -} when there is none). */
        public Builder username(String value) {
            username = value;
            return this;
        }

        /** Sets {@code sess-id}, decimal digits. */
        public Builder sessionId(String value) {
            sessionId = value;
            return this;
        }

        /** Sets {@code sess-id} from a non-negative number. */
        public Builder sessionId(long value) {
            return sessionId(nonNegative("sess-id", value));
        }

        /** Sets {@code sess-version}, decimal digits. */
        public Builder sessionVersion(String value) {
            sessionVersion = value;
            return this;
        }

        /** Sets {@code sess-version} from a non-negative number. */
        public Builder sessionVersion(long value) {
            return sessionVersion(nonNegative("sess-version", value));
        }

        /** Sets the network type. */
        public Builder netType(String value) {
            netType = value;
            return this;
        }

        /** Sets the address type. */
        public Builder addrType(String value) {
            addrType = value;
            return this;
        }

        /** Sets the unicast address. */
        public Builder unicastAddress(String value) {
            unicastAddress = value;
            return this;
        }

        /**
         * The origin.
         *
         * @throws NullPointerException if sess-id, sess-version or the address is unset
         * @throws IllegalArgumentException if a field does not match its grammar
         */
        public Origin build() {
            return new Origin(this);
        }

        private static String nonNegative(String what, long value) {
            if (value < 0) {
                throw new IllegalArgumentException(what + " must not be negative: " + value);
            }
            return Long.toString(value);
        }
    }
}
