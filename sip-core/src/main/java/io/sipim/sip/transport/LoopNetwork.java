package io.sipim.sip.transport;

import io.sipim.sip.loop.Scheduler;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * An in-memory network for tests: {@link LoopTransport}s attached to it exchange encoded SIP
 * messages through one {@link Scheduler}, with faults injected on the way. Every message is
 * encoded and parsed again, so the wire format is exercised as on a real socket.
 *
 * <p>Faults (RFC 3261 §17 is written for them): datagrams (UDP) can be dropped, duplicated and
 * delayed by a random extra amount, which reorders them; stream transports (TCP, TLS) are
 * reliable and ordered but share the base delay. A destination nobody listens on, or one marked
 * {@linkplain #fail(TransportAddress) failed}, reports an {@link java.io.IOException} to the
 * sender. Randomness comes from a seeded {@link Random}, so a failing run can be replayed.
 */
public final class LoopNetwork {
    private final Scheduler scheduler;
    private final Random random;
    private final Map<TransportAddress, LoopTransport> endpoints = new HashMap<>();
    private final Map<TransportAddress, Boolean> failed = new HashMap<>();
    private double dropRate;
    private double duplicateRate;
    private Duration delay = Duration.ZERO;
    private Duration jitter = Duration.ZERO;
    private long delivered;
    private long dropped;

    public LoopNetwork(Scheduler scheduler, long seed) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.random = new Random(seed);
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** Fraction of UDP datagrams lost, 0.0–1.0. */
    public LoopNetwork dropRate(double rate) {
        this.dropRate = checkRate(rate);
        return this;
    }

    /** Fraction of UDP datagrams delivered twice, 0.0–1.0. */
    public LoopNetwork duplicateRate(double rate) {
        this.duplicateRate = checkRate(rate);
        return this;
    }

    /** Base one-way delay of every message. */
    public LoopNetwork delay(Duration delay) {
        this.delay = Objects.requireNonNull(delay, "delay");
        return this;
    }

    /** Up to this much extra random delay per UDP datagram; datagrams overtake each other. */
    public LoopNetwork jitter(Duration jitter) {
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        return this;
    }

    /** Makes every send to {@code address} fail with an IOException, as if the peer were gone. */
    public LoopNetwork fail(TransportAddress address) {
        failed.put(address, Boolean.TRUE);
        return this;
    }

    /** Undoes {@link #fail}. */
    public LoopNetwork heal(TransportAddress address) {
        failed.remove(address);
        return this;
    }

    /** Messages delivered so far (duplicates count twice). */
    public long delivered() {
        return delivered;
    }

    /** UDP datagrams dropped so far. */
    public long dropped() {
        return dropped;
    }

    void attach(TransportAddress address, LoopTransport endpoint) {
        if (endpoints.putIfAbsent(address, endpoint) != null) {
            throw new IllegalStateException("address in use: " + address);
        }
    }

    void detach(TransportAddress address) {
        endpoints.remove(address);
    }

    boolean reachable(TransportAddress to) {
        return endpoints.containsKey(to) && !failed.containsKey(to);
    }

    /** Schedules delivery of {@code wire} from {@code from} to {@code to}; the caller has checked reachability. */
    void carry(byte[] wire, TransportAddress from, TransportAddress to) {
        if (!to.transport().reliable()) {
            if (random.nextDouble() < dropRate) {
                dropped++;
                return;
            }
            int copies = random.nextDouble() < duplicateRate ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                long extra = jitter.isZero() ? 0 : (long) (random.nextDouble() * jitter.toNanos());
                deliverLater(wire, from, to, delay.plusNanos(extra));
            }
        } else {
            deliverLater(wire, from, to, delay);
        }
    }

    private void deliverLater(byte[] wire, TransportAddress from, TransportAddress to, Duration after) {
        Runnable deliver = () -> {
            LoopTransport target = endpoints.get(to);
            if (target != null && !failed.containsKey(to)) {
                delivered++;
                target.deliver(wire, from, to);
            }
        };
        if (after.isZero()) {
            scheduler.execute(deliver);
        } else {
            scheduler.schedule(after, deliver);
        }
    }

    private static double checkRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be within 0..1: " + rate);
        }
        return rate;
    }
}
