package io.sipim.sip.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipim.sip.transport.Transport;
import io.sipim.sip.ua.IncomingMessage;
import io.sipim.sip.ua.Registration;
import io.sipim.sip.ua.SipAccount;
import io.sipim.sip.ua.SipStack;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SIPp 3.6 against SIPIM in both directions for the non-INVITE requests a user agent sends and
 * answers (RFC 3261 §10, §11; RFC 3428), over UDP and TCP. SIPp's exit status is 0 only when every
 * call of its scenario succeeded with no unexpected message.
 */
@Tag("interop")
class SippInteropTest {
    @TempDir
    Path work;

    private static String sippTransport(Transport t) {
        return t == Transport.TCP ? "t1" : "u1";
    }

    private static SipStack stack() {
        return SipStack.builder().listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0))
                .listen(Transport.TCP, new InetSocketAddress("127.0.0.1", 0)).build();
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"MESSAGE,UDP", "MESSAGE,TCP", "OPTIONS,UDP", "OPTIONS,TCP", "REGISTER,UDP", "REGISTER,TCP"})
    @DisplayName("SIPIM as UAC against SIPp's UAS: the request is answered 200 and SIPp sees nothing unexpected")
    void sipimUacToSippUas(String method, Transport t) throws Exception {
        int port = Peers.freePort();
        try (PeerProcess sipp = Sipp.start("sipp-uas", List.of("-sf", Sipp.scenario("uas_request.xml", method, work).toString()),
                port, sippTransport(t), 1, null, work);
             SipStack stack = stack()) {
            Thread.sleep(500); // let SIPp bind its socket
            String target = "sip:service@127.0.0.1:" + port + (t == Transport.TCP ? ";transport=tcp" : "");
            SipAccount alice = stack.account("sip:alice@sipim.test").registrar(target.replace("service@", "")).transport(t).build();
            int status = switch (method) {
                case "MESSAGE" -> alice.message(target).text("hello SIPp").send().get(20, TimeUnit.SECONDS).status();
                case "OPTIONS" -> alice.options(target).get(20, TimeUnit.SECONDS).status();
                default -> {
                    Registration r = alice.register(Duration.ofSeconds(120)).get(20, TimeUnit.SECONDS);
                    yield r.isActive() ? 200 : 0;
                }
            };
            assertEquals(200, status, sipp.output());
            assertEquals(0, sipp.waitFor(20), sipp.output());
        }
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"MESSAGE,UDP", "MESSAGE,TCP", "OPTIONS,UDP", "OPTIONS,TCP"})
    @DisplayName("SIPp as UAC against a SIPIM UAS: five requests answered 200, every MESSAGE delivered to the account")
    void sippUacToSipimUas(String method, Transport t) throws Exception {
        try (SipStack stack = stack()) {
            SipAccount service = stack.account("sip:service@sipim.test").build();
            LinkedBlockingQueue<IncomingMessage> inbox = new LinkedBlockingQueue<>();
            service.onMessage(inbox::add);
            int ours = stack.localAddress(t).address().getPort();
            try (PeerProcess sipp = Sipp.start("sipp-uac-" + method.toLowerCase(Locale.ROOT),
                    List.of("-sf", Sipp.scenario("uac_request.xml", method, work).toString()), Peers.freePort(),
                    sippTransport(t), 5, "127.0.0.1:" + ours, work, "-r", "5")) {
                assertEquals(0, sipp.waitFor(30), sipp.output());
            }
            if (method.equals("MESSAGE")) {
                for (int i = 0; i < 5; i++) {
                    IncomingMessage m = inbox.poll(5, TimeUnit.SECONDS);
                    assertEquals(true, m != null && m.text().startsWith("hello from SIPp call"), "message " + i);
                }
            }
        }
    }


    @ParameterizedTest(name = "over {0}")
    @org.junit.jupiter.params.provider.EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    @DisplayName("SIPp registers with the SIPIM registrar: 401 with an MD5 challenge, then 200 (RFC 3261 §10.3, §22.4)")
    void sippRegistersWithSipimRegistrar(Transport t) throws Exception {
        try (SipStack stack = stack()) {
            io.sipim.sip.server.SipServer server = io.sipim.sip.server.SipServer.builder(stack).domain("sipim.test")
                    .users(io.sipim.sip.auth.UserStore.inMemory(java.util.Map.of("sipp", "secret")))
                    // SIPp answers only the first challenge, and only MD5 (see ../shared/peers.md).
                    .digestAlgorithms(io.sipim.sip.auth.DigestAlgorithm.MD5, io.sipim.sip.auth.DigestAlgorithm.SHA_256)
                    .registrar().proxy()
                    .build();
            int ours = stack.localAddress(t).address().getPort();
            try (PeerProcess sipp = Sipp.start("sipp-register", List.of("-sf", Sipp.scenario("uac_register.xml", "REGISTER", work)
                    .toString()), Peers.freePort(), sippTransport(t), 1, "127.0.0.1:" + ours, work,
                    "-au", "sipp", "-ap", "secret")) {
                assertEquals(0, sipp.waitFor(30), sipp.output());
            }
            assertEquals(1, server.bindings("sip:sipp@sipim.test").get(5, TimeUnit.SECONDS).size());
        }
    }

    private static final String AUDIO_SDP = "v=0\r\no=sipim 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    @ParameterizedTest(name = "over {0}")
    @org.junit.jupiter.params.provider.EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    @DisplayName("SIPp's built-in UAC calls SIPIM: INVITE, 200 with the SDP answer, ACK, BYE, 200 (RFC 3261 §13, §15)")
    void sippCallsSipim(Transport t) throws Exception {
        try (SipStack stack = stack()) {
            SipAccount service = stack.account("sip:service@sipim.test").build();
            LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
            service.onCall(call -> {
                io.sipim.sip.sdp.SessionDescription answer = io.sipim.sip.sdp.OfferAnswer.answer(call.offer(),
                        io.sipim.sip.sdp.SessionDescription.parse(AUDIO_SDP));
                call.accept(answer).thenAccept(c -> {
                    events.add("confirmed");
                    c.onTerminated(() -> events.add("terminated"));
                });
            });
            int ours = stack.localAddress(t).address().getPort();
            try (PeerProcess sipp = Sipp.start("sipp-uac-invite", List.of("-sn", "uac", "-s", "service"), Peers.freePort(),
                    sippTransport(t), 1, "127.0.0.1:" + ours, work, "-d", "200")) {
                assertEquals(0, sipp.waitFor(30), sipp.output());
            }
            assertEquals("confirmed", events.poll(5, TimeUnit.SECONDS));
            assertEquals("terminated", events.poll(5, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest(name = "over {0}")
    @org.junit.jupiter.params.provider.EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    @DisplayName("SIPIM calls SIPp's built-in UAS: INVITE, 180, 200 with SDP, ACK, then BYE answered 200")
    void sipimCallsSipp(Transport t) throws Exception {
        int port = Peers.freePort();
        try (PeerProcess sipp = Sipp.start("sipp-uas-invite", List.of("-sn", "uas"), port, sippTransport(t), 1, null, work);
             SipStack stack = stack()) {
            Thread.sleep(500); // let SIPp bind its socket
            SipAccount alice = stack.account("sip:alice@sipim.test").transport(t).build();
            String target = "sip:service@127.0.0.1:" + port + (t == Transport.TCP ? ";transport=tcp" : "");
            LinkedBlockingQueue<Integer> provisional = new LinkedBlockingQueue<>();
            io.sipim.sip.ua.Call call = alice.invite(target).offer(io.sipim.sip.sdp.SessionDescription.parse(AUDIO_SDP))
                    .provisional(r -> provisional.add(r.status())).start().get(20, TimeUnit.SECONDS);
            assertEquals(Integer.valueOf(180), provisional.poll(1, TimeUnit.SECONDS));
            assertEquals(true, call.remoteSdp() != null, "SIPp's 200 carried SDP");
            assertEquals(200, call.bye().get(20, TimeUnit.SECONDS).status());
            assertEquals(0, sipp.waitFor(20), sipp.output());
        }
    }
}
