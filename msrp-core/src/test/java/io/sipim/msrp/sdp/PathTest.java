package io.sipim.msrp.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipim.msrp.message.MsrpUri;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PathTest {

    @Test
    void rfc4975Section8_2OneUri() {
        Path p = Path.parse("msrp://atlanta.example.com:7654/jshA7weztas;tcp");
        assertEquals(1, p.uris().size());
        assertEquals("jshA7weztas", p.endpoint().sessionId());
        assertEquals(p.first(), p.endpoint());
        assertEquals("msrp://atlanta.example.com:7654/jshA7weztas;tcp", p.toString());
        assertEquals("path", Path.NAME);
    }

    @Test
    void rfc4976RelayFirstEndpointLast() {
        String v = "msrps://relay.example.com:2855;tcp msrps://bob.example.com:8888/9di4eae923wzd;tcp";
        Path p = Path.parse(v);
        assertEquals("relay.example.com", p.first().host());
        assertEquals("9di4eae923wzd", p.endpoint().sessionId());
        assertEquals(v, p.value());
        assertEquals(p, Path.of(p.uris()));
    }

    @Test
    void rejectsWithIndexInTheValue() {
        Checks.rejects(Path::parse, "", 0);
        Checks.rejects(Path::parse, " msrp://a.example.com/s;tcp", 0);
        Checks.rejects(Path::parse, "msrp://a.example.com/s;tcp  msrp://b.example.com/s;tcp", 27);
        Checks.rejects(Path::parse, "msrp://a.example.com/s;tcp ", 27);
        // the second URI's bad port character is reported where it is in the whole value
        Checks.rejects(Path::parse, "msrp://a.example.com/s;tcp msrp://b.example.com:9x/s;tcp", 49);
        Checks.rejects(Path::parse, "http://a.example.com/s;tcp", 0);
    }

    @Property(tries = 300)
    void roundTrip(@ForAll("paths") Path p) {
        assertEquals(p, Path.parse(p.toString()));
        assertEquals(p.toString(), Path.parse(p.toString()).toString());
    }

    @Property(tries = 1000)
    void randomTextIsAPathOrRejected(@ForAll("noise") String s) {
        Checks.parsesOrRejects(Path::parse, s);
    }

    @Property(tries = 1000)
    void mutatedPathsAreParsedOrRejected(@ForAll("mutated") String s) {
        Checks.parsesOrRejects(Path::parse, s);
    }

    @Provide
    Arbitrary<Path> paths() {
        return net.jqwik.api.Arbitraries.oneOf(Generators.uris(false), Generators.uris(true)).list().ofMinSize(1)
                .ofMaxSize(4).map((List<MsrpUri> l) -> Path.of(l));
    }

    @Provide
    Arbitrary<String> noise() {
        return Checks.noise("msrp:/;@[]. tc0129");
    }

    @Provide
    Arbitrary<String> mutated() {
        return Checks.mutations(paths().map(Path::toString), " :/;@[]%");
    }
}
