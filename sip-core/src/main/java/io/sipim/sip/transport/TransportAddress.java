package io.sipim.sip.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where a message goes to or comes from: a transport and an IP address with port, the tuple
 * RFC 3263 resolves a URI to.
 *
 * @param transport UDP, TCP or TLS
 * @param address a resolved IP address and port
 */
public record TransportAddress(Transport transport, InetSocketAddress address) {

    /** Validating constructor: the address must be resolved. */
    public TransportAddress {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address " + address);
        }
    }

    public static TransportAddress of(Transport transport, String ip, int port) {
        return new TransportAddress(transport, new InetSocketAddress(ip, port));
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
    public String toString() {
        return transport + ":" + hostPort();
    }
}
