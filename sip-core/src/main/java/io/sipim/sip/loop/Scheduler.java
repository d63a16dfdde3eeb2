package io.sipim.sip.loop;

import java.time.Duration;

/**
 * The single thread that owns a SIP stack's state (transports, transactions, dialogs, timers),
 * seen as a clock plus a task queue. State machines never lock: everything that touches them runs
 * as a task here.
 *
 * <p>Production code uses {@link EventLoop} (an NIO selector thread); tests use
 * {@link ManualScheduler}, whose clock only moves when the test says so, so that every timer of
 * RFC 3261 §17 can be driven without sleeping.
 */
public interface Scheduler {

    /** Monotonic time in nanoseconds; only differences are meaningful. */
    long nanoTime();

    /** Runs {@code task} on this scheduler's thread as soon as possible, after tasks already queued. */
    void execute(Runnable task);

    /**
     * Runs {@code task} on this scheduler's thread once {@code delay} has passed.
     *
     * @return a handle that cancels the task if it has not run yet
     */
    Cancellable schedule(Duration delay, Runnable task);

    /** True when the calling thread is this scheduler's thread (always true for {@link ManualScheduler}). */
    boolean inLoop();

    /** A scheduled task that can still be called off. */
    @FunctionalInterface
    interface Cancellable {
        /** A handle for a task that will never run. */
        Cancellable NONE = () -> false;

        /** Stops the task from running; returns false when it has already run or was cancelled before. */
        boolean cancel();
    }
}
