package io.sipim.msrp.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.message.MsrpException;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.session.BodySource;
import io.sipim.msrp.session.Delivery;
import io.sipim.msrp.session.MsrpSession;
import io.sipim.msrp.session.MsrpStack;
import io.sipim.msrp.session.ReceivedMessage;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kamailio 5.6's {@code msrp} module as the relay (RFC 4976) between two SIPIM stacks: each
 * authenticates with AUTH and digest (Kamailio challenges with MD5), takes the Use-Path it grants
 * into its a=path, and the sessions exchange a chat message and a 60 KB message in 2 KiB chunks
 * through it (Kamailio relays frames of up to about 11 KB; see KAMAILIO-MSRP.md).
 */
@Tag("interop")
@Timeout(120)
class KamailioMsrpRelayInteropTest {
    @TempDir
    static Path work;
    static KamailioMsrpRelay kamailio;

    @BeforeAll
    static void start() throws Exception {
        kamailio = KamailioMsrpRelay.start("relay.sipim.test", Map.of("alice", "a-secret", "bob", "b-secret"), work);
    }

    @AfterAll
    static void stop() {
        if (kamailio != null) {
            kamailio.close();
        }
    }

    @Test
    void twoSipimStacksTalkThroughKamailiosRelay() throws Exception {
        MsrpUri relay = MsrpUri.parse(kamailio.uri());
        try (MsrpStack alice = MsrpStack.builder().chunkSize(2048).relay(relay, "alice", "a-secret").build();
             MsrpStack bob = MsrpStack.builder().chunkSize(2048).relay(relay, "bob", "b-secret").build()) {
            MsrpSession a = alice.newSession();
            MsrpSession b = bob.newSession();
            assertEquals(2, a.localPath().size(), "Kamailio's Use-Path, then our URI: " + a.localPath());
            assertEquals(relay.port(), a.localPath().get(0).port());
            CompletableFuture<ReceivedMessage> chat = new CompletableFuture<>();
            CompletableFuture<ReceivedMessage> big = new CompletableFuture<>();
            b.onMessage(m -> (m.size() > 1000 ? big : chat).complete(m));
            b.accept(a.localPath());
            a.connect(b.localPath()).get(20, TimeUnit.SECONDS);
            b.bound().get(20, TimeUnit.SECONDS);

            Delivery d = a.send("hello through Kamailio").completion().get(20, TimeUnit.SECONDS);
            assertTrue(d.delivered(), d.toString());
            assertEquals("hello through Kamailio", chat.get(20, TimeUnit.SECONDS).text());

            byte[] body = new byte[60_000];
            new Random(9).nextBytes(body);
            assertTrue(a.send("application/octet-stream", BodySource.of(body)).completion().get(30, TimeUnit.SECONDS)
                    .delivered());
            assertArrayEquals(body, big.get(30, TimeUnit.SECONDS).body());

            CompletableFuture<ReceivedMessage> back = new CompletableFuture<>();
            a.onMessage(back::complete);
            assertTrue(b.send("and back").completion().get(20, TimeUnit.SECONDS).delivered());
            assertEquals("and back", back.get(20, TimeUnit.SECONDS).text());
        }
    }

    @Test
    void kamailioRefusesAWrongPassword() {
        MsrpUri relay = MsrpUri.parse(kamailio.uri());
        MsrpException e = assertThrows(MsrpException.class,
                () -> MsrpStack.builder().relay(relay, "alice", "wrong").build());
        assertTrue(e.getMessage().contains("401"), e.getMessage());
    }
}
