package io.sipim.benchmarks.msrp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The physical limit an MSRP transfer is compared with: a plain NIO copy over loopback TCP, one
 * sender process writing N bytes from a 64 KiB direct buffer and one receiver process reading them
 * into a 64 KiB direct buffer and discarding them. Blocking channels, no framing, nothing else.
 *
 * <pre>
 * java -Xmx64m -cp benchmarks.jar io.sipim.benchmarks.msrp.RawCopy --recv          # prints READY &lt;port&gt;
 * java -Xmx64m -cp benchmarks.jar io.sipim.benchmarks.msrp.RawCopy --send PORT [BYTES]
 * </pre>
 *
 * The sender times from connect until the receiver, having read every byte, answers with one byte,
 * so the figure covers the same span as an MSRP send that waits for its last 200, and prints
 * {@code RESULT raw bytes=N nanos=T mbps=X} (MB/s = 10^6 bytes per second). The receiver serves one
 * connection and exits. {@link MsrpTransferBenchmark} runs both in the same run as the MSRP figures.
 */
public final class RawCopy {
    /** The buffer each side uses, as the baseline says. */
    static final int BUFFER = 64 * 1024;
    static final long DEFAULT_BYTES = 1L << 30;

    private RawCopy() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 1 && args[0].equals("--recv")) {
            receive();
        } else if (args.length >= 2 && args[0].equals("--send")) {
            long bytes = args.length > 2 ? Long.parseLong(args[2]) : DEFAULT_BYTES;
            send(Integer.parseInt(args[1]), bytes);
        } else {
            System.err.println("usage: RawCopy --recv | --send PORT [BYTES]");
            System.exit(2);
        }
    }

    private static void receive() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            System.out.println("READY " + ((InetSocketAddress) server.getLocalAddress()).getPort());
            System.out.flush();
            try (SocketChannel ch = server.accept()) {
                long cpu = MsrpEndpoint.cpuNanos();
                ByteBuffer in = ByteBuffer.allocateDirect(BUFFER);
                long total = 0;
                while (true) {
                    in.clear();
                    int n = ch.read(in);
                    if (n < 0) {
                        break;
                    }
                    total += n;
                }
                ch.write(ByteBuffer.wrap(new byte[] {1}));
                System.out.println("RECEIVED " + total + " cpu_ms=" + (MsrpEndpoint.cpuNanos() - cpu) / 1_000_000);
            }
        }
    }

    private static void send(int port, long bytes) throws IOException {
        ByteBuffer out = ByteBuffer.allocateDirect(BUFFER);
        byte[] random = new byte[BUFFER];
        ThreadLocalRandom.current().nextBytes(random);
        out.put(random).flip();
        long start = System.nanoTime();
        long cpu = MsrpEndpoint.cpuNanos();
        try (SocketChannel ch = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            long left = bytes;
            while (left > 0) {
                out.clear();
                if (left < BUFFER) {
                    out.limit((int) left);
                }
                while (out.hasRemaining()) {
                    left -= ch.write(out);
                }
            }
            ch.shutdownOutput();
            ByteBuffer ack = ByteBuffer.allocate(1);
            while (ack.hasRemaining() && ch.read(ack) >= 0) {
                // wait for the receiver to have read everything
            }
            long nanos = System.nanoTime() - start;
            System.out.printf("RESULT raw bytes=%d nanos=%d cpu_ms=%d mbps=%.1f%n", bytes, nanos,
                    (MsrpEndpoint.cpuNanos() - cpu) / 1_000_000, bytes * 1e3 / nanos);
        }
    }
}
