package io.sipim.benchmarks.msrp;

import io.sipim.msrp.internal.chunk.OutboundQueue;
import io.sipim.msrp.internal.chunk.OutgoingMessage;
import io.sipim.msrp.internal.chunk.TransactionIds;
import io.sipim.msrp.internal.relay.RelayAccess;
import io.sipim.msrp.internal.relay.RelayChannel;
import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.FailureReport;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.parse.MsrpEncoder;
import io.sipim.msrp.parse.MsrpParser;
import io.sipim.msrp.relay.MsrpRelay;
import io.sipim.msrp.relay.RelayBinding;
import io.sipim.msrp.relay.RelayClient;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The relay legs of the end-to-end benchmark, each in its own JVM: an SIPIM relay, and two clients
 * that authenticate at a relay (SIPIM's or Kamailio's) with {@link RelayClient} and move one body
 * through it.
 *
 * <p>Until the session layer sends through relays, the clients here drive the relay client's
 * connection ({@link RelayChannel}) directly: the sender cuts the body into SEND chunks with the
 * session layer's own chunker ({@link OutboundQueue}), copies each fill into a frame and queues it
 * (keeping at most 1 MiB queued), and counts the relay's 200s; the receiver answers each chunk with
 * 200 and counts the body bytes. Relays answer hop by hop, so the sender's 200s only say that the
 * relay took a chunk: the figure is taken at the receiver, from the sender's start (before it
 * connects to the relay) to the last byte's arrival, both read from {@link System#nanoTime()}
 * (CLOCK_MONOTONIC, shared by the processes of one machine).
 *
 * <pre>
 * RelayEndpoint --sipim-relay [--chunk N]          prints READY &lt;relay uri&gt;; users alice and bob
 * RelayEndpoint --recv RELAY [--chunk N]           prints READY &lt;use-path...&gt; &lt;own uri&gt;, then RECEIVED
 * RelayEndpoint --send RELAY --to PATH [--bytes N] [--chunk N]   PATH: the receiver's READY words joined by ','
 * </pre>
 */
public final class RelayEndpoint {
    static final String REALM = "bench.sipim";
    static final Map<String, String> USERS = Map.of("alice", "alice-secret", "bob", "bob-secret");
    private static final int HIGH_WATER = 1 << 20;
    private static final int LOW_WATER = 256 * 1024;

    private RelayEndpoint() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String relay = null;
        String to = null;
        long bytes = RawCopy.DEFAULT_BYTES;
        int chunk = 8 * 1024;
        int i = 1;
        if (mode.equals("--recv") || mode.equals("--send")) {
            relay = args[i++];
        }
        for (; i < args.length; i++) {
            switch (args[i]) {
                case "--to" -> to = args[++i];
                case "--bytes" -> bytes = Long.parseLong(args[++i]);
                case "--chunk" -> chunk = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
        }
        switch (mode) {
            case "--sipim-relay" -> relay(chunk);
            case "--recv" -> receive(MsrpUri.parse(relay));
            case "--send" -> send(MsrpUri.parse(relay), to, bytes, chunk);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private static void relay(int chunk) throws Exception {
        try (MsrpRelay relay = MsrpRelay.builder().listen(new InetSocketAddress("127.0.0.1", 0)).realm(REALM)
                .users(USERS).maxChunkBytes(chunk).start()) {
            System.out.println("READY " + relay.uri());
            System.out.flush();
            // Runs until the benchmark closes our stdin.
            while (System.in.read() >= 0) {
                // nothing to read
            }
            System.out.println("DONE peakBuffered=" + relay.peakBufferedBytes() + " cpu_ms="
                    + MsrpEndpoint.cpuNanos() / 1_000_000 + " " + MsrpEndpoint.heap());
        }
    }

    private static MsrpUri localUri(String user) {
        return MsrpUri.parse("msrp://127.0.0.1:9/" + user + Long.toHexString(System.nanoTime()) + ";tcp");
    }

    private static void receive(MsrpUri relay) throws Exception {
        MsrpUri self = localUri("bob");
        try (RelayClient client = RelayClient.builder().relay(relay).credentials("bob", USERS.get("bob"))
                .localUri(self).build()) {
            RelayBinding b = client.connect().get(30, TimeUnit.SECONDS);
            RelayChannel ch = RelayAccess.channel(client);
            CompletableFuture<String> done = new CompletableFuture<>();
            long cpu = MsrpEndpoint.cpuNanos();
            ch.scheduler().execute(() -> ch.handler(new MsrpParser.Handler() {
                private MsrpRequest current;
                private long received;

                @Override
                public void request(MsrpRequest r, boolean hasBody) {
                    current = r;
                }

                @Override
                public void body(ByteBuffer data) {
                    received += data.remaining();
                    data.position(data.limit());
                }

                @Override
                public void end(ContinuationFlag flag) {
                    MsrpRequest r = current;
                    current = null;
                    if (r == null || !MsrpRequest.SEND.equals(r.method())) {
                        return;
                    }
                    if (r.failureReport() != FailureReport.NO) {
                        ch.send(MsrpEncoder.encode(MsrpResponse.to(r, 200).build()));
                    }
                    if (flag == ContinuationFlag.END && r.byteRange() != null && r.byteRange().total() > 0
                            && received == r.byteRange().total()) {
                        done.complete("RECEIVED " + received + " end_nanos=" + System.nanoTime() + " cpu_ms="
                                + (MsrpEndpoint.cpuNanos() - cpu) / 1_000_000);
                    }
                }

                @Override
                public void response(MsrpResponse r) {
                }

                @Override
                public void badRequest(MsrpParseException e) {
                    System.out.println("BAD " + e.getMessage());
                }
            }));
            StringBuilder ready = new StringBuilder("READY");
            for (MsrpUri u : b.usePath()) {
                ready.append(' ').append(u);
            }
            System.out.println(ready.append(' ').append(self));
            System.out.flush();
            System.out.println(done.get(1, TimeUnit.HOURS));
            System.out.flush();
            Thread.sleep(500); // let the last 200 go out
            System.out.println("DONE " + MsrpEndpoint.heap());
        }
    }

    private static void send(MsrpUri relay, String to, long bytes, int chunk) throws Exception {
        long start = System.nanoTime();
        long cpu = MsrpEndpoint.cpuNanos();
        System.out.println("START start_nanos=" + start);
        MsrpUri self = localUri("alice");
        try (RelayClient client = RelayClient.builder().relay(relay).credentials("alice", USERS.get("alice"))
                .localUri(self).build()) {
            RelayBinding b = client.connect().get(30, TimeUnit.SECONDS);
            RelayChannel ch = RelayAccess.channel(client);
            // RFC 4976 §6.2: To-Path is our Use-Path, then the receiver's path (its Use-Path and its URI).
            List<MsrpUri> toPath = new ArrayList<>(b.usePath());
            for (String u : to.split(",")) {
                toPath.add(MsrpUri.parse(u));
            }
            OutgoingMessage message = OutgoingMessage.builder("bench" + Long.toHexString(start),
                    GeneratedBody.source(bytes)).toPath(toPath).fromPath(List.of(self))
                    .contentType("application/octet-stream").build();
            CompletableFuture<String> acked = new CompletableFuture<>();
            long[] counts = new long[2]; // chunks written, 200s received
            boolean[] written = new boolean[1];
            OutboundQueue queue = new OutboundQueue(chunk, new TransactionIds(), new OutboundQueue.Listener() {
                @Override
                public void chunkWritten(OutgoingMessage m, String tid, long s, long e, long total, ContinuationFlag f) {
                    counts[0]++;
                }

                @Override
                public void messageDone(OutgoingMessage m) {
                    written[0] = true;
                }
            });
            queue.add(message);
            ByteBuffer buf = ByteBuffer.allocate(chunk + 4096);
            Runnable[] pump = new Runnable[1];
            pump[0] = () -> {
                while (ch.bufferedBytes() < HIGH_WATER && queue.hasPending()) {
                    buf.clear();
                    queue.fill(buf);
                    buf.flip();
                    byte[] frame = new byte[buf.remaining()];
                    buf.get(frame);
                    ch.send(frame);
                }
                if (queue.hasPending()) {
                    // Called inside the connection's fill: continue from a fresh loop task, not from there.
                    ch.onDrained(LOW_WATER, () -> ch.scheduler().execute(pump[0]));
                }
            };
            ch.scheduler().execute(() -> {
                ch.handler(new MsrpParser.Handler() {
                    @Override
                    public void request(MsrpRequest r, boolean hasBody) {
                    }

                    @Override
                    public void body(ByteBuffer data) {
                        data.position(data.limit());
                    }

                    @Override
                    public void end(ContinuationFlag flag) {
                    }

                    @Override
                    public void response(MsrpResponse r) {
                        if (r.code() != 200) {
                            acked.complete("FAILED " + r.code() + " " + r.comment());
                            return;
                        }
                        counts[1]++;
                        if (written[0] && counts[1] == counts[0]) {
                            acked.complete("ACKED chunks=" + counts[0] + " ack_nanos=" + System.nanoTime());
                        }
                    }

                    @Override
                    public void badRequest(MsrpParseException e) {
                    }
                });
                pump[0].run();
            });
            String result = acked.get(1, TimeUnit.HOURS);
            System.out.println("SENT " + result + " cpu_ms=" + (MsrpEndpoint.cpuNanos() - cpu) / 1_000_000);
            System.out.flush();
            // Stay connected until the benchmark has seen the receiver finish (it closes our stdin).
            while (System.in.read() >= 0) {
                // nothing to read
            }
            System.out.println("DONE " + MsrpEndpoint.heap());
        }
    }
}
