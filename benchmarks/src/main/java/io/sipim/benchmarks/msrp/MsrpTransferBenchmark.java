package io.sipim.benchmarks.msrp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end MSRP transfer over loopback TCP, next to the raw TCP limit measured in the same run
 * (issue 4, "Performance"): every trial starts fresh JVMs (sender and receiver, each
 * {@code -Xmx64m} by default) and moves one body of {@code --bytes} (1 GiB by default).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.sipim.benchmarks.msrp.MsrpTransferBenchmark \
 *     [--bytes N] [--rounds R] [--trials raw,sipim:65536,sipim:262144] [--heap 64m] [--sink discard|verify]
 *     [--messages K] [--relay-heap 128m]
 * </pre>
 *
 * The MSRP figure is the first message, timed from the start of connect to its Delivery (every
 * chunk's 200 received), in JVMs that have just started, so JIT compilation is part of it; with
 * {@code --messages K} the same session then sends K-1 more and the last one's MB/s is given as
 * the warm figure.
 *
 * <p>Trials: {@code raw} ({@link RawCopy}: 64 KiB direct buffer, blocking NIO) and {@code sipim:CHUNK}
 * ({@link MsrpEndpoint}: an MsrpStack on each side, chunk size CHUNK), and through a relay
 * ({@link RelayTrials}): {@code sipim-relay:CHUNK} (SIPIM's MsrpRelay in a JVM with
 * {@code --relay-heap}) and {@code kamailio:CHUNK} (Kamailio's msrp module; CHUNK at most 8192).
 * Each round runs every trial once, the order rotated from round to round so that no trial always
 * runs first on a warm or cold machine. The table gives, per trial, the median MB/s (10^6 bytes/s)
 * over the rounds, the lowest and highest, the ratio of medians to {@code raw} together with the
 * median of the per-round ratios, and the median CPU time each side's process used during the
 * transfer (all its threads: JIT and GC included), which the other work on a shared machine
 * disturbs far less than MB/s.
 */
public final class MsrpTransferBenchmark {
    private MsrpTransferBenchmark() {
    }

    /** One measured run of a trial: MB/s, each side's CPU time during the transfer, the warm MB/s, notes (heap). */
    record Outcome(double mbps, long senderCpuMs, long receiverCpuMs, double warmMbps, String notes) {
    }

    public static void main(String[] args) throws Exception {
        long bytes = RawCopy.DEFAULT_BYTES;
        int rounds = 5;
        List<String> trials = List.of("raw", "sipim:65536", "sipim:262144");
        String heap = "64m";
        String relayHeap = "128m";
        String sink = "discard";
        int messages = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bytes" -> bytes = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--trials" -> trials = Arrays.asList(args[++i].split(","));
                case "--heap" -> heap = args[++i];
                case "--relay-heap" -> relayHeap = args[++i];
                case "--sink" -> sink = args[++i];
                case "--messages" -> messages = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
        }
        System.out.printf("bytes=%d rounds=%d heap=%s sink=%s messages=%d cores=%d java=%s%n", bytes, rounds, heap,
                sink, messages, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        Map<String, List<Outcome>> results = new LinkedHashMap<>();
        for (String t : trials) {
            results.put(t, new ArrayList<>());
        }
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < trials.size(); k++) {
                String t = trials.get((k + r) % trials.size());
                Outcome o = run(t, bytes, heap, relayHeap, sink, messages);
                results.get(t).add(o);
                System.out.printf("round %d %-16s %8.1f MB/s  cpu sender %d ms, receiver %d ms  %s%n", r + 1, t, o.mbps,
                        o.senderCpuMs, o.receiverCpuMs, o.notes);
            }
        }
        report(results, trials.contains("raw") ? results.get("raw") : null);
    }

    private static Outcome run(String trial, long bytes, String heap, String relayHeap, String sink, int messages)
            throws Exception {
        String[] parts = trial.split(":");
        return switch (parts[0]) {
            case "raw" -> raw(bytes, heap);
            case "sipim" -> sipim(bytes, heap, Integer.parseInt(parts[1]), sink, messages);
            case "sipim-relay" -> RelayTrials.sipimRelay(bytes, heap, relayHeap, Integer.parseInt(parts[1]));
            case "kamailio" -> RelayTrials.kamailio(bytes, heap, Integer.parseInt(parts[1]));
            default -> throw new IllegalArgumentException("unknown trial " + trial);
        };
    }

    private static Outcome raw(long bytes, String heap) throws Exception {
        Child recv = Child.start(heap, RawCopy.class, "--recv");
        try {
            String port = recv.await("READY ").substring(6);
            Child send = Child.start(heap, RawCopy.class, "--send", port, Long.toString(bytes));
            String result = send.await("RESULT ");
            String received = recv.await("RECEIVED ");
            send.exit();
            recv.exit();
            return new Outcome(mbps(result), field(result, "cpu_ms"), field(received, "cpu_ms"), Double.NaN, "");
        } finally {
            recv.destroy();
        }
    }

    private static Outcome sipim(long bytes, String heap, int chunk, String sink, int messages) throws Exception {
        return sipim(bytes, heap, chunk, sink, messages, List.of(), List.of());
    }

    /** A SIPIM sender and receiver; {@code recvArgs} and {@code sendArgs} go to their {@link MsrpEndpoint}s. */
    static Outcome sipim(long bytes, String heap, int chunk, String sink, int messages, List<String> recvArgs,
                         List<String> sendArgs) throws Exception {
        List<String> r = new ArrayList<>(List.of("--recv", "--chunk", Integer.toString(chunk), "--sink", sink,
                "--messages", Integer.toString(messages)));
        r.addAll(recvArgs);
        Child recv = Child.start(heap, MsrpEndpoint.class, r.toArray(String[]::new));
        try {
            String uri = recv.await("READY ").substring(6);
            List<String> a = new ArrayList<>(List.of("--send", uri, "--bytes", Long.toString(bytes),
                    "--chunk", Integer.toString(chunk), "--messages", Integer.toString(messages)));
            a.addAll(sendArgs);
            Child send = Child.start(heap, MsrpEndpoint.class, a.toArray(String[]::new));
            String first = null;
            String firstReceived = null;
            String result = null;
            StringBuilder notes = new StringBuilder();
            for (int m = 0; m < messages; m++) {
                result = send.await("RESULT ");
                String received = recv.await("RECEIVED ");
                if (m == 0) {
                    first = result;
                    firstReceived = received;
                }
                if (!result.contains("status=200")) {
                    throw new IllegalStateException("not delivered: " + result);
                }
                if (messages > 1) {
                    notes.append(String.format(Locale.ROOT, "msg%d=%.1f MB/s (cpu %d+%d ms) ", m + 1, mbps(result),
                            field(result, "cpu_ms"), field(received, "cpu_ms")));
                }
            }
            String sendDone = send.await("DONE ");
            String recvDone = recv.await("DONE ");
            send.exit();
            recv.exit();
            notes.append("sender ").append(sendDone.substring(5)).append(", receiver ")
                    .append(recvDone.substring(recvDone.indexOf("heap=")));
            // The figure is the first message, timed from connect; with several, the last one is the warm figure.
            return new Outcome(mbps(first), field(first, "cpu_ms"), field(firstReceived, "cpu_ms"),
                    messages > 1 ? mbps(result) : Double.NaN, notes.toString());
        } finally {
            recv.destroy();
        }
    }

    static double mbps(String resultLine) {
        return Double.parseDouble(text(resultLine, "mbps"));
    }

    static long field(String line, String name) {
        return Long.parseLong(text(line, name));
    }

    private static String text(String line, String name) {
        for (String f : line.split(" ")) {
            if (f.startsWith(name + "=")) {
                return f.substring(name.length() + 1);
            }
        }
        throw new IllegalArgumentException("no " + name + " in " + line);
    }

    private static void report(Map<String, List<Outcome>> results, List<Outcome> raw) {
        double rawMedian = raw == null ? Double.NaN : median(raw.stream().mapToDouble(Outcome::mbps).toArray());
        System.out.println();
        System.out.println("| trial | median MB/s | min | max | ratio of medians to raw | median of per-round ratios"
                + " | CPU s sender | CPU s receiver | warm MB/s (last message, median) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (var e : results.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Outcome::mbps).toArray();
            double med = median(v);
            double[] perRound = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                perRound[i] = raw == null ? Double.NaN : v[i] / raw.get(i).mbps();
            }
            double sendCpu = median(e.getValue().stream().mapToDouble(o -> o.senderCpuMs / 1000.0).toArray());
            double recvCpu = median(e.getValue().stream().mapToDouble(o -> o.receiverCpuMs / 1000.0).toArray());
            double warm = median(e.getValue().stream().mapToDouble(Outcome::warmMbps).filter(w -> !Double.isNaN(w))
                    .toArray());
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %.0f %% | %.0f %% | %.2f | %.2f | %s |%n",
                    e.getKey(), med, Arrays.stream(v).min().orElse(0), Arrays.stream(v).max().orElse(0),
                    100 * med / rawMedian, 100 * median(perRound), sendCpu, recvCpu,
                    Double.isNaN(warm) ? "–" : String.format(Locale.ROOT, "%,.0f", warm));
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** A child JVM whose output lines are collected for {@link #await}. */
    static final class Child {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();

        private Child(Process p) {
            this.process = p;
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process went away
                }
            }, "child-output");
            t.setDaemon(true);
            t.start();
        }

        static Child start(String heap, Class<?> main, String... args) throws Exception {
            String jar = Path.of(MsrpTransferBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java, "-Xms" + heap, "-Xmx" + heap, "-cp", jar,
                    main.getName()));
            cmd.addAll(List.of(args));
            return new Child(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        }

        /** The next output line starting with {@code prefix}; fails on a long silence or when the process ends. */
        String await(String prefix) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line == null) {
                    if (!process.isAlive() && lines.isEmpty()) {
                        throw new IllegalStateException("child exited (" + process.exitValue() + ") before '" + prefix
                                + "': " + seen);
                    }
                    continue;
                }
                seen.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new IllegalStateException("no '" + prefix + "' within 10 minutes: " + seen);
        }

        /** Closes the child's stdin: the relay legs run until then. */
        void closeInput() throws IOException {
            process.getOutputStream().close();
        }

        void exit() throws InterruptedException {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        void destroy() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
