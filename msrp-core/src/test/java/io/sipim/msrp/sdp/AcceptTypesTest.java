package io.sipim.msrp.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AcceptTypesTest {

    @Test
    void rfc4975Section8_6Example() {
        AcceptTypes types = AcceptTypes.parse("message/cpim text/plain text/html");
        AcceptTypes wrapped = AcceptTypes.parse("text/plain image/*");
        assertEquals(List.of("message/cpim", "text/plain", "text/html"), types.entries());
        assertEquals("message/cpim text/plain text/html", types.toString());
        assertEquals("accept-types", AcceptTypes.NAME);
        assertEquals("accept-wrapped-types", AcceptTypes.WRAPPED_NAME);
        assertTrue(types.matches("text/plain"));
        assertTrue(types.matches("Message/CPIM"));
        assertFalse(types.matches("image/jpeg"));
        assertTrue(wrapped.matches("image/jpeg"));
        assertTrue(wrapped.matches("image/png"));
        assertFalse(wrapped.matches("text/html"));
    }

    @Test
    void rfc4975Section8_6Wildcards() {
        AcceptTypes any = AcceptTypes.parse("*");
        assertTrue(any.acceptsAnything());
        assertTrue(any.matches("application/octet-stream"));
        AcceptTypes text = AcceptTypes.parse("text/*");
        assertTrue(text.matches("text/plain; charset=UTF-8"));
        assertTrue(text.matches(" TEXT/Html "));
        assertFalse(text.matches("texts/plain"));
        assertFalse(text.matches("image/text"));
        // a content type that cannot be read matches nothing, not even *
        assertFalse(any.matches("text"));
        assertFalse(any.matches("*/*"));
        assertFalse(any.matches(null));
        assertFalse(any.matches("text/"));
    }

    @Test
    void entriesAreLowerCase() {
        AcceptTypes a = AcceptTypes.parse("Text/Plain");
        assertEquals(AcceptTypes.of("text/plain"), a);
        assertEquals("text/plain", a.value());
    }

    @Test
    void aTokenMayStartWithAStar() {
        assertEquals(List.of("*x/y"), AcceptTypes.parse("*x/y").entries());
    }

    @Test
    void rejectsWithIndex() {
        Checks.rejects(AcceptTypes::parse, "", 0);
        Checks.rejects(AcceptTypes::parse, "text", 4);
        Checks.rejects(AcceptTypes::parse, "text/", 5);
        Checks.rejects(AcceptTypes::parse, "text/plain  text/html", 11);
        Checks.rejects(AcceptTypes::parse, "text/plain ", 11);
        Checks.rejects(AcceptTypes::parse, "text/plain;charset=utf-8", 10);
        Checks.rejects(AcceptTypes::parse, "*/", 2);
        Checks.rejects(AcceptTypes::parse, "/plain", 0);
        assertThrows(IllegalArgumentException.class, () -> AcceptTypes.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> AcceptTypes.of("text/plain text/html"));
        assertThrows(IllegalArgumentException.class, () -> AcceptTypes.of("text"));
    }

    @Property(tries = 300)
    void roundTrip(@ForAll("lists") AcceptTypes a) {
        assertEquals(a, AcceptTypes.parse(a.toString()));
    }

    @Property(tries = 300)
    void everyListedTypeMatchesItself(@ForAll("lists") AcceptTypes a) {
        for (String e : a.entries()) {
            if (!e.contains("*")) {
                assertTrue(a.matches(e.toUpperCase(java.util.Locale.ROOT) + ";q=1"), e);
            }
        }
    }

    @Property(tries = 1000)
    void randomTextIsAListOrRejected(@ForAll("noise") String s) {
        Checks.parsesOrRejects(AcceptTypes::parse, s);
    }

    @Property(tries = 500)
    void matchesNeverThrows(@ForAll("lists") AcceptTypes a, @ForAll("noise") String contentType) {
        a.matches(contentType);
    }

    @Provide
    Arbitrary<AcceptTypes> lists() {
        return Generators.acceptEntries().list().ofMinSize(1).ofMaxSize(5).map(AcceptTypes::of);
    }

    @Provide
    Arbitrary<String> noise() {
        return Checks.noise("tex/*plain; =");
    }
}
