package io.sipim.msrp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.internal.tls.EndpointCertificate;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.session.MsrpSession;
import io.sipim.msrp.session.MsrpStack;
import io.sipim.msrp.session.ReceivedMessage;
import io.sipim.msrp.transport.MsrpTls;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * msrps to Kamailio's relay: alice authenticates over TLS (verifying Kamailio's certificate and
 * address against a trust store that holds it), bob over TCP, and they talk both ways through it.
 */
@Tag("interop")
@Timeout(120)
class KamailioMsrpRelayTlsInteropTest {
    @TempDir
    Path work;

    @Test
    void aTlsClientAndATcpClientTalkThroughKamailio() throws Exception {
        char[] pw = "kamailio".toCharArray();
        KeyStore ks = EndpointCertificate.create(pw, "127.0.0.1");
        X509Certificate cert = (X509Certificate) ks.getCertificate("msrp");
        PrivateKey key = (PrivateKey) ks.getKey("msrp", pw);
        try (KamailioMsrpRelay kamailio = KamailioMsrpRelay.start("relay.sipim.test",
                Map.of("alice", "a-secret", "bob", "b-secret"), work, cert, key)) {
            KeyStore roots = KeyStore.getInstance("PKCS12");
            roots.load(null, null);
            roots.setCertificateEntry("kamailio", cert);
            MsrpTls tls = MsrpTls.builder().selfSigned("127.0.0.1").trustStore(roots).build();
            try (MsrpStack alice = MsrpStack.builder().tls(tls).chunkSize(2048)
                    .relay(MsrpUri.parse(kamailio.tlsUri()), "alice", "a-secret").build();
                 MsrpStack bob = MsrpStack.builder().chunkSize(2048)
                         .relay(MsrpUri.parse(kamailio.uri()), "bob", "b-secret").build()) {
                MsrpSession a = alice.newSession();
                MsrpSession b = bob.newSession();
                assertTrue(a.localPath().get(0).secure(), "Kamailio's Use-Path over TLS is msrps: " + a.localPath());
                CompletableFuture<ReceivedMessage> got = new CompletableFuture<>();
                CompletableFuture<ReceivedMessage> back = new CompletableFuture<>();
                b.onMessage(got::complete).accept(a.localPath());
                a.onMessage(back::complete).connect(b.localPath()).get(20, TimeUnit.SECONDS);
                assertTrue(a.send("over TLS to Kamailio").completion().get(20, TimeUnit.SECONDS).delivered());
                assertEquals("over TLS to Kamailio", got.get(20, TimeUnit.SECONDS).text());
                assertTrue(b.send("and back to TLS").completion().get(20, TimeUnit.SECONDS).delivered());
                assertEquals("and back to TLS", back.get(20, TimeUnit.SECONDS).text());
            }
        }
    }
}
