package io.sipim.sip.server;

import io.sipim.sip.loop.Scheduler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A {@link Clock} that moves with a {@link Scheduler}'s monotonic time, anchored at the wall time
 * of its creation: bindings then expire on the loop's clock (virtual time in tests), and a wall
 * clock step cannot expire them all at once.
 */
final class SchedulerClock extends Clock {
    private final Scheduler scheduler;
    private final Instant origin;
    private final long originNanos;

    SchedulerClock(Scheduler scheduler) {
        this.scheduler = scheduler;
        this.origin = Instant.now();
        this.originNanos = scheduler.nanoTime();
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(scheduler.nanoTime() - originNanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a scheduler clock is always UTC");
    }
}
