package io.sipim.msrp.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finding real peers (Debian packages that {@code .ci/run} installs) and free loopback ports.
 * A test whose peer is missing is skipped with a loud message on standard error, so a local run
 * without the packages still passes but nobody mistakes the skip for a pass.
 *
 * <p>The same as sip-core's {@code io.sipim.sip.interop.Peers}, copied on purpose: a test-jar
 * dependency on sip-core compiles and runs (module-info and surefire are fine), but then
 * {@code mvn -o -pl msrp-core verify} cannot resolve sip-core's test-jar unless sip-core is
 * installed or built in the same reactor ({@code -am}), and msrp-core must build alone.
 */
public final class Peers {
    private Peers() {
    }

    /** The executable's path; skips the calling test loudly when it is not installed. */
    public static Path require(String executable, String debianPackage) {
        for (String dir : new String[] {"/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"}) {
            Path p = Path.of(dir, executable);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String msg = "*** INTEROP TEST SKIPPED: " + executable + " is not installed (apt-get install -y "
                + debianPackage + "; .ci/run installs it) ***";
        System.err.println(msg);
        assumeTrue(false, msg);
        throw new AssertionError("unreachable");
    }

    /** Skips the calling test loudly when {@code file} (a peer's plugin, say) is not installed. */
    public static void requireFile(Path file, String debianPackage) {
        if (!Files.exists(file)) {
            String msg = "*** INTEROP TEST SKIPPED: " + file + " is missing (apt-get install -y " + debianPackage
                    + "; .ci/run installs it) ***";
            System.err.println(msg);
            assumeTrue(false, msg);
        }
    }

    /** A port free for both UDP and TCP on 127.0.0.1 right now. */
    public static int freePort() throws IOException {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        for (int i = 0; i < 50; i++) {
            try (ServerSocket s = new ServerSocket(0, 1, lo)) {
                int port = s.getLocalPort();
                try {
                    new DatagramSocket(port, lo).close();
                    return port;
                } catch (IOException busy) {
                    // UDP side taken; try another.
                }
            }
        }
        throw new IOException("no free port on 127.0.0.1");
    }
}
