package io.sipim.msrp.internal.loop;

/**
 * The thread that owns an MSRP stack's state (connections, sessions, transactions), seen as a clock
 * and a task queue. Sessions never lock: everything that touches them runs here. {@link IoLoop} is
 * the NIO implementation; tests drive a virtual one.
 */
public interface Scheduler {

    /** Monotonic nanoseconds; only differences mean anything. */
    long nanoTime();

    /** Runs {@code task} on the loop, after the tasks already queued. */
    void execute(Runnable task);

    /** Runs {@code task} on the loop once {@code delayNanos} have passed; the handle calls it off. */
    Timeout schedule(long delayNanos, Runnable task);

    /** Whether the caller runs on the loop. */
    boolean inLoop();

    /** A scheduled task. */
    interface Timeout {
        /** Calls the task off; false if it already ran or was cancelled. */
        boolean cancel();
    }
}
