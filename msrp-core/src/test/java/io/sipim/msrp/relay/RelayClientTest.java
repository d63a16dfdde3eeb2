package io.sipim.msrp.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.internal.relay.RelayAccess;
import io.sipim.msrp.internal.relay.RelayChannel;
import io.sipim.msrp.message.ByteRange;
import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.parse.MsrpEncoder;
import io.sipim.msrp.parse.MsrpParser;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link RelayClient} against {@link MsrpRelay} on loopback. */
class RelayClientTest {
    private MsrpRelay relay;
    private final List<RelayClient> clients = new ArrayList<>();

    private void relay(Duration min, Duration def) {
        relay = MsrpRelay.builder().listen(new InetSocketAddress("127.0.0.1", 0)).realm("relay.test")
                .users(Map.of("alice", "secret", "bob", "hunter2")).minExpires(min).defaultExpires(def)
                .maxExpires(Duration.ofSeconds(3600)).start();
    }

    private RelayClient client(String user, String password, Duration expires, LinkedBlockingQueue<RelayBinding> refreshes) {
        RelayClient.Builder b = RelayClient.builder().relay(relay.uri()).credentials(user, password);
        if (expires != null) {
            b.expires(expires);
        }
        if (refreshes != null) {
            b.onRefresh(refreshes::add);
        }
        RelayClient c = b.build();
        clients.add(c);
        return c;
    }

    @AfterEach
    void stop() {
        clients.forEach(RelayClient::close);
        relay.close();
    }

    @Test
    @DisplayName("RFC 4976 §5: AUTH, 401, AUTH with digest credentials, 200: the binding holds the Use-Path and Expires")
    void binds() throws Exception {
        relay(Duration.ofSeconds(60), Duration.ofSeconds(900));
        RelayBinding b = client("alice", "secret", null, null).connect().get(10, TimeUnit.SECONDS);
        assertEquals(relay.uri(), b.relay());
        assertEquals(1, b.usePath().size());
        assertEquals(relay.uri().withSessionId(b.usePath().get(0).sessionId()), b.usePath().get(0));
        assertEquals(Duration.ofSeconds(900), b.expires());
        assertEquals(1, relay.bindings());
    }

    @Test
    @DisplayName("A wrong password fails with RelayException 401 after one retry, without looping")
    void wrongPassword() {
        relay(Duration.ofSeconds(60), Duration.ofSeconds(900));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client("alice", "nope", null, null).connect().get(10, TimeUnit.SECONDS));
        assertInstanceOf(RelayException.class, e.getCause());
        assertEquals(401, ((RelayException) e.getCause()).status());
    }

    @Test
    @DisplayName("RFC 4976 §5.2: a 423 is retried with the relay's Min-Expires")
    void retriesWithMinExpires() throws Exception {
        relay(Duration.ofSeconds(120), Duration.ofSeconds(900));
        RelayBinding b = client("alice", "secret", Duration.ofSeconds(10), null).connect().get(10, TimeUnit.SECONDS);
        assertEquals(Duration.ofSeconds(120), b.expires());
    }

    @Test
    @DisplayName("The binding is refreshed on the same connection before it expires, keeping its Use-Path")
    void refreshes() throws Exception {
        relay(Duration.ofSeconds(1), Duration.ofSeconds(900));
        LinkedBlockingQueue<RelayBinding> refreshes = new LinkedBlockingQueue<>();
        RelayClient c = client("alice", "secret", Duration.ofSeconds(2), refreshes);
        RelayBinding b = c.connect().get(10, TimeUnit.SECONDS);
        RelayBinding r1 = refreshes.poll(10, TimeUnit.SECONDS);
        RelayBinding r2 = refreshes.poll(10, TimeUnit.SECONDS);
        assertEquals(b, r1);
        assertEquals(b, r2);
        assertEquals(1, relay.bindings());
        assertEquals(b, c.binding());
    }

    @Test
    @DisplayName("Hand-over: two clients' relay channels carry a SEND through the relay, with Use-Paths in To-Path")
    void sessionTrafficThroughChannels() throws Exception {
        relay(Duration.ofSeconds(60), Duration.ofSeconds(900));
        RelayClient alice = client("alice", "secret", null, null);
        RelayClient bob = client("bob", "hunter2", null, null);
        RelayBinding ab = alice.connect().get(10, TimeUnit.SECONDS);
        RelayBinding bb = bob.connect().get(10, TimeUnit.SECONDS);
        MsrpUri aliceUri = MsrpUri.parse("msrp://alice.example:7777/as1;tcp");
        MsrpUri bobUri = MsrpUri.parse("msrp://bob.example:7777/bs1;tcp");
        List<MsrpUri> to = new ArrayList<>(ab.usePath());
        to.addAll(bb.usePath());
        to.add(bobUri);
        MsrpRequest in = exchange(alice, bob, to, aliceUri);
        assertEquals(List.of(bobUri), in.toPath());
        assertEquals(List.of(bb.usePath().get(0), ab.usePath().get(0), aliceUri), in.fromPath());
    }

    @Test
    @DisplayName("RFC 4976 §5: a client authenticates to a second relay through the first; its Use-Path holds both and carries a SEND")
    void throughTwoRelays() throws Exception {
        relay(Duration.ofSeconds(60), Duration.ofSeconds(900));
        try (MsrpRelay second = MsrpRelay.builder().listen(new InetSocketAddress("127.0.0.1", 0)).realm("second.test")
                .users(Map.of("alice", "other", "bob", "hunter2")).start()) {
            RelayClient alice = RelayClient.builder().relay(relay.uri()).credentials("alice", "secret")
                    .thenRelay(second.uri(), "alice", "other").build();
            clients.add(alice);
            RelayClient bob = RelayClient.builder().relay(second.uri()).credentials("bob", "hunter2").build();
            clients.add(bob);
            RelayBinding ab = alice.connect().get(10, TimeUnit.SECONDS);
            assertEquals(2, ab.usePath().size());
            assertEquals(relay.uri(), ab.usePath().get(0).withSessionId(null));
            assertEquals(second.uri(), ab.usePath().get(1).withSessionId(null));
            assertEquals(1, second.bindings());
            RelayBinding bb = bob.connect().get(10, TimeUnit.SECONDS);
            MsrpUri aliceUri = MsrpUri.parse("msrp://alice.example:7777/as1;tcp");
            MsrpUri bobUri = MsrpUri.parse("msrp://bob.example:7777/bs1;tcp");
            List<MsrpUri> to = new ArrayList<>(ab.usePath());
            to.addAll(bb.usePath());
            to.add(bobUri);
            MsrpRequest in = exchange(alice, bob, to, aliceUri);
            assertEquals(List.of(bobUri), in.toPath());
            assertEquals(List.of(bb.usePath().get(0), ab.usePath().get(1), ab.usePath().get(0), aliceUri), in.fromPath());
        }
        // The first relay cannot reach the second: it answers the passed-on AUTH with 408 itself.
        RelayClient unreachable = RelayClient.builder().relay(relay.uri()).credentials("alice", "secret")
                .thenRelay(MsrpUri.parse("msrp://127.0.0.1:9;tcp"), "a", "b").build();
        clients.add(unreachable);
        ExecutionException e = assertThrows(ExecutionException.class, () -> unreachable.connect().get(10, TimeUnit.SECONDS));
        assertEquals(408, ((RelayException) e.getCause()).status());
    }

    /** Alice's channel sends a SEND along {@code to}; bob's channel answers 200; returns what bob got. */
    private static MsrpRequest exchange(RelayClient alice, RelayClient bob, List<MsrpUri> to, MsrpUri aliceUri)
            throws Exception {

        CompletableFuture<MsrpRequest> got = new CompletableFuture<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        RelayChannel bc = RelayAccess.channel(bob);
        bc.scheduler().execute(() -> bc.handler(new MsrpParser.Handler() {
            MsrpRequest current;

            @Override
            public void request(MsrpRequest r, boolean hasBody) {
                current = r;
            }

            @Override
            public void body(ByteBuffer data) {
                byte[] b = new byte[data.remaining()];
                data.get(b);
                body.write(b, 0, b.length);
            }

            @Override
            public void end(ContinuationFlag flag) {
                bc.send(MsrpEncoder.encode(MsrpResponse.to(current, 200).build()));
                got.complete(current);
            }

            @Override
            public void response(MsrpResponse r) {
            }

            @Override
            public void badRequest(MsrpParseException e) {
            }
        }));
        CompletableFuture<MsrpResponse> answered = new CompletableFuture<>();
        RelayChannel ac = RelayAccess.channel(alice);
        byte[] text = "chat via relay".getBytes(StandardCharsets.UTF_8);
        ac.scheduler().execute(() -> {
            ac.handler(new MsrpParser.Handler() {
                @Override
                public void request(MsrpRequest r, boolean hasBody) {
                }

                @Override
                public void body(ByteBuffer data) {
                }

                @Override
                public void end(ContinuationFlag flag) {
                }

                @Override
                public void response(MsrpResponse r) {
                    answered.complete(r);
                }

                @Override
                public void badRequest(MsrpParseException e) {
                }
            });
            ac.send(MsrpEncoder.encode(MsrpRequest.builder(MsrpRequest.SEND).transactionId("abcd1234").toPath(to)
                    .fromPath(aliceUri).messageId("chat0001").byteRange(ByteRange.whole(text.length))
                    .contentType("text/plain").build(), text, ContinuationFlag.END));
        });
        assertEquals(200, answered.get(10, TimeUnit.SECONDS).code());
        MsrpRequest in = got.get(10, TimeUnit.SECONDS);
        assertArrayEquals(text, body.toByteArray());
        assertTrue(ac.bufferedBytes() >= 0);
        return in;
    }

    @Test
    @DisplayName("RFC 4976 §5 over TLS: an msrps relay and a client that trusts its certificate")
    void overTls() throws Exception {
        java.security.KeyStore ks = TestCertificate.keyStore();
        relay = MsrpRelay.builder().listen(new InetSocketAddress("127.0.0.1", 0)).realm("relay.test")
                .users(Map.of("alice", "secret"))
                .tls(io.sipim.msrp.transport.MsrpTls.builder().keyStore(ks, TestCertificate.PASSWORD).build()).start();
        assertEquals("msrps", relay.uri().scheme());
        RelayClient c = RelayClient.builder().relay(relay.uri()).credentials("alice", "secret")
                .tls(io.sipim.msrp.transport.MsrpTls.builder().trustStore(ks).build()).build();
        clients.add(c);
        RelayBinding b = c.connect().get(20, TimeUnit.SECONDS);
        assertEquals("msrps", b.usePath().get(0).scheme());
    }
}
