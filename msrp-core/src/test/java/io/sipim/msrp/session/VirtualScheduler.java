package io.sipim.msrp.session;

import io.sipim.msrp.internal.loop.Scheduler;
import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} on virtual time for tests: tasks run when the test calls {@link #runPending()},
 * timers when it {@link #advance advances} the clock. Single-threaded: everything runs on the test's
 * thread, so {@link #inLoop()} is always true.
 */
final class VirtualScheduler implements Scheduler {
    private record Timer(long due, long seq, Runnable task, boolean[] cancelled) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(seq, o.seq);
        }
    }

    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long now;
    private long seq;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    @Override
    public Timeout schedule(long delayNanos, Runnable task) {
        boolean[] cancelled = new boolean[1];
        Timer t = new Timer(now + Math.max(0, delayNanos), seq++, task, cancelled);
        timers.add(t);
        return () -> {
            if (cancelled[0] || !timers.contains(t)) {
                return false;
            }
            cancelled[0] = true;
            timers.remove(t);
            return true;
        };
    }

    @Override
    public boolean inLoop() {
        return true;
    }

    /** Runs queued tasks (and the tasks they queue) until none is left. */
    void runPending() {
        for (int guard = 0; guard < 1_000_000; guard++) {
            Runnable r = tasks.poll();
            if (r == null) {
                return;
            }
            r.run();
        }
        throw new AssertionError("tasks keep queueing tasks");
    }

    /** Runs at most {@code n} queued tasks: a transfer can be stopped half-way. */
    void runTasks(int n) {
        for (int i = 0; i < n; i++) {
            Runnable r = tasks.poll();
            if (r == null) {
                return;
            }
            r.run();
        }
    }

    /** Moves the clock forward by {@code nanos}, firing due timers in order, with queued tasks between. */
    void advance(long nanos) {
        long target = now + nanos;
        runPending();
        while (!timers.isEmpty() && timers.peek().due() <= target) {
            Timer t = timers.poll();
            now = t.due();
            t.task().run();
            runPending();
        }
        now = target;
    }

    int timerCount() {
        return timers.size();
    }
}
