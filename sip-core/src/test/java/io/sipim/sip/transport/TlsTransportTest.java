package io.sipim.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.loop.EventLoop;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.parse.SipParser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** TLS over loopback with Bouncy Castle JSSE: verification on by default (RFC 5922), SNI, opt-out. */
class TlsTransportTest {
    private static final SelfSignedCertificate CERT = SelfSignedCertificate.generate("sipim.test", "127.0.0.1");
    private static final SelfSignedCertificate OTHER_NAME = SelfSignedCertificate.generate("elsewhere.test");

    private EventLoop loop;
    private NioTransportLayer server;
    private NioTransportLayer client;
    private final LinkedBlockingQueue<Received> atServer = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Received> atClient = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        loop = new EventLoop("tls-test");
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        loop.close();
    }

    private TransportAddress serve(SelfSignedCertificate cert) {
        server = NioTransportLayer.builder(loop)
                .tls(TlsConfig.builder().keyStore(cert.keyStore(), SelfSignedCertificate.PASSWORD).build()).build();
        loop.execute(() -> server.receiver(atServer::add));
        return server.listen(Transport.TLS, new InetSocketAddress("127.0.0.1", 0)).join();
    }

    private void connectWith(TlsConfig config) {
        client = NioTransportLayer.builder(loop).tls(config).build();
        loop.execute(() -> client.receiver(atClient::add));
        client.listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0)).join();
    }

    private static SipRequest options(String callId) {
        return (SipRequest) SipParser.parse("OPTIONS sip:sipim.test SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 127.0.0.1:5999;branch=z9hG4bK" + callId + "\r\nMax-Forwards: 70\r\n"
                + "From: <sips:a@sipim.test>;tag=1\r\nTo: <sips:b@sipim.test>\r\nCall-ID: " + callId
                + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
    }

    /** Sends and returns the failure reported within 5 s, or null when none was. */
    private IOException sendTo(TransportAddress to, String callId) throws Exception {
        CompletableFuture<IOException> failed = new CompletableFuture<>();
        loop.execute(() -> client.send(options(callId), to, failed::complete));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && !failed.isDone() && atServer.isEmpty()) {
            Thread.onSpinWait();
        }
        return failed.getNow(null);
    }

    @Test
    @DisplayName("A trusted certificate naming the IP: the request arrives and the response comes back on the same connection")
    void trustedCertificate() throws Exception {
        TransportAddress at = serve(CERT);
        connectWith(TlsConfig.builder().trustStore(CERT.trustStore()).build());
        CompletableFuture<IOException> failed = new CompletableFuture<>();
        loop.execute(() -> client.send(options("tls1"), at, failed::complete));
        Received r = atServer.poll(10, TimeUnit.SECONDS);
        assertNotNull(r, "request over TLS");
        assertEquals(Transport.TLS, r.source().transport());
        loop.execute(() -> server.send(SipResponse.to((SipRequest) r.message(), 200).build(), r.source(), e -> { }));
        Received resp = atClient.poll(10, TimeUnit.SECONDS);
        assertNotNull(resp, "response over the same TLS connection");
        assertEquals(200, ((SipResponse) resp.message()).status());
        assertTrue(!failed.isDone());
    }

    @Test
    @DisplayName("Verification is on by default: a self-signed certificate not in the trust store fails the send")
    void untrustedCertificateRejected() throws Exception {
        TransportAddress at = serve(CERT);
        connectWith(TlsConfig.builder().build());
        IOException e = sendTo(at, "tls2");
        assertNotNull(e, "handshake must fail");
        assertTrue(e instanceof SSLException, e.toString());
        assertNull(atServer.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    @DisplayName("RFC 5922 §7.2: a trusted certificate for another name fails host-name verification")
    void wrongHostNameRejected() throws Exception {
        TransportAddress at = serve(OTHER_NAME);
        connectWith(TlsConfig.builder().trustStore(OTHER_NAME.trustStore()).build());
        assertNotNull(sendTo(at.withServerName("sipim.test"), "tls3"));
    }

    @Test
    @DisplayName("The server name is checked (and sent as SNI): the certificate's DNS name matches")
    void serverNameMatches() throws Exception {
        TransportAddress at = serve(OTHER_NAME);
        connectWith(TlsConfig.builder().trustStore(OTHER_NAME.trustStore()).build());
        assertNull(sendTo(at.withServerName("elsewhere.test"), "tls4"));
        assertNotNull(atServer.poll(10, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("insecureTrustAll() accepts any certificate (development opt-out)")
    void trustAllOptOut() throws Exception {
        TransportAddress at = serve(OTHER_NAME);
        connectWith(TlsConfig.builder().insecureTrustAll().build());
        loop.execute(() -> client.send(options("tls5"), at, e -> { }));
        assertNotNull(atServer.poll(10, TimeUnit.SECONDS));
    }
}
