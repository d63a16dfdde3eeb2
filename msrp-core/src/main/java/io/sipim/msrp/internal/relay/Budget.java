package io.sipim.msrp.internal.relay;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes a relay or client holds in its send queues, and the most it has ever held: what
 * back-pressure keeps bounded, readable from any thread.
 */
public final class Budget {
    private final AtomicLong current = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    void add(long delta) {
        long now = current.addAndGet(delta);
        if (delta > 0) {
            peak.accumulateAndGet(now, Math::max);
        }
    }

    /** Bytes held now. */
    public long current() {
        return current.get();
    }

    /** The most bytes held at once since the start. */
    public long peak() {
        return peak.get();
    }
}
