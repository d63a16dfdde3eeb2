package io.sipim.sip.interop;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** SIPp (Debian {@code sip-tester}) runs for interop tests, with scenario templates from test resources. */
final class Sipp {
    private Sipp() {
    }

    /** Writes scenario {@code name} from {@code /interop/sipp/} with {@code @METHOD@} replaced, into {@code dir}. */
    static Path scenario(String name, String method, Path dir) throws Exception {
        String xml;
        try (InputStream in = Sipp.class.getResourceAsStream("/interop/sipp/" + name)) {
            xml = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        Files.createDirectories(dir);
        Path f = dir.resolve(method.toLowerCase(java.util.Locale.ROOT) + "-" + name);
        Files.writeString(f, xml.replace("@METHOD@", method), StandardCharsets.ISO_8859_1);
        return f;
    }

    /**
     * Starts SIPp with a scenario (file or built-in {@code -sn}), on 127.0.0.1:{@code port}, for
     * {@code calls} calls, over {@code transport} ({@code u1} or {@code t1}); {@code remote} is
     * {@code host:port} or null for a UAS.
     */
    static PeerProcess start(String name, List<String> scenario, int port, String transport, int calls, String remote,
                             Path dir, String... extra) throws Exception {
        Path exe = Peers.require("sipp", "sip-tester");
        List<String> cmd = new ArrayList<>(List.of(exe.toString()));
        cmd.addAll(scenario);
        cmd.addAll(List.of("-i", "127.0.0.1", "-p", Integer.toString(port), "-t", transport, "-m", Integer.toString(calls),
                "-nostdin", "-timeout", "30s", "-timeout_error", "-trace_err", "-trace_msg",
                "-message_file", dir.resolve(name + "_messages.log").toString()));
        cmd.addAll(List.of(extra));
        if (remote != null) {
            cmd.add(remote);
        }
        return PeerProcess.start(name, cmd, dir);
    }
}
