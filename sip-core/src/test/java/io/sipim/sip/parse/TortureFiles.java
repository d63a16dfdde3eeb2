package io.sipim.sip.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.message.Header;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.Uri;
import io.sipim.sip.message.Via;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shared helpers of the RFC 4475 and RFC 5118 torture tests: loading the archived bytes and common assertions. */
final class TortureFiles {
    private TortureFiles() {}

    /** The bytes of {@code torture/<path>} from the test class path. */
    static byte[] read(String path) {
        try (InputStream in = TortureFiles.class.getResourceAsStream("/torture/" + path)) {
            assertNotNull(in, "missing test resource torture/" + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static SipMessage parse(byte[] bytes) {
        return new SipParser().parseDatagram(bytes);
    }

    static SipParseException rejected(byte[] bytes, int status) {
        SipParseException e = assertThrows(SipParseException.class, () -> new SipParser().parseDatagram(bytes));
        assertEquals(status, e.status(), () -> "status of " + e.getMessage());
        return e;
    }

    static SipUri sip(Uri uri) {
        return assertInstanceOf(SipUri.class, uri);
    }

    static void assertVia(Via v, String transport, String host, int port, String branch) {
        assertEquals("SIP", v.protocolName());
        assertEquals("2.0", v.protocolVersion());
        assertEquals(transport, v.transport(), "transport of " + v);
        assertEquals(host, v.host(), "host of " + v);
        assertEquals(port, v.port(), "port of " + v);
        assertEquals(branch, v.branch(), "branch of " + v);
    }

    static void assertReason(SipParseException e, String substring) {
        assertTrue(e.reason().contains(substring), () -> "reason '" + e.reason() + "' should contain '" + substring + "'");
    }

    /** The spelled names of the header lines, in order. */
    static List<String> spelledNames(SipMessage m) {
        List<String> out = new ArrayList<>();
        for (Header h : m.headers()) {
            out.add(h.spelledName());
        }
        return out;
    }

    /** Name and value of every extension (untyped) header line, in order. */
    static List<String> unknownHeaders(SipMessage m) {
        List<String> out = new ArrayList<>();
        for (Header h : m.headers()) {
            if (!h.name().isKnown()) {
                out.add(h.spelledName() + ": " + h.value());
            }
        }
        return out;
    }

    /**
     * parse → encode → parse gives an equal message with the same header lines in the same order,
     * the same extension headers and the same body.
     *
     * @param checkEquals false only where a known production bug keeps {@code equals} from holding
     */
    static void assertRoundTrip(SipMessage m, boolean checkEquals) {
        SipMessage again = parse(m.encode());
        assertEquals(m.startLine(), again.startLine());
        assertEquals(spelledNames(m), spelledNames(again));
        assertEquals(unknownHeaders(m), unknownHeaders(again));
        assertEquals(m.via(), again.via());
        assertEquals(m.from(), again.from());
        assertEquals(m.to(), again.to());
        assertEquals(m.callId(), again.callId());
        assertEquals(m.cseq(), again.cseq());
        assertEquals(m.contacts(), again.contacts());
        assertEquals(m.routes(), again.routes());
        assertEquals(m.contentType(), again.contentType());
        assertEquals(HexFormat.of().formatHex(m.body()), HexFormat.of().formatHex(again.body()));
        if (checkEquals) {
            assertEquals(m, again);
            assertEquals(m.hashCode(), again.hashCode());
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One entry of expectations.json, the fields the tests use. */
    record Entry(String file, boolean valid, String sha256) {}

    private static final Pattern ENTRY = Pattern.compile(
            "\"file\":\\s*\"([^\"]+\\.dat)\".*?\"valid\":\\s*(true|false).*?\"sha256\":\\s*\"([0-9a-f]{64})\"", Pattern.DOTALL);

    /** The entries of expectations.json, by file, in order (read with a regex: the tests have no JSON library). */
    static Map<String, Entry> expectations() {
        String json = new String(read("expectations.json"), StandardCharsets.UTF_8);
        Map<String, Entry> out = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(json);
        while (m.find()) {
            out.put(m.group(1), new Entry(m.group(1), Boolean.parseBoolean(m.group(2)), m.group(3)));
        }
        return out;
    }
}
