package io.sipim.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stateful MESSAGE load over UDP: SIPp sends MESSAGE at a fixed rate for a trial period to a
 * server that answers each through a server transaction; the highest rate with fewer than 0.1 %
 * failed transactions (no 200 within 8 s) is recorded for each server, all in one run on the
 * same machine: SIPIM ({@link SipimMessageServer}), Kamailio with {@code tm}, and JAIN-SIP RI
 * ({@link JainSipMessageServer}).
 *
 * <p>Search: rates climb in steps until a trial fails, then bisect between the last pass and the
 * first failure down to {@code --resolution}. Usage:
 * {@code java -cp benchmarks.jar io.sipim.benchmarks.load.LoadBenchmark [--servers sipim,kamailio,jain]
 * [--seconds 20] [--start 2000] [--step 4000] [--max 60000] [--resolution 1000]}
 */
public final class LoadBenchmark {
    private static final Pattern STAT = Pattern.compile("^\\s*(Successful call|Failed call)\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)");

    private int seconds = 20;
    private int start = 2000;
    private int step = 4000;
    private int max = 60000;
    private int resolution = 1000;
    private List<String> servers = List.of("sipim", "kamailio", "jain");
    private final Path work;
    private final String jar;

    private LoadBenchmark() throws IOException {
        work = Files.createTempDirectory("sipim-load");
        jar = Path.of(LoadBenchmark.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
    }

    /** One trial's outcome. */
    record Trial(int rate, long ok, long failed) {
        boolean passed() {
            long total = ok + failed;
            return total > 0 && failed * 1000 < total && ok >= (long) rate * 9 / 10;
        }

        double failedPercent() {
            return ok + failed == 0 ? 100 : 100.0 * failed / (ok + failed);
        }
    }

    public static void main(String[] args) throws Exception {
        LoadBenchmark b = new LoadBenchmark();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--servers" -> b.servers = List.of(v.split(","));
                case "--seconds" -> b.seconds = Integer.parseInt(v);
                case "--start" -> b.start = Integer.parseInt(v);
                case "--step" -> b.step = Integer.parseInt(v);
                case "--max" -> b.max = Integer.parseInt(v);
                case "--resolution" -> b.resolution = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Map<String, Trial> best = new LinkedHashMap<>();
        for (String s : b.servers) {
            best.put(s, b.search(s));
        }
        System.out.println();
        System.out.println("| server | highest rate with < 0.1 % failed (MESSAGE/s) | failed at that rate |");
        System.out.println("|---|---:|---:|");
        for (Map.Entry<String, Trial> e : best.entrySet()) {
            Trial t = e.getValue();
            System.out.printf("| %s | %,d | %.3f %% |%n", e.getKey(), t == null ? 0 : t.rate, t == null ? 0.0 : t.failedPercent());
        }
    }

    private Trial search(String server) throws Exception {
        Trial lastPass = null;
        int failRate = -1;
        for (int rate = start; rate <= max; rate += step) {
            Trial t = trial(server, rate);
            if (t.passed()) {
                lastPass = t;
            } else {
                failRate = rate;
                break;
            }
        }
        if (failRate < 0) {
            return lastPass;
        }
        int lo = lastPass == null ? 0 : lastPass.rate;
        int hi = failRate;
        while (hi - lo > resolution) {
            int mid = (lo + hi) / 2 / 100 * 100;
            Trial t = trial(server, mid);
            if (t.passed()) {
                lastPass = t;
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lastPass;
    }

    /** A fresh server process, one SIPp run at {@code rate} for {@code seconds}, then both stopped. */
    private Trial trial(String server, int rate) throws Exception {
        int port = freePort();
        Process srv = startServer(server, port);
        try {
            Path scenario = resource("/load/sipp-message.xml", "sipp-message.xml");
            // A short warm-up so that JIT compilation is not counted against the JVM servers.
            runSipp(scenario, port, Math.min(rate, 2000), 3);
            Trial t = runSipp(scenario, port, rate, seconds);
            System.out.printf("%-9s rate %,6d/s: %,d ok, %,d failed (%.3f %%) -> %s%n", server, rate, t.ok, t.failed,
                    t.failedPercent(), t.passed() ? "pass" : "FAIL");
            return t;
        } finally {
            List<ProcessHandle> kids = srv.descendants().toList();
            srv.destroy();
            if (!srv.waitFor(5, TimeUnit.SECONDS)) {
                srv.destroyForcibly();
            }
            kids.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private Trial runSipp(Path scenario, int serverPort, int rate, int secs) throws Exception {
        long calls = (long) rate * secs;
        List<String> cmd = List.of("sipp", "-sf", scenario.toString(), "-i", "127.0.0.1", "-p", Integer.toString(freePort()),
                "-t", "u1", "-r", Integer.toString(rate), "-m", Long.toString(calls), "-l", Integer.toString(rate * 10),
                "-nostdin", "-max_recv_loops", "10000", "-max_sched_loops", "10000", "-buff_size", "8388608",
                "127.0.0.1:" + serverPort);
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).start();
        long ok = 0;
        long failed = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.ISO_8859_1))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = STAT.matcher(line);
                if (m.find()) {
                    if (m.group(1).startsWith("Successful")) {
                        ok = Long.parseLong(m.group(2));
                    } else {
                        failed = Long.parseLong(m.group(2));
                    }
                }
            }
        }
        if (!p.waitFor(secs + 60L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        // Calls SIPp never finished (neither ok nor failed) count as failed.
        failed += Math.max(0, calls - ok - failed);
        return new Trial(rate, ok, failed);
    }

    private Process startServer(String server, int port) throws Exception {
        List<String> cmd = new ArrayList<>();
        switch (server) {
            case "sipim" -> cmd.addAll(List.of("java", "-Xms2g", "-Xmx2g", "-cp", jar,
                    SipimMessageServer.class.getName(), Integer.toString(port)));
            case "jain" -> cmd.addAll(List.of("java", "-Xms2g", "-Xmx2g", "-cp", jar,
                    JainSipMessageServer.class.getName(), Integer.toString(port)));
            case "kamailio" -> {
                Path dir = Files.createDirectories(work.resolve("kamailio-" + port));
                String cfg = read("/load/kamailio-stateful.cfg").replace("@PORT@", Integer.toString(port))
                        .replace("@RUNDIR@", dir.toString());
                Path f = dir.resolve("kamailio.cfg");
                Files.writeString(f, cfg);
                cmd.addAll(List.of("kamailio", "-DD", "-E", "-f", f.toString(), "-Y", dir.toString(), "-w", dir.toString(),
                        "-m", "2048"));
            }
            default -> throw new IllegalArgumentException("unknown server " + server);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(work.resolve(server + "-" + port + ".log").toFile()).start();
        Path log = work.resolve(server + "-" + port + ".log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String out = Files.readString(log, StandardCharsets.ISO_8859_1);
            if (out.contains("READY") || server.equals("kamailio") && out.contains("init_tcp") || isBound(port)) {
                Thread.sleep(300);
                return p;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(server + " exited: " + out);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(server + " did not start within 20 s");
    }

    private static boolean isBound(int port) {
        try {
            new DatagramSocket(port, InetAddress.getByName("127.0.0.1")).close();
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private Path resource(String name, String file) throws IOException {
        Path f = work.resolve(file);
        Files.writeString(f, read(name), StandardCharsets.ISO_8859_1);
        return f;
    }

    private static String read(String name) throws IOException {
        try (InputStream in = LoadBenchmark.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
