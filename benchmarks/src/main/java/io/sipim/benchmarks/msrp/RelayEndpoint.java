package io.sipim.benchmarks.msrp;

import io.sipim.msrp.relay.MsrpRelay;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * SIPIM's relay for the relay trials ({@link RelayTrials}), in its own JVM:
 * {@code RelayEndpoint --sipim-relay [--chunk N]} starts an {@link MsrpRelay} on a free loopback
 * port that re-chunks to N bytes (default 8 KiB) and knows the users alice and bob, prints
 * {@code READY <relay uri>}, and runs until its stdin closes; then it prints
 * {@code DONE peakBuffered=... cpu_ms=... heap=...} (the CPU time of the whole process).
 */
public final class RelayEndpoint {
    static final String REALM = "bench.sipim";
    static final Map<String, String> USERS = Map.of("alice", "alice-secret", "bob", "bob-secret");

    private RelayEndpoint() {
    }

    public static void main(String[] args) throws Exception {
        int chunk = 8 * 1024;
        if (args.length == 0 || !args[0].equals("--sipim-relay")) {
            System.err.println("usage: RelayEndpoint --sipim-relay [--chunk N]");
            System.exit(2);
        }
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--chunk")) {
                chunk = Integer.parseInt(args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
        }
        try (MsrpRelay relay = MsrpRelay.builder().listen(new InetSocketAddress("127.0.0.1", 0)).realm(REALM)
                .users(USERS).maxChunkBytes(chunk).start()) {
            System.out.println("READY " + relay.uri());
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the benchmark closes our stdin
            }
            System.out.println("DONE peakBuffered=" + relay.peakBufferedBytes() + " cpu_ms="
                    + MsrpEndpoint.cpuNanos() / 1_000_000 + " " + MsrpEndpoint.heap());
        }
    }
}
