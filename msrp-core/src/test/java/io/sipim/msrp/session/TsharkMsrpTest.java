package io.sipim.msrp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.interop.Peers;
import io.sipim.msrp.interop.Tshark;
import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.parse.MsrpLimits;
import io.sipim.msrp.parse.MsrpParser;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's MSRP dissector as an independent judge of SIPIM's frames: two sessions exchange a
 * binding SEND, a chat message, a chunked message with a success REPORT and a cancelled message
 * (ending in '#'), every byte written is kept, cut into frames, and written to a pcap file as TCP
 * segments (one frame per segment, since tshark reads only the first MSRP frame of a segment).
 * tshark must read every frame as MSRP with the transaction id, method or status and Byte-Range
 * SIPIM meant, and flag nothing as malformed or as an error.
 */
@Tag("interop")
class TsharkMsrpTest {
    @TempDir
    Path work;

    @Test
    void wiresharkReadsEveryFrameAsSipimMeantIt() throws Exception {
        Path tshark = Peers.require("tshark", "tshark");
        VirtualScheduler loop = new VirtualScheduler();
        ByteArrayOutputStream aliceWrote = new ByteArrayOutputStream();
        ByteArrayOutputStream bobWrote = new ByteArrayOutputStream();
        MsrpStack[] bob = new MsrpStack[1];
        MsrpStack alice = MsrpStack.forTest(loop, Runnable::run, (target, listener) -> {
            PipeLink[] pair = PipeLink.pair(loop, 1500);
            pair[0].tap(aliceWrote);
            pair[1].tap(bobWrote);
            pair[0].listener(listener);
            pair[1].listener(new ConnectionHandler(bob[0], pair[1]));
            return pair[0];
        }, "127.0.0.1", 40000, MsrpStack.builder().chunkSize(1000));
        bob[0] = MsrpStack.forTest(loop, Runnable::run, null, "127.0.0.2", 2855, MsrpStack.builder());
        MsrpSession a = alice.newSession();
        MsrpSession b = bob[0].newSession();
        loop.runPending();
        b.accept(a.localPath());
        a.connect(b.localPath());
        loop.runPending();
        a.send("héllo over MSRP");
        a.message("text/plain", BodySource.of(new byte[4500])).successReport(true).send();
        loop.runPending();
        Transfer cancelled = a.send("application/octet-stream", BodySource.of(new byte[20_000]));
        loop.runTasks(6);
        cancelled.cancel();
        loop.runPending();
        b.send("and back");
        loop.runPending();

        List<byte[]> fromAlice = new ArrayList<>();
        List<byte[]> fromBob = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        frames(aliceWrote.toByteArray(), fromAlice, expected);
        frames(bobWrote.toByteArray(), fromBob, expected);
        System.out.println("tshark judged " + fromAlice.size() + " + " + fromBob.size() + " frames:\n" + expected);
        assertTrue(fromAlice.size() > 10 && fromBob.size() > 5, fromAlice.size() + " + " + fromBob.size() + " frames");
        assertTrue(expected.toString().contains("|#"), "the cancelled message ends with '#'");
        assertTrue(expected.toString().contains("REPORT|"), "a REPORT was sent");

        Path pcap = work.resolve("msrp.pcap");
        Files.write(pcap, Pcap.tcp(fromAlice, fromBob));
        String fields = Tshark.read(tshark, pcap, "msrp", "-T", "fields", "-E", "separator=|", "-E", "occurrence=f",
                "-e", "msrp.transaction.id", "-e", "msrp.method", "-e", "msrp.status.code", "-e", "msrp.byte.range",
                "-e", "msrp.cnt.flg");
        assertEquals(expected.toString().strip(), fields.strip(), "tshark's reading of every frame");
        String bad = Tshark.read(tshark, pcap, "_ws.malformed or _ws.expert.severity >= \"error\"");
        assertEquals("", bad.strip(), "malformed or error-flagged frames:\n" + bad);
    }

    /** Cuts a written byte stream into frames and notes what each one is. */
    private static void frames(byte[] stream, List<byte[]> out, StringBuilder expected) {
        int[] start = {0};
        String[] line = new String[1];
        boolean[] ended = new boolean[1];
        MsrpParser parser = new MsrpParser(MsrpLimits.DEFAULT, new MsrpParser.Handler() {
            @Override
            public void request(MsrpRequest r, boolean hasBody) {
                line[0] = r.transactionId() + "|" + r.method() + "||" + (r.byteRange() == null ? "" : r.byteRange());
            }

            @Override
            public void body(ByteBuffer data) {
            }

            @Override
            public void end(ContinuationFlag flag) {
                line[0] += "|" + flag.symbol();
                ended[0] = true;
            }

            @Override
            public void response(MsrpResponse r) {
                line[0] = r.transactionId() + "||" + r.code() + "||$";
                ended[0] = true;
            }

            @Override
            public void badRequest(MsrpParseException e) {
                throw new AssertionError("SIPIM wrote a bad frame: " + e.getMessage());
            }
        });
        for (int i = 0; i < stream.length; i++) {
            parser.parse(ByteBuffer.wrap(stream, i, 1));
            if (ended[0]) {
                ended[0] = false;
                byte[] frame = new byte[i + 1 - start[0]];
                System.arraycopy(stream, start[0], frame, 0, frame.length);
                out.add(frame);
                expected.append(line[0]).append('\n');
                start[0] = i + 1;
            }
        }
        assertEquals(stream.length, start[0], "the stream ends at a frame boundary");
    }

    /** Writes TCP segments (IPv4, LINKTYPE_RAW) for two directions of one connection. */
    static final class Pcap {
        static byte[] tcp(List<byte[]> aToB, List<byte[]> bToA) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer g = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            g.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262_144).putInt(101);
            out.writeBytes(g.array());
            long[] seq = {1000, 5000};
            int[] time = {1_795_000_000};
            for (byte[] f : aToB) {
                segment(out, f, new byte[] {127, 0, 0, 1}, 40000, new byte[] {127, 0, 0, 2}, 2855, seq, 0, time);
            }
            for (byte[] f : bToA) {
                segment(out, f, new byte[] {127, 0, 0, 2}, 2855, new byte[] {127, 0, 0, 1}, 40000, seq, 1, time);
            }
            return out.toByteArray();
        }

        private static void segment(ByteArrayOutputStream out, byte[] payload, byte[] src, int sport, byte[] dst,
                                    int dport, long[] seq, int dir, int[] time) {
            int len = 40 + payload.length;
            ByteBuffer ip = ByteBuffer.allocate(len);
            ip.put((byte) 0x45).put((byte) 0).putShort((short) len).putShort((short) 1).putShort((short) 0x4000)
                    .put((byte) 64).put((byte) 6).putShort((short) 0).put(src).put(dst);
            int sum = 0;
            for (int i = 0; i < 20; i += 2) {
                sum += ((ip.get(i) & 0xff) << 8) | (ip.get(i + 1) & 0xff);
            }
            sum = (sum & 0xffff) + (sum >>> 16);
            ip.putShort(10, (short) ~sum);
            ip.putShort((short) sport).putShort((short) dport).putInt((int) seq[dir]).putInt((int) seq[1 - dir])
                    .put((byte) 0x50).put((byte) 0x18).putShort((short) 65535).putShort((short) 0).putShort((short) 0)
                    .put(payload);
            seq[dir] += payload.length;
            ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(time[0]++).putInt(0).putInt(len).putInt(len);
            out.writeBytes(h.array());
            out.writeBytes(ip.array());
        }
    }
}
