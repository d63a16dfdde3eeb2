package io.sipim.msrp.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpUri;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MsrpMediaTest {

    /** RFC 5547 §9.1's offer of a file, without its i= line. */
    static final List<Map.Entry<String, String>> RFC5547_OFFER = List.of(
            entry("sendonly", null),
            entry("accept-types", "message/cpim"),
            entry("accept-wrapped-types", "*"),
            entry("path", "msrp://atlanta.example.com:7654/jshA7weztas;tcp"),
            entry("file-selector", FileSelectorTest.RFC5547_EXAMPLE),
            entry("file-transfer-id", "vBnG916bdberum2fFEABR1FR3ExZMUrd"),
            entry("file-disposition", "attachment"),
            entry("file-date", "creation:\"Mon, 10 Jul 2006 10:20:30 +0000\""),
            entry("file-icon", "cid:id2@alicepc.example.com"),
            entry("max-size", "332000"));

    static Map.Entry<String, String> entry(String name, String value) {
        return new SimpleImmutableEntry<>(name, value);
    }

    @Test
    void rfc4975Section8_7Offer() {
        MsrpMedia m = MsrpMedia.fromAttributes(7654, "TCP/MSRP", List.of(
                entry("accept-types", "text/plain"),
                entry("path", "msrp://atlanta.example.com:7654/jshA7weztas;tcp")));
        assertEquals(7654, m.port());
        assertFalse(m.secure());
        assertEquals("message 7654 TCP/MSRP *", m.mediaLine());
        assertEquals("jshA7weztas", m.path().endpoint().sessionId());
        assertTrue(m.accepts("text/plain"));
        assertFalse(m.accepts("text/html"));
        assertEquals(List.of(entry("path", "msrp://atlanta.example.com:7654/jshA7weztas;tcp"),
                entry("accept-types", "text/plain")), m.attributes());
        assertEquals("m=message 7654 TCP/MSRP *\r\na=path:msrp://atlanta.example.com:7654/jshA7weztas;tcp\r\n"
                + "a=accept-types:text/plain\r\n", m.toString());
    }

    @Test
    void rfc5547Section9_1FileOffer() {
        MsrpMedia m = MsrpMedia.fromAttributes(7654, "TCP/MSRP", RFC5547_OFFER);
        assertEquals(Optional.of("My cool picture.jpg"), m.fileSelector().orElseThrow().name());
        assertEquals(FileDisposition.ATTACHMENT, m.fileDisposition().orElseThrow());
        assertEquals("id2@alicepc.example.com", m.fileIcon().orElseThrow().contentId());
        assertEquals(332000, m.maxSize().orElseThrow().bytes());
        assertTrue(m.acceptWrappedTypes().orElseThrow().acceptsAnything());
        assertEquals(List.of(entry("sendonly", null)), m.otherAttributes());
        // every attribute comes back, the known ones first, the unknown one last
        List<Map.Entry<String, String>> back = m.attributes();
        assertEquals(RFC5547_OFFER.size(), back.size());
        assertTrue(back.containsAll(RFC5547_OFFER));
        assertEquals(entry("sendonly", null), back.get(back.size() - 1));
        assertEquals(m, MsrpMedia.fromAttributes(m.port(), m.proto(), back));
    }

    @Test
    void rfc6135TlsWithSetupAndFingerprint() {
        Path path = Path.parse("msrps://bob.example.com:8888/9di4eae923wzd;tcp");
        Fingerprint fp = Fingerprint.of("sha-256", new byte[] {1, 2, 3});
        MsrpMedia m = MsrpMedia.builder(8888, path).acceptTypes("message/cpim", "text/plain").setup(Setup.ACTPASS)
                .fingerprint(fp).attribute("connection", "new").build();
        assertTrue(m.secure());
        assertEquals("TCP/TLS/MSRP", m.proto());
        assertEquals(Optional.of(Setup.ACTPASS), m.setup());
        assertEquals(List.of(fp), m.fingerprints());
        MsrpMedia back = MsrpMedia.fromAttributes(8888, "TCP/TLS/MSRP", m.attributes());
        assertEquals(m, back);
        assertEquals(m.hashCode(), back.hashCode());
        assertEquals(m, m.toBuilder().build());
        assertEquals(Setup.ACTIVE, Setup.answerTo(back.setup().orElseThrow()));
    }

    @Test
    void rfc4975Section8RejectsWhatItForbids() {
        String tcpPath = "msrp://a.example.com:7654/s;tcp";
        List<Map.Entry<String, String>> ok = List.of(entry("path", tcpPath), entry("accept-types", "*"));
        failsWith("proto", () -> MsrpMedia.fromAttributes(9, "RTP/AVP", ok), -1);
        failsWith("proto", () -> MsrpMedia.fromAttributes(9, "TCP/TLS/MSRP", ok), -1);
        failsWith("port", () -> MsrpMedia.fromAttributes(70000, "TCP/MSRP", ok), -1);
        failsWith("a=path", () -> MsrpMedia.fromAttributes(9, "TCP/MSRP", List.of(entry("accept-types", "*"))), -1);
        failsWith("a=accept-types", () -> MsrpMedia.fromAttributes(9, "TCP/MSRP", List.of(entry("path", tcpPath))), -1);
        failsWith("msrps", () -> MsrpMedia.fromAttributes(9, "TCP/MSRP",
                List.of(entry("path", "msrps://a.example.com:7654/s;tcp"), entry("accept-types", "*"))), -1);
        failsWith("twice", () -> MsrpMedia.fromAttributes(9, "TCP/MSRP",
                List.of(entry("path", tcpPath), entry("accept-types", "*"), entry("path", tcpPath))), -1);
        failsWith("needs a value", () -> MsrpMedia.fromAttributes(9, "TCP/MSRP",
                List.of(entry("path", null), entry("accept-types", "*"))), -1);
        // a bad value: the attribute's name in the reason, the index in its value as the offset
        failsWith("a=max-size", () -> MsrpMedia.fromAttributes(9, "TCP/MSRP",
                List.of(entry("path", tcpPath), entry("accept-types", "*"), entry("max-size", "12x"))), 2);
        failsWith("token", () -> MsrpMedia.fromAttributes(9, "TCP/MSRP",
                List.of(entry("path", tcpPath), entry("accept-types", "*"), entry("x y", "1"))), -1);
        failsWith("CR", () -> MsrpMedia.fromAttributes(9, "TCP/MSRP",
                List.of(entry("path", tcpPath), entry("accept-types", "*"), entry("x", "1\r\na=y"))), -1);
        assertThrows(IllegalArgumentException.class,
                () -> MsrpMedia.builder(9, Path.parse(tcpPath)).attribute("x:y", null));
        assertThrows(IllegalStateException.class,
                () -> MsrpMedia.builder(9, Path.parse(tcpPath)).build());
        assertThrows(IllegalArgumentException.class,
                () -> MsrpMedia.builder(9, Path.parse(tcpPath)).attribute("path", tcpPath));
    }

    @Test
    void theFirstHopDecidesTheScheme() {
        // RFC 4976: a TLS relay in front of the endpoint
        MsrpMedia m = MsrpMedia.fromAttributes(9, "TCP/TLS/MSRP", List.of(
                entry("path", "msrps://relay.example.com;tcp msrps://bob.example.com:8888/9di4eae923wzd;tcp"),
                entry("accept-types", "text/plain")));
        assertEquals("relay.example.com", m.path().first().host());
    }

    private static void failsWith(String inReason, Runnable r, long offset) {
        MsrpParseException e = assertThrows(MsrpParseException.class, r::run);
        assertTrue(e.reason().contains(inReason), e.reason());
        assertEquals(400, e.status());
        assertEquals(offset, e.offset(), e.getMessage());
    }

    @Property(tries = 300)
    void roundTripThroughAttributes(@ForAll("media") MsrpMedia m) {
        MsrpMedia back = MsrpMedia.fromAttributes(m.port(), m.proto(), m.attributes());
        assertEquals(m, back);
        assertEquals(m.attributes(), back.attributes());
    }

    @Property(tries = 500)
    void mutatedAttributesGiveAMediaOrAParseException(@ForAll("media") MsrpMedia m,
            @ForAll("noise") String replacement, @ForAll int which, @ForAll boolean name) {
        List<Map.Entry<String, String>> attrs = new ArrayList<>(m.attributes());
        int i = Math.floorMod(which, attrs.size() + 1);
        if (i == attrs.size()) {
            attrs.add(entry(replacement, replacement));
        } else if (name) {
            attrs.set(i, entry(replacement, attrs.get(i).getValue()));
        } else {
            attrs.set(i, entry(attrs.get(i).getKey(), replacement));
        }
        try {
            MsrpMedia parsed = MsrpMedia.fromAttributes(m.port(), m.proto(), attrs);
            assertEquals(parsed, MsrpMedia.fromAttributes(parsed.port(), parsed.proto(), parsed.attributes()));
        } catch (MsrpParseException expected) {
            assertEquals(400, expected.status());
        }
    }

    @Provide
    Arbitrary<MsrpMedia> media() {
        Arbitrary<Boolean> secure = Arbitraries.of(true, false);
        return secure.flatMap(tls -> Combinators.combine(
                Arbitraries.integers().between(0, 65535),
                Generators.uris(tls).list().ofMinSize(1).ofMaxSize(3).map(Path::of),
                Generators.acceptEntries().list().ofMinSize(1).ofMaxSize(3).map(AcceptTypes::of),
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(MaxSize::of).injectNull(0.5),
                Arbitraries.of(Setup.class).injectNull(0.3),
                Combinators.combine(Arbitraries.of("sha-1", "sha-256"), Generators.hashes()).as(Fingerprint::ofHash)
                        .list().ofMaxSize(2),
                Generators.sdpTokens().map(FileTransferId::new).injectNull(0.5),
                Arbitraries.longs().between(1, 1000).map(FileRange::from).injectNull(0.5))
                .as((port, path, types, max, setup, fps, ftid, range) -> {
                    MsrpMedia.Builder b = MsrpMedia.builder(port, path).acceptTypes(types).maxSize(max).setup(setup)
                            .fileTransferId(ftid).fileRange(range).attribute("sendonly", null);
                    fps.forEach(b::fingerprint);
                    return b.build();
                }));
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.oneOf(Checks.noise("msrp:/;* aZ09\"-"),
                Arbitraries.of("path", "accept-types", "max-size", "setup", "fingerprint", "file-selector", "file-range"),
                Generators.uris(true).map(MsrpUri::toString));
    }
}
