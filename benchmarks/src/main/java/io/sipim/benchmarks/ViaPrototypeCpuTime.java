package io.sipim.benchmarks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A measuring stick, not part of the SDK: a hand-fused parser for one spelling of the Via line
 * ({@code Via: SIP/2.0/<transport> <host>[:<port>]*(;<token>[=<token>])}, hostname or IPv4, branch,
 * received and rport checked), which keeps only ranges: no host {@code String}, no {@code Via}
 * record, no parameter list. It shows how fast scanning, typing and checking a header line gets on
 * this machine with scalar Java code, to set against what SIPIM's parser spends on the same line
 * ({@link SipHeaderCpuTime}). Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * io.sipim.benchmarks.ViaPrototypeCpuTime ['Via: ...' ...]}: each line is repeated 100 times
 * and parsed for 3 s of warm-up, then the best of 30 rounds is printed in nanoseconds per line
 * (thread CPU time).
 */
public final class ViaPrototypeCpuTime {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final long SIP_2_0 = 0x5349502f322e302fL;
    private static final long BRANCH = 0x6272616e6368L;
    private static final long RECEIVED = 0x7265636569766564L;
    private static final long RPORT = 0x72706f7274L;
    /** Bit 1: token character; bit 2: host character (alphanumeric, '.', '-'); bit 4: digit. */
    private static final byte[] CLASS = new byte[256];
    private static final int COPIES = 100;

    static {
        for (int c = 0; c < 128; c++) {
            boolean alnum = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            if (alnum || "-.!%*_+`'~".indexOf(c) >= 0) {
                CLASS[c] |= 1;
            }
            if (alnum || c == '.' || c == '-') {
                CLASS[c] |= 2;
            }
            if (c >= '0' && c <= '9') {
                CLASS[c] |= 4;
            }
        }
    }

    private ViaPrototypeCpuTime() {
    }

    /** One parsed Via: transport, host range, port (-1 when absent) and parameter ranges. */
    record ViaRanges(String transport, int hostStart, int hostEnd, int port, int[] params, int paramCount) {}

    /**
     * Parses the CR LF terminated Via lines of {@code in} (up to the empty line) into {@code out};
     * answers how many, or -1 at the first line this spelling does not cover or that is invalid.
     */
    static int parse(byte[] in, Object[] out) {
        byte[] b = Arrays.copyOf(in, in.length);
        int[] at = new int[3 * 8 * out.length];
        int ai = 0;
        int n = 0;
        int p = 0;
        while (p + 16 < b.length && b[p] != '\r') {
            if ((b[p] | 0x20) != 'v' || (b[p + 1] | 0x20) != 'i' || (b[p + 2] | 0x20) != 'a' || b[p + 3] != ':'
                    || b[p + 4] != ' ' || (long) LONG.get(b, p + 5) != SIP_2_0) {
                return -1;
            }
            int q = p + 13;
            int ts = q;
            while ((CLASS[b[q] & 0xff] & 1) != 0) {
                q++;
            }
            String transport = transport(b, ts, q);
            if (q == ts || b[q++] != ' ') {
                return -1;
            }
            int hs = q;
            q = host(b, q);
            if (q < 0) {
                return -1;
            }
            int he = q;
            int port = -1;
            if (b[q] == ':') {
                int ds = ++q;
                int v = 0;
                while ((CLASS[b[q] & 0xff] & 4) != 0 && q - ds < 5) {
                    v = v * 10 + b[q++] - '0';
                }
                if (q == ds || v > 65535) {
                    return -1;
                }
                port = v;
            }
            int base = ai;
            while (b[q] == ';') {
                int ns = ++q;
                while ((CLASS[b[q] & 0xff] & 1) != 0) {
                    q++;
                }
                int ne = q;
                int ve = ne;
                if (b[q] == '=') {
                    int vs = ++q;
                    while ((CLASS[b[q] & 0xff] & 1) != 0) {
                        q++;
                    }
                    if (q == vs) {
                        return -1;
                    }
                    ve = q;
                }
                if (ne == ns || !viaParam(b, ns, ne, ve)) {
                    return -1;
                }
                at[ai++] = ns;
                at[ai++] = ne;
                at[ai++] = ve;
            }
            if (b[q] != '\r' || b[q + 1] != '\n' || n == out.length) {
                return -1;
            }
            out[n++] = new ViaRanges(transport, hs, he, port, at, (ai - base) / 3);
            p = q + 2;
        }
        return n;
    }

    private static String transport(byte[] b, int from, int to) {
        if (to - from == 3) {
            int t = (b[from] & 0xdf) << 16 | (b[from + 1] & 0xdf) << 8 | b[from + 2] & 0xdf;
            if (t == 0x554450) {
                return "UDP";
            }
            if (t == 0x544350) {
                return "TCP";
            }
            if (t == 0x544c53) {
                return "TLS";
            }
        }
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** A hostname or IPv4 address from {@code q}; the index after it, or -1. */
    private static int host(byte[] b, int q) {
        int start = q;
        int labelStart = q;
        int dots = 0;
        boolean alpha = false;
        for (;; q++) {
            int c = b[q] & 0xff;
            if ((CLASS[c] & 2) == 0) {
                break;
            }
            if (c == '.') {
                if (q == labelStart || b[q - 1] == '-') {
                    return -1;
                }
                dots++;
                labelStart = q + 1;
            } else if ((CLASS[c] & 4) == 0) {
                alpha = true;
            }
        }
        if (q == start || labelStart == q || b[q - 1] == '-') {
            return -1; // empty, a trailing dot (not covered) or a label ending in '-'
        }
        if (alpha ? (CLASS[b[labelStart] & 0xff] & 4) != 0 : dots != 3 || !ipv4(b, start, q)) {
            return -1; // the top label must start with a letter; an IPv4 address has four octets
        }
        return q;
    }

    /** branch needs a value, received an IPv4 address, rport a port or nothing. */
    private static boolean viaParam(byte[] b, int ns, int ne, int ve) {
        int len = ne - ns;
        if (len != 5 && len != 6 && len != 8) {
            return true;
        }
        long name = ((long) LONG.get(b, ns) | 0x2020202020202020L) >>> ((8 - len) << 3);
        if (name == BRANCH) {
            return ve > ne;
        }
        if (name == RECEIVED) {
            return ve > ne && ipv4(b, ne + 1, ve);
        }
        if (name == RPORT && ve > ne) {
            int v = 0;
            for (int i = ne + 1; i < ve; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9 || i - ne > 5) {
                    return false;
                }
                v = v * 10 + d;
            }
            return v <= 65535;
        }
        return true;
    }

    private static boolean ipv4(byte[] b, int from, int to) {
        int parts = 0;
        int v = -1;
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (c == '.') {
                if (v < 0) {
                    return false;
                }
                parts++;
                v = -1;
            } else if (c >= '0' && c <= '9') {
                v = v < 0 ? c - '0' : v * 10 + c - '0';
                if (v > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return parts == 3 && v >= 0;
    }

    /** {@code line} {@link #COPIES} times, each ended by CR LF, then an empty line. */
    static byte[] block(String line) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < COPIES; i++) {
            sb.append(line).append("\r\n");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    public static void main(String[] args) {
        String[] lines = args.length > 0 ? args : new String[] {
            "Via: SIP/2.0/UDP 192.0.2.10",
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;received=192.0.2.10;rport=5060"};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Object[] out = new Object[COPIES];
        long sink = 0;
        for (String line : lines) {
            byte[] b = block(line);
            if (parse(b, out) != COPIES) {
                System.out.println("not covered by the prototype: " + line);
                continue;
            }
            long t0 = mx.getCurrentThreadCpuTime();
            while (mx.getCurrentThreadCpuTime() - t0 < 3_000_000_000L) {
                sink += parse(b, out);
            }
            long best = Long.MAX_VALUE;
            for (int r = 0; r < 30; r++) {
                long t = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < 2000; i++) {
                    sink += parse(b, out);
                }
                best = Math.min(best, mx.getCurrentThreadCpuTime() - t);
            }
            System.out.printf("%7.1f ns  %s%n", best / 2000.0 / COPIES, line);
        }
        if (sink == 42) {
            System.out.println();
        }
    }
}
