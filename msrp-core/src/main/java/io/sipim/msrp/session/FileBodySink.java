package io.sipim.msrp.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A {@link BodySink} that writes the body to a file with positional writes: a chunk lands at its
 * Byte-Range position whatever order chunks arrive in, and nothing is buffered in memory. Positions
 * are 64-bit; on file systems with sparse files, a chunk far into the message does not allocate
 * the gap before it.
 */
public final class FileBodySink implements BodySink {
    private final Path file;
    private FileChannel channel;
    private boolean complete;

    FileBodySink(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The file the body is written to. */
    public Path path() {
        return file;
    }

    /** Whether {@link #complete} was called: the file holds the whole body. */
    public boolean isComplete() {
        return complete;
    }

    private FileChannel channel() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        }
        return channel;
    }

    @Override
    public void begin(long total) throws IOException {
        channel();
    }

    @Override
    public void write(long position, ByteBuffer data) throws IOException {
        FileChannel ch = channel();
        long at = position;
        while (data.hasRemaining()) {
            at += ch.write(data, at);
        }
    }

    @Override
    public void complete(long size) throws IOException {
        FileChannel ch = channel();
        try {
            if (ch.size() > size) {
                ch.truncate(size);
            }
        } finally {
            ch.close();
        }
        complete = true;
    }

    @Override
    public void discard() {
        try {
            if (channel != null) {
                channel.close();
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Nothing more can be done with a file we are giving up on.
        }
    }
}
