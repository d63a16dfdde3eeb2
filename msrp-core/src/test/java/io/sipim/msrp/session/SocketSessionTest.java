package io.sipim.msrp.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.transport.MsrpTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Sessions over real loopback sockets: TCP, and TLS trusted by fingerprint (RFC 4572) or by certificate authority. */
@Timeout(60)
class SocketSessionTest {

    @TempDir
    Path dir;

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** alice (active) sends {@code body} to bob (passive), bob's body goes to a file; returns the file's bytes. */
    private byte[] transfer(MsrpStack alice, MsrpStack bob, String bobFingerprint, byte[] body) throws Exception {
        MsrpSession b = bob.newSession();
        MsrpSession a = alice.newSession();
        Path file = dir.resolve("received.bin");
        CompletableFuture<ReceivedMessage> got = new CompletableFuture<>();
        b.onIncoming((id, type, total, headers) -> BodySink.file(file)).onMessage(got::complete);
        b.accept(a.localPath());
        a.connect(b.localPath(), bobFingerprint).get(20, TimeUnit.SECONDS);
        Delivery d = a.send("application/octet-stream", BodySource.of(body)).completion().get(30, TimeUnit.SECONDS);
        assertTrue(d.delivered(), d.toString());
        ReceivedMessage m = got.get(30, TimeUnit.SECONDS);
        assertEquals(body.length, m.size());
        return Files.readAllBytes(file);
    }

    @Test
    void threeMegabytesOverTcpArriveByteExactInAFile() throws Exception {
        try (MsrpStack alice = MsrpStack.builder().chunkSize(16 * 1024).build();
             MsrpStack bob = MsrpStack.builder().build()) {
            byte[] body = random(3_000_000);
            assertArrayEquals(body, transfer(alice, bob, null, body));
        }
    }

    @Test
    void msrpsWithSelfSignedCertificatesTrustedByFingerprint() throws Exception {
        MsrpTls aliceTls = MsrpTls.builder().selfSigned("127.0.0.1").verifyByFingerprint().build();
        MsrpTls bobTls = MsrpTls.builder().selfSigned("127.0.0.1").verifyByFingerprint().build();
        try (MsrpStack alice = MsrpStack.builder().tls(aliceTls).build();
             MsrpStack bob = MsrpStack.builder().tls(bobTls).build()) {
            byte[] body = random(500_000);
            MsrpSession probe = bob.newSession();
            assertTrue(probe.localUri().secure(), "a TLS stack hands out msrps URIs");
            assertArrayEquals(body, transfer(alice, bob, bobTls.fingerprint(), body));
        }
    }

    @Test
    void aCertificateThatDoesNotMatchTheFingerprintIsRefused() {
        MsrpTls aliceTls = MsrpTls.builder().selfSigned("127.0.0.1").verifyByFingerprint().build();
        MsrpTls bobTls = MsrpTls.builder().selfSigned("127.0.0.1").verifyByFingerprint().build();
        MsrpTls impostor = MsrpTls.builder().selfSigned("127.0.0.1").build();
        try (MsrpStack alice = MsrpStack.builder().tls(aliceTls).build();
             MsrpStack bob = MsrpStack.builder().tls(bobTls).build()) {
            MsrpSession b = bob.newSession();
            MsrpSession a = alice.newSession();
            b.accept(a.localPath());
            CompletionException e = assertThrows(CompletionException.class,
                    () -> a.connect(b.localPath(), impostor.fingerprint()).join());
            assertTrue(e.getCause().getMessage().contains("fingerprint"), e.getCause().getMessage());
            // Checked right after the handshake: not even the binding SEND reached bob.
            assertThrows(java.util.concurrent.TimeoutException.class, () -> b.bound().get(300, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void certificateAuthorityVerificationChecksChainAndAddress() throws Exception {
        MsrpTls bobTls = MsrpTls.builder().selfSigned("127.0.0.1").build();
        KeyStore roots = KeyStore.getInstance("PKCS12");
        roots.load(null, null);
        roots.setCertificateEntry("bob", bobTls.certificate());
        MsrpTls trusting = MsrpTls.builder().selfSigned("127.0.0.1").trustStore(roots).build();
        MsrpTls defaultRoots = MsrpTls.builder().selfSigned("127.0.0.1").build();
        try (MsrpStack bob = MsrpStack.builder().tls(bobTls).build();
             MsrpStack alice = MsrpStack.builder().tls(trusting).build();
             MsrpStack mallory = MsrpStack.builder().tls(defaultRoots).build()) {
            byte[] body = random(10_000);
            assertArrayEquals(body, transfer(alice, bob, null, body));

            MsrpSession b = bob.newSession();
            MsrpSession m = mallory.newSession();
            b.accept(m.localPath());
            // bob's self-signed certificate is in no default trust store: the handshake must fail.
            assertThrows(CompletionException.class, () -> m.connect(b.localPath()).join());
        }
    }

    @Test
    void aHostNameInThePathIsLookedUpOffTheLoop() throws Exception {
        try (MsrpStack alice = MsrpStack.builder().build();
             MsrpStack bob = MsrpStack.builder().advertisedHost("localhost").build()) {
            MsrpSession b = bob.newSession();
            assertEquals("localhost", b.localUri().host());
            Deliver.text(alice.newSession(), b, "by name");
        }
    }

    @Test
    void anUnknownHostFailsTheConnect() {
        try (MsrpStack alice = MsrpStack.builder().build()) {
            MsrpSession a = alice.newSession();
            CompletionException e = assertThrows(CompletionException.class, () -> a.connect(
                    List.of(io.sipim.msrp.message.MsrpUri.parse("msrp://no-such-host.invalid:2855/abcd;tcp"))).join());
            assertTrue(e.getCause().getMessage().contains("no-such-host.invalid"), e.getCause().getMessage());
        }
    }

    @Test
    void closingTheSenderEndsTheReceiversSession() throws Exception {
        try (MsrpStack alice = MsrpStack.builder().build(); MsrpStack bob = MsrpStack.builder().build()) {
            MsrpSession b = bob.newSession();
            MsrpSession a = alice.newSession();
            b.acceptAny();
            a.connect(List.of(b.localUri())).get(10, TimeUnit.SECONDS);
            a.close();
            b.closed().get(10, TimeUnit.SECONDS);
            a.closed().get(10, TimeUnit.SECONDS);
        }
    }
}
