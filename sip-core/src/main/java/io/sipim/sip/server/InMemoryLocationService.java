package io.sipim.sip.server;

import io.sipim.sip.message.SipUri;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link LocationService} in memory, bounded so that a flood of REGISTERs cannot exhaust the
 * heap: at most {@link Builder#maxBindingsPerAor} bindings per address of record (default
 * {@value #DEFAULT_MAX_PER_AOR}) and {@link Builder#maxBindings} in all (default
 * {@value #DEFAULT_MAX_BINDINGS}). Expired bindings are dropped lazily: on lookup, and all at
 * once when the total limit is reached.
 *
 * <p>Not thread-safe: like all protocol state it belongs to one loop thread.
 */
public final class InMemoryLocationService implements LocationService {
    /** Default bound on the bindings of one address of record. */
    public static final int DEFAULT_MAX_PER_AOR = 10;
    /** Default bound on all bindings. */
    public static final int DEFAULT_MAX_BINDINGS = 100_000;

    private static final Comparator<Binding> BY_PREFERENCE =
            Comparator.comparingDouble(Binding::preference).reversed();

    private final Clock clock;
    private final int maxPerAor;
    private final int maxBindings;
    private final Map<SipUri, List<Binding>> byAor = new HashMap<>();
    private int size;

    private InMemoryLocationService(Builder b) {
        this.clock = b.clock;
        this.maxPerAor = b.maxPerAor;
        this.maxBindings = b.maxBindings;
    }

    /** A builder with the defaults: system clock, {@value #DEFAULT_MAX_PER_AOR} per AOR, {@value #DEFAULT_MAX_BINDINGS} in all. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<Binding> lookup(SipUri aor) {
        List<Binding> list = byAor.get(aor);
        if (list == null) {
            return List.of();
        }
        Instant now = now();
        if (list.removeIf(b -> b.isExpired(now))) {
            size = recount();
            if (list.isEmpty()) {
                byAor.remove(aor);
                return List.of();
            }
        }
        return List.copyOf(list);
    }

    @Override
    public boolean replace(SipUri aor, List<Binding> bindings) {
        Objects.requireNonNull(aor, "aor");
        if (bindings.size() > maxPerAor) {
            return false;
        }
        List<Binding> old = byAor.get(aor);
        int after = size - (old == null ? 0 : old.size()) + bindings.size();
        if (after > maxBindings) {
            purgeExpired();
            old = byAor.get(aor);
            after = size - (old == null ? 0 : old.size()) + bindings.size();
            if (after > maxBindings) {
                return false;
            }
        }
        if (bindings.isEmpty()) {
            byAor.remove(aor);
        } else {
            List<Binding> sorted = new ArrayList<>(bindings);
            sorted.sort(BY_PREFERENCE);
            byAor.put(aor, sorted);
        }
        size = after;
        return true;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public int size() {
        purgeExpired();
        return size;
    }

    private void purgeExpired() {
        Instant now = now();
        for (Iterator<List<Binding>> it = byAor.values().iterator(); it.hasNext(); ) {
            List<Binding> list = it.next();
            list.removeIf(b -> b.isExpired(now));
            if (list.isEmpty()) {
                it.remove();
            }
        }
        size = recount();
    }

    private int recount() {
        int n = 0;
        for (List<Binding> list : byAor.values()) {
            n += list.size();
        }
        return n;
    }

    /** Options of an {@link InMemoryLocationService}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private int maxPerAor = DEFAULT_MAX_PER_AOR;
        private int maxBindings = DEFAULT_MAX_BINDINGS;

        private Builder() {
        }

        /** The clock bindings expire on; a {@link SipServer} passes its loop's clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The most bindings one address of record may have; a REGISTER exceeding it is refused. */
        public Builder maxBindingsPerAor(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxBindingsPerAor must be positive: " + max);
            }
            this.maxPerAor = max;
            return this;
        }

        /** The most bindings in all. */
        public Builder maxBindings(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxBindings must be positive: " + max);
            }
            this.maxBindings = max;
            return this;
        }

        /** The location service. */
        public InMemoryLocationService build() {
            return new InMemoryLocationService(this);
        }
    }
}
