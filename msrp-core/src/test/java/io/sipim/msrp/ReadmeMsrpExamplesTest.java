package io.sipim.msrp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.relay.MsrpRelay;
import io.sipim.msrp.sdp.FileSelector;
import io.sipim.msrp.session.Delivery;
import io.sipim.msrp.session.FileTransfer;
import io.sipim.msrp.session.MsrpSession;
import io.sipim.msrp.session.MsrpStack;
import io.sipim.msrp.session.ReceivedMessage;
import io.sipim.msrp.session.Transfer;
import io.sipim.msrp.transport.MsrpTls;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The README's MSRP quick starts, as written there, with a peer to talk to. */
@Timeout(60)
class ReadmeMsrpExamplesTest {
    @TempDir
    Path dir;

    @Test
    void quickStartChatAndFileTransfer() throws Exception {
        try (MsrpStack peerStack = MsrpStack.builder().build()) {
            MsrpSession peerChat = peerStack.newSession();
            List<MsrpUri> peerPath = peerChat.localPath();
            CompletableFuture<ReceivedMessage> peerGot = new CompletableFuture<>();
            peerChat.onMessage(peerGot::complete).acceptAny();
            byte[] content = new byte[50_000];
            new Random(2).nextBytes(content);
            Path file = Files.write(dir.resolve("cat.png"), content);
            Path downloads = Files.createDirectories(dir.resolve("downloads"));

            // --- README: Quick start: MSRP chat and file transfer ---
            try (MsrpStack stack = MsrpStack.builder().build()) {                 // loopback, any free port
                MsrpSession chat = stack.newSession();                             // chat.localPath() goes into a=path
                chat.onMessage(m -> System.out.println(m.contentType() + ": " + m.text()));
                chat.connect(peerPath).join();                                     // peer's a=path; we are a=setup:active
                Delivery d = chat.send("hi over MSRP").completion().join();        // a 413, 415 or 408 is a value
                // --- end ---
                assertTrue(d.delivered());
                assertEquals("hi over MSRP", peerGot.get(10, TimeUnit.SECONDS).text());

                // --- README: file transfer ---
                FileSelector offer = FileTransfer.describe(file, "image/png");            // a=file-selector: name, size, sha-1
                FileTransfer.Receiving r = FileTransfer.receive(peerChat, offer, downloads);   // the receiver, from the offer
                Transfer t = FileTransfer.send(chat, file, offer).onSent(p -> System.out.println(p.bytes()));
                Path saved = r.file().join();                                             // size and SHA-1 checked
                // --- end ---
                assertTrue(t.completion().get(10, TimeUnit.SECONDS).delivered());
                assertArrayEquals(content, Files.readAllBytes(saved));
            }
        }
    }

    @Test
    void quickStartRelayAndTls() throws Exception {
        // --- README: relay and TLS ---
        MsrpRelay relay = MsrpRelay.builder().listen(new InetSocketAddress("127.0.0.1", 0))
                .realm("example.com").users(Map.of("alice", "secret")).start();       // relay.uri(): msrp://127.0.0.1:PORT;tcp
        MsrpStack viaRelay = MsrpStack.builder().relay(relay.uri(), "alice", "secret").build();
        MsrpTls tls = MsrpTls.builder().selfSigned("127.0.0.1").verifyByFingerprint().build();
        MsrpStack secure = MsrpStack.builder().tls(tls).build();                 // msrps URIs; tls.fingerprint() → a=fingerprint
        // --- end ---
        try (relay; viaRelay; secure) {
            assertEquals(relay.uri().port(), viaRelay.newSession().localPath().get(0).port());
            assertTrue(secure.newSession().localUri().secure());
            assertTrue(tls.fingerprint().startsWith("sha-256 "));
        }
    }
}
