package io.sipim.msrp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sipim.msrp.session.BodySource;
import io.sipim.msrp.session.MsrpSession;
import io.sipim.msrp.session.MsrpStack;
import io.sipim.msrp.session.ReceivedMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live capture on the loopback interface: two SIPIM stacks talk over real TCP (binding SEND,
 * chat, a chunked message with a success REPORT) while tshark captures the receiver's port; tshark
 * must decode MSRP frames from it (it reads only the first frame of each TCP segment, so not every
 * frame) with no malformed or error flag, and find every kind of frame that was sent. Skips
 * loudly where capturing is not allowed (capturing needs root or the pcap capabilities).
 */
@Tag("interop")
@Timeout(120)
class TsharkLoopbackCaptureTest {
    @TempDir
    Path work;

    @Test
    void tsharkDecodesSipimTrafficCapturedOnLoopback() throws Exception {
        Path tshark = Peers.require("tshark", "tshark");
        int port = Peers.freePort();
        Path pcap = work.resolve("lo.pcapng");
        Process capture = new ProcessBuilder(tshark.toString(), "-i", "lo", "-f", "tcp port " + port, "-w",
                pcap.toString()).redirectErrorStream(true).redirectOutput(work.resolve("tshark.log").toFile()).start();
        try {
            for (int i = 0; i < 100 && !Files.readString(work.resolve("tshark.log")).contains("Capturing on"); i++) {
                Thread.sleep(100);
            }
            String log = Files.readString(work.resolve("tshark.log"));
            if (!log.contains("Capturing on")) {
                String msg = "*** INTEROP TEST SKIPPED: tshark cannot capture on lo here (needs root or pcap capabilities): "
                        + log.strip() + " ***";
                System.err.println(msg);
                assumeTrue(false, msg);
            }
            Thread.sleep(500);
            try (MsrpStack bob = MsrpStack.builder().listen(new InetSocketAddress("127.0.0.1", port)).build();
                 MsrpStack alice = MsrpStack.builder().chunkSize(4096).build()) {
                MsrpSession b = bob.newSession();
                MsrpSession a = alice.newSession();
                CompletableFuture<ReceivedMessage> got = new CompletableFuture<>();
                b.onMessage(m -> {
                    if (m.size() > 100) {
                        got.complete(m);
                    }
                }).accept(a.localPath());
                a.connect(b.localPath()).get(10, TimeUnit.SECONDS);
                assertTrue(a.send("captured on lo").completion().get(10, TimeUnit.SECONDS).delivered());
                assertTrue(a.message("application/octet-stream", BodySource.of(new byte[40_000])).successReport(true)
                        .send().completion().get(10, TimeUnit.SECONDS).delivered());
                got.get(10, TimeUnit.SECONDS);
            }
            Thread.sleep(1000);
        } finally {
            capture.destroy();
            capture.waitFor(10, TimeUnit.SECONDS);
        }
        String fields = Tshark.read(tshark, pcap, "msrp", "-T", "fields", "-E", "separator=|", "-E", "occurrence=f",
                "-e", "msrp.method", "-e", "msrp.status.code", "-e", "msrp.byte.range");
        List<String> lines = new ArrayList<>(fields.strip().lines().toList());
        assertTrue(lines.size() >= 3, "tshark decoded MSRP frames from the capture:\n" + fields);
        Set<String> kinds = new HashSet<>();
        for (String line : lines) {
            String[] f = line.split("\\|", -1);
            kinds.add(!f[0].isEmpty() ? f[0] : f[1]);
        }
        assertTrue(kinds.contains("SEND") && kinds.contains("200"), "SENDs and 200s seen: " + kinds);
        String bad = Tshark.read(tshark, pcap, "_ws.malformed or _ws.expert.severity >= \"error\"");
        assertEquals("", bad.strip(), "malformed or error-flagged frames:\n" + bad);
    }
}
