package io.sipim.sip.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sipim.sip.internal.Lexer;
import io.sipim.sip.internal.OnePassLines;
import io.sipim.sip.message.CSeq;
import io.sipim.sip.message.Event;
import io.sipim.sip.message.Header;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.MediaType;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.Parameters;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.SubscriptionState;
import io.sipim.sip.message.Via;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link OnePassLines} takes the usual spelling of the commonest header lines in one pass and
 * declines everything else to the general path. The property pins the two paths together: a
 * message parsed with the one-pass path and without it comes out the same (every typed value,
 * component by component) or fails the same way (reason, status, position).
 */
class OnePassLinesTest {

    private static final String BASE_REQUEST_LINE = "OPTIONS sip:bob@example.com SIP/2.0\r\n";
    private static final List<String> MANDATORY = List.of(
            "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1", "Max-Forwards: 70", "From: <sip:a@example.com>;tag=1",
            "To: <sip:bob@example.com>", "Call-ID: abc", "CSeq: 1 OPTIONS");

    /** The headers whose usual spelling the one-pass path takes. */
    private static final List<String> TAKEN = List.of("Via", "CSeq", "Call-ID", "Max-Forwards", "Expires",
            "Content-Length", "From", "To", "Contact", "Record-Route", "Route", "User-Agent", "Subject", "Server",
            "Allow", "Supported", "Require", "Content-Type", "Accept", "Event", "Subscription-State");

    private static final String TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";

    // ---- the lines -----------------------------------------------------------------------------

    private Arbitrary<String> token() {
        return Arbitraries.strings().withChars(TOKEN_CHARS).ofMinLength(1).ofMaxLength(10);
    }

    private Arbitrary<String> number() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 300).map(String::valueOf),
                Arbitraries.of("0", "00", "007", "65535", "65536", "255", "256", "2147483647", "2147483648",
                        "4294967295", "4294967296", "99999999999", "-1", "1a", ""));
    }

    private Arbitrary<String> host() {
        Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 300).list().ofSize(4)
                .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
        return Arbitraries.oneOf(ipv4, Arbitraries.of("example.com", "proxy1.example.net", "a", "-bad.com", "bad-.com",
                "1.2.3", "1.2.3.4.5", "x..y", "[2001:db8::1]", "3com.net", "host.", "EXAMPLE.COM", "ex_ample.com"));
    }

    private Arbitrary<String> viaParam() {
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("branch", "BRANCH", "received", "Received", "rport", "RPORT",
                        "ttl", "maddr", "x", "lr"), Arbitraries.oneOf(token(), number(), host(),
                                Arbitraries.of("\"q\"", "", "1.2.3.4"))).as((n, v) -> ";" + n + "=" + v),
                Arbitraries.of(";rport", ";branch", ";received", ";ttl", ";maddr", ";alias", ";", ";;", " ;x", ";x ",
                        ",SIP/2.0/UDP h", ";x=a b", ";x=\"a\\\"b\""));
    }

    private Arbitrary<String> via() {
        return Combinators.combine(Arbitraries.of("SIP/2.0/UDP ", "SIP/2.0/TCP ", "SIP/2.0/tls ", "SIP/2.0/UDP  ",
                "SIP/2.0/ UDP ", "sip/2.0/UDP ", "SIP/2.0/UDP\t", "SIP/2.0/UD@P "), host(),
                Arbitraries.oneOf(number().map(n -> ":" + n), Arbitraries.just("")),
                viaParam().list().ofMaxSize(4)).as((p, h, port, params) -> p + h + port + String.join("", params));
    }

    private Arbitrary<String> uri() {
        return Combinators.combine(Arbitraries.of("sip:", "sips:", "SIP:", "tel:", "mailto:", "sip"),
                Arbitraries.oneOf(token().map(u -> u + "@"), Arbitraries.of("", "a%41@", "a:pw@", "@")), host(),
                Arbitraries.of("", ":5060", ":0", ":99999", ";lr", ";transport=tcp;lr", ";x=\"y\"", "?h=v", ";ob"))
                .as((s, u, h, rest) -> s + u + h + rest);
    }

    private Arbitrary<String> address() {
        Arbitrary<String> display = Arbitraries.oneOf(Arbitraries.of("", "\"\" ", "\"Alice Liddell\" ",
                "\"Alice\"", "\"A\\\"B\" ", "Alice ", "\"unterminated ", "\"x\"  "),
                Arbitraries.strings().withChars(TOKEN_CHARS + " <>@;,:").ofMaxLength(8).map(d -> "\"" + d + "\" "));
        Arbitrary<String> params = Arbitraries.oneOf(token(), Arbitraries.of("tag=a1", "expires=3600", "q=0.5",
                "+sip.instance=\"<urn:uuid:1>\"", "x=\"a b\"", "x=", "=x", "x=[2001:db8::1]", "x y")).list().ofMaxSize(3)
                .map(l -> l.isEmpty() ? "" : ";" + String.join(";", l));
        Arbitrary<String> bracket = Combinators.combine(display, uri(), Arbitraries.of(">", ">", ">", ">", "> ", " >", ""), params)
                .as((d, u, close, p) -> d + "<" + u + close + p);
        return Arbitraries.oneOf(bracket, uri(), Arbitraries.of("*", "<sip:a@b>, <sip:c@d>", "< sip:a@b>",
                "<sip:a@b>;tag=1 ", "<sip:a@b>x"));
    }

    private Arbitrary<String> genericParams() {
        return Arbitraries.oneOf(token(), Arbitraries.of("charset=UTF-8", "id=1", "expires=599", "EXPIRES=0",
                "expires=\"599\"", "expires=4294967296", "expires=12345678901", "expires", "expires=-1",
                "retry-after=30", "Retry-After=x", "reason=timeout", "q=0.5", "x=\"a b\"", "x=", "=x", "x y",
                "x=[2001:db8::1]")).list().ofMaxSize(3).map(l -> l.isEmpty() ? "" : ";" + String.join(";", l));
    }

    private Arbitrary<String> mediaType() {
        return Combinators.combine(Arbitraries.oneOf(token(), Arbitraries.of("application", "text", "*")),
                Arbitraries.of("/", "/", "/", "/", "/", "/", " / ", "", "/ "), Arbitraries.oneOf(token(), Arbitraries.of("sdp", "pidf+xml", "*")),
                genericParams(), Arbitraries.of("", "", "", "", "", "", "", ", text/plain", " ", ",", "@"))
                .as((t, slash, sub, p, tail) -> t + slash + sub + p + tail);
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> line = Arbitraries.oneOf(
                via().map(v -> "Via: " + v),
                Combinators.combine(number(), Arbitraries.of(" OPTIONS", " INVITE", "  OPTIONS", " OPT@ONS", "",
                        " OPTIONS ")).as((n, m) -> "CSeq: " + n + m),
                Combinators.combine(token(), Arbitraries.of("", "@host", "@", "@a@b", " x", "(x)")).as((a, b) -> "Call-ID: " + a + b),
                number().map(n -> "Max-Forwards: " + n),
                number().map(n -> "Expires: " + n),
                number().map(n -> "Content-Length: " + n),
                address().map(a -> "From: " + a),
                address().map(a -> "To: " + a),
                address().map(a -> "Contact: " + a),
                address().map(a -> "Record-Route: " + a),
                address().map(a -> "Route: " + a),
                Combinators.combine(Arbitraries.of("User-Agent: ", "Subject: ", "Server: "),
                        Arbitraries.strings().withChars(TOKEN_CHARS + " \t()/\"\\<>@,;:").ofMaxLength(20))
                        .as((n, t) -> n + t),
                Combinators.combine(Arbitraries.of("Allow: ", "Supported: ", "Require: "),
                        token().list().ofMaxSize(14), Arbitraries.of(", ", ",", " , ", ",  ", ""))
                        .as((n, t, sep) -> n + String.join(sep, t)),
                Combinators.combine(Arbitraries.of("Content-Type: ", "Accept: "), mediaType()).as((n, t) -> n + t),
                Combinators.combine(Arbitraries.of("Event: ", "Subscription-State: "), Arbitraries.oneOf(token(),
                        Arbitraries.of("presence", "active", "terminated", "")), genericParams(),
                        Arbitraries.of("", "", " ", ", x")).as((n, t, p, tail) -> n + t + p + tail));
        return Combinators.combine(line, Arbitraries.of("Via:", "via:", "Via :", "To:", "TO:", "t:", "Call-ID:", "call-id:",
                "Cseq:", "CSeq:", "From:", "Contact:", "Route:", "Record-Route:"), Arbitraries.integers().between(0, 9))
                .as((l, spelling, k) -> k == 0 ? spelling + l.substring(l.indexOf(':') + 1) : l);
    }

    /** OPTIONS with its mandatory headers, {@code line} replacing the one of the same name or added. */
    private static byte[] message(String line) {
        StringBuilder sb = new StringBuilder(BASE_REQUEST_LINE);
        String name = line.substring(0, Math.max(0, line.indexOf(':')));
        boolean replaced = false;
        for (String m : MANDATORY) {
            if (!replaced && m.startsWith(name + ":")) {
                sb.append(line).append("\r\n");
                replaced = true;
            } else {
                sb.append(m).append("\r\n");
            }
        }
        if (!replaced) {
            sb.append(line).append("\r\n");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    // ---- the property --------------------------------------------------------------------------

    @Property(tries = 10000)
    void bothPathsAgree(@ForAll("lines") String line) {
        assertSameOutcome(line, false);
        // the lines must exercise both outcomes of the one-pass path, not only its declines
        Statistics.label("taken in one pass").collect(onePass(line) != null);
        Statistics.label("taken in one pass").coverage(c -> c.check(true).percentage(p -> p > 25));
        Statistics.label("taken in one pass").coverage(c -> c.check(false).percentage(p -> p > 25));
        // ... and each kind of line the one-pass path takes must be taken by it some of the time
        Statistics.label("by header").collect(line.substring(0, Math.max(0, line.indexOf(':'))), onePass(line) != null);
        Statistics.label("by header").coverage(c -> {
            for (String name : TAKEN) {
                c.check(name, true).count(n -> n > 0);
            }
        });
    }

    @Property(tries = 500)
    void bothPathsAgreeOnStreams(@ForAll("lines") String line) {
        assertSameOutcome(line, true);
    }

    private static void assertSameOutcome(String line, boolean framed) {
        byte[] bytes = message(line);
        String onePass = outcome(new SipParser(SipLimits.DEFAULT, true), bytes, framed);
        String general = outcome(new SipParser(SipLimits.DEFAULT, false), bytes, framed);
        assertEquals(general, onePass, line);
    }

    /** The message described, or the error with where it points and the partial message. */
    private static String outcome(SipParser parser, byte[] bytes, boolean framed) {
        try {
            return describe(framed ? parser.parseFramed(bytes, 0, bytes.length) : parser.parseDatagram(bytes));
        } catch (SipParseException e) {
            return "error " + e.status() + " at " + e.offset() + " (" + e.line() + ":" + e.column() + ") " + e.reason()
                    + " header " + e.header() + " partial " + e.partialMessage().map(OnePassLinesTest::describe).orElse("-");
        }
    }

    /** Every header line with its spelling, value text and typed values, component by component. */
    private static String describe(SipMessage m) {
        StringBuilder sb = new StringBuilder(m.startLine()).append('\n');
        for (Header h : m.headers()) {
            sb.append(h).append(" | ").append(h.name().name()).append(" |");
            for (int i = 0; i < h.valueCount(); i++) {
                sb.append(' ');
                describe(h.valueAt(i), sb);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void describe(Object v, StringBuilder sb) {
        if (v instanceof Via via) {
            sb.append("Via[").append(via.protocolName()).append('/').append(via.protocolVersion()).append('/')
                    .append(via.transport()).append(' ').append(via.host()).append(':').append(via.port());
            describe(via.parameters(), sb);
            sb.append(']');
        } else if (v instanceof NameAddr a) {
            sb.append("NameAddr[").append(a.displayName()).append(' ');
            describe(a.uri(), sb);
            describe(a.parameters(), sb);
            sb.append(']');
        } else if (v instanceof SipUri u) {
            sb.append("SipUri[").append(u.isSecure()).append(' ').append(u.user()).append(' ').append(u.password())
                    .append(' ').append(u.host()).append(' ').append(u.port()).append(' ').append(u.headers());
            describe(u.parameters(), sb);
            sb.append(' ').append(u).append(']');
        } else if (v instanceof CSeq c) {
            sb.append("CSeq[").append(c.number()).append(' ').append(c.method()).append(']');
        } else {
            sb.append(v == null ? "null" : v.getClass().getSimpleName() + "[" + v + "]");
        }
    }

    private static void describe(Parameters p, StringBuilder sb) {
        for (int i = 0; i < p.size(); i++) {
            sb.append(';').append(p.name(i)).append('=').append(p.rawValue(i));
        }
    }

    // ---- examples ------------------------------------------------------------------------------

    private static Header onePass(String line) {
        byte[] b = (line + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return OnePassLines.parse(b, 0, line.length(), new Lexer(b, 0, 0));
    }

    @Test
    void typesTheUsualLines() {
        Via via = (Via) onePass("Via: SIP/2.0/UDP proxy2.example.net:5060;branch=z9hG4bK.2d;received=203.0.113.7;rport=5060")
                .valueAt(0);
        assertEquals("UDP", via.transport());
        assertEquals("proxy2.example.net", via.host());
        assertEquals(5060, via.port());
        assertEquals("z9hG4bK.2d", via.parameters().get("branch"));
        assertEquals("203.0.113.7", via.parameters().get("received"));
        assertEquals(new CSeq(1, "SUBSCRIBE"), onePass("CSeq: 1 SUBSCRIBE").valueAt(0));
        assertEquals("5d8f@192.0.2.10", onePass("Call-ID: 5d8f@192.0.2.10").valueAt(0));
        assertEquals(70, onePass("Max-Forwards: 70").valueAt(0));
        assertEquals(600L, onePass("Expires: 600").valueAt(0));
        assertEquals(0L, onePass("Content-Length: 0").valueAt(0));
        NameAddr from = (NameAddr) onePass("From: \"Alice Liddell\" <sip:alice@example.com>;tag=9fx").valueAt(0);
        assertEquals("Alice Liddell", from.displayName());
        assertEquals("alice", ((SipUri) from.uri()).user());
        assertEquals("9fx", from.parameters().get("tag"));
        Header rr = onePass("Record-Route: <sip:proxy1.example.com;lr>");
        assertSame(HeaderName.RECORD_ROUTE, rr.name());
        assertInstanceOf(NameAddr.class, rr.valueAt(0));
        assertEquals("SIPIM/0.1.0 (Java 17)", onePass("User-Agent: SIPIM/0.1.0 (Java 17)").valueAt(0));
        assertEquals(List.of("INVITE", "ACK", "BYE"), onePass("Allow: INVITE, ACK,BYE").values());
        assertEquals(List.of("path"), onePass("Supported: path").values());
        MediaType ct = (MediaType) onePass("Content-Type: text/plain;charset=UTF-8").valueAt(0);
        assertEquals("text/plain", ct.type() + "/" + ct.subtype());
        assertEquals("UTF-8", ct.parameters().get("charset"));
        assertEquals(MediaType.APPLICATION_SDP, onePass("Accept: application/sdp").valueAt(0));
        assertEquals(new Event("presence", Parameters.of("id", "7")), onePass("Event: presence;id=7").valueAt(0));
        SubscriptionState state = (SubscriptionState) onePass("Subscription-State: active;expires=599").valueAt(0);
        assertEquals("active", state.state());
        assertEquals("599", state.parameters().get("expires"));
    }

    @Test
    void tokenListsMakeEachStringOnceWhenRead() {
        Header allow = onePass("Allow: INVITE, X-CUSTOM,BYE");
        List<?> values = allow.values();
        assertEquals(3, values.size());
        assertEquals("X-CUSTOM", values.get(1));
        assertSame(values.get(1), values.get(1));
        assertSame(values.get(1), allow.valueAt(1));
        assertEquals(List.of("INVITE", "X-CUSTOM", "BYE"), new java.util.ArrayList<>(values));
        assertThrows(IndexOutOfBoundsException.class, () -> values.get(3));
        assertEquals("INVITE, X-CUSTOM,BYE", allow.value());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Via: SIP/2.0/UDP h, SIP/2.0/TCP g", "Via: SIP/2.0/UDP [2001:db8::1]", "Via: SIP/2.0/UDP h;ttl=1",
        "Via: SIP/2.0/UDP h;maddr=1.2.3.4", "Via: SIP/2.0/UDP h;x=\"y\"", "Via: SIP/2.0/UDP h:05060", "Via:SIP/2.0/UDP h",
        "via: SIP/2.0/UDP h", "Via: SIP/2.0/UDP h;received=2001:db8::1", "Via: SIP/2.0/UDP h;rport=05060",
        "CSeq: 1  OPTIONS", "CSeq: 12345678901 OPTIONS", "Call-ID: a b", "Max-Forwards: 070", "Max-Forwards: 256",
        "Expires: 4294967296", "Content-Length: 1234567890", "To: <sip:a@b>, <sip:c@d>", "To: Alice <sip:a@b>",
        "From: \"A\\\"B\" <sip:a@b>", "Contact: *", "Contact: sip:a@b", "Route: < sip:a@b>", "Subject: hello ", "Allow: INVITE ,ACK",
        "Supported: path,", "Accept: application/sdp, text/plain", "Content-Type: text / plain",
        "Content-Type: text/plain ;charset=UTF-8", "Event: presence ", "Subscription-State: active;expires=\"599\"",
        "Subscription-State: active;expires=x", "Authorization: Digest realm=\"a\""
    })
    void declinesTheRest(String line) {
        assertNull(onePass(line), line);
    }
}
