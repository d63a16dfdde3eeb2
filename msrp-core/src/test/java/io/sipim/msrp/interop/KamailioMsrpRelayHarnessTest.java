package io.sipim.msrp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness itself: Kamailio's msrp relay starts from the test resource and challenges an AUTH
 * without credentials. Raw bytes on a plain socket, so this holds before msrp-core has a parser.
 */
@Tag("interop")
class KamailioMsrpRelayHarnessTest {
    @TempDir
    static Path work;
    static KamailioMsrpRelay relay;

    @BeforeAll
    static void start() throws Exception {
        relay = KamailioMsrpRelay.start("relay.sipim.test", Map.of("alice", "secret"), work);
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    @DisplayName("RFC 4976 §5.1: an AUTH without Authorization gets 401 with a Digest WWW-Authenticate")
    void authWithoutCredentialsIsChallenged() throws Exception {
        String me = "msrp://127.0.0.1:9/x7Gq2pLk;tcp";
        String auth = "MSRP a1b2c3 AUTH\r\n"
                + "To-Path: " + relay.uri() + "\r\n"
                + "From-Path: " + me + "\r\n"
                + "Message-ID: m1\r\n"
                + "-------a1b2c3$\r\n";
        String answer;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", relay.port), 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(auth.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            answer = readFrame(s.getInputStream(), "a1b2c3");
        }
        String[] lines = answer.split("\r\n", -1);
        // RFC 4975 §9: response = "MSRP" SP transact-id SP status-code [SP comment] CRLF
        String[] status = lines[0].split(" ", 4);
        assertEquals("MSRP", status[0], answer + relay.output());
        assertEquals("a1b2c3", status[1], answer);
        assertEquals("401", status[2], answer + relay.output());
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length && !lines[i].startsWith("-------"); i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon), lines[i].substring(colon + 1).trim());
        }
        assertEquals(me, headers.get("To-Path"), answer);
        assertEquals(relay.uri(), headers.get("From-Path"), answer);
        String challenge = headers.get("WWW-Authenticate");
        assertNotNull(challenge, answer);
        assertTrue(challenge.startsWith("Digest "), challenge);
        assertTrue(challenge.contains("realm=\"relay.sipim.test\""), challenge);
        assertTrue(challenge.contains("nonce=\""), challenge);
        assertTrue(challenge.contains("qop=\"auth\""), challenge);
        assertEquals("-------a1b2c3$", lines[lines.length - 2], answer);
        assertTrue(relay.isAlive(), relay.output());
    }

    /** Reads until the end-line of transaction {@code tid} (RFC 4975 §7.1: "-------" tid flag CRLF). */
    private static String readFrame(InputStream in, String tid) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        Pattern end = Pattern.compile("\r\n-------" + Pattern.quote(tid) + "[$+#]\r\n");
        byte[] buf = new byte[4096];
        while (true) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("connection closed after: " + got.toString(StandardCharsets.US_ASCII));
            }
            got.write(buf, 0, n);
            String text = got.toString(StandardCharsets.US_ASCII);
            Matcher m = end.matcher(text);
            if (m.find()) {
                return text.substring(0, m.end());
            }
        }
    }
}
