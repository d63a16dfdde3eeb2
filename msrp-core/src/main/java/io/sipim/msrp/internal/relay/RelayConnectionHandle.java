package io.sipim.msrp.internal.relay;

import io.sipim.msrp.internal.net.Link;
import java.io.IOException;
import java.nio.ByteBuffer;

/** The {@link Link.Listener} a relay gives an accepted connection (its connection class stays package-private). */
public final class RelayConnectionHandle implements Link.Listener {
    private final RelayConnection connection;

    RelayConnectionHandle(RelayConnection connection) {
        this.connection = connection;
    }

    @Override
    public void received(Link link, ByteBuffer data) {
        connection.received(link, data);
    }

    @Override
    public boolean fill(Link link, ByteBuffer out) {
        return connection.fill(link, out);
    }

    @Override
    public void opened(Link link) {
        connection.opened(link);
    }

    @Override
    public void closed(Link link, IOException cause) {
        connection.closed(link, cause);
    }
}
