package io.sipim.sip.sdp;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A {@code c=} line (RFC 8866 §5.7): the network address media are sent to.
 *
 * <p>For multicast, RFC 8866 §5.7 appends to the address a TTL and a number of addresses for
 * {@code IP4} ({@code 233.252.0.1/127/3}) and only a number of addresses for {@code IP6}
 * ({@code ff15::101/3}). These are split out for the two address types RFC 8866 defines; for any
 * other address type the whole field is the address.
 */
public final class Connection {
    private final String netType;
    private final String addrType;
    private final String address;
    private final Integer ttl;
    private final Integer numberOfAddresses;

    private Connection(Builder b) {
        netType = Syntax.token("nettype", b.netType);
        addrType = Syntax.token("addrtype", b.addrType);
        address = Syntax.nonWs("connection-address", b.address);
        ttl = b.ttl;
        numberOfAddresses = b.numberOfAddresses;
        boolean ip4 = addrType.equals("IP4");
        boolean ip6 = addrType.equals("IP6");
        if ((ip4 || ip6) && address.indexOf('/') >= 0) {
            throw new IllegalArgumentException("give TTL and number of addresses separately, not in the address: " + address);
        }
        if (ttl != null && (!ip4 || ttl < 0 || ttl > 255)) {
            throw new IllegalArgumentException(ip4 ? "TTL must be 0 to 255: " + ttl : "only IP4 addresses carry a TTL");
        }
        if (numberOfAddresses != null) {
            if (!(ip6 || ip4 && ttl != null)) {
                throw new IllegalArgumentException(ip4 ? "an IP4 number of addresses needs a TTL (RFC 8866 §5.7)"
                        : "only IP4 and IP6 addresses carry a number of addresses");
            }
            if (numberOfAddresses < 1) {
                throw new IllegalArgumentException("number of addresses must be positive: " + numberOfAddresses);
            }
        }
    }

    /** {@code c=IN <addrType> <address>}, e.g. {@code Connection.of("IP4", "192.0.2.1")}. */
    public static Connection of(String addrType, String address) {
        return builder().addrType(addrType).address(address).build();
    }

    /** A builder with nettype {@code IN}, addrtype {@code IP4}, no address. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this line's fields. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The network type, {@code IN}. */
    public String netType() {
        return netType;
    }

    /** The address type, {@code IP4} or {@code IP6}. */
    public String addrType() {
        return addrType;
    }

    /** The address (or FQDN) without TTL or count. */
    public String address() {
        return address;
    }

    /** The multicast TTL of an {@code IP4} address, if given. */
    public OptionalInt ttl() {
        return ttl == null ? OptionalInt.empty() : OptionalInt.of(ttl);
    }

    /** How many consecutive multicast addresses are meant, if given. */
    public OptionalInt numberOfAddresses() {
        return numberOfAddresses == null ? OptionalInt.empty() : OptionalInt.of(numberOfAddresses);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Connection c && netType.equals(c.netType) && addrType.equals(c.addrType)
                && address.equals(c.address) && Objects.equals(ttl, c.ttl)
                && Objects.equals(numberOfAddresses, c.numberOfAddresses);
    }

    @Override
    public int hashCode() {
        return Objects.hash(netType, addrType, address, ttl, numberOfAddresses);
    }

    /** The line body without {@code c=}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(netType).append(' ').append(addrType).append(' ').append(address);
        if (ttl != null) {
            sb.append('/').append(ttl);
        }
        if (numberOfAddresses != null) {
            sb.append('/').append(numberOfAddresses);
        }
        return sb.toString();
    }

    /** Builds a {@link Connection}; {@link #build()} checks the RFC 8866 §5.7 rules. */
    public static final class Builder {
        private String netType = "IN";
        private String addrType = "IP4";
        private String address;
        private Integer ttl;
        private Integer numberOfAddresses;

        private Builder() {
        }

        private Builder(Connection c) {
            netType = c.netType;
            addrType = c.addrType;
            address = c.address;
            ttl = c.ttl;
            numberOfAddresses = c.numberOfAddresses;
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

        /** Sets the address, without TTL or count for IP4 and IP6. */
        public Builder address(String value) {
            address = value;
            return this;
        }

        /** Sets the IP4 multicast TTL (0 to 255), or removes it with {@code null}. */
        public Builder ttl(Integer value) {
            ttl = value;
            return this;
        }

        /** Sets the number of multicast addresses, or removes it with {@code null}. */
        public Builder numberOfAddresses(Integer value) {
            numberOfAddresses = value;
            return this;
        }

        /**
         * The connection line.
         *
         * @throws NullPointerException if the address is unset
         * @throws IllegalArgumentException if a field breaks the RFC 8866 §5.7 rules
         */
        public Connection build() {
            return new Connection(this);
        }
    }
}
