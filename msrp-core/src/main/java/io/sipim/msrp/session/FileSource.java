package io.sipim.msrp.session;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** {@link BodySource#of(Path)}: reads the file through its channel straight into the caller's buffer. */
final class FileSource implements BodySource {
    private final FileChannel channel;
    private final long size;
    private long read;

    FileSource(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            this.size = channel.size();
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (read == size) {
            return -1;
        }
        int want = (int) Math.min(dst.remaining(), size - read);
        if (want == 0) {
            return 0;
        }
        int limit = dst.limit();
        dst.limit(dst.position() + want);
        int n;
        try {
            // Positional read: the size was fixed when the file was opened, whatever happens to it later.
            n = channel.read(dst, read);
        } finally {
            dst.limit(limit);
        }
        if (n < 0) {
            throw new EOFException("file shrank: ended after " + read + " of " + size + " bytes");
        }
        read += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
