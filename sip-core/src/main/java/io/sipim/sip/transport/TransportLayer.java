package io.sipim.sip.transport;

import io.sipim.sip.message.SipMessage;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * What the transaction layer needs from transports (RFC 3261 §18): send a message to a transport
 * address, hear about messages received, know its own address for Via sent-by. Implemented by
 * the NIO transports and by {@link LoopTransport} for tests.
 *
 * <p>Threading: every method is called on the owning {@link io.sipim.sip.loop.Scheduler}'s
 * thread, and every callback is made on it.
 */
public interface TransportLayer {

    /**
     * Sends {@code message} to {@code destination}; a stream transport reuses an open connection
     * to that address or opens one. A failure (connection refused, ICMP unreachable where the OS
     * reports it, write error) is reported to {@code onFailure} later, never thrown.
     */
    void send(SipMessage message, TransportAddress destination, Consumer<IOException> onFailure);

    /**
     * Sends an already encoded message (a transaction's kept final response). The default parses
     * it and calls {@link #send}; transports that write bytes send them as they are.
     */
    default void sendEncoded(byte[] wire, TransportAddress destination, Consumer<IOException> onFailure) {
        send(new io.sipim.sip.parse.SipParser().parseDatagram(wire), destination, onFailure);
    }

    /** Sets who receives incoming messages (the transaction layer). */
    void receiver(Consumer<Received> receiver);

    /** The local address this layer listens on for {@code transport}, for Via sent-by and Contact; null when none. */
    TransportAddress local(Transport transport);
}
