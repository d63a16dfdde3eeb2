package io.sipim.msrp.internal.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.util.List;

/**
 * A byte pipe between two MSRP endpoints as the session layer sees it: a {@link Connection} over a
 * socket, or an in-memory pipe in tests that run on virtual time. Loop thread only.
 */
public interface Link {

    /** The link's user: takes plaintext and gives bytes to write. Called on the loop. */
    interface Listener {
        /** Plaintext from the peer; the buffer is valid only during the call. */
        void received(Link link, ByteBuffer data);

        /**
         * Fills {@code out} (in write mode) with the next bytes to send.
         *
         * @return whether more is waiting after this fill
         */
        boolean fill(Link link, ByteBuffer out);

        /** The link is ready for application data (TLS handshake done; at once for TCP). */
        void opened(Link link);

        /** The link is gone; {@code cause} is null for an orderly close. */
        void closed(Link link, IOException cause);
    }

    /** Says there is something to send; the link pulls it with {@link Listener#fill} when it can. */
    void writable();

    /** Closes the link; the listener hears of it once. */
    void close(IOException cause);

    boolean isClosed();

    /** Whether this side opened the link (the active side, RFC 6135). */
    boolean outbound();

    /** Whether the link is TLS. */
    boolean secure();

    InetSocketAddress remote();

    /** The peer's certificate chain after a TLS handshake; empty otherwise. */
    List<Certificate> peerCertificates();
}
