package io.sipim.msrp.sdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    /** The example of RFC 8122 §5 (and RFC 4572 §5). */
    static final String RFC8122_EXAMPLE = "SHA-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB";

    @Test
    void rfc8122Section5Example() {
        Fingerprint f = Fingerprint.parse(RFC8122_EXAMPLE);
        assertEquals("sha-1", f.algorithm());
        assertEquals(20, f.hash().length);
        assertEquals((byte) 0x4A, f.hash()[0]);
        assertEquals("sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB", f.toString());
        assertEquals("fingerprint", Fingerprint.NAME);
    }

    @Test
    void lowerCaseHexIsAcceptedAndWrittenUpper() {
        Fingerprint f = Fingerprint.parse("sha-256 0a:ff");
        assertEquals("sha-256 0A:FF", f.value());
        assertEquals(f, Fingerprint.parse("SHA-256 0A:FF"));
    }

    @Test
    void computesAndChecksACertificateFingerprint() throws Exception {
        byte[] der = "not really DER, but bytes all the same".getBytes(StandardCharsets.US_ASCII);
        Fingerprint f = Fingerprint.of("sha-256", der);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(der), f.hash());
        assertTrue(f.matches(der));
        assertFalse(f.matches(new byte[] {1, 2, 3}));
        assertTrue(Fingerprint.parse(f.toString()).matches(der));
        for (String alg : new String[] {"sha-1", "SHA-224", "sha-384", "sha-512"}) {
            assertTrue(Fingerprint.of(alg, der).matches(der), alg);
        }
        // RFC 8122 §5: md5 and md2 are not to be used, and an unknown name cannot be checked
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.of("md5", der));
        assertFalse(Fingerprint.ofHash("md5", MessageDigest.getInstance("MD5").digest(der)).matches(der));
        assertFalse(Fingerprint.ofHash("x-hash", new byte[] {1}).matches(der));
    }

    @Test
    void rejectsWithIndex() {
        Checks.rejects(Fingerprint::parse, "", 0);
        Checks.rejects(Fingerprint::parse, "sha-1", 5);
        Checks.rejects(Fingerprint::parse, "sha-1 ", 6);
        Checks.rejects(Fingerprint::parse, "sha-1  4A", 6);
        Checks.rejects(Fingerprint::parse, "sha-1 4A:A", 10);
        Checks.rejects(Fingerprint::parse, "sha-1 4A-AD", 8);
        Checks.rejects(Fingerprint::parse, "sha-1 4G:AD", 7);
        Checks.rejects(Fingerprint::parse, "sha-1 4A:AD:", 12);
        Checks.rejects(Fingerprint::parse, "sha/1 4A", 3);
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.ofHash("sha-1", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.ofHash("sha 1", new byte[1]));
    }

    @Property(tries = 300)
    void roundTrip(@ForAll("fingerprints") Fingerprint f) {
        assertEquals(f, Fingerprint.parse(f.toString()));
    }

    @Property(tries = 1000)
    void randomTextIsAFingerprintOrRejected(@ForAll("noise") String s) {
        Checks.parsesOrRejects(Fingerprint::parse, s);
    }

    @Property(tries = 1000)
    void mutatedFingerprintsAreParsedOrRejected(@ForAll("mutated") String s) {
        Checks.parsesOrRejects(Fingerprint::parse, s);
    }

    @Provide
    Arbitrary<Fingerprint> fingerprints() {
        return Combinators.combine(Generators.sdpTokens(), Generators.hashes()).as(Fingerprint::ofHash);
    }

    @Provide
    Arbitrary<String> noise() {
        return Checks.noise("sha-1 0123456789ABCDEFabcdef:");
    }

    @Provide
    Arbitrary<String> mutated() {
        return Checks.mutations(fingerprints().map(Fingerprint::toString), " :0Fg");
    }
}
