package io.sipim.sip.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where a message goes to or comes from: a transport and an IP address with port, the tuple
 * RFC 3263 resolves a URI to.
 *
 * <p>{@code serverName} is the host name the address was resolved from, when known. TLS sends it
 * as SNI and checks the peer's certificate against it (RFC 5922 §7.2); without it the certificate
 * must name the IP address. It does not take part in {@link #equals}: two transport addresses are
 * the same place whatever name led to them.
 *
 * @param transport UDP, TCP or TLS
 * @param address a resolved IP address and port
 * @param serverName the domain or host name behind {@code address}, or null
 */
public record TransportAddress(Transport transport, InetSocketAddress address, String serverName) {

    /** Validating constructor: the address must be resolved. */
    public TransportAddress {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address " + address);
        }
    }

    /** A transport address with no server name. */
    public TransportAddress(Transport transport, InetSocketAddress address) {
        this(transport, address, null);
    }

    public static TransportAddress of(Transport transport, String ip, int port) {
        return new TransportAddress(transport, new InetSocketAddress(ip, port));
    }

    /** This address with {@code name} as its server name. */
    public TransportAddress withServerName(String name) {
        return new TransportAddress(transport, address, name);
    }

    /** {@code host:port} with IPv6 in brackets, as in a Via sent-by. */
    public String hostPort() {
        return host() + ":" + address.getPort();
    }

    /** The IP as a SIP host: dotted quad, or an IPv6 reference in brackets in RFC 5952 form ({@code [::1]}). */
    public String host() {
        byte[] a = address.getAddress().getAddress();
        if (a.length == 4) {
            return address.getAddress().getHostAddress();
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (a[2 * i] & 0xff) << 8 | a[2 * i + 1] & 0xff;
        }
        // RFC 5952 §4.2: the longest run of two or more zero groups (the first if tied) becomes "::".
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder(41).append('[');
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 1 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransportAddress t && t.transport == transport && t.address.equals(address);
    }

    @Override
    public int hashCode() {
        return transport.hashCode() * 31 + address.hashCode();
    }

    @Override
    public String toString() {
        return transport + ":" + hostPort() + (serverName == null ? "" : " (" + serverName + ")");
    }
}
