package io.sipim.sip.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sipim.sip.message.Header;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.SipMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The parser reads the usual spelling of a header (no white space around separators, plain
 * quoted strings, canonical header names) on fast paths and every other spelling on the full
 * RFC 3261 grammar. These properties pin the two together: a value written tightly and the same
 * value written with all the linear white space the grammar allows (SEMI, EQUAL, COMMA, SLASH,
 * COLON = SWS c SWS) type to equal values, and a header name in any case or its compact form
 * finds the same header.
 */
class SpellingEquivalenceTest {

    private static final String TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";

    /** One parameter: name, and value as written (null for a flag). */
    record Param(String name, String value) {}

    /** A value written twice: tightly (the fast paths) and with white space (the full grammar). */
    record Spelling(String tight, String loose) {}

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withChars(TOKEN_CHARS).ofMinLength(1).ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> whiteSpace() {
        return Arbitraries.of("", " ", "  ", "\t", " \t ");
    }

    private Arbitrary<String> values() {
        Arbitrary<String> quoted = Arbitraries.strings().withChars(TOKEN_CHARS + " ,;=:@<>/[]?").ofMaxLength(16)
                .map(s -> "\"" + s + "\"");
        Arbitrary<String> escaped = Arbitraries.strings().withChars("ab\"\\").ofMaxLength(6)
                .map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
        return Arbitraries.oneOf(tokens(), quoted, escaped, ipv4, Arbitraries.of("[2001:db8::1]", "host:5060"));
    }

    @Provide
    Arbitrary<List<Param>> params() {
        Arbitrary<Param> p = Combinators.combine(tokens(), Arbitraries.oneOf(values(), Arbitraries.just(null)))
                .as(Param::new);
        return p.list().ofMaxSize(6);
    }

    /** {@code ;a=b;c} tightly and {@code <ws>;<ws>a<ws>=<ws>b ...} loosely. */
    private static Spelling params(List<Param> params, List<String> ws) {
        StringBuilder tight = new StringBuilder();
        StringBuilder loose = new StringBuilder();
        int w = 0;
        for (Param p : params) {
            tight.append(';').append(p.name());
            loose.append(ws.get(w++ % ws.size())).append(';').append(ws.get(w++ % ws.size())).append(p.name());
            if (p.value() != null) {
                tight.append('=').append(p.value());
                loose.append(ws.get(w++ % ws.size())).append('=').append(ws.get(w++ % ws.size())).append(p.value());
            }
        }
        return new Spelling(tight.toString(), loose.toString());
    }

    private static List<?> typed(String name, String value) {
        Header h = Header.of(name, value);
        assertFalse(h.values().isEmpty(), () -> "no typed value for " + name + ": " + value);
        return h.values();
    }

    @Property(tries = 400)
    void genericParametersTypeTheSameWithAndWithoutWhiteSpace(@ForAll("params") List<Param> params,
            @ForAll("whiteSpace") String a, @ForAll("whiteSpace") String b) {
        Spelling s = params(params, List.of(a, b, " "));
        assertEquals(typed("Contact", "<sip:alice@example.com>" + s.tight()),
                typed("Contact", "<sip:alice@example.com>" + s.loose()));
        assertEquals(typed("Event", "presence" + s.tight()), typed("Event", "presence" + s.loose()));
    }

    @Provide
    Arbitrary<List<Param>> viaParams() {
        Arbitrary<Param> known = Arbitraries.of(new Param("branch", "z9hG4bK.1a2b"), new Param("rport", null),
                new Param("rport", "5060"), new Param("received", "192.0.2.7"), new Param("received", "[2001:db8::9]"),
                new Param("ttl", "16"), new Param("maddr", "224.0.1.75"), new Param("alias", null));
        Arbitrary<Param> other = Combinators.combine(tokens(), Arbitraries.oneOf(tokens(), Arbitraries.just(null)))
                .as(Param::new);
        return Arbitraries.oneOf(known, other).list().ofMaxSize(5);
    }

    @Property(tries = 400)
    void viaTypesTheSameWithAndWithoutWhiteSpace(@ForAll("viaParams") List<Param> params,
            @ForAll("whiteSpace") String a, @ForAll("whiteSpace") String b,
            @ForAll("transports") String transport, @ForAll("sentBy") String sentBy) {
        Spelling s = params(params, List.of(a, b, " "));
        int colon = sentBy.lastIndexOf(':');
        String hostPort = colon > sentBy.lastIndexOf(']')
                ? sentBy.substring(0, colon) + a + ":" + b + sentBy.substring(colon + 1) : sentBy;
        String tight = "SIP/2.0/" + transport + " " + sentBy + s.tight();
        String loose = "SIP" + a + "/" + b + "2.0" + a + "/" + b + transport + " " + a + hostPort + s.loose();
        assertEquals(typed("Via", tight), typed("Via", loose));
        assertEquals(typed("Via", tight + ", " + tight), typed("Via", loose + a + "," + b + loose));
    }

    @Provide
    Arbitrary<String> transports() {
        return Arbitraries.oneOf(Arbitraries.of("UDP", "TCP", "TLS", "udp", "WSS", "SCTP"), tokens());
    }

    @Provide
    Arbitrary<String> sentBy() {
        return Arbitraries.of("192.0.2.10", "192.0.2.10:5060", "proxy.example.com", "proxy.example.com:5061",
                "[2001:db8::1]", "[2001:db8::1]:5060", "a.b-c.example");
    }

    @Provide
    Arbitrary<List<Param>> authParams() {
        Arbitrary<String> value = Arbitraries.oneOf(tokens(),
                Arbitraries.strings().withChars(TOKEN_CHARS + " ,;=:@<>/").ofMaxLength(20).map(v -> "\"" + v + "\""),
                Arbitraries.strings().withChars("ab\"\\").ofMaxLength(6)
                        .map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        return Combinators.combine(tokens(), value).as(Param::new).list().ofMinSize(1).ofMaxSize(10);
    }

    @Property(tries = 400)
    void digestParametersTypeTheSameWithAndWithoutWhiteSpace(@ForAll("authParams") List<Param> params,
            @ForAll("whiteSpace") String a, @ForAll("whiteSpace") String b) {
        List<String> tight = new ArrayList<>();
        List<String> loose = new ArrayList<>();
        for (Param p : params) {
            tight.add(p.name() + "=" + p.value());
            loose.add(p.name() + a + "=" + b + p.value());
        }
        String t = "Digest " + String.join(", ", tight);
        String l = "Digest" + " " + b + String.join(a + "," + b, loose);
        assertEquals(typed("Authorization", t), typed("Authorization", l));
        assertEquals(typed("WWW-Authenticate", t), typed("WWW-Authenticate", l));
    }

    @Property(tries = 300)
    void tokenListsTypeTheSameWithAndWithoutWhiteSpace(@ForAll("tokens") String first,
            @ForAll("tokenLists") List<String> more, @ForAll("whiteSpace") String a, @ForAll("whiteSpace") String b) {
        List<String> all = new ArrayList<>(more);
        all.add(0, first);
        String tight = String.join(", ", all);
        String loose = String.join(a + "," + b, all);
        assertEquals(all, typed("Allow", tight));
        assertEquals(all, typed("Supported", loose));
        assertEquals(typed("Require", tight), typed("Require", loose));
    }

    @Provide
    Arbitrary<List<String>> tokenLists() {
        return tokens().list().ofMaxSize(12);
    }

    @Property(tries = 300)
    void headerNamesInAnyCaseOrCompactFormFindTheSameHeader(@ForAll("names") HeaderName<?> name,
            @ForAll("caseMasks") long mask, @ForAll boolean compact) {
        String spelled = compact && name.compactForm() != 0 ? String.valueOf(name.compactForm())
                : mixCase(name.name(), mask);
        String value = sampleValue(name);
        String message = "OPTIONS sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK.x\r\n"
                + "From: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\n"
                + "Call-ID: c1@192.0.2.1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
                + spelled + ": " + value + "\r\nContent-Length: 0\r\n\r\n";
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        SipMessage m = new SipParser().parseDatagram(bytes);
        Header h = m.headers().get(6);
        assertEquals(name, h.name());
        assertEquals(spelled, h.spelledName());
        assertEquals(Header.of(name.name(), value).values(), h.values());
    }

    @Provide
    Arbitrary<HeaderName<?>> names() {
        List<HeaderName<?>> repeatable = new ArrayList<>();
        for (HeaderName<?> n : HeaderName.known()) {
            if (n.kind() != HeaderName.Kind.SINGLE && sampleValue(n) != null) {
                repeatable.add(n);
            }
        }
        return Arbitraries.of(repeatable);
    }

    @Provide
    Arbitrary<Long> caseMasks() {
        return Arbitraries.longs();
    }

    private static String mixCase(String name, long mask) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append((mask >>> (i & 63) & 1) != 0 ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return sb.toString();
    }

    /** A valid value for a repeatable header, or null when none is listed here. */
    private static String sampleValue(HeaderName<?> n) {
        String lower = n.name().toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "via" -> "SIP/2.0/TCP 192.0.2.9:5060;branch=z9hG4bK.y;rport";
            case "route", "record-route", "path", "service-route", "alert-info", "call-info", "error-info" ->
                    "<sip:p1.example.com;lr>";
            case "contact", "p-asserted-identity" -> "\"A\" <sip:a@example.com>;expires=60";
            case "accept" -> "application/sdp, text/plain;q=0.5";
            case "allow", "supported", "require", "proxy-require", "unsupported", "allow-events",
                    "content-encoding", "content-language" -> "a, b-c, d.e";
            case "accept-encoding", "accept-language" -> "gzip;q=0.5, identity";
            case "authorization", "proxy-authorization" -> "Digest username=\"a\", realm=\"r\", nc=00000001";
            case "www-authenticate", "proxy-authenticate" -> "Digest realm=\"r\", nonce=\"n\", qop=\"auth\"";
            case "warning" -> "399 example.com \"text\"";
            case "in-reply-to" -> "c1@192.0.2.1, c2";
            case "identity" -> "abc.def";
            default -> null;
        };
    }
}
