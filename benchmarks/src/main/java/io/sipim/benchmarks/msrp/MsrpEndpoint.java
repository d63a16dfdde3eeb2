package io.sipim.benchmarks.msrp;

import io.sipim.msrp.message.FailureReport;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.session.BodySink;
import io.sipim.msrp.session.Delivery;
import io.sipim.msrp.session.MsrpSession;
import io.sipim.msrp.session.MsrpStack;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One side of the end-to-end MSRP benchmark, in its own JVM ({@link MsrpTransferBenchmark} starts
 * both with {@code -Xmx64m}).
 *
 * <pre>
 * MsrpEndpoint --recv [--chunk N] [--sink discard|verify] [--messages K]
 *     prints READY &lt;session path&gt; (URIs joined by ','), accepts any peer (acceptAny), writes each body to the sink,
 *     prints RECEIVED &lt;bytes&gt; per message, exits when the sender closes the session
 * MsrpEndpoint --send PATH [--bytes N] [--chunk N] [--messages K] [--failure-report yes|no|partial]
 *     [--success-report yes|no]
 *     connects, sends K generated bodies of N bytes one after the other (Failure-Report yes, so the
 *     Delivery waits for every chunk's 200; {@code --failure-report no} is for diagnosis only), prints
 *     RESULT per message
 * </pre>
 *
 * Both take {@code --relay URI --user alice|bob}: the stack then authenticates at that relay
 * (RFC 4976, {@link MsrpStack.Builder#relay}) and its sessions go through it; {@code --success-report yes}
 * makes the Delivery wait for the receiver's REPORT, end to end, where a relay answers each chunk
 * itself.
 *
 * <p>The first message is timed from the start of connect to its Delivery; later ones (with
 * {@code --messages 2} or more, on the same session, so the JIT has warmed up) from send to Delivery.
 */
public final class MsrpEndpoint {
    private MsrpEndpoint() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        String uri = null;
        long bytes = RawCopy.DEFAULT_BYTES;
        int chunk = 64 * 1024;
        int messages = 1;
        String sink = "discard";
        FailureReport report = FailureReport.YES;
        boolean successReport = false;
        String relay = null;
        String user = null;
        int i = 1;
        if (mode.equals("--send")) {
            uri = args[i++];
        }
        for (; i < args.length; i++) {
            switch (args[i]) {
                case "--bytes" -> bytes = Long.parseLong(args[++i]);
                case "--chunk" -> chunk = Integer.parseInt(args[++i]);
                case "--messages" -> messages = Integer.parseInt(args[++i]);
                case "--sink" -> sink = args[++i];
                case "--failure-report" -> report = FailureReport.of(args[++i]);
                case "--success-report" -> successReport = args[++i].equals("yes");
                case "--relay" -> relay = args[++i];
                case "--user" -> user = args[++i];
                default -> throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
        }
        switch (mode) {
            case "--recv" -> receive(stack(chunk, relay, user), sink, messages);
            case "--send" -> send(stack(chunk, relay, user), uri, bytes, messages, report, successReport);
            default -> {
                System.err.println("usage: MsrpEndpoint --recv [--chunk N] [--sink discard|verify] [--messages K]"
                        + " | --send URI [--bytes N] [--chunk N] [--messages K]");
                System.exit(2);
            }
        }
    }

    /** A stack with this chunk size, authenticated at {@code relay} as {@code user} (RelayEndpoint's users) if given. */
    private static MsrpStack stack(int chunk, String relay, String user) {
        MsrpStack.Builder b = MsrpStack.builder().chunkSize(chunk);
        if (relay != null) {
            b.relay(MsrpUri.parse(relay), user, RelayEndpoint.USERS.get(user));
        }
        return b.build();
    }

    private static void receive(MsrpStack built, String sinkKind, int messages) throws Exception {
        try (MsrpStack stack = built) {
            MsrpSession s = stack.newSession();
            AtomicInteger received = new AtomicInteger();
            long[] cpuAtStart = {cpuNanos()};
            CompletableFuture<Void> all = new CompletableFuture<>();
            s.onIncoming((id, type, total, headers) -> newSink(sinkKind))
                    .onMessage(m -> {
                        System.out.println("RECEIVED " + m.size() + " cpu_ms=" + (cpuNanos() - cpuAtStart[0]) / 1_000_000);
                        cpuAtStart[0] = cpuNanos();
                        if (received.incrementAndGet() == messages) {
                            all.complete(null);
                        }
                    })
                    .onAborted(id -> System.out.println("ABORTED " + id));
            s.acceptAny();
            // With a relay, our path is its Use-Path and then our URI.
            StringBuilder ready = new StringBuilder("READY ");
            for (MsrpUri u : s.localPath()) {
                ready.append(ready.length() > 6 ? "," : "").append(u);
            }
            System.out.println(ready);
            System.out.flush();
            // Directly connected, the session closes when the sender closes its side; through a relay the
            // stack's relay connection stays, so the last message ends the run (after a moment for the
            // last 200 and the REPORT to go out).
            CompletableFuture.anyOf(s.closed(), all).get(1, TimeUnit.HOURS);
            try {
                s.closed().get(2, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException stillOpen) {
                // through a relay
            }
            System.out.println((all.isDone() ? "DONE " : "INCOMPLETE ") + received.get() + " " + heap());
        }
    }

    private static BodySink newSink(String kind) {
        return switch (kind) {
            case "verify" -> new GeneratedBody.Verifying();
            case "discard" -> new GeneratedBody.Discarding();
            default -> throw new IllegalArgumentException("sink must be discard or verify: " + kind);
        };
    }

    private static void send(MsrpStack built, String path, long bytes, int messages, FailureReport report,
                             boolean successReport) throws Exception {
        long start = System.nanoTime();
        long cpu = cpuNanos();
        try (MsrpStack stack = built) {
            MsrpSession s = stack.newSession();
            List<MsrpUri> to = new java.util.ArrayList<>();
            for (String u : path.split(",")) {
                to.add(MsrpUri.parse(u));
            }
            s.connect(to).get(30, TimeUnit.SECONDS);
            for (int m = 0; m < messages; m++) {
                if (m > 0) {
                    start = System.nanoTime();
                    cpu = cpuNanos();
                }
                Delivery d = s.message("application/octet-stream", GeneratedBody.source(bytes)).failureReport(report)
                        .successReport(successReport).send()
                        .completion().get(1, TimeUnit.HOURS);
                long nanos = System.nanoTime() - start;
                System.out.printf("RESULT msrp message=%d status=%d acked=%d bytes=%d nanos=%d cpu_ms=%d mbps=%.1f%n",
                        m + 1, d.status(), d.acknowledgedBytes(), bytes, nanos, (cpuNanos() - cpu) / 1_000_000,
                        bytes * 1e3 / nanos);
                System.out.flush();
                if (!d.delivered()) {
                    break;
                }
            }
            s.close();
            s.closed().get(10, TimeUnit.SECONDS);
            System.out.println("DONE " + heap());
        }
    }

    /** CPU time of the whole process (every thread, JIT and GC included). */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** {@code heap=<max MiB> peak=<MiB>}: the limit and the sum of the heap pools' peak usage (an upper bound of the peak). */
    static String heap() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        return String.format("heap=%dMiB peak=%dMiB", Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
    }
}
