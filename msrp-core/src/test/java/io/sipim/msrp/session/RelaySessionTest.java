package io.sipim.msrp.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.message.MsrpException;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.relay.MsrpRelay;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sessions through SIPIM's own relay (RFC 4976): both stacks authenticate at the relay, put its
 * Use-Path in front of their a=path, and send through it; the relay re-chunks to 2048 bytes.
 */
@Timeout(60)
class RelaySessionTest {

    @Test
    void chatAndALargeMessageGoThroughTheRelayBothWays() throws Exception {
        try (MsrpRelay relay = MsrpRelay.builder().listen(new InetSocketAddress("127.0.0.1", 0)).realm("relay.test")
                .users(Map.of("alice", "a-secret", "bob", "b-secret")).start();
             MsrpStack alice = MsrpStack.builder().relay(relay.uri(), "alice", "a-secret").build();
             MsrpStack bob = MsrpStack.builder().relay(relay.uri(), "bob", "b-secret").build()) {
            MsrpSession a = alice.newSession();
            MsrpSession b = bob.newSession();
            assertEquals(2, a.localPath().size(), "a=path: the relay's Use-Path, then our URI");
            assertEquals(relay.uri().host(), a.localPath().get(0).host());
            assertEquals(relay.uri().port(), a.localPath().get(0).port());
            CompletableFuture<ReceivedMessage> bobGot = new CompletableFuture<>();
            CompletableFuture<ReceivedMessage> aliceGot = new CompletableFuture<>();
            b.onMessage(m -> {
                if (m.size() > 100) {
                    bobGot.complete(m);
                }
            });
            a.onMessage(aliceGot::complete);
            b.accept(a.localPath());
            a.connect(b.localPath()).get(20, TimeUnit.SECONDS);
            b.bound().get(20, TimeUnit.SECONDS);
            assertTrue(a.send("via the relay").completion().get(20, TimeUnit.SECONDS).delivered());
            byte[] big = new byte[100_000];
            new Random(1).nextBytes(big);
            Delivery d = a.message("application/octet-stream", BodySource.of(big)).successReport(true).send()
                    .completion().get(20, TimeUnit.SECONDS);
            assertTrue(d.delivered(), d.toString());
            assertArrayEquals(big, bobGot.get(20, TimeUnit.SECONDS).body());
            b.send("and back").completion().get(20, TimeUnit.SECONDS);
            assertEquals("and back", aliceGot.get(20, TimeUnit.SECONDS).text());
        }
    }

    @Test
    void eachSideBehindItsOwnRelay() throws Exception {
        try (MsrpRelay r1 = MsrpRelay.builder().listen(new InetSocketAddress("127.0.0.1", 0)).realm("one.test")
                .users(Map.of("alice", "a")).start();
             MsrpRelay r2 = MsrpRelay.builder().listen(new InetSocketAddress("127.0.0.1", 0)).realm("two.test")
                .users(Map.of("bob", "b")).start();
             MsrpStack alice = MsrpStack.builder().relay(r1.uri(), "alice", "a").build();
             MsrpStack bob = MsrpStack.builder().relay(r2.uri(), "bob", "b").build()) {
            MsrpSession a = alice.newSession();
            MsrpSession b = bob.newSession();
            CompletableFuture<ReceivedMessage> got = new CompletableFuture<>();
            CompletableFuture<ReceivedMessage> back = new CompletableFuture<>();
            b.onMessage(got::complete).accept(a.localPath());
            a.onMessage(back::complete).connect(b.localPath()).get(20, TimeUnit.SECONDS);
            // To-Path: alice's relay, bob's relay, bob (RFC 4976 §6)
            assertTrue(a.send("two relays").completion().get(20, TimeUnit.SECONDS).delivered());
            assertEquals("two relays", got.get(20, TimeUnit.SECONDS).text());
            assertTrue(b.send("two back").completion().get(20, TimeUnit.SECONDS).delivered());
            assertEquals("two back", back.get(20, TimeUnit.SECONDS).text());
        }
    }

    @Test
    void aRelayNamedByHostNameIsLookedUpOffTheLoops() throws Exception {
        try (MsrpRelay r1 = MsrpRelay.builder().listen(new InetSocketAddress("127.0.0.1", 0)).realm("one.test")
                .users(Map.of("alice", "a")).start();
             MsrpRelay r2 = MsrpRelay.builder().listen(new InetSocketAddress("127.0.0.1", 0)).host("localhost")
                .realm("two.test").users(Map.of("bob", "b")).start();
             MsrpStack alice = MsrpStack.builder().relay(r1.uri(), "alice", "a").build();
             MsrpStack bob = MsrpStack.builder().relay(r2.uri(), "bob", "b").build()) {
            assertEquals("localhost", r2.uri().host());
            MsrpSession a = alice.newSession();
            MsrpSession b = bob.newSession();
            assertEquals("localhost", b.localPath().get(0).host(), "bob's a=path starts at r2, by name");
            // r1 dials r2 by its host name to forward (RFC 4976 §6).
            Deliver.text(a, b, "by name");
        }
    }

    @Test
    void aWrongPasswordFailsTheStack() {
        try (MsrpRelay relay = MsrpRelay.builder().listen(new InetSocketAddress("127.0.0.1", 0)).realm("relay.test")
                .users(Map.of("alice", "a-secret")).start()) {
            MsrpException e = assertThrows(MsrpException.class,
                    () -> MsrpStack.builder().relay(relay.uri(), "alice", "wrong").build());
            assertTrue(e.getMessage().contains("401"), e.getMessage());
        }
    }

    @Test
    void anUnreachableRelayFailsTheStack() {
        MsrpUri nowhere = MsrpUri.parse("msrp://127.0.0.1:1;tcp");
        assertThrows(MsrpException.class, () -> MsrpStack.builder().relay(nowhere, "a", "b").build());
    }
}
