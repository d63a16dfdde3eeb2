package io.sipim.sip.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.loop.ManualScheduler;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.transport.TransportAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The in-memory location service on virtual time. */
class InMemoryLocationServiceTest {
    private final ManualScheduler loop = new ManualScheduler();
    private final SchedulerClock clock = new SchedulerClock(loop);
    private static final SipUri ALICE = SipUri.parse("sip:alice@sipim.test");

    private Binding binding(String contact, long seconds, double q) {
        return new Binding(ALICE, NameAddr.parse(contact), clock.instant().plusSeconds(seconds), q, "c@x", 1, List.of(),
                TransportAddress.of(Transport.UDP, "127.0.0.1", 5060), null);
    }

    @Test
    @DisplayName("Bindings lapse on the loop's clock and are ordered by q")
    void expiry() {
        LocationService ls = InMemoryLocationService.builder().clock(clock).build();
        assertTrue(ls.replace(ALICE, List.of(binding("<sip:a@h1>", 60, 0.2), binding("<sip:a@h2>", 120, -1))));
        assertEquals(List.of("sip:a@h2", "sip:a@h1"), ls.lookup(ALICE).stream().map(b -> b.uri().toString()).toList());
        loop.advance(Duration.ofSeconds(60));
        assertEquals(1, ls.lookup(ALICE).size(), "the 60 s binding has lapsed");
        assertEquals(1, ls.size());
        loop.advance(Duration.ofSeconds(60));
        assertTrue(ls.lookup(ALICE).isEmpty());
        assertEquals(0, ls.size());
    }

    @Test
    @DisplayName("Limits per address of record and in all refuse an update as a whole")
    void limits() {
        LocationService ls = InMemoryLocationService.builder().clock(clock).maxBindingsPerAor(2).maxBindings(3).build();
        assertFalse(ls.replace(ALICE, List.of(binding("<sip:a@h1>", 60, 1), binding("<sip:a@h2>", 60, 1),
                binding("<sip:a@h3>", 60, 1))));
        assertTrue(ls.lookup(ALICE).isEmpty());
        assertTrue(ls.replace(ALICE, List.of(binding("<sip:a@h1>", 10, 1), binding("<sip:a@h2>", 10, 1))));
        SipUri bob = SipUri.parse("sip:bob@sipim.test");
        Binding b1 = new Binding(bob, NameAddr.parse("<sip:b@h1>"), clock.instant().plusSeconds(60), -1, "c", 1,
                List.of(), TransportAddress.of(Transport.UDP, "127.0.0.1", 5060), null);
        Binding b2 = new Binding(bob, NameAddr.parse("<sip:b@h2>"), clock.instant().plusSeconds(60), -1, "c", 1,
                List.of(), TransportAddress.of(Transport.UDP, "127.0.0.1", 5060), null);
        assertFalse(ls.replace(bob, List.of(b1, b2)), "4 bindings in all exceed 3");
        loop.advance(Duration.ofSeconds(10));
        assertTrue(ls.replace(bob, List.of(b1, b2)), "once alice's have lapsed there is room");
        assertTrue(ls.replace(bob, List.of()));
        assertTrue(ls.lookup(bob).isEmpty());
    }

    @Test
    @DisplayName("§10.3 step 5: the address of record is canonical: no port, parameters, lower-case host")
    void canonicalAor() {
        assertEquals(SipUri.parse("sip:alice@sipim.test"),
                LocationService.addressOfRecord(SipUri.parse("sips:alice@SIPIM.test:5061;transport=tcp")));
    }
}
