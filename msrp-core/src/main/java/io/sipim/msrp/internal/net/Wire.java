package io.sipim.msrp.internal.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What sits between a socket and MSRP's plaintext: nothing ({@link PlainWire}) or TLS
 * ({@link TlsWire}). Loop thread only.
 */
interface Wire {

    /** Starts the wire once the socket is connected (the TLS client sends its hello). */
    void start(SocketChannel channel) throws IOException;

    /**
     * Reads what the socket has and hands the plaintext to {@code sink} (each buffer valid only
     * during the call), until the socket is empty, a bounded number of reads is done, or
     * {@code paused} says to stop (back-pressure: the reader stops at once, not after the round).
     *
     * @return false at end of stream
     */
    boolean read(SocketChannel channel, Consumer<ByteBuffer> sink, BooleanSupplier paused) throws IOException;

    /**
     * Writes as much of {@code plain} as the socket takes, after anything the wire still holds.
     *
     * @return true when nothing is left waiting inside the wire (it may still have taken only part
     *     of {@code plain}; check {@code plain.hasRemaining()})
     */
    boolean write(SocketChannel channel, ByteBuffer plain) throws IOException;

    /** Whether application data can flow (TLS: handshake finished). */
    boolean open();

    /** Whether the wire has bytes of its own to write (handshake, close_notify) or held ciphertext. */
    boolean pending();
}
