package io.sipim.msrp.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A peer program run for a test, its output going to a log file that failures can show.
 *
 * <p>The same as sip-core's {@code io.sipim.sip.interop.PeerProcess}, copied on purpose: a test-jar
 * dependency on sip-core compiles and runs (module-info and surefire are fine), but then
 * {@code mvn -o -pl msrp-core verify} cannot resolve sip-core's test-jar unless sip-core is
 * installed or built in the same reactor ({@code -am}), and msrp-core must build alone.
 */
final class PeerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final String name;

    private PeerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static PeerProcess start(String name, List<String> command, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Path log = workDir.resolve(name + ".log");
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new PeerProcess(name, p, log);
    }

    /** Waits for the process to exit; returns its exit code, or -1 after killing it on timeout. */
    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The output so far (last 6,000 characters), for assertion messages. */
    String output() {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            Path messages = log.resolveSibling(name + "_messages.log");
            String m = Files.exists(messages) ? Files.readString(messages, StandardCharsets.ISO_8859_1) : "";
            return name + " output:\n" + (s.length() > 6000 ? s.substring(s.length() - 6000) : s)
                    + (m.isEmpty() ? "" : "\n" + name + " messages:\n" + (m.length() > 6000 ? m.substring(m.length() - 6000) : m));
        } catch (IOException e) {
            return name + " output unavailable: " + e;
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop() throws InterruptedException {
        // Kamailio forks children that exit with their parent; note them first to reap any straggler.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
