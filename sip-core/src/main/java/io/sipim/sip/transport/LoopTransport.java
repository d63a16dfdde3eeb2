package io.sipim.sip.transport;

import io.sipim.sip.message.SipMessage;
import io.sipim.sip.parse.SipParseException;
import io.sipim.sip.parse.SipParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A {@link TransportLayer} on a {@link LoopNetwork}: one endpoint with an address per transport.
 * Messages are encoded on send and parsed on delivery; a message that does not parse is counted
 * in {@link #rejected()} and dropped, as a real transport would after answering it.
 */
public final class LoopTransport implements TransportLayer, AutoCloseable {
    private final LoopNetwork network;
    private final Map<Transport, TransportAddress> locals = new EnumMap<>(Transport.class);
    private final SipParser parser = new SipParser();
    private final List<SipMessage> sent = new ArrayList<>();
    private final List<SipParseException> rejected = new ArrayList<>();
    private Consumer<Received> receiver = r -> { };

    /** An endpoint listening on {@code ip:port} for every transport in {@code transports}. */
    public LoopTransport(LoopNetwork network, String ip, int port, Transport... transports) {
        this.network = Objects.requireNonNull(network, "network");
        if (transports.length == 0) {
            transports = Transport.values();
        }
        for (Transport t : transports) {
            TransportAddress a = TransportAddress.of(t, ip, port);
            network.attach(a, this);
            locals.put(t, a);
        }
    }

    @Override
    public void send(SipMessage message, TransportAddress destination, Consumer<IOException> onFailure) {
        TransportAddress from = locals.get(destination.transport());
        if (from == null) {
            network.scheduler().execute(() -> onFailure.accept(
                    new IOException("no local " + destination.transport() + " transport")));
            return;
        }
        sent.add(message);
        if (!network.reachable(destination)) {
            network.scheduler().execute(() -> onFailure.accept(new IOException("unreachable: " + destination)));
            return;
        }
        network.carry(message.encode(), from, destination);
    }

    @Override
    public void receiver(Consumer<Received> receiver) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    @Override
    public TransportAddress local(Transport transport) {
        return locals.get(transport);
    }

    /** Every message this endpoint has sent, retransmissions included, oldest first. */
    public List<SipMessage> sent() {
        return Collections.unmodifiableList(sent);
    }

    /** Parse failures of messages delivered to this endpoint. */
    public List<SipParseException> rejected() {
        return Collections.unmodifiableList(rejected);
    }

    void deliver(byte[] wire, TransportAddress from, TransportAddress to) {
        SipMessage m;
        try {
            m = parser.parseDatagram(wire);
        } catch (SipParseException e) {
            rejected.add(e);
            return;
        }
        receiver.accept(new Received(m, from, to));
    }

    @Override
    public void close() {
        for (TransportAddress a : locals.values()) {
            network.detach(a);
        }
    }
}
