package io.sipim.msrp.session;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Where the body of an outgoing message comes from. The chunker reads it piece by piece, never more
 * than fits in the buffer it is writing to the connection, so a body of any size is sent with
 * bounded memory.
 *
 * <p>A source is read by one thread at a time and only forward. {@link #read} blocks until it
 * transfers at least one byte or reaches the end; a source of known {@link #size()} must deliver
 * exactly that many bytes.
 */
public interface BodySource extends Closeable {

    /** {@link #size()} of a source whose length is not known in advance (a stream). */
    long UNKNOWN = -1;

    /** The body's length in bytes, or {@link #UNKNOWN}. */
    long size();

    /**
     * Transfers the next bytes into {@code dst}, at most {@code dst.remaining()}.
     *
     * @return the number of bytes transferred (at least one when {@code dst} has room), or -1 at
     *     the end of the body
     */
    int read(ByteBuffer dst) throws IOException;

    /** Releases what the source holds (a stream, a file channel). Idempotent. */
    @Override
    void close() throws IOException;

    /** A body held in memory; the array is not copied, so it must not change while the message is sent. */
    static BodySource of(byte[] bytes) {
        return new ByteArraySource(bytes);
    }

    /**
     * A body read from a stream, with a known size or {@link #UNKNOWN}. With a known size the stream
     * is read no further than that; a stream that ends early fails the message.
     */
    static BodySource of(InputStream in, long sizeOrUnknown) {
        return new StreamSource(in, sizeOrUnknown);
    }

    /** A body read from a file through a {@link java.nio.channels.FileChannel}; the size is the file's when opened. */
    static BodySource of(Path file) throws IOException {
        return new FileSource(file);
    }
}
