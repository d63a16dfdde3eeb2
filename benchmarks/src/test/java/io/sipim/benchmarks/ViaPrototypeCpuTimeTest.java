package io.sipim.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipim.benchmarks.ViaPrototypeCpuTime.ViaRanges;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The prototype's figure only counts if it does the work it claims: scan, type and check. */
class ViaPrototypeCpuTimeTest {

    @Test
    void typesTheLineItMeasures() {
        String line = "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;received=192.0.2.10;rport=5060";
        byte[] b = ViaPrototypeCpuTime.block(line);
        Object[] out = new Object[100];
        assertEquals(100, ViaPrototypeCpuTime.parse(b, out));
        ViaRanges v = (ViaRanges) out[99];
        int lineStart = 99 * (line.length() + 2);
        assertEquals("UDP", v.transport());
        assertEquals("192.0.2.10", line.substring(v.hostStart() - lineStart, v.hostEnd() - lineStart));
        assertEquals(5060, v.port());
        assertEquals(3, v.paramCount());
        int base = 3 * 3 * 99;
        int[] branch = Arrays.copyOfRange(v.params(), base, base + 3);
        int ns = line.indexOf("branch");
        assertArrayEquals(new int[] {ns, ns + "branch".length(), line.indexOf(";received")},
                new int[] {branch[0] - lineStart, branch[1] - lineStart, branch[2] - lineStart});
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Via: SIP/2.0/UDP 192.0.2.10;received=example.com", "Via: SIP/2.0/UDP 192.0.2.10;branch",
        "Via: SIP/2.0/UDP 192.0.2.10;rport=65536", "Via: SIP/2.0/UDP 192.0.2.10:65536", "Via: SIP/2.0/UDP 1.2.3",
        "Via: SIP/2.0/UDP 256.1.1.1", "Via: SIP/2.0/UDP host-.com", "Via: SIP/2.0/UDP example.3com",
        "Via: SIP/2.0/UDP h;x=\"q\"", "Via: SIP/2.0/UDP h, SIP/2.0/TCP g", "Via: SIP/2.0/UDP  h", "Via:SIP/2.0/UDP h"
    })
    void refusesWhatItDoesNotCheck(String line) {
        assertEquals(-1, ViaPrototypeCpuTime.parse(ViaPrototypeCpuTime.block(line), new Object[100]), line);
    }
}
