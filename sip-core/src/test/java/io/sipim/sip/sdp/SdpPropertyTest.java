package io.sipim.sip.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Round trip and robustness of the SDP parser over generated descriptions. */
class SdpPropertyTest {

    @Property(tries = 500)
    void builtDescriptionsSurviveToStringAndParse(@ForAll("descriptions") SessionDescription sdp) {
        String text = sdp.toString();
        SessionDescription parsed = SessionDescription.parse(text);
        assertEquals(sdp, parsed);
        assertEquals(text, parsed.toString());
        assertEquals(sdp, SessionDescription.parse(sdp.toBytes()));
        assertEquals(sdp, SessionDescription.parse(text.replace("\r\n", "\n")));
    }

    @Property(tries = 1000)
    void mutatedTextIsParsedOrRejectedButNeverCrashes(@ForAll("descriptions") SessionDescription sdp,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 1_000_000) Integer> positions,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 4) Integer> kinds,
            @ForAll("mutationChars") char replacement) {
        StringBuilder text = new StringBuilder(sdp.toString());
        for (int i = 0; i < Math.min(positions.size(), kinds.size()); i++) {
            mutate(text, kinds.get(i), positions.get(i), replacement);
        }
        check(text.toString());
    }

    @Property(tries = 300)
    void mutatedBytesAreParsedOrRejectedButNeverCrash(@ForAll("descriptions") SessionDescription sdp,
            @ForAll @IntRange(min = 0, max = 1_000_000) int position, @ForAll byte value) {
        byte[] bytes = sdp.toBytes();
        bytes[position % bytes.length] = value;
        try {
            SessionDescription parsed = SessionDescription.parse(bytes);
            assertEquals(parsed, SessionDescription.parse(parsed.toString()));
        } catch (SdpParseException expected) {
            // bad input is reported, not thrown as anything else
        } catch (Throwable t) {
            fail("unexpected " + t + " for " + Arrays.toString(bytes), t);
        }
    }

    @Property(tries = 300)
    void mutatedExamplesAreParsedOrRejectedButNeverCrash(
            @ForAll @IntRange(min = 0, max = 1_000_000) int position, @ForAll @IntRange(min = 0, max = 4) int kind,
            @ForAll("mutationChars") char replacement, @ForAll boolean msrp) {
        StringBuilder text = new StringBuilder(msrp ? MsrpMediaTest.MSRP_OFFER : SessionDescriptionTest.RFC8866_EXAMPLE);
        mutate(text, kind, position, replacement);
        check(text.toString());
    }

    private static void check(String text) {
        try {
            SessionDescription parsed = SessionDescription.parse(text);
            // Whatever is accepted must itself round-trip.
            assertEquals(parsed, SessionDescription.parse(parsed.toString()));
        } catch (SdpParseException expected) {
            // reported with a line and reason
        } catch (Throwable t) {
            fail("unexpected " + t + " for input:\n" + text, t);
        }
    }

    /** 0 flips a character, 1 inserts one, 2 deletes one, 3 drops a line, 4 duplicates a line. */
    private static void mutate(StringBuilder text, int kind, int position, char c) {
        if (text.length() == 0) {
            return;
        }
        int at = position % text.length();
        switch (kind) {
            case 0 -> text.setCharAt(at, c);
            case 1 -> text.insert(at, c);
            case 2 -> text.deleteCharAt(at);
            default -> {
                List<String> lines = new ArrayList<>(Arrays.asList(text.toString().split("\r\n", -1)));
                int line = position % lines.size();
                if (kind == 3) {
                    lines.remove(line);
                } else {
                    lines.add(line, lines.get(line));
                }
                text.setLength(0);
                text.append(String.join("\r\n", lines));
            }
        }
    }

    @Provide
    Arbitrary<Character> mutationChars() {
        return Arbitraries.oneOf(Arbitraries.of(' ', '\r', '\n', '\0', '=', ':', '/', '*', '0', '9', 'a', 'm', 'x',
                '\u00e9', '\uffff'), Arbitraries.chars());
    }

    // ---- generators ----

    static Arbitrary<String> token(int max) {
        return Arbitraries.strings().withChars("!#$%&'*+-.0123456789ABCXYZ^_`abcxyz{|}~").ofMinLength(1).ofMaxLength(max);
    }

    static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00a0', '\u00ff').withChars('\t', '\u4e2d')
                .ofMaxLength(20);
    }

    static Arbitrary<String> nonWs() {
        return Arbitraries.strings().withCharRange('!', '~').withChars('\u00e9').ofMinLength(1).ofMaxLength(12);
    }

    static Arbitrary<String> digits() {
        return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30);
    }

    static Arbitrary<Attribute> attributes() {
        return Combinators.combine(token(10), text().injectNull(0.3)).as(Attribute::of);
    }

    static Arbitrary<Connection> connections() {
        Arbitrary<Connection> ip4 = Combinators.combine(token(15), Arbitraries.integers().between(0, 255).injectNull(0.5),
                Arbitraries.integers().between(1, 9).injectNull(0.5))
                .as((a, ttl, n) -> Connection.builder().address(a).ttl(ttl).numberOfAddresses(ttl == null ? null : n).build());
        Arbitrary<Connection> ip6 = Combinators.combine(token(15), Arbitraries.integers().between(1, 9).injectNull(0.5))
                .as((a, n) -> Connection.builder().addrType("IP6").address(a).numberOfAddresses(n).build());
        Arbitrary<Connection> other = Combinators.combine(token(4), token(4), nonWs())
                .as((net, type, a) -> Connection.builder().netType(net).addrType(type).address(a).build())
                .filter(c -> !c.addrType().equals("IP4") && !c.addrType().equals("IP6"));
        return Arbitraries.oneOf(ip4, ip6, other);
    }

    static Arbitrary<Bandwidth> bandwidths() {
        return Combinators.combine(token(5), Arbitraries.longs().between(0, 999_999_999_999_999_999L)).as(Bandwidth::of);
    }

    static Arbitrary<MediaDescription> mediaDescriptions() {
        Arbitrary<String> media = Arbitraries.oneOf(Arbitraries.of("audio", "video", "message", "application", "text"),
                token(8));
        Arbitrary<String> proto = Arbitraries.oneOf(Arbitraries.of("RTP/AVP", "TCP/MSRP", "TCP/TLS/MSRP",
                "UDP/TLS/RTP/SAVPF", "udp"), token(5).list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l)));
        Arbitrary<List<String>> formats = Arbitraries.oneOf(Arbitraries.just(List.of("*")), token(4).list().ofMinSize(1).ofMaxSize(4));
        Arbitrary<MediaDescription.Builder> head = Combinators.combine(media, Arbitraries.integers().between(0, 65535),
                        Arbitraries.integers().between(1, 65535).injectNull(0.8), proto, formats)
                .as((m, port, n, p, f) -> MediaDescription.builder().media(m).port(port).numberOfPorts(n).proto(p).formats(f));
        return Combinators.combine(head, text().injectNull(0.7), connections().list().ofMaxSize(2),
                        bandwidths().list().ofMaxSize(2), text().injectNull(0.9), attributes().list().ofMaxSize(6))
                .as((b, i, c, bw, k, a) -> b.information(i).connections(c).bandwidths(bw).key(k).attributes(a).build());
    }

    static Arbitrary<Timing> timings() {
        Arbitrary<Long> time = Arbitraries.longs().between(0, 999_999_999_999_999_999L);
        Arbitrary<String> line = text().filter(s -> !s.isEmpty());
        return Combinators.combine(time, time, line.list().ofMaxSize(2), line.injectNull(0.8)).as(Timing::of);
    }

    static Arbitrary<Origin> origins() {
        return Combinators.combine(nonWs(), digits(), digits(), token(3), token(4), nonWs())
                .as((u, id, v, net, type, a) -> Origin.builder().username(u).sessionId(id).sessionVersion(v)
                        .netType(net).addrType(type).unicastAddress(a).build());
    }

    @Provide
    Arbitrary<SessionDescription> descriptions() {
        Arbitrary<SessionDescription.Builder> head = Combinators.combine(origins(), text(), text().injectNull(0.7),
                        text().injectNull(0.8), text().list().ofMaxSize(2), text().list().ofMaxSize(2))
                .as((o, s, i, u, e, p) -> SessionDescription.builder().origin(o).sessionName(s).information(i).uri(u)
                        .emails(e).phones(p));
        return Combinators.combine(head, connections().injectNull(0.4), bandwidths().list().ofMaxSize(2),
                        timings().list().ofMinSize(1).ofMaxSize(3), text().injectNull(0.9),
                        attributes().list().ofMaxSize(4), mediaDescriptions().list().ofMaxSize(4))
                .as((b, c, bw, t, k, a, m) -> b.connection(c).bandwidths(bw).timings(t).key(k).attributes(a).media(m).build());
    }
}
