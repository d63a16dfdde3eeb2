package io.sipim.sip.transaction;

import io.sipim.sip.transport.Transport;
import java.time.Duration;
import java.util.Objects;

/**
 * The timer values of RFC 3261 §17 (Table 4 of Appendix A) and RFC 6026 §8.11, derived from
 * three base values and the transport. Immutable; {@link #DEFAULT} holds the RFC defaults.
 *
 * <p>Timers that only exist to absorb retransmissions over UDP (D, I, J, K) are zero on a
 * reliable transport, so the transaction ends at once; the retransmission timers (A, E, G) are
 * not started at all on a reliable transport (§17.1.1.2, §17.1.2.2, §17.2.1).
 *
 * @param t1 RTT estimate, initial retransmission interval (default 500 ms, §17.1.1.1)
 * @param t2 maximum retransmission interval for non-INVITE requests and INVITE responses (default 4 s)
 * @param t4 maximum time a message stays in the network (default 5 s)
 * @param udpTimerD how long an INVITE client transaction absorbs final response retransmissions
 *     over UDP (default 32 s; §17.1.1.2 asks for at least 32 s)
 * @param tryingDelay how long an INVITE server transaction waits for the TU before it answers
 *     100 Trying itself (default 200 ms, §17.2.1)
 */
public record TransactionTimers(Duration t1, Duration t2, Duration t4, Duration udpTimerD, Duration tryingDelay) {

    /** Default T1, 500 ms. */
    public static final Duration DEFAULT_T1 = Duration.ofMillis(500);
    /** Default T2, 4 s. */
    public static final Duration DEFAULT_T2 = Duration.ofSeconds(4);
    /** Default T4, 5 s. */
    public static final Duration DEFAULT_T4 = Duration.ofSeconds(5);
    /** Default Timer D for UDP, 32 s. */
    public static final Duration DEFAULT_UDP_TIMER_D = Duration.ofSeconds(32);
    /** Default delay before an automatic 100 Trying, 200 ms. */
    public static final Duration DEFAULT_TRYING_DELAY = Duration.ofMillis(200);

    /** The RFC 3261 defaults. */
    public static final TransactionTimers DEFAULT = builder().build();

    /** The largest doubling applied by the backoff timers; 2^30 * T1 is far beyond any transaction. */
    private static final int MAX_SHIFT = 30;

    /** Validating constructor: T1 &gt; 0, T2 &ge; T1, T4 &gt; 0, Timer D and the 100 Trying delay &ge; 0. */
    public TransactionTimers {
        Objects.requireNonNull(t1, "t1");
        Objects.requireNonNull(t2, "t2");
        Objects.requireNonNull(t4, "t4");
        Objects.requireNonNull(udpTimerD, "udpTimerD");
        Objects.requireNonNull(tryingDelay, "tryingDelay");
        if (t1.isNegative() || t1.isZero()) {
            throw new IllegalArgumentException("T1 must be positive, was " + t1);
        }
        if (t2.compareTo(t1) < 0) {
            throw new IllegalArgumentException("T2 (" + t2 + ") must not be below T1 (" + t1 + ")");
        }
        if (t4.isNegative() || t4.isZero()) {
            throw new IllegalArgumentException("T4 must be positive, was " + t4);
        }
        if (udpTimerD.isNegative()) {
            throw new IllegalArgumentException("Timer D must not be negative, was " + udpTimerD);
        }
        if (tryingDelay.isNegative()) {
            throw new IllegalArgumentException("100 Trying delay must not be negative, was " + tryingDelay);
        }
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        return new Builder().t1(t1).t2(t2).t4(t4).udpTimerD(udpTimerD).tryingDelay(tryingDelay);
    }

    /** Timer A before the {@code n}-th retransmission of an INVITE (n from 0): T1·2^n, no cap (§17.1.1.2). */
    public Duration timerA(int n) {
        return t1.multipliedBy(1L << Math.min(checkCount(n), MAX_SHIFT));
    }

    /** Timer B, INVITE transaction timeout: 64·T1. */
    public Duration timerB() {
        return t1.multipliedBy(64);
    }

    /** Timer D, wait time for response retransmissions: {@link #udpTimerD()} on UDP, zero on reliable transports. */
    public Duration timerD(Transport transport) {
        return transport.reliable() ? Duration.ZERO : udpTimerD;
    }

    /** Timer E before the {@code n}-th retransmission of a non-INVITE request in Trying: min(T1·2^n, T2) (§17.1.2.2). */
    public Duration timerE(int n) {
        return backoff(n);
    }

    /** Timer F, non-INVITE transaction timeout: 64·T1. */
    public Duration timerF() {
        return t1.multipliedBy(64);
    }

    /** Timer G before the {@code n}-th retransmission of an INVITE final response: min(T1·2^n, T2) (§17.2.1). */
    public Duration timerG(int n) {
        return backoff(n);
    }

    /** Timer H, wait time for the ACK: 64·T1. */
    public Duration timerH() {
        return t1.multipliedBy(64);
    }

    /** Timer I, wait time for ACK retransmissions: T4 on UDP, zero on reliable transports. */
    public Duration timerI(Transport transport) {
        return transport.reliable() ? Duration.ZERO : t4;
    }

    /** Timer J, wait time for non-INVITE request retransmissions: 64·T1 on UDP, zero on reliable transports. */
    public Duration timerJ(Transport transport) {
        return transport.reliable() ? Duration.ZERO : t1.multipliedBy(64);
    }

    /** Timer K, wait time for non-INVITE response retransmissions: T4 on UDP, zero on reliable transports. */
    public Duration timerK(Transport transport) {
        return transport.reliable() ? Duration.ZERO : t4;
    }

    /** Timer L, how long an INVITE server transaction stays Accepted: 64·T1 (RFC 6026 §8.7). */
    public Duration timerL() {
        return t1.multipliedBy(64);
    }

    /** Timer M, how long an INVITE client transaction stays Accepted: 64·T1 (RFC 6026 §8.4). */
    public Duration timerM() {
        return t1.multipliedBy(64);
    }

    private Duration backoff(int n) {
        Duration d = t1.multipliedBy(1L << Math.min(checkCount(n), MAX_SHIFT));
        return d.compareTo(t2) > 0 ? t2 : d;
    }

    private static int checkCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("retransmission count must not be negative, was " + n);
        }
        return n;
    }

    /** Builds {@link TransactionTimers}, starting from the defaults. */
    public static final class Builder {
        private Duration t1 = DEFAULT_T1;
        private Duration t2 = DEFAULT_T2;
        private Duration t4 = DEFAULT_T4;
        private Duration udpTimerD = DEFAULT_UDP_TIMER_D;
        private Duration tryingDelay = DEFAULT_TRYING_DELAY;

        private Builder() {
        }

        /** Sets T1, the RTT estimate. */
        public Builder t1(Duration v) {
            t1 = v;
            return this;
        }

        /** Sets T2, the retransmission interval cap. */
        public Builder t2(Duration v) {
            t2 = v;
            return this;
        }

        /** Sets T4, the maximum message lifetime in the network. */
        public Builder t4(Duration v) {
            t4 = v;
            return this;
        }

        /** Sets Timer D for UDP. */
        public Builder udpTimerD(Duration v) {
            udpTimerD = v;
            return this;
        }

        /** Sets the delay before an automatic 100 Trying. */
        public Builder tryingDelay(Duration v) {
            tryingDelay = v;
            return this;
        }

        /** The validated timers. */
        public TransactionTimers build() {
            return new TransactionTimers(t1, t2, t4, udpTimerD, tryingDelay);
        }
    }
}
