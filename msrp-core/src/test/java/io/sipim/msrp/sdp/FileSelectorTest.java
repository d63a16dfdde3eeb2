package io.sipim.msrp.sdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class FileSelectorTest {

    static final String RFC5547_EXAMPLE = "name:\"My cool picture.jpg\" type:image/jpeg size:32349 "
            + "hash:sha-1:72:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E";

    @Test
    void rfc5547Section9Example() {
        FileSelector f = FileSelector.parse(RFC5547_EXAMPLE);
        assertEquals(Optional.of("My cool picture.jpg"), f.name());
        assertEquals(Optional.of("image/jpeg"), f.type());
        assertEquals(OptionalLong.of(32349), f.size());
        assertEquals("sha-1", f.hash().orElseThrow().algorithm());
        assertArrayEquals(HexFormat.of().parseHex("72245FE8653DDAF371362F86D471913EE4A2CE2E"), f.hash().orElseThrow().value());
        assertEquals(RFC5547_EXAMPLE, f.toString());
        assertEquals("file-selector", FileSelector.NAME);
    }

    @Test
    void anySubsetInAnyOrder() {
        FileSelector f = FileSelector.parse("size:32349 name:\"My cool picture.jpg\"");
        assertEquals(OptionalLong.of(32349), f.size());
        assertEquals(Optional.empty(), f.type());
        assertEquals(Optional.empty(), f.hash());
        assertEquals("name:\"My cool picture.jpg\" size:32349", f.toString());
        assertEquals(f, FileSelector.builder().size(32349).name("My cool picture.jpg").build());
        assertEquals(Optional.of("a"), FileSelector.parse("name:\"a\"").name());
    }

    @Test
    void rfc5547Section6PercentEncodedNameIsUtf8() {
        FileSelector f = FileSelector.parse("name:\"%22quoted%22 100%25 caf%C3%A9 na\u00efve.txt\"");
        assertEquals("\"quoted\" 100% caf\u00e9 na\u00efve.txt", f.name().orElseThrow());
        assertEquals("name:\"%22quoted%22 100%25 caf\u00e9 na\u00efve.txt\"", f.toString());
        assertEquals("a%0D%0Ab", FileSelector.builder().name("a\r\nb").build().toString().substring(6, 14));
    }

    @Test
    void typeWithQuotedParameters() {
        FileSelector f = FileSelector.parse("type:text/plain;charset=\"UTF-8\";name=\"a b\" size:0");
        assertEquals(Optional.of("text/plain;charset=\"UTF-8\";name=\"a b\""), f.type());
        assertEquals(OptionalLong.of(0), f.size());
    }

    @Test
    void computesTheSha1OfTheContent() throws Exception {
        byte[] content = "hello".getBytes(StandardCharsets.US_ASCII);
        FileSelector.Hash h = FileSelector.Hash.sha1(content);
        assertEquals("sha-1:AA:F4:C6:1D:DC:C5:E8:A2:DA:BE:DE:0F:3B:48:2C:D9:AE:A9:43:4D", h.toString());
        assertEquals(h, FileSelector.Hash.sha1(new ByteArrayInputStream(content)));
        assertTrue(h.matches(content));
        assertFalse(h.matches(new byte[0]));
        FileSelector f = FileSelector.builder().name("hello.txt").type("text/plain").content(content).build();
        assertEquals("name:\"hello.txt\" type:text/plain size:5 hash:" + h, f.toString());
        assertEquals(f, FileSelector.parse(f.toString()));
        assertEquals(f, f.toBuilder().build());
    }

    @Test
    void rejectsWithIndex() {
        Checks.rejects(FileSelector::parse, "", 0);
        Checks.rejects(FileSelector::parse, "name", 0);
        Checks.rejects(FileSelector::parse, "colour:red", 0);
        Checks.rejects(FileSelector::parse, "name:a.jpg", 5);
        Checks.rejects(FileSelector::parse, "name:\"a.jpg", 11);
        Checks.rejects(FileSelector::parse, "name:\"\"", 6);
        Checks.rejects(FileSelector::parse, "name:\"a%2\"", 7);
        Checks.rejects(FileSelector::parse, "name:\"a%C3\"", 7);
        Checks.rejects(FileSelector::parse, "size:1 size:2", 7);
        Checks.rejects(FileSelector::parse, "size:1  type:a/b", 7);
        Checks.rejects(FileSelector::parse, "size:1x", 6);
        Checks.rejects(FileSelector::parse, "size:", 5);
        Checks.rejects(FileSelector::parse, "size:99999999999999999999", 23);
        Checks.rejects(FileSelector::parse, "type:image", 10);
        Checks.rejects(FileSelector::parse, "type:text/plain;charset=utf-8", 24);
        Checks.rejects(FileSelector::parse, "hash:sha-1", 10);
        Checks.rejects(FileSelector::parse, "hash:sha-1:7", 12);
        Checks.rejects(FileSelector::parse, "hash::72", 5);
        Checks.rejects(FileSelector::parse, "name:\"a\"size:1", 8);
        assertThrows(IllegalStateException.class, () -> FileSelector.builder().build());
        assertThrows(IllegalArgumentException.class, () -> FileSelector.builder().name(""));
        assertThrows(IllegalArgumentException.class, () -> FileSelector.builder().type("text"));
        assertThrows(IllegalArgumentException.class, () -> FileSelector.builder().type("text/plain x"));
    }

    @Property(tries = 500)
    void roundTrip(@ForAll("selectors") FileSelector f) {
        assertEquals(f, FileSelector.parse(f.toString()));
    }

    @Property(tries = 1000)
    void randomTextIsASelectorOrRejected(@ForAll("noise") String s) {
        Checks.parsesOrRejects(FileSelector::parse, s);
    }

    @Property(tries = 1000)
    void mutatedSelectorsAreParsedOrRejected(@ForAll("mutated") String s) {
        Checks.parsesOrRejects(FileSelector::parse, s);
    }

    @Provide
    Arbitrary<FileSelector> selectors() {
        Arbitrary<String> names = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(30)
                .filter(s -> s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF));
        Arbitrary<String> types = Combinators.combine(Generators.mimeTokens(), Generators.mimeTokens(),
                Generators.mimeTokens().list().ofMaxSize(2), names)
                .as((t, s, params, v) -> {
                    StringBuilder sb = new StringBuilder(t).append('/').append(s);
                    params.forEach(p -> sb.append(';').append(p).append("=\"").append(SdpText.percentEncode(v)).append('"'));
                    return sb.toString();
                });
        Arbitrary<FileSelector.Hash> hashes = Combinators.combine(
                Arbitraries.of("sha-1", "sha-256", "SHA-1"), Generators.hashes()).as(FileSelector.Hash::of);
        return Combinators.combine(names.injectNull(0.3), types.injectNull(0.3),
                Arbitraries.longs().between(-1, Long.MAX_VALUE), hashes.injectNull(0.3))
                .as((n, t, s, h) -> FileSelector.builder().name(n).type(t).size(s).hash(h))
                .filter(b -> {
                    try {
                        b.build();
                        return true;
                    } catch (IllegalStateException e) {
                        return false;
                    }
                })
                .map(FileSelector.Builder::build);
    }

    @Provide
    Arbitrary<String> noise() {
        return Checks.noise("namesizetypehash:\" %/;=0123456789ABCDEF-");
    }

    @Provide
    Arbitrary<String> mutated() {
        return Checks.mutations(selectors().map(FileSelector::toString), "\" :%/;=0A");
    }
}
