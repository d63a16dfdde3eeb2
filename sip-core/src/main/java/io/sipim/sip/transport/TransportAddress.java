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
        String ip = address.getAddress().getHostAddress();
        int pct = ip.indexOf('%');
        if (pct >= 0) {
            ip = ip.substring(0, pct);
        }
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + address.getPort();
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
