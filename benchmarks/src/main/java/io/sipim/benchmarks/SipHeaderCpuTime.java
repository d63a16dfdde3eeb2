package io.sipim.benchmarks;

import io.sipim.sip.parse.SipParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What one header line costs SIPIM's parser, by its spelling: a small valid OPTIONS request is
 * parsed with and without 100 copies of the line, and the difference per line is printed (thread
 * CPU time, best of 30 rounds, after 4 s of warm-up on all the messages so that each is timed with
 * the same compiled code). Usage: {@code java -cp benchmarks/target/benchmarks.jar io.sipim.benchmarks.SipHeaderCpuTime
 * ['Header: value' ...]}; without arguments it times a set of typical lines. Lines of headers that
 * allow one value (To, Call-ID, Expires ...) cannot be repeated and are refused as the parser
 * refuses them.
 */
public final class SipHeaderCpuTime {
    private static final String BASE = "OPTIONS sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
            + "From: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: abc\r\nCSeq: 1 OPTIONS\r\n";
    private static final int COPIES = 100;
    private static final List<String> TYPICAL = List.of(
            "Supported: path",
            "X-Extension: SIPIM/0.1 (Linux)",
            "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, SUBSCRIBE, NOTIFY, REFER",
            "Record-Route: <sip:p.com>",
            "Record-Route: <sip:proxy1.example.com;lr>",
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;received=192.0.2.10;rport=5060",
            "Contact: \"Alice\" <sip:alice@192.0.2.10:5060;transport=tcp>;expires=3600;reg-id=1",
            "Authorization: Digest username=\"alice\", realm=\"example.com\", nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\","
                    + " uri=\"sip:example.com\", response=\"dfe56131d1958046689d83306477ecc\", algorithm=MD5,"
                    + " cnonce=\"0a4f113b\", qop=auth, nc=00000001");

    private SipHeaderCpuTime() {
    }

    public static void main(String[] args) {
        List<String> lines = args.length > 0 ? List.of(args) : TYPICAL;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        SipParser parser = new SipParser();
        byte[] base = (BASE + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[][] messages = new byte[lines.size()][];
        for (int k = 0; k < messages.length; k++) {
            StringBuilder sb = new StringBuilder(BASE);
            for (int i = 0; i < COPIES; i++) {
                sb.append(lines.get(k)).append("\r\n");
            }
            messages[k] = sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        }
        // warm up on every message before timing any, so that all are timed with the same code
        long t0 = mx.getCurrentThreadCpuTime();
        while (mx.getCurrentThreadCpuTime() - t0 < 4_000_000_000L) {
            sink += parser.parseDatagram(base).headers().size();
            for (byte[] m : messages) {
                sink += parser.parseDatagram(m).headers().size();
            }
        }
        double baseNs = time(mx, parser, base);
        System.out.printf("%7.1f ns  the message without the line (%d bytes)%n", baseNs, base.length);
        for (int k = 0; k < messages.length; k++) {
            System.out.printf("%7.1f ns  %s%n", (time(mx, parser, messages[k]) - baseNs) / COPIES, lines.get(k));
        }
    }

    private static long sink;

    private static double time(ThreadMXBean mx, SipParser parser, byte[] message) {
        int perRound = Math.max(50, 400_000 / message.length);
        long best = Long.MAX_VALUE;
        for (int r = 0; r < 30; r++) {
            long t = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) {
                sink += parser.parseDatagram(message).headers().size();
            }
            best = Math.min(best, mx.getCurrentThreadCpuTime() - t);
        }
        return (double) best / perRound;
    }
}
