package io.sipim.sip.transport;

import io.sipim.sip.message.SipMessage;
import java.util.Objects;

/**
 * A message as it came off the wire, with where it came from. The transaction layer answers a
 * request to {@link #source()} (RFC 3261 §18.2.2 with RFC 3581 rport: the source IP and port,
 * over the same connection when the transport is a stream).
 *
 * @param message the parsed message
 * @param source transport and remote address (the peer's IP and port)
 * @param local the local transport address it arrived on
 */
public record Received(SipMessage message, TransportAddress source, TransportAddress local) {
    /** Validating constructor. */
    public Received {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(local, "local");
    }
}
