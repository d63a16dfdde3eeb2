package io.sipim.msrp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads a capture file with tshark (found by {@link Peers#require}) through a display filter. */
public final class Tshark {
    private Tshark() {
    }

    /**
     * What {@code tshark -r pcap -Y filter more...} prints on standard output; fails the calling
     * test when tshark does not finish within a minute or exits with a non-zero status.
     */
    public static String read(Path exe, Path pcap, String filter, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), "-r", pcap.toString(), "-Y", filter));
        cmd.addAll(List.of(more));
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark finished");
        assertEquals(0, p.exitValue(), "tshark exit status for filter " + filter);
        return out;
    }
}
