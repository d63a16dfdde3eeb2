package io.sipim.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * {@link MsrpChunkingBenchmark}'s operations timed by the thread's CPU time instead of the wall
 * clock: the targets are per core, and on a shared machine the wall clock mostly measures
 * the other processes. Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * io.sipim.benchmarks.MsrpChunkingCpuTime encode|parse|decode 2048,16384,65536 [discard|array]}.
 * Prints GB/s (10^9 bytes) per CPU second and per wall second for six rounds of 1.5 CPU seconds.
 */
public final class MsrpChunkingCpuTime {
    private MsrpChunkingCpuTime() {
    }

    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        String what = args[0];
        for (String size : args[1].split(",")) {
            MsrpChunkingBenchmark b = new MsrpChunkingBenchmark();
            b.chunkSize = Integer.parseInt(size);
            b.setup();
            MsrpChunkingBenchmark.Sink sink = new MsrpChunkingBenchmark.Sink();
            sink.sink = args.length > 2 ? args[2] : "discard";
            sink.setup();
            for (int round = 0; round < 6; round++) {
                long cpu0 = mx.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                long runs = 0;
                long check = 0;
                while (mx.getCurrentThreadCpuTime() - cpu0 < 1_500_000_000L) {
                    check += switch (what) {
                        case "encode" -> b.encode();
                        case "parse" -> b.parse();
                        default -> b.decode(sink);
                    };
                    runs++;
                }
                double bytes = (double) runs * MsrpChunkingBenchmark.MESSAGE;
                System.out.printf("%s chunkSize=%s round %d: %.2f GB/s per CPU second, %.2f GB/s wall (%d)%n", what,
                        size, round, bytes / (mx.getCurrentThreadCpuTime() - cpu0), bytes / (System.nanoTime() - wall0),
                        check % 10);
            }
        }
    }
}
