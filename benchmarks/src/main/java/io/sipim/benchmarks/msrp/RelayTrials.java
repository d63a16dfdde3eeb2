package io.sipim.benchmarks.msrp;

import io.sipim.benchmarks.msrp.MsrpTransferBenchmark.Child;
import io.sipim.benchmarks.msrp.MsrpTransferBenchmark.Outcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The relay trials of {@link MsrpTransferBenchmark}: the same body from an {@link MsrpEndpoint}
 * sender to an {@link MsrpEndpoint} receiver whose stacks both authenticate at one relay
 * ({@code MsrpStack.Builder.relay}), with Success-Report yes so that the sender's Delivery waits
 * for the receiver's REPORT (a relay answers each chunk itself). The relay is either
 * SIPIM's {@code MsrpRelay} in its own JVM ({@code sipim-relay:CHUNK}, relay re-chunking to CHUNK
 * too) or Kamailio 5.6.3's {@code msrp} module ({@code kamailio:CHUNK}, with the interop config
 * {@code msrp-core/src/test/resources/interop/kamailio-msrp-relay.cfg}). Kamailio cannot relay a frame
 * of more than about 11 KiB, so CHUNK must stay at 8 KiB or below for it.
 */
final class RelayTrials {
    static final String KAMAILIO_CFG = "msrp-core/src/test/resources/interop/kamailio-msrp-relay.cfg";
    /** Kamailio's write queue per connection ({@code tcp_conn_wq_max}), bytes. */
    static final long KAMAILIO_CONN_QUEUE = 64L << 20;

    private RelayTrials() {
    }

    static Outcome sipimRelay(long bytes, String heap, String relayHeap, int chunk) throws Exception {
        Child relay = Child.start(relayHeap, RelayEndpoint.class, "--sipim-relay", "--chunk", Integer.toString(chunk));
        try {
            String uri = relay.await("READY ").substring(6);
            Outcome o = through(uri, bytes, heap, chunk);
            relay.closeInput();
            String done = relay.await("DONE ");
            relay.exit();
            return new Outcome(o.mbps(), o.senderCpuMs(), o.receiverCpuMs(), Double.NaN,
                    o.notes() + ", relay " + done.substring(5));
        } finally {
            relay.destroy();
        }
    }

    static Outcome kamailio(long bytes, String heap, int chunk) throws Exception {
        Path dir = Files.createTempDirectory("sipim-kamailio-msrp");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StringBuilder users = new StringBuilder();
        for (Map.Entry<String, String> u : RelayEndpoint.USERS.entrySet()) {
            users.append("        if ($au == \"").append(u.getKey()).append("\") { $var(password) = \"")
                    .append(u.getValue()).append("\"; }\n");
        }
        String cfg = Files.readString(Path.of(KAMAILIO_CFG), StandardCharsets.UTF_8)
                .replace("@MSRP_PORT@", Integer.toString(port)).replace("@TLS_PORT@", "0")
                .replace("@TLS_CORE@", "").replace("@TLS_MODULE@", "").replace("@RUNDIR@", dir.toString())
                .replace("@REALM@", RelayEndpoint.REALM).replace("@USERS@", users.toString())
                .replace("@MIN_EXPIRES@", "60").replace("@MAX_EXPIRES@", "3600")
                .replace("debug=2", "debug=1") // no log line per frame: it would cost Kamailio time
                // Kamailio answers 200 before forwarding and queues what it cannot write at once; with
                // the default write queue (32 KiB per connection) a bulk sender overflows it and frames
                // are dropped ("write queue full"). Give it room instead (shared memory: -m below).
                .replace("tcp_children=2", "tcp_children=2\ntcp_async=yes\ntcp_conn_wq_max=" + KAMAILIO_CONN_QUEUE
                        + "\ntcp_wq_max=" + 4L * KAMAILIO_CONN_QUEUE);
        Path file = dir.resolve("kamailio.cfg");
        Files.writeString(file, cfg, StandardCharsets.UTF_8);
        Process k = new ProcessBuilder("kamailio", "-DD", "-E", "-m", "1024", "-f", file.toString(), "-Y", dir.toString(), "-w",
                dir.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("kamailio.log").toFile()).start();
        try {
            waitForPort(port, k);
            Thread.sleep(300); // RFC-free detail: the TCP workers start a moment after the port opens
            Outcome o = through("msrp://127.0.0.1:" + port + ";tcp", bytes, heap, chunk);
            return new Outcome(o.mbps(), o.senderCpuMs(), o.receiverCpuMs(), Double.NaN, o.notes());
        } finally {
            k.destroy();
            if (!k.waitFor(10, TimeUnit.SECONDS)) {
                k.destroyForcibly();
            }
        }
    }

    private static void waitForPort(int port, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("kamailio exited with " + p.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("kamailio did not open port " + port);
    }

    /**
     * One transfer through the relay at {@code relayUri}: both stacks authenticate there (as bob and
     * alice), and the message asks for a success REPORT, so the sender's Delivery comes end to end.
     */
    private static Outcome through(String relayUri, long bytes, String heap, int chunk) throws Exception {
        return MsrpTransferBenchmark.sipim(bytes, heap, chunk, "discard", 1,
                List.of("--relay", relayUri, "--user", "bob"),
                List.of("--relay", relayUri, "--user", "alice", "--success-report", "yes"));
    }
}
