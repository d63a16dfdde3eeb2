package io.sipim.sip.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.sipim.sip.transport.SelfSignedCertificate;
import io.sipim.sip.transport.TlsConfig;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.ua.IncomingMessage;
import io.sipim.sip.ua.SipAccount;
import io.sipim.sip.ua.SipStack;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kamailio's TLS listener (module {@code tls}) with a certificate SIPIM trusts: two SIPIM user
 * agents register over TLS with certificate and host-name verification on (RFC 5922) and
 * exchange a MESSAGE through Kamailio.
 */
@Tag("interop")
class KamailioTlsInteropTest {
    private static final SelfSignedCertificate KAMAILIO_CERT = SelfSignedCertificate.generate("127.0.0.1");

    @TempDir
    static Path work;
    static Kamailio kamailio;

    @BeforeAll
    static void start() throws Exception {
        kamailio = Kamailio.start("sipim.test", Map.of("alice", "secret", "bob", "hunter2"), work, KAMAILIO_CERT);
    }

    @AfterAll
    static void stop() {
        if (kamailio != null) {
            kamailio.close();
        }
    }

    private static SipStack tlsStack() {
        SelfSignedCertificate own = SelfSignedCertificate.generate("127.0.0.1");
        return SipStack.builder().listen(Transport.TLS, new InetSocketAddress("127.0.0.1", 0))
                .tls(TlsConfig.builder().keyStore(own.keyStore(), SelfSignedCertificate.PASSWORD)
                        .trustStore(KAMAILIO_CERT.trustStore()).build())
                .build();
    }

    @Test
    @DisplayName("Register over TLS (verified certificate) and exchange a MESSAGE through Kamailio")
    void registerAndMessageOverTls() throws Exception {
        try (SipStack a = tlsStack(); SipStack b = tlsStack()) {
            String proxy = "sips:127.0.0.1:" + kamailio.tlsPort;
            SipAccount alice = a.account("sip:alice@sipim.test").credentials("alice", "secret")
                    .outboundProxy(proxy).transport(Transport.TLS).build();
            SipAccount bob = b.account("sip:bob@sipim.test").credentials("bob", "hunter2")
                    .outboundProxy(proxy).transport(Transport.TLS).build();
            LinkedBlockingQueue<IncomingMessage> inbox = new LinkedBlockingQueue<>();
            bob.onMessage(inbox::add);
            alice.register(Duration.ofSeconds(120)).get(20, TimeUnit.SECONDS);
            bob.register(Duration.ofSeconds(120)).get(20, TimeUnit.SECONDS);
            assertEquals(200, alice.message("sip:bob@sipim.test").text("over TLS").send().get(20, TimeUnit.SECONDS)
                    .status(), kamailio.output());
            IncomingMessage m = inbox.poll(10, TimeUnit.SECONDS);
            assertNotNull(m, kamailio.output());
            assertEquals("over TLS", m.text());
        }
    }
}
