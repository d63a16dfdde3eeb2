package io.sipim.sip.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.auth.UserStore;
import io.sipim.sip.loop.ManualScheduler;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.sdp.OfferAnswer;
import io.sipim.sip.sdp.SessionDescription;
import io.sipim.sip.server.SipServer;
import io.sipim.sip.transport.LoopNetwork;
import io.sipim.sip.transport.LoopTransport;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.ua.Call;
import io.sipim.sip.ua.OutgoingCall;
import io.sipim.sip.ua.SipAccount;
import io.sipim.sip.ua.SipStack;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's SIP and SDP dissectors as an independent judge of what SIPIM puts on the wire: a
 * registrar/proxy and two user agents (digest REGISTER, MESSAGE, INVITE/180/200/ACK/BYE, CANCEL,
 * OPTIONS) run on the in-memory network; every message sent is written into a pcap file as a UDP
 * datagram and {@code tshark} must dissect each one as SIP with no malformed-packet or
 * error-level expert flag.
 */
@Tag("interop")
class TsharkDissectionTest {
    @TempDir
    Path work;

    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 10.0.0.2\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\n"
            + "m=message 7394 TCP/MSRP *\r\na=accept-types:text/plain\r\na=path:msrp://10.0.0.2:7394/abc;tcp\r\n";

    @Test
    @DisplayName("Every message of a registrar/proxy/UA exchange dissects as SIP (and SDP) without malformed or error flags")
    void wiresharkAcceptsEveryMessage() throws Exception {
        Path tshark = Peers.require("tshark", "tshark");
        ManualScheduler clock = new ManualScheduler();
        LoopNetwork net = new LoopNetwork(clock, 11);
        List<LoopTransport> transports = new ArrayList<>();
        LoopTransport st = new LoopTransport(net, "10.0.0.1", 5060, Transport.UDP);
        transports.add(st);
        SipStack serverStack = SipStack.builder().callbackExecutor(Runnable::run).runOn(clock, st).build();
        SipServer.builder(serverStack).domain("sipim.test").users(UserStore.inMemory(Map.of("alice", "a", "bob", "b")))
                .registrar().proxy().recordRoute(true).build();
        SipAccount alice = account(clock, net, transports, "10.0.0.2", "alice", "a");
        SipAccount bob = account(clock, net, transports, "10.0.0.3", "bob", "b");
        SessionDescription offer = SessionDescription.parse(SDP);
        bob.onCall(in -> {
            in.ringing();
            if (in.request().bodyText().contains("ring-only")) {
                return;
            }
            in.accept(OfferAnswer.answer(in.offer(), SessionDescription.parse(SDP.replace("10.0.0.2", "10.0.0.3"))));
        });

        run(clock, alice.register(Duration.ofMinutes(10)));
        run(clock, bob.register(Duration.ofMinutes(10)));
        assertEquals(200, run(clock, alice.message("sip:bob@sipim.test").text("héllo, Bob").send()).status());
        Call call = run(clock, alice.invite("sip:bob@sipim.test").offer(offer).start());
        assertEquals(200, run(clock, call.bye()).status());
        OutgoingCall ringing = alice.invite("sip:bob@sipim.test")
                .offer(SessionDescription.parse(SDP.replace("s=-", "s=ring-only")));
        CompletableFuture<Call> cancelled = ringing.start();
        clock.advance(Duration.ofMillis(200));
        ringing.cancel();
        for (int i = 0; i < 100 && !cancelled.isDone(); i++) {
            clock.advance(Duration.ofMillis(50));
        }
        assertTrue(cancelled.isCompletedExceptionally(), "the INVITE ended with 487");
        assertEquals(200, run(clock, alice.options("sip:10.0.0.1:5060")).status());

        List<byte[]> frames = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (LoopTransport t : transports) {
            for (SipMessage m : t.sent()) {
                frames.add(m.encode());
                expected.append(m instanceof io.sipim.sip.message.SipRequest r ? r.method() : "")
                        .append('|').append(m instanceof io.sipim.sip.message.SipResponse r ? r.status() : "")
                        .append('|').append(m.callId()).append('|').append(m.cseq().number())
                        .append('|').append(m.cseq().method()).append('|').append(m.via().size()).append('\n');
            }
        }
        assertTrue(frames.size() > 25, "a real exchange: " + frames.size() + " messages");
        Path pcap = work.resolve("sipim.pcap");
        Files.write(pcap, pcap(frames));

        String sip = tshark(tshark, pcap, "sip");
        assertEquals(frames.size(), sip.lines().count(), "every datagram dissects as SIP:\n" + sip);
        // Wireshark's own reading of each message: method or status, Call-ID, CSeq and Via count as SIPIM meant them.
        String fields = tshark(tshark, pcap, "sip", "-T", "fields", "-E", "separator=|", "-e", "sip.Method",
                "-e", "sip.Status-Code", "-e", "sip.Call-ID", "-e", "sip.CSeq.seq", "-e", "sip.CSeq.method", "-e", "sip.Via");
        List<String> theirs = new ArrayList<>();
        for (String line : fields.strip().split("\n")) {
            String[] f = line.split("\\|", -1);
            int vias = f[5].isEmpty() ? 0 : f[5].split(",").length;
            theirs.add(f[0] + '|' + f[1] + '|' + f[2] + '|' + f[3] + '|' + f[4] + '|' + vias);
        }
        assertEquals(expected.toString().strip(), String.join("\n", theirs));
        String bad = tshark(tshark, pcap, "_ws.malformed or _ws.expert.severity >= \"error\"");
        assertEquals("", bad.strip(), "malformed or error-flagged frames:\n" + bad);
        assertTrue(tshark(tshark, pcap, "sdp").lines().count() >= 4, "the INVITE offers and answers dissect as SDP");
    }

    private static SipAccount account(ManualScheduler clock, LoopNetwork net, List<LoopTransport> transports, String ip,
                                      String user, String password) {
        LoopTransport t = new LoopTransport(net, ip, 5060, Transport.UDP);
        transports.add(t);
        SipStack s = SipStack.builder().callbackExecutor(Runnable::run).runOn(clock, t).build();
        return s.account("sip:" + user + "@sipim.test").credentials(user, password).outboundProxy("sip:10.0.0.1:5060").build();
    }

    private static <T> T run(ManualScheduler clock, CompletableFuture<T> f) {
        for (int i = 0; i < 400 && !f.isDone(); i++) {
            clock.advance(Duration.ofMillis(50));
        }
        return f.join();
    }

    private static String tshark(Path exe, Path pcap, String filter, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), "-r", pcap.toString(), "-Y", filter));
        cmd.addAll(List.of(more));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark finished");
        assertEquals(0, p.exitValue(), "tshark exit status for filter " + filter);
        return out;
    }

    /** A pcap file (LINKTYPE_RAW: IPv4 packets) with one UDP datagram 10.0.0.9:5060 → 10.0.0.1:5060 per frame. */
    private static byte[] pcap(List<byte[]> payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer g = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        g.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262_144).putInt(101);
        out.writeBytes(g.array());
        int second = 1_795_000_000;
        for (byte[] payload : payloads) {
            int udpLen = 8 + payload.length;
            int ipLen = 20 + udpLen;
            ByteBuffer ip = ByteBuffer.allocate(ipLen).order(ByteOrder.BIG_ENDIAN);
            ip.put((byte) 0x45).put((byte) 0).putShort((short) ipLen).putShort((short) 1).putShort((short) 0)
                    .put((byte) 64).put((byte) 17).putShort((short) 0).put(new byte[] {10, 0, 0, 9}).put(new byte[] {10, 0, 0, 1});
            int sum = 0;
            for (int i = 0; i < 20; i += 2) {
                sum += ((ip.get(i) & 0xff) << 8) | (ip.get(i + 1) & 0xff);
            }
            sum = (sum & 0xffff) + (sum >>> 16);
            ip.putShort(10, (short) ~sum);
            ip.putShort((short) 5060).putShort((short) 5060).putShort((short) udpLen).putShort((short) 0).put(payload);
            ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(second++).putInt(0).putInt(ipLen).putInt(ipLen);
            out.writeBytes(h.array());
            out.writeBytes(ip.array());
        }
        return out.toByteArray();
    }
}
