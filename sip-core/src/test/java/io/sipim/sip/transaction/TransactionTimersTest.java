package io.sipim.sip.transaction;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 3261 Appendix A (Table 4) and RFC 6026 §8.11: timer values. */
class TransactionTimersTest {
    private final TransactionTimers t = TransactionTimers.DEFAULT;

    @Test
    @DisplayName("RFC 3261 Table 4: T1 = 500 ms, T2 = 4 s, T4 = 5 s; B, F, H = 64*T1; RFC 6026: L, M = 64*T1")
    void defaults() {
        assertEquals(ofMillis(500), t.t1());
        assertEquals(ofSeconds(4), t.t2());
        assertEquals(ofSeconds(5), t.t4());
        assertEquals(ofSeconds(32), t.timerB());
        assertEquals(ofSeconds(32), t.timerF());
        assertEquals(ofSeconds(32), t.timerH());
        assertEquals(ofSeconds(32), t.timerL());
        assertEquals(ofSeconds(32), t.timerM());
        assertEquals(ofMillis(200), t.tryingDelay());
    }

    @Test
    @DisplayName("RFC 3261 Table 4: D = 32 s, I = T4, J = 64*T1, K = T4 on UDP; all zero on TCP and TLS")
    void waitTimersDependOnTransport() {
        assertEquals(ofSeconds(32), t.timerD(Transport.UDP));
        assertEquals(ofSeconds(5), t.timerI(Transport.UDP));
        assertEquals(ofSeconds(32), t.timerJ(Transport.UDP));
        assertEquals(ofSeconds(5), t.timerK(Transport.UDP));
        for (Transport reliable : List.of(Transport.TCP, Transport.TLS)) {
            assertEquals(ZERO, t.timerD(reliable));
            assertEquals(ZERO, t.timerI(reliable));
            assertEquals(ZERO, t.timerJ(reliable));
            assertEquals(ZERO, t.timerK(reliable));
        }
    }

    @Test
    @DisplayName("RFC 3261 §17.1.1.2: Timer A doubles without cap; §17.1.2.2, §17.2.1: Timers E and G are min(T1*2^n, T2)")
    void backoff() {
        List<Duration> a = new ArrayList<>();
        List<Duration> e = new ArrayList<>();
        List<Duration> g = new ArrayList<>();
        for (int n = 0; n < 7; n++) {
            a.add(t.timerA(n));
            e.add(t.timerE(n));
            g.add(t.timerG(n));
        }
        assertEquals(List.of(ofMillis(500), ofSeconds(1), ofSeconds(2), ofSeconds(4), ofSeconds(8), ofSeconds(16),
                ofSeconds(32)), a);
        List<Duration> capped = List.of(ofMillis(500), ofSeconds(1), ofSeconds(2), ofSeconds(4), ofSeconds(4),
                ofSeconds(4), ofSeconds(4));
        assertEquals(capped, e);
        assertEquals(capped, g);
        assertEquals(ofSeconds(4), t.timerE(1000), "large counts neither overflow nor exceed T2");
        assertTrue(t.timerA(1000).compareTo(ofSeconds(1_000_000)) > 0);
        assertThrows(IllegalArgumentException.class, () -> t.timerA(-1));
    }

    @Test
    @DisplayName("RFC 3261 §17.1.1.1: timers derived from T1 follow a configured T1")
    void derivedFromConfiguredT1() {
        TransactionTimers fast = TransactionTimers.builder().t1(ofMillis(100)).t2(ofMillis(400)).t4(ofSeconds(1)).build();
        assertEquals(ofMillis(6_400), fast.timerB());
        assertEquals(ofMillis(6_400), fast.timerJ(Transport.UDP));
        assertEquals(ofMillis(400), fast.timerE(5));
        assertEquals(ofSeconds(1), fast.timerK(Transport.UDP));
        assertEquals(ofSeconds(32), fast.timerD(Transport.UDP), "Timer D is its own setting (§17.1.1.2: at least 32 s)");
        assertEquals(fast, fast.toBuilder().build());
    }

    @Test
    @DisplayName("Validation: T1 > 0, T2 >= T1, T4 > 0, Timer D and the 100 Trying delay not negative")
    void validation() {
        assertEquals("T1 must be positive, was PT0S", assertThrows(IllegalArgumentException.class,
                () -> TransactionTimers.builder().t1(ZERO).build()).getMessage());
        assertEquals("T2 (PT0.4S) must not be below T1 (PT0.5S)", assertThrows(IllegalArgumentException.class,
                () -> TransactionTimers.builder().t2(ofMillis(400)).build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TransactionTimers.builder().t4(ofMillis(-1)).build());
        assertThrows(IllegalArgumentException.class, () -> TransactionTimers.builder().udpTimerD(ofMillis(-1)).build());
        assertThrows(IllegalArgumentException.class, () -> TransactionTimers.builder().tryingDelay(ofMillis(-1)).build());
        assertThrows(NullPointerException.class, () -> TransactionTimers.builder().t1(null).build());
    }
}
