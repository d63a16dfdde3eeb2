package io.sipim.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.loop.EventLoop;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.Via;
import io.sipim.sip.parse.SipParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Real sockets on loopback: what RFC 3261 §18 asks of the transport layer. */
class NioTransportLayerTest {
    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    private EventLoop loop;
    private NioTransportLayer a;
    private NioTransportLayer b;
    private final LinkedBlockingQueue<Received> atA = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Received> atB = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        loop = new EventLoop("test-loop");
        a = NioTransportLayer.builder(loop).build();
        b = NioTransportLayer.builder(loop).idleTimeout(Duration.ofSeconds(2)).build();
        onLoop(() -> {
            a.receiver(atA::add);
            b.receiver(atB::add);
        });
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        loop.close();
    }

    private void onLoop(Runnable r) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                r.run();
                f.complete(null);
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        f.join();
    }

    private static SipRequest options(Transport t, TransportAddress from, String callId) {
        return SipParser.parse("OPTIONS sip:b@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/" + t + " " + from.hostPort() + ";branch=z9hG4bK" + callId + ";rport\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:b@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n") instanceof SipRequest r ? r : null;
    }

    private static Received take(LinkedBlockingQueue<Received> q) throws InterruptedException {
        Received r = q.poll(5, TimeUnit.SECONDS);
        assertNotNull(r, "nothing received within 5 s");
        return r;
    }

    @Test
    @DisplayName("UDP: a request arrives with its source; the response goes back to that source (RFC 3261 §18.2.2)")
    void udpRequestAndResponse() throws Exception {
        TransportAddress la = a.listen(Transport.UDP, ANY_LOOPBACK).join();
        TransportAddress lb = b.listen(Transport.UDP, ANY_LOOPBACK).join();
        onLoop(() -> a.send(options(Transport.UDP, la, "u1"), lb, e -> { }));
        Received req = take(atB);
        assertEquals(la, req.source());
        assertEquals(lb, req.local());
        assertEquals("u1", req.message().callId());
        onLoop(() -> b.send(SipResponse.to((SipRequest) req.message(), 200).build(), req.source(), e -> { }));
        Received resp = take(atA);
        assertEquals(200, ((SipResponse) resp.message()).status());
    }

    @Test
    @DisplayName("RFC 3581 §4: an empty rport is filled with the source port and received is added")
    void rportAndReceived() throws Exception {
        TransportAddress lb = b.listen(Transport.UDP, ANY_LOOPBACK).join();
        try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"))) {
            String req = "OPTIONS sip:b@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP client.invalid:5070;branch=z9hG4bKx;rport\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:b@x>\r\nCall-ID: r1\r\nCSeq: 1 OPTIONS\r\n"
                    + "Content-Length: 0\r\n\r\n";
            byte[] d = req.getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(d, d.length, lb.address()));
            Via top = take(atB).message().topVia();
            assertEquals("127.0.0.1", top.received());
            assertEquals(s.getLocalPort(), top.rport());
        }
    }

    @Test
    @DisplayName("A malformed request is answered with the status its parse error names, and the transport keeps serving")
    void badRequestAnswered() throws Exception {
        TransportAddress lb = b.listen(Transport.UDP, ANY_LOOPBACK).join();
        try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"))) {
            s.setSoTimeout(5000);
            String bad = "OPTIONS sip:b@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort()
                    + ";branch=z9hG4bKbad\r\nMax-Forwards: 300\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:b@x>\r\n"
                    + "Call-ID: bad1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            byte[] d = bad.getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(d, d.length, lb.address()));
            DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
            s.receive(p);
            SipMessage answer = new SipParser().parseDatagram(p.getData(), 0, p.getLength());
            assertEquals(400, assertInstanceOf(SipResponse.class, answer).status());
            assertEquals("bad1", answer.callId());
            assertEquals(1, b.rejectedCount());
            byte[] good = bad.replace("Max-Forwards: 300", "Max-Forwards: 70").replace("bad1", "good1")
                    .getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(good, good.length, lb.address()));
            assertEquals("good1", take(atB).message().callId());
        }
    }

    @Test
    @DisplayName("TCP: one connection carries the request and the response in both directions (RFC 3261 §18)")
    void tcpReusesTheConnection() throws Exception {
        TransportAddress la = a.listen(Transport.TCP, ANY_LOOPBACK).join();
        TransportAddress lb = b.listen(Transport.TCP, ANY_LOOPBACK).join();
        onLoop(() -> a.send(options(Transport.TCP, la, "t1"), lb, e -> { }));
        Received req = take(atB);
        assertEquals(Transport.TCP, req.source().transport());
        onLoop(() -> b.send(SipResponse.to((SipRequest) req.message(), 200).build(), req.source(), e -> { }));
        assertEquals(200, ((SipResponse) take(atA).message()).status());
        onLoop(() -> a.send(options(Transport.TCP, la, "t2"), lb, e -> { }));
        assertEquals("t2", take(atB).message().callId());
        CompletableFuture<int[]> counts = new CompletableFuture<>();
        loop.execute(() -> counts.complete(new int[] {a.connectionCount(), b.connectionCount()}));
        assertEquals(1, counts.join()[0]);
        assertEquals(1, counts.join()[1]);
    }

    @Test
    @DisplayName("TCP: a connection refused is reported to the sender, not thrown")
    void tcpConnectFailureReported() throws Exception {
        a.listen(Transport.TCP, ANY_LOOPBACK).join();
        int closedPort;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = ss.getLocalPort();
        }
        CompletableFuture<IOException> failure = new CompletableFuture<>();
        TransportAddress nowhere = TransportAddress.of(Transport.TCP, "127.0.0.1", closedPort);
        onLoop(() -> a.send(options(Transport.TCP, a.local(Transport.TCP), "x"), nowhere, failure::complete));
        assertNotNull(failure.get(5, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("RFC 5626 §3.5.1: a double-CRLF ping gets a CRLF pong; pipelined messages over one stream all arrive")
    void keepAliveAndPipelining() throws Exception {
        TransportAddress lb = b.listen(Transport.TCP, ANY_LOOPBACK).join();
        try (Socket s = new Socket("127.0.0.1", lb.address().getPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals('\r', in.read());
            assertEquals('\n', in.read());
            StringBuilder two = new StringBuilder();
            for (String id : new String[] {"p1", "p2"}) {
                two.append("MESSAGE sip:b@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK").append(id)
                        .append("\r\nMax-Forwards: 70\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:b@x>\r\nCall-ID: ").append(id)
                        .append("\r\nCSeq: 1 MESSAGE\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi");
            }
            out.write(two.toString().getBytes(StandardCharsets.US_ASCII));
            assertEquals("p1", take(atB).message().callId());
            assertEquals("p2", take(atB).message().callId());
        }
    }

    @Test
    @DisplayName("An idle TCP connection is closed after the idle timeout")
    void idleConnectionClosed() throws Exception {
        TransportAddress lb = b.listen(Transport.TCP, ANY_LOOPBACK).join();
        try (Socket s = new Socket("127.0.0.1", lb.address().getPort())) {
            s.setSoTimeout(10_000);
            assertEquals(-1, s.getInputStream().read(), "server closes the idle connection");
        }
    }

    @Test
    @DisplayName("RFC 5626 §4.4.1: the side that opened a connection pings it when quiet, which keeps the peer's idle timer from closing it")
    void keepAlivePingsKeepTheConnection() throws Exception {
        NioTransportLayer pinger = NioTransportLayer.builder(loop).keepAlive(Duration.ofMillis(500)).build();
        try {
            TransportAddress from = pinger.listen(Transport.TCP, ANY_LOOPBACK).join();
            TransportAddress lb = b.listen(Transport.TCP, ANY_LOOPBACK).join();
            onLoop(() -> pinger.send(options(Transport.TCP, from, "k1"), lb, e -> { }));
            assertEquals("k1", take(atB).message().callId());
            Thread.sleep(3500); // longer than b's 2 s idle timeout: only the pings keep the connection
            CompletableFuture<Integer> open = new CompletableFuture<>();
            loop.execute(() -> open.complete(b.connectionCount()));
            assertEquals(1, open.join(), "the pinged connection is still open");
        } finally {
            pinger.close();
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "over {0}")
    @org.junit.jupiter.params.provider.EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    @DisplayName("IPv6 (RFC 5118): a request and its response over [::1], Via sent-by in brackets")
    void ipv6(Transport t) throws Exception {
        InetSocketAddress v6 = new InetSocketAddress("::1", 0);
        TransportAddress la = a.listen(t, v6).join();
        TransportAddress lb = b.listen(t, v6).join();
        assertTrue(la.hostPort().startsWith("[::1]:"), la.hostPort());
        onLoop(() -> a.send(options(t, la, "v6"), lb, e -> { }));
        Received req = take(atB);
        assertEquals("[::1]", req.message().topVia().host());
        onLoop(() -> b.send(SipResponse.to((SipRequest) req.message(), 200).build(), req.source(), e -> { }));
        assertEquals(200, ((SipResponse) take(atA).message()).status());
    }

    @Test
    @DisplayName("RFC 5923 §5: a request whose Via carries alias makes the connection reusable towards its sent-by")
    void aliasReusesTheConnection() throws Exception {
        TransportAddress la = a.listen(Transport.TCP, ANY_LOOPBACK).join();
        TransportAddress lb = b.listen(Transport.TCP, ANY_LOOPBACK).join();
        SipRequest withAlias = (SipRequest) SipParser.parse(options(Transport.TCP, la, "al1").toString()
                .replace(";rport", ";rport;alias"));
        onLoop(() -> a.send(withAlias, lb, e -> { }));
        assertEquals("al1", take(atB).message().callId());
        // b now sends a new request to a's listen address: over the same connection, not a new one.
        onLoop(() -> b.send(options(Transport.TCP, lb, "al2"), la, e -> { }));
        assertEquals("al2", take(atA).message().callId());
        CompletableFuture<int[]> counts = new CompletableFuture<>();
        loop.execute(() -> counts.complete(new int[] {a.connectionCount(), b.connectionCount()}));
        assertEquals(1, counts.join()[0], "a accepted no second connection");
        assertEquals(1, counts.join()[1]);
    }
}
