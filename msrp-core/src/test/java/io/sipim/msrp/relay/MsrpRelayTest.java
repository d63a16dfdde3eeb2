package io.sipim.msrp.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.internal.auth.DigestClient;
import io.sipim.msrp.message.ByteRange;
import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.FailureReport;
import io.sipim.msrp.message.MsrpHeader;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.message.Status;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The relay (RFC 4976) on loopback sockets, driven by bare MSRP peers that write and read raw frames. */
class MsrpRelayTest {
    private static final AtomicInteger TIDS = new AtomicInteger(1000);

    private MsrpRelay relay;
    private InetSocketAddress address;
    private final List<RawPeer> peers = new ArrayList<>();

    @BeforeEach
    void start() {
        relay = MsrpRelay.builder().listen(new InetSocketAddress("127.0.0.1", 0)).realm("relay.test")
                .users(Map.of("alice", "secret", "bob", "hunter2"))
                .minExpires(Duration.ofSeconds(60)).maxExpires(Duration.ofSeconds(3600))
                .defaultExpires(Duration.ofSeconds(900)).transactionTimeout(Duration.ofSeconds(2)).start();
        address = new InetSocketAddress("127.0.0.1", relay.uri().port());
    }

    @AfterEach
    void stop() throws Exception {
        for (RawPeer p : peers) {
            p.close();
        }
        relay.close();
    }

    private RawPeer peer(String name) throws Exception {
        RawPeer p = new RawPeer(address, name);
        peers.add(p);
        return p;
    }

    private static String tid() {
        return "tid" + TIDS.incrementAndGet();
    }

    private MsrpRequest auth(RawPeer p, String authorization, Long expires) {
        return auth(p, relay.uri(), authorization, expires);
    }

    private static MsrpRequest auth(RawPeer p, MsrpUri to, String authorization, Long expires) {
        MsrpRequest.Builder b = MsrpRequest.builder(MsrpRequest.AUTH).transactionId(tid()).toPath(to)
                .fromPath(p.uri);
        if (authorization != null) {
            b.header(MsrpHeader.AUTHORIZATION, authorization);
        }
        if (expires != null) {
            b.expires(expires);
        }
        MsrpRequest r = b.build();
        p.send(r, null, ContinuationFlag.END);
        return r;
    }

    /** AUTH → 401 → AUTH with credentials → the response to the second AUTH. */
    private MsrpResponse login(RawPeer p, DigestClient client, Long expires) throws Exception {
        auth(p, null, expires);
        MsrpResponse challenge = p.nextResponse();
        assertEquals(401, challenge.code());
        auth(p, client.authorize(challenge.headers(MsrpHeader.WWW_AUTHENTICATE), "AUTH", relay.uri().toString()), expires);
        return p.nextResponse();
    }

    private MsrpUri login(RawPeer p, String user, String password) throws Exception {
        MsrpResponse ok = login(p, new DigestClient(user, password), null);
        assertEquals(200, ok.code(), ok::toString);
        return ok.usePath().get(0);
    }

    private static MsrpRequest send(String messageId, List<MsrpUri> to, MsrpUri from, ByteRange range, FailureReport fr) {
        MsrpRequest.Builder b = MsrpRequest.builder(MsrpRequest.SEND).transactionId(tid()).toPath(to).fromPath(from)
                .messageId(messageId).contentType("text/plain");
        if (range != null) {
            b.byteRange(range);
        }
        if (fr != null) {
            b.failureReport(fr);
        }
        return b.build();
    }

    @Test
    @DisplayName("RFC 4976 §5: AUTH without credentials gets 401 with digest challenges; with them, 200 with Use-Path and Expires")
    void authChallengeThenUsePath() throws Exception {
        RawPeer alice = peer("alice");
        MsrpRequest first = auth(alice, null, null);
        MsrpResponse challenge = alice.nextResponse();
        assertEquals(401, challenge.code());
        assertEquals(first.transactionId(), challenge.transactionId());
        assertEquals(List.of(alice.uri), challenge.toPath());
        assertEquals(List.of(relay.uri()), challenge.fromPath());
        List<String> challenges = challenge.headers(MsrpHeader.WWW_AUTHENTICATE);
        assertEquals(2, challenges.size(), challenges::toString);
        assertTrue(challenges.get(0).startsWith("Digest realm=\"relay.test\"") && challenges.get(0).contains("algorithm=SHA-256"));
        assertTrue(challenges.get(1).contains("algorithm=MD5"));

        auth(alice, new DigestClient("alice", "secret").authorize(challenges, "AUTH", relay.uri().toString()), null);
        MsrpResponse ok = alice.nextResponse();
        assertEquals(200, ok.code());
        MsrpUri use = ok.usePath().get(0);
        assertEquals(relay.uri().withSessionId(use.sessionId()), use);
        assertTrue(use.sessionId().length() >= 16, use::toString);
        assertEquals(900, ok.expires().getAsLong());
        assertEquals(1, relay.bindings());
    }

    @Test
    @DisplayName("A wrong password gets 401 again, with a fresh challenge and no stale flag")
    void wrongPassword() throws Exception {
        RawPeer alice = peer("alice");
        MsrpResponse again = login(alice, new DigestClient("alice", "wrong"), null);
        assertEquals(401, again.code());
        assertTrue(!DigestClient.stale(again.headers(MsrpHeader.WWW_AUTHENTICATE)));
        assertEquals(0, relay.bindings());
    }

    @Test
    @DisplayName("RFC 7616 §3.4: AUTH replaying an Authorization (same nonce and nc) is refused with 401")
    void replayedNonceCount() throws Exception {
        RawPeer alice = peer("alice");
        auth(alice, null, null);
        MsrpResponse challenge = alice.nextResponse();
        String credentials = new DigestClient("alice", "secret")
                .authorize(challenge.headers(MsrpHeader.WWW_AUTHENTICATE), "AUTH", relay.uri().toString());
        auth(alice, credentials, null);
        assertEquals(200, alice.nextResponse().code());
        RawPeer mallory = peer("mallory");
        auth(mallory, credentials, null);
        assertEquals(401, mallory.nextResponse().code());
    }

    @Test
    @DisplayName("RFC 4976 §5.2: Expires below Min-Expires gets 423 with Min-Expires; above Max-Expires it is capped")
    void expiresBounds() throws Exception {
        RawPeer alice = peer("alice");
        MsrpResponse tooShort = login(alice, new DigestClient("alice", "secret"), 10L);
        assertEquals(423, tooShort.code());
        assertEquals("60", tooShort.header(MsrpHeader.MIN_EXPIRES).orElseThrow());
        MsrpResponse capped = login(alice, new DigestClient("alice", "secret"), 100_000L);
        assertEquals(200, capped.code());
        assertEquals(3600, capped.expires().getAsLong());
    }

    @Test
    @DisplayName("RFC 4976 §7.3: a SEND through the relay between two clients: To-Path loses the relay URIs, From-Path gains them, a 200 per hop")
    void sendBetweenClients() throws Exception {
        RawPeer alice = peer("alice");
        RawPeer bob = peer("bob");
        MsrpUri ra = login(alice, "alice", "secret");
        MsrpUri rb = login(bob, "bob", "hunter2");
        assertNotEquals(ra, rb);

        byte[] text = "hello through the relay".getBytes(StandardCharsets.UTF_8);
        MsrpRequest s = send("msg1", List.of(ra, rb, bob.uri), alice.uri, ByteRange.whole(text.length), null);
        alice.send(s, text, ContinuationFlag.END);

        MsrpResponse hop1 = alice.nextResponse();
        assertEquals(200, hop1.code());
        assertEquals(s.transactionId(), hop1.transactionId());
        assertEquals(List.of(alice.uri), hop1.toPath());
        assertEquals(List.of(ra), hop1.fromPath());

        RawPeer.Frame in = bob.nextRequest();
        assertEquals(List.of(bob.uri), in.request().toPath());
        assertEquals(List.of(rb, ra, alice.uri), in.request().fromPath());
        assertEquals("msg1", in.request().messageId());
        assertEquals(ByteRange.whole(text.length), in.request().byteRange());
        assertEquals("text/plain", in.request().contentType());
        assertNotEquals(s.transactionId(), in.request().transactionId());
        assertArrayEquals(text, in.body());
        assertEquals(ContinuationFlag.END, in.flag());
        bob.send(MsrpResponse.to(in.request(), 200).build());

        // The relay keeps bob's 200 (hop by hop): alice's next frame answers her next SEND.
        MsrpRequest s2 = send("msg2", List.of(ra, rb, bob.uri), alice.uri, ByteRange.whole(2), null);
        alice.send(s2, "hi".getBytes(StandardCharsets.UTF_8), ContinuationFlag.END);
        assertEquals(s2.transactionId(), alice.nextResponse().transactionId());
    }

    @Test
    @DisplayName("RFC 4976 §7.3.1: a 100 KB chunk is re-chunked into 2048-byte chunks with exact Byte-Ranges and + flags, reassembled byte-exact")
    void rechunks() throws Exception {
        RawPeer alice = peer("alice");
        RawPeer bob = peer("bob").autoAnswer();
        MsrpUri ra = login(alice, "alice", "secret");
        MsrpUri rb = login(bob, "bob", "hunter2");
        byte[] body = new byte[100 * 1024];
        new Random(4976).nextBytes(body);
        alice.send(send("bigmsg", List.of(ra, rb, bob.uri), alice.uri, ByteRange.whole(body.length), null), body,
                ContinuationFlag.END);
        assertEquals(200, alice.nextResponse().code());

        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int chunks = 0;
        while (got.size() < body.length) {
            RawPeer.Frame f = bob.nextRequest();
            chunks++;
            ByteRange r = f.request().byteRange();
            assertEquals("bigmsg", f.request().messageId());
            assertEquals(got.size() + 1, r.start());
            assertEquals(got.size() + f.body().length, r.end());
            assertEquals(body.length, r.total());
            assertTrue(f.body().length <= 2048);
            got.write(f.body());
            assertEquals(got.size() == body.length ? ContinuationFlag.END : ContinuationFlag.MORE, f.flag());
        }
        assertEquals(50, chunks);
        assertArrayEquals(body, got.toByteArray());
    }

    @Test
    @DisplayName("RFC 4976 §7.3: 481 when the next relay URI names no client (unknown or expired session-id)")
    void unknownNextHop() throws Exception {
        RawPeer alice = peer("alice");
        MsrpUri ra = login(alice, "alice", "secret");
        MsrpUri gone = relay.uri().withSessionId("nosuchclient");
        MsrpRequest s = send("m481", List.of(ra, gone, MsrpUri.parse("msrp://bob.example:7777/b;tcp")), alice.uri, null, null);
        alice.send(s, "x".getBytes(StandardCharsets.UTF_8), ContinuationFlag.END);
        MsrpResponse r = alice.nextResponse();
        assertEquals(481, r.code());
        assertEquals(s.transactionId(), r.transactionId());
    }

    @Test
    @DisplayName("RFC 4976 §7.3: an unauthenticated sender gets 403, and so does a To-Path that does not start with the relay")
    void unauthenticatedSender() throws Exception {
        RawPeer mallory = peer("mallory");
        MsrpUri elsewhere = MsrpUri.parse("msrp://127.0.0.1:9/x;tcp");
        mallory.send(send("m403", List.of(relay.uri(), elsewhere), mallory.uri, null, null), new byte[1], ContinuationFlag.END);
        assertEquals(403, mallory.nextResponse().code());
        mallory.send(send("m403b", List.of(elsewhere), mallory.uri, null, null), new byte[1], ContinuationFlag.END);
        assertEquals(403, mallory.nextResponse().code());
    }

    @Test
    @DisplayName("RFC 4975 §7.1.2: a REPORT is forwarded with paths rewritten and never answered, also when refused")
    void reportForwardedNeverAnswered() throws Exception {
        RawPeer alice = peer("alice");
        RawPeer bob = peer("bob");
        MsrpUri ra = login(alice, "alice", "secret");
        MsrpUri rb = login(bob, "bob", "hunter2");
        MsrpRequest report = MsrpRequest.builder(MsrpRequest.REPORT).transactionId(tid()).toPath(rb, ra, alice.uri)
                .fromPath(bob.uri).messageId("msg1").byteRange(ByteRange.whole(5)).status(Status.OK).build();
        bob.send(report, null, ContinuationFlag.END);
        RawPeer.Frame in = alice.nextRequest();
        assertEquals(MsrpRequest.REPORT, in.request().method());
        assertEquals(List.of(alice.uri), in.request().toPath());
        assertEquals(List.of(ra, rb, bob.uri), in.request().fromPath());
        assertEquals(Status.OK, in.request().status());
        assertEquals(ByteRange.whole(5), in.request().byteRange());
        assertNull(in.body());

        RawPeer mallory = peer("mallory");
        mallory.send(MsrpRequest.builder(MsrpRequest.REPORT).transactionId(tid()).toPath(relay.uri(), alice.uri)
                .fromPath(mallory.uri).messageId("mmmm").byteRange(ByteRange.whole(1)).status(Status.OK).build(), null,
                ContinuationFlag.END);
        // Neither REPORT was answered: the next frame each gets is the answer to a later SEND.
        MsrpRequest probe = send("probe", List.of(rb, ra, alice.uri), bob.uri, null, null);
        bob.send(probe, new byte[1], ContinuationFlag.END);
        assertEquals(probe.transactionId(), bob.nextResponse().transactionId());
        MsrpRequest probe2 = send("probe2", List.of(relay.uri(), alice.uri), mallory.uri, null, null);
        mallory.send(probe2, new byte[1], ContinuationFlag.END);
        MsrpResponse r = mallory.nextResponse();
        assertEquals(probe2.transactionId(), r.transactionId());
        assertEquals(403, r.code());
    }

    @Test
    @DisplayName("RFC 4975 §7.3: a next hop's failure response and a next hop's silence come back as failure REPORTs")
    void failureReports() throws Exception {
        RawPeer alice = peer("alice");
        RawPeer bob = peer("bob");
        MsrpUri ra = login(alice, "alice", "secret");
        MsrpUri rb = login(bob, "bob", "hunter2");
        byte[] text = "hello".getBytes(StandardCharsets.UTF_8);
        alice.send(send("fail1", List.of(ra, rb, bob.uri), alice.uri, ByteRange.whole(5), null), text, ContinuationFlag.END);
        assertEquals(200, alice.nextResponse().code());
        RawPeer.Frame in = bob.nextRequest();
        bob.send(MsrpResponse.to(in.request(), 415).build());
        RawPeer.Frame report = alice.nextRequest();
        assertEquals(MsrpRequest.REPORT, report.request().method());
        assertEquals(List.of(alice.uri), report.request().toPath());
        assertEquals(List.of(ra), report.request().fromPath());
        assertEquals("fail1", report.request().messageId());
        assertEquals(415, report.request().status().code());
        assertEquals(0, report.request().status().namespace());
        assertEquals(ByteRange.whole(5), report.request().byteRange());

        // Bob stays silent: after the transaction timeout (2 s here) alice gets 408.
        alice.send(send("fail2", List.of(ra, rb, bob.uri), alice.uri, ByteRange.whole(5), null), text, ContinuationFlag.END);
        assertEquals(200, alice.nextResponse().code());
        bob.nextRequest();
        RawPeer.Frame timeout = alice.nextRequest();
        assertEquals("fail2", timeout.request().messageId());
        assertEquals(408, timeout.request().status().code());

        // Failure-Report: no asks for nothing: no 200, and no REPORT when bob fails it.
        alice.send(send("fail3", List.of(ra, rb, bob.uri), alice.uri, ByteRange.whole(5), FailureReport.NO), text,
                ContinuationFlag.END);
        RawPeer.Frame quiet = bob.nextRequest();
        assertEquals("no", quiet.request().header(MsrpHeader.FAILURE_REPORT).orElseThrow());
        MsrpRequest probe = send("probe", List.of(ra, rb, bob.uri), alice.uri, null, null);
        alice.send(probe, new byte[1], ContinuationFlag.END);
        assertEquals(probe.transactionId(), alice.nextResponse().transactionId());
    }

    @Test
    @DisplayName("Back-pressure: a receiver that stops reading pauses the sender; the relay's queues stay within the bound plus one socket read")
    void slowReceiverBoundsMemory() throws Exception {
        relay.close();
        long bound = 64 * 1024;
        relay = MsrpRelay.builder().listen(new InetSocketAddress("127.0.0.1", 0)).realm("relay.test")
                .users(Map.of("alice", "secret", "bob", "hunter2")).maxBufferedBytes(bound).maxChunkBytes(16 * 1024).start();
        address = new InetSocketAddress("127.0.0.1", relay.uri().port());
        RawPeer alice = peer("alice");
        RawPeer slow = new RawPeer(address, "slow", 8192, true);
        peers.add(slow);
        MsrpUri ra = login(alice, "alice", "secret");
        MsrpUri rs = login(slow, "bob", "hunter2");
        slow.discardBodies().pauseReading();

        int chunk = 1024 * 1024;
        int chunks = 48;
        byte[] body = new byte[chunk];
        Thread sender = new Thread(() -> {
            for (int i = 0; i < chunks; i++) {
                long start = (long) i * chunk + 1;
                alice.send(send("bulk", List.of(ra, rs, slow.uri), alice.uri,
                        ByteRange.of(start, start + chunk - 1, (long) chunks * chunk), FailureReport.NO), body,
                        i == chunks - 1 ? ContinuationFlag.END : ContinuationFlag.MORE);
            }
        });
        sender.setDaemon(true);
        sender.start();
        // Wait until the relay stops taking bytes (the sender blocks), however long that takes here.
        long last = -1;
        for (int i = 0; i < 100 && sender.isAlive(); i++) {
            Thread.sleep(200);
            long now = relay.peakBufferedBytes();
            if (now == last && i > 10) {
                break;
            }
            last = now;
        }
        assertTrue(sender.isAlive(), "the sender should be blocked by back-pressure");
        // One socket read (16 × 256 KiB at most) may still arrive after the pause, plus one chunk.
        long slack = 16L * 256 * 1024 + 16 * 1024 + 4096;
        assertTrue(relay.peakBufferedBytes() <= bound + slack, () -> "peak " + relay.peakBufferedBytes());
        assertTrue(relay.bufferedBytes() <= bound + slack, () -> "now " + relay.bufferedBytes());

        // Once the receiver reads again everything flows, and the queues drain.
        slow.resumeReading();
        sender.join(60_000);
        assertTrue(!sender.isAlive(), "the sender should finish once the receiver reads");
        for (int i = 0; i < 300 && slow.bodyBytes() < (long) chunks * chunk; i++) {
            Thread.sleep(100);
        }
        assertEquals((long) chunks * chunk, slow.bodyBytes());
        assertEquals(0, relay.bufferedBytes());
        assertTrue(relay.peakBufferedBytes() <= bound + slack, () -> "peak " + relay.peakBufferedBytes());
    }

    @Test
    @DisplayName("RFC 4976 §7.3: between two relays: the first opens a connection to the second, which delivers to its client; failures come back as REPORTs")
    void twoRelays() throws Exception {
        try (MsrpRelay second = MsrpRelay.builder().listen(new InetSocketAddress("127.0.0.1", 0)).realm("second.test")
                .users(Map.of("bob", "hunter2")).start()) {
            RawPeer alice = peer("alice");
            RawPeer bob = new RawPeer(new InetSocketAddress("127.0.0.1", second.uri().port()), "bob");
            peers.add(bob);
            MsrpUri ra = login(alice, "alice", "secret");
            auth(bob, second.uri(), null, null);
            MsrpResponse challenge = bob.nextResponse();
            auth(bob, second.uri(), new DigestClient("bob", "hunter2").authorize(challenge.headers(MsrpHeader.WWW_AUTHENTICATE), "AUTH",
                    second.uri().toString()), null);
            MsrpUri rb = bob.nextResponse().usePath().get(0);

            for (int i = 0; i < 3; i++) {
                byte[] text = ("message " + i).getBytes(StandardCharsets.UTF_8);
                MsrpRequest s = send("far000" + i, List.of(ra, rb, bob.uri), alice.uri, ByteRange.whole(text.length), null);
                alice.send(s, text, ContinuationFlag.END);
                assertEquals(200, alice.nextResponse().code());
                RawPeer.Frame in = bob.nextRequest();
                assertEquals(List.of(bob.uri), in.request().toPath());
                assertEquals(List.of(rb, ra, alice.uri), in.request().fromPath());
                assertArrayEquals(text, in.body());
                bob.send(MsrpResponse.to(in.request(), i == 2 ? 413 : 200).build());
            }
            RawPeer.Frame report = alice.nextRequest();
            assertEquals(MsrpRequest.REPORT, report.request().method());
            assertEquals("far0002", report.request().messageId());
            assertEquals(413, report.request().status().code());
            // The report started at the second relay, travelled back through the first.
            assertEquals(List.of(alice.uri), report.request().toPath());
            assertEquals(List.of(ra, rb), report.request().fromPath());
        }
    }

    @Test
    @DisplayName("Incoming chunks of random sizes, interrupted or whole, come out as chunks of at most 2048 bytes whose Byte-Ranges rebuild the message")
    void rechunksAnySplit() throws Exception {
        RawPeer alice = peer("alice");
        RawPeer bob = peer("bob").autoAnswer();
        MsrpUri ra = login(alice, "alice", "secret");
        MsrpUri rb = login(bob, "bob", "hunter2");
        Random random = new Random(4975);
        for (int round = 0; round < 20; round++) {
            byte[] body = new byte[random.nextInt(9000)];
            random.nextBytes(body);
            String id = "split" + round;
            int pos = 0;
            do {
                int n = Math.min(body.length - pos, random.nextInt(5000));
                boolean last = pos + n == body.length;
                // Interrupted chunks may leave the end open ("*"), as RFC 4975 §7.1 allows.
                long end = !last && random.nextBoolean() ? ByteRange.UNKNOWN : pos + n;
                alice.send(send(id, List.of(ra, rb, bob.uri), alice.uri, ByteRange.of(pos + 1, end, body.length), null),
                        java.util.Arrays.copyOfRange(body, pos, pos + n), last ? ContinuationFlag.END : ContinuationFlag.MORE);
                assertEquals(200, alice.nextResponse().code());
                pos += n;
            } while (pos < body.length);
            byte[] got = new byte[body.length];
            long received = 0;
            boolean ended = false;
            while (!ended) {
                RawPeer.Frame f = bob.nextRequest();
                assertEquals(id, f.request().messageId());
                ByteRange r = f.request().byteRange();
                assertTrue(f.body().length <= 2048);
                assertEquals(body.length, r.total());
                assertEquals(r.start() + f.body().length - 1, r.end());
                System.arraycopy(f.body(), 0, got, (int) r.start() - 1, f.body().length);
                received += f.body().length;
                ended = f.flag() == ContinuationFlag.END;
            }
            assertEquals(body.length, received);
            assertArrayEquals(body, got);
        }
    }

    @Test
    @DisplayName("RFC 4976 §5.2: a binding ends when it expires or its connection closes; its relay URI then gets 481")
    void expiredAndClosedBindings() throws Exception {
        relay.close();
        relay = MsrpRelay.builder().listen(new InetSocketAddress("127.0.0.1", 0)).realm("relay.test")
                .users(Map.of("alice", "secret", "bob", "hunter2", "carol", "pw")).minExpires(Duration.ofSeconds(1))
                .defaultExpires(Duration.ofSeconds(1)).start();
        address = new InetSocketAddress("127.0.0.1", relay.uri().port());
        RawPeer alice = peer("alice");
        RawPeer bob = peer("bob");
        RawPeer carol = peer("carol");
        MsrpResponse ok = login(alice, new DigestClient("alice", "secret"), 3600L);
        MsrpUri ra = ok.usePath().get(0);
        MsrpUri rb = login(bob, "bob", "hunter2");   // 1 s
        MsrpUri rc = login(carol, "carol", "pw");
        assertEquals(3, relay.bindings());
        carol.close();
        peers.remove(carol);
        for (int i = 0; i < 50 && relay.bindings() > 1; i++) {
            Thread.sleep(100);
        }
        assertEquals(1, relay.bindings());
        for (MsrpUri gone : List.of(rb, rc)) {
            MsrpRequest s = send("late" + gone.hashCode(), List.of(ra, gone, bob.uri), alice.uri, null, null);
            alice.send(s, new byte[1], ContinuationFlag.END);
            MsrpResponse r = alice.nextResponse();
            assertEquals(s.transactionId(), r.transactionId());
            assertEquals(481, r.code());
        }
    }
}
