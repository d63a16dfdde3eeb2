package io.sipim.msrp.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Where the body of an incoming message goes. Chunks may arrive out of order, repeat, or overlap
 * (RFC 4975 §7.1), so the receiver writes each piece at its position in the message; a piece
 * written twice holds the same bytes both times.
 *
 * <p>The receiver calls {@link #begin} once, then {@link #write} any number of times, then exactly
 * one of {@link #complete} (every byte from 1 to the total arrived) or {@link #discard} (the
 * message was aborted or refused). A sink is used by one thread at a time.
 */
public interface BodySink {

    /**
     * Called before the first write with the message's total size, or {@link Progress#UNKNOWN}.
     *
     * @throws IOException if the sink cannot take a message of that size
     */
    default void begin(long total) throws IOException {
    }

    /**
     * Stores all of {@code data} (consuming it) at byte {@code position} of the body, counting from 0.
     * The buffer is only valid during the call.
     */
    void write(long position, ByteBuffer data) throws IOException;

    /** Every byte of the body, {@code size} in all, has been written. */
    void complete(long size) throws IOException;

    /** The message will not complete: release what the sink holds and forget what it has. */
    void discard();

    /** A sink holding the body in memory, refusing (with an {@link IOException}) to grow beyond {@code maxBytes}. */
    static MemoryBodySink memory(long maxBytes) {
        return new MemoryBodySink(maxBytes);
    }

    /**
     * A sink writing the body to {@code file} (created or truncated at the first write) with
     * positional writes, so out-of-order chunks land in place and memory stays bounded whatever
     * the size. Discarding deletes the file.
     */
    static FileBodySink file(Path file) {
        return new FileBodySink(file);
    }
}
