package io.sipim.sip.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.sipim.sip.parse.SipParseException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.arbitraries.StringArbitrary;

class UriPropertiesTest {

    /** Any text, weighted towards the characters that URI syntax cares about; no lone surrogates. */
    private static StringArbitrary text() {
        return Arbitraries.strings().ascii().withChars(";/?:@&=+$,%<>\"#[] \t\u0000").withCharRange('\u00a0', '\u0400')
                .withCharRange('\u4e00', '\u4e10');
    }

    private static Arbitrary<String> label() {
        Arbitrary<String> alnum = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').numeric()
                .ofLength(1);
        Arbitrary<String> middle = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-').ofMaxLength(6);
        return Combinators.combine(alnum, middle, alnum).as((a, m, b) -> m.isEmpty() ? a : a + m + b);
    }

    private static Arbitrary<String> hostName() {
        Arbitrary<String> top = Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').ofLength(1), label())
                .as((a, l) -> a + l);
        return Combinators.combine(label().list().ofMaxSize(3), top, Arbitraries.of("", "."))
                .as((ls, t, dot) -> (ls.isEmpty() ? "" : String.join(".", ls) + ".") + t + dot);
    }

    private static Arbitrary<String> ipv4() {
        return Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
    }

    private static Arbitrary<String> ipv6() {
        return Arbitraries.integers().between(0, 0xffff).list().ofSize(8).flatMap(g -> Arbitraries.integers().between(-1, 7)
                .map(gap -> {
                    StringBuilder sb = new StringBuilder();
                    if (gap < 0) {
                        for (int i = 0; i < 8; i++) {
                            sb.append(i == 0 ? "" : ":").append(Integer.toHexString(g.get(i)));
                        }
                        return sb.toString();
                    }
                    // a "::" standing for groups gap..7 set to zero
                    for (int i = 0; i < gap; i++) {
                        sb.append(Integer.toHexString(g.get(i))).append(':');
                    }
                    return (gap == 0 ? ":" : sb.toString()) + ":";
                }));
    }

    @Provide
    Arbitrary<SipCase> sipCases() {
        Arbitrary<String> user = text().ofMinLength(1).ofMaxLength(12).injectNull(0.3);
        Arbitrary<String> password = text().ofMaxLength(8).injectNull(0.6);
        Arbitrary<String> host = Arbitraries.oneOf(hostName(), ipv4(), ipv6());
        Arbitrary<Integer> port = Arbitraries.oneOf(Arbitraries.just(-1), Arbitraries.integers().between(0, 65535));
        Arbitrary<List<Map.Entry<String, String>>> params = Combinators.combine(text().ofMinLength(1).ofMaxLength(8),
                text().ofMinLength(1).ofMaxLength(8).injectNull(0.3))
                .as((n, v) -> (Map.Entry<String, String>) new AbstractMap.SimpleImmutableEntry<>(n, v)).list().ofMaxSize(4);
        Arbitrary<List<Map.Entry<String, String>>> headers = Combinators.combine(text().ofMinLength(1).ofMaxLength(8),
                text().ofMaxLength(8)).as(Map::entry).list().ofMaxSize(3);
        return Combinators.combine(Arbitraries.of(false, true), user, password, host, port, params, headers)
                .as((secure, u, pw, h, p, ps, hs) -> new SipCase(secure, u, u == null ? null : pw, h, p, ps, hs));
    }

    record SipCase(boolean secure, String user, String password, String host, int port,
            List<Map.Entry<String, String>> params, List<Map.Entry<String, String>> headers) {

        SipUri build() {
            SipUri.Builder b = SipUri.builder().secure(secure).user(user).password(password).host(host).port(port);
            params.forEach(e -> b.parameter(e.getKey(), e.getValue()));
            headers.forEach(e -> b.header(e.getKey(), e.getValue()));
            return b.build();
        }

        Parameters expectedParameters() {
            Parameters p = Parameters.EMPTY;
            for (Map.Entry<String, String> e : params) {
                p = p.with(e.getKey(), e.getValue());
            }
            return p;
        }
    }

    @Property(tries = 500)
    void rfc3261_25_1_builtUriParsesBackToTheSameComponents(@ForAll("sipCases") SipCase c) {
        SipUri built = c.build();
        SipUri parsed = SipUri.parse(built.toString());
        assertEquals(built, parsed);
        assertEquals(built.hashCode(), parsed.hashCode());
        assertEquals(c.secure(), parsed.isSecure());
        assertEquals(c.user(), parsed.user());
        assertEquals(c.password(), parsed.password());
        assertEquals(c.host().indexOf(':') >= 0 ? "[" + c.host() + "]" : c.host(), parsed.host());
        assertEquals(c.port(), parsed.port());
        assertEquals(c.expectedParameters(), parsed.parameters());
        assertEquals(c.headers(), parsed.headers());
    }

    private static final List<String> SAMPLES = List.of(
            "sip:alice@atlanta.com",
            "sips:alice:secret@atlanta.com:5061;transport=tcp;lr?subject=project%20x&priority=urgent",
            "sip:sips%3Auser%40example.com@example.net",
            "sip:null-%00-null@example.com",
            "sip:user;par=u%40example.net@example.com",
            "sip:[2001:db8::10]:5070;maddr=[::ffff:192.0.2.1]",
            "sip:+1-212-555-1212:1234@192.0.2.4;user=phone",
            "sip:user@example.com?Route=%3Csip:example.com%3E",
            "tel:+1-201-555-0123;ext=1234;isub=1411",
            "tel:7042;phone-context=example.com",
            "soap.beep://192.0.2.103:3002",
            "urn:service:sos");

    @Provide
    Arbitrary<String> validTexts() {
        return Arbitraries.oneOf(Arbitraries.of(SAMPLES), sipCases().map(c -> c.build().toString()));
    }

    @Property(tries = 500)
    void rfc3261_19_1_parsedUriWritesBackItsExactText(@ForAll("validTexts") String text) {
        Uri u = Uri.parse(text);
        assertEquals(text, u.toString());
        Uri again = Uri.parse(u.toString());
        assertEquals(u, again);
        assertEquals(text, again.toString());
        if (u instanceof SipUri) {
            assertEquals(u, ((SipUri) u).toBuilder().build());
        } else if (u instanceof TelUri) {
            assertEquals(u, ((TelUri) u).toBuilder().build());
        }
    }

    @Provide
    Arbitrary<String> mutatedTexts() {
        Arbitrary<Character> chars = Arbitraries.oneOf(Arbitraries.chars().with(";/?:@&=+$,%<>\"#[]. \t\r\n\u0000-_~!*'()"),
                Arbitraries.chars().ascii(), Arbitraries.chars().with("0123456789abcdefABCDEF"), Arbitraries.chars().range('\u0080', '\uffff'));
        Arbitrary<Tuple.Tuple3<Integer, Integer, Character>> edit = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 1000), chars).as(Tuple::of);
        return Combinators.combine(validTexts(), edit.list().ofMinSize(1).ofMaxSize(4)).as((t, edits) -> {
            StringBuilder sb = new StringBuilder(t);
            for (Tuple.Tuple3<Integer, Integer, Character> e : edits) {
                int at = sb.length() == 0 ? 0 : e.get2() % (sb.length() + (e.get1() == 1 ? 1 : 0));
                switch (e.get1()) {
                    case 0 -> {
                        if (sb.length() > 0) {
                            sb.setCharAt(at, e.get3());
                        }
                    }
                    case 1 -> sb.insert(at, e.get3().charValue());
                    default -> {
                        if (sb.length() > 0) {
                            sb.deleteCharAt(at);
                        }
                    }
                }
            }
            return sb.toString();
        });
    }

    @Property(tries = 3000)
    void rfc3261_25_1_mutatedUriIsParsedOrRejectedWithSipParseException(@ForAll("mutatedTexts") String text) {
        Uri u;
        try {
            u = Uri.parse(text);
        } catch (SipParseException e) {
            if (e.status() != 400 || e.offset() < 0 || e.offset() > io.sipim.sip.internal.Lexer.utf8(text).length) {
                fail("bad error for " + text + ": " + e);
            }
            Statistics.collect("rejected");
            return;
        } catch (Throwable t) {
            throw new AssertionError("unexpected " + t + " for " + text, t);
        }
        Statistics.collect("accepted as " + u.getClass().getSimpleName());
        assertEquals(text, u.toString());
        Uri again = Uri.parse(text);
        assertEquals(u, again);
        assertEquals(u.hashCode(), again.hashCode());
    }

    @Property(tries = 200)
    void rfc3261_19_1_4_equalityIsReflexiveAndHashConsistentAcrossEscaping(@ForAll("sipCases") SipCase c) {
        SipUri built = c.build();
        List<String> variants = new ArrayList<>();
        variants.add(built.toString());
        // escaping an unreserved letter must not change equality (RFC 3261 §19.1.4)
        String t = built.toString();
        int colon = t.indexOf(':');
        int at = t.indexOf('@');
        if (at > colon + 1 && Character.isLetter(t.charAt(colon + 1)) && t.charAt(colon + 1) < 128) {
            variants.add(t.substring(0, colon + 1) + String.format("%%%02x", (int) t.charAt(colon + 1)) + t.substring(colon + 2));
        }
        for (String v : variants) {
            SipUri p = SipUri.parse(v);
            assertEquals(built, p);
            assertEquals(built.hashCode(), p.hashCode());
        }
    }
}
