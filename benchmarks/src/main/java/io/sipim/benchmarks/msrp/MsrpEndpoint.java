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
 *     prints READY &lt;session uri&gt;, accepts any peer (acceptAny), writes each body to the sink,
 *     prints RECEIVED &lt;bytes&gt; per message, exits when the sender closes the session
 * MsrpEndpoint --send URI [--bytes N] [--chunk N] [--messages K] [--failure-report yes|no|partial]
 *     connects, sends K generated bodies of N bytes one after the other (Failure-Report yes, so the
 *     Delivery waits for every chunk's 200; {@code --failure-report no} is for diagnosis only), prints
 *     RESULT per message
 * </pre>
 *
 * The first message is timed from the start of connect to its Delivery; later ones (with
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
                default -> throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
        }
        switch (mode) {
            case "--recv" -> receive(chunk, sink, messages);
            case "--send" -> send(uri, bytes, chunk, messages, report);
            default -> {
                System.err.println("usage: MsrpEndpoint --recv [--chunk N] [--sink discard|verify] [--messages K]"
                        + " | --send URI [--bytes N] [--chunk N] [--messages K]");
                System.exit(2);
            }
        }
    }

    private static void receive(int chunk, String sinkKind, int messages) throws Exception {
        try (MsrpStack stack = MsrpStack.builder().chunkSize(chunk).build()) {
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
            System.out.println("READY " + s.localUri());
            System.out.flush();
            s.closed().get(1, TimeUnit.HOURS);
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

    private static void send(String uri, long bytes, int chunk, int messages, FailureReport report) throws Exception {
        try (MsrpStack stack = MsrpStack.builder().chunkSize(chunk).build()) {
            MsrpSession s = stack.newSession();
            long start = System.nanoTime();
            long cpu = cpuNanos();
            s.connect(List.of(MsrpUri.parse(uri))).get(30, TimeUnit.SECONDS);
            for (int m = 0; m < messages; m++) {
                if (m > 0) {
                    start = System.nanoTime();
                    cpu = cpuNanos();
                }
                Delivery d = s.message("application/octet-stream", GeneratedBody.source(bytes)).failureReport(report).send()
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
