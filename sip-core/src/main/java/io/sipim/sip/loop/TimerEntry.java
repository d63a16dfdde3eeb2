package io.sipim.sip.loop;

/**
 * A task due at a point of a scheduler's clock, ordered by due time and then by the order it was
 * scheduled in (so that timers due at the same instant run first-in, first-out). Each scheduler
 * decides what cancelling means for its queue.
 */
abstract class TimerEntry implements Comparable<TimerEntry>, Scheduler.Cancellable {
    final long due;
    final long seq;
    final Runnable task;

    TimerEntry(long due, long seq, Runnable task) {
        this.due = due;
        this.seq = seq;
        this.task = task;
    }

    @Override
    public final int compareTo(TimerEntry o) {
        return due != o.due ? Long.compare(due, o.due) : Long.compare(seq, o.seq);
    }
}
