package io.sipim.msrp.internal.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Plain TCP: reads into one reused direct buffer, writes straight through. Direct, because the JDK
 * copies a heap buffer into a temporary direct one for every read and write on a socket.
 */
final class PlainWire implements Wire {
    private final ByteBuffer in;

    PlainWire(int readBufferBytes) {
        in = ByteBuffer.allocateDirect(readBufferBytes);
    }

    @Override
    public void start(SocketChannel channel) {
        // nothing to negotiate
    }

    @Override
    public boolean read(SocketChannel channel, Consumer<ByteBuffer> sink, BooleanSupplier paused) throws IOException {
        for (int rounds = 0; rounds < 16 && !paused.getAsBoolean(); rounds++) {
            in.clear();
            int n = channel.read(in);
            if (n < 0) {
                return false;
            }
            if (n == 0) {
                return true;
            }
            in.flip();
            sink.accept(in);
            if (n < in.capacity()) {
                return true;
            }
        }
        return true;
    }

    @Override
    public boolean write(SocketChannel channel, ByteBuffer plain) throws IOException {
        while (plain.hasRemaining()) {
            if (channel.write(plain) == 0) {
                break;
            }
        }
        return true;
    }

    @Override
    public boolean open() {
        return true;
    }

    @Override
    public boolean pending() {
        return false;
    }
}
