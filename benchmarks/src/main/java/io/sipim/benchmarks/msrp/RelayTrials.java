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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The relay trials of {@link MsrpTransferBenchmark}: the same body from an {@link RelayEndpoint}
 * sender to an {@link RelayEndpoint} receiver, both authenticated at one relay, which is either
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

    /** One transfer through the relay at {@code relayUri}; MB/s from the sender's start to the receiver's last byte. */
    private static Outcome through(String relayUri, long bytes, String heap, int chunk) throws Exception {
        Child recv = Child.start(heap, RelayEndpoint.class, "--recv", relayUri);
        Child send = null;
        try {
            String[] ready = recv.await("READY ").substring(6).split(" ");
            send = Child.start(heap, RelayEndpoint.class, "--send", relayUri, "--to", String.join(",", ready), "--bytes",
                    Long.toString(bytes), "--chunk", Integer.toString(chunk));
            long start = MsrpTransferBenchmark.field(send.await("START "), "start_nanos");
            String received = recv.await("RECEIVED ");
            String acked = send.await("SENT ");
            if (!acked.startsWith("SENT ACKED")) {
                throw new IllegalStateException("sender: " + acked);
            }
            long end = MsrpTransferBenchmark.field(received, "end_nanos");
            String recvDone = recv.await("DONE ");
            send.closeInput();
            String sendDone = send.await("DONE ");
            send.exit();
            recv.exit();
            double mbps = bytes * 1e3 / (end - start);
            return new Outcome(mbps, MsrpTransferBenchmark.field(acked, "cpu_ms"),
                    MsrpTransferBenchmark.field(received, "cpu_ms"), Double.NaN,
                    "sender " + sendDone.substring(5) + ", receiver " + recvDone.substring(5));
        } finally {
            if (send != null) {
                send.destroy();
            }
            recv.destroy();
        }
    }
}
