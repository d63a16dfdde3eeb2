package io.sipim.benchmarks;

import gov.nist.javax.sip.parser.StringMsgParser;
import io.sipim.sip.parse.SipParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.text.ParseException;

/**
 * {@link SipParseBenchmark}'s three operations timed by the parsing thread's CPU time instead of
 * the wall clock, which holds up when other processes share the machine. Usage:
 * {@code java -cp benchmarks/target/benchmarks.jar io.sipim.benchmarks.SipParseCpuTime
 * [read|parse|jain] [register,invite,notify,ok200]}. Each message is warmed up for 3 CPU seconds,
 * then timed in 25 rounds of 20,000 parses; the best round is printed in nanoseconds per parse
 * (the median in brackets, then the same by the wall clock, which also counts the time the thread
 * waited for a core or for a garbage collection pause). Run one operation per JVM: the JIT profile of one parser's call sites
 * would otherwise be shaped by the other's.
 */
public final class SipParseCpuTime {
    private static final int ROUNDS = 25;
    private static final int PER_ROUND = 20_000;

    private SipParseCpuTime() {
    }

    public static void main(String[] args) throws ParseException {
        String what = args.length > 0 ? args[0] : "read";
        String[] names = (args.length > 1 ? args[1] : String.join(",", Messages.NAMES)).split(",");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        SipParser sipim = new SipParser();
        StringMsgParser jain = new StringMsgParser();
        long sink = 0;
        for (String name : names) {
            byte[] bytes = Messages.bytes(name);
            long warm = mx.getCurrentThreadCpuTime();
            while (mx.getCurrentThreadCpuTime() - warm < 3_000_000_000L) {
                sink += once(what, sipim, jain, bytes);
            }
            long[] ns = new long[ROUNDS];
            long[] wall = new long[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                long t0 = mx.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                for (int i = 0; i < PER_ROUND; i++) {
                    sink += once(what, sipim, jain, bytes);
                }
                ns[r] = mx.getCurrentThreadCpuTime() - t0;
                wall[r] = System.nanoTime() - w0;
            }
            java.util.Arrays.sort(ns);
            java.util.Arrays.sort(wall);
            System.out.printf("%s %s: %.0f ns per parse (median %.0f; wall clock best %.0f, median %.0f)%n", what, name,
                    (double) ns[0] / PER_ROUND, (double) ns[ROUNDS / 2] / PER_ROUND, (double) wall[0] / PER_ROUND,
                    (double) wall[ROUNDS / 2] / PER_ROUND);
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static int once(String what, SipParser sipim, StringMsgParser jain, byte[] bytes) throws ParseException {
        return switch (what) {
            case "parse" -> sipim.parseDatagram(bytes).headers().size();
            case "jain" -> jain.parseSIPMessage(bytes, true, false, Messages.RETHROW).getSize();
            default -> Messages.readValues(sipim.parseDatagram(bytes));
        };
    }
}
