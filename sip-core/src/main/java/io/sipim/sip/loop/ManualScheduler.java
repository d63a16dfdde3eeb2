package io.sipim.sip.loop;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} on virtual time, for tests and simulations: nothing runs until the caller
 * {@linkplain #runPending() runs pending tasks} or {@linkplain #advance(Duration) advances the
 * clock}. Tasks due at the same instant run in the order they were scheduled. Not thread-safe:
 * drive it from one thread.
 */
public final class ManualScheduler implements Scheduler {
    private long now;
    private long sequence;
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private final PriorityQueue<Entry> timers = new PriorityQueue<>();

    /** A scheduler at virtual time zero with nothing queued. */
    public ManualScheduler() {
    }

    private final class Entry extends TimerEntry {
        boolean done;

        Entry(long due, long seq, Runnable task) {
            super(due, seq, task);
        }

        @Override
        public boolean cancel() {
            if (done) {
                return false;
            }
            done = true;
            timers.remove(this);
            return true;
        }
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void execute(Runnable task) {
        ready.add(Objects.requireNonNull(task, "task"));
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        long d = Math.max(0, delay.toNanos());
        Entry e = new Entry(now + d, sequence++, task);
        timers.add(e);
        return e;
    }

    @Override
    public boolean inLoop() {
        return true;
    }

    /** Runs every task queued with {@link #execute} (and those they queue) without moving the clock. */
    public void runPending() {
        Runnable r;
        while ((r = ready.poll()) != null) {
            r.run();
        }
        runDue();
    }

    /** Moves the clock forward by {@code by}, running every task and timer that falls due on the way, in time order. */
    public void advance(Duration by) {
        long target = now + Math.max(0, by.toNanos());
        runPending();
        Entry e;
        while ((e = timers.peek()) != null && e.due <= target) {
            now = Math.max(now, e.due);
            runPending();
        }
        now = target;
        runPending();
    }

    /** Time from now until the next timer is due, or null when no timer is pending. */
    public Duration nextTimer() {
        Entry e = timers.peek();
        return e == null ? null : Duration.ofNanos(e.due - now);
    }

    /** Number of timers not yet run or cancelled. */
    public int pendingTimers() {
        return timers.size();
    }

    private void runDue() {
        Entry e;
        while ((e = timers.peek()) != null && e.due <= now) {
            timers.poll();
            e.done = true;
            e.task.run();
            Runnable r;
            while ((r = ready.poll()) != null) {
                r.run();
            }
        }
    }
}
