package io.sipim.sip.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sipim.sip.message.CSeq;
import io.sipim.sip.message.Header;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.MediaType;
import io.sipim.sip.message.MessageBuilder;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.TelUri;
import io.sipim.sip.message.Uri;
import io.sipim.sip.message.Via;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.arbitraries.StringArbitrary;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the SIP message layer: round trip through the wire form, stream framing over any
 * read boundaries, robustness against mutated input, and bounded memory on hostile streams.
 */
class SipMessagePropertiesTest {

    static final String TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";
    static final String WORD_EXTRA = "()<>:\\\"/[]?{}";
    static final Set<Integer> ANSWERABLE = Set.of(400, 413, 414, 505, 513);
    static final long MAX_NANOS_PER_INPUT = 2_000_000_000L;

    // ---- generators ---------------------------------------------------------------------------

    static Arbitrary<String> token(int min, int max) {
        return Arbitraries.strings().withChars(TOKEN_CHARS.toCharArray()).ofMinLength(min).ofMaxLength(max);
    }

    static Arbitrary<String> alnum(int min, int max) {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').numeric().ofMinLength(min)
                .ofMaxLength(max);
    }

    /** Printable text with quotes, backslashes and UTF-8 (BMP and one astral character); no controls. */
    static Arbitrary<String> text(int max) {
        StringArbitrary base = Arbitraries.strings().withCharRange(' ', '~').withChars("\"\\\"\\")
                .withCharRange('\u00a0', '\u024f').withCharRange('\u0400', '\u04ff').withCharRange('\u4e00', '\u4e20')
                .ofMaxLength(max);
        return Combinators.combine(base, Arbitraries.of("", "", "\ud83d\ude00", "\u260e"), base.ofMaxLength(4))
                .as((a, b, c) -> a + b + c);
    }

    static Arbitrary<String> host() {
        Arbitrary<String> name = alnum(1, 8).map(s -> s.toLowerCase() + ".example.com");
        Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
        Arbitrary<String> ipv6 = Arbitraries.integers().between(0, 0xffff).list().ofMinSize(1).ofMaxSize(3)
                .map(l -> "[2001:db8::" + String.join(":", l.stream().map(Integer::toHexString).toList()) + "]");
        return Arbitraries.oneOf(name, ipv4, ipv6);
    }

    static Arbitrary<Integer> port() {
        return Arbitraries.oneOf(Arbitraries.just(-1), Arbitraries.integers().between(0, 65535));
    }

    static Arbitrary<SipUri> sipUri() {
        Arbitrary<String> user = text(10).filter(s -> !s.isEmpty()).injectNull(0.3);
        Arbitrary<List<List<String>>> params = Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1)
                .ofMaxLength(6), alnum(1, 6).injectNull(0.3)).as((n, v) -> List.of(n, v == null ? "" : v))
                .list().ofMaxSize(3);
        return Combinators.combine(Arbitraries.of(false, true), user, host(), port(), params).as((secure, u, h, p, ps) -> {
            SipUri.Builder b = SipUri.builder().secure(secure).user(u).host(h).port(p);
            for (List<String> kv : ps) {
                b.parameter(kv.get(0), kv.get(1).isEmpty() ? null : kv.get(1));
            }
            return b.build();
        });
    }

    static Arbitrary<TelUri> telUri() {
        return Combinators.combine(Arbitraries.strings().numeric().ofMinLength(3).ofMaxLength(12),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(4).injectNull(0.5),
                alnum(1, 6).injectNull(0.5)).as((n, ext, p) -> {
                    TelUri.Builder b = TelUri.builder().number("+" + n).extension(ext);
                    if (p != null) {
                        b.parameter("x-" + p.toLowerCase(), p);
                    }
                    return b.build();
                });
    }

    static Arbitrary<Uri> requestUri() {
        return Arbitraries.oneOf(sipUri(), telUri());
    }

    static Arbitrary<Via> via() {
        Arbitrary<String> transport = Arbitraries.of("UDP", "TCP", "TLS", "SCTP", "WS", "WSS", "x-new");
        Arbitrary<String> received = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3)).injectNull(0.5);
        Arbitrary<Integer> rport = Arbitraries.oneOf(Arbitraries.just(-2), Arbitraries.just(-1),
                Arbitraries.integers().between(0, 65535));
        return Combinators.combine(transport, host(), port(), token(1, 12), received, rport).as((t, h, p, br, rec, rp) -> {
            Via v = Via.of(t, h, p).withBranch(Via.MAGIC_COOKIE + br);
            if (rec != null) {
                v = v.withReceived(rec);
            }
            if (rp >= 0) {
                v = v.withParameter("rport", Integer.toString(rp));
            } else if (rp == -1) {
                v = v.withParameter("rport", null);
            }
            return v;
        });
    }

    static Arbitrary<NameAddr> nameAddr(boolean tagged) {
        return Combinators.combine(text(16).injectNull(0.3), sipUri(), token(1, 10).injectNull(tagged ? 0.2 : 1.0))
                .as((dn, uri, tag) -> {
                    NameAddr a = new NameAddr(dn, uri, io.sipim.sip.message.Parameters.EMPTY);
                    return tag == null ? a : a.withTag(tag);
                });
    }

    static Arbitrary<NameAddr> contact() {
        return Combinators.combine(nameAddr(false), Arbitraries.longs().between(0, 0xFFFF_FFFFL).injectNull(0.4),
                Arbitraries.of("0", "0.5", "1.0", "0.001").injectNull(0.5), token(1, 8).injectNull(0.7))
                .as((a, exp, q, flag) -> {
                    NameAddr c = a;
                    if (exp != null) {
                        c = c.withParameter("expires", Long.toString(exp));
                    }
                    if (q != null) {
                        c = c.withParameter("q", q);
                    }
                    if (flag != null) {
                        c = c.withParameter("+" + flag, null);
                    }
                    return c;
                });
    }

    static Arbitrary<String> callId() {
        Arbitrary<String> word = Arbitraries.strings().withChars((TOKEN_CHARS + WORD_EXTRA).toCharArray()).ofMinLength(1)
                .ofMaxLength(20);
        return Combinators.combine(word, word.injectNull(0.5)).as((a, b) -> b == null ? a : a + "@" + b);
    }

    record Extension(String name, String value) {}

    static Arbitrary<Extension> extension() {
        // Values are trimmed on the wire (RFC 3261 §7.3.1 LWS around the value), so generate them trimmed.
        return Combinators.combine(alnum(1, 10).map(s -> "X-" + s), text(40).map(s -> s.replaceAll("^ +| +$", "")))
                .as(Extension::new);
    }

    record Body(MediaType type, byte[] bytes) {
        @Override
        public String toString() {
            return type + " (" + bytes.length + " bytes)";
        }
    }

    static Arbitrary<Body> body() {
        Arbitrary<MediaType> type = Arbitraries.of(MediaType.of("application", "octet-stream"),
                MediaType.TEXT_PLAIN.withParameter("charset", "UTF-8"), MediaType.APPLICATION_SDP,
                MediaType.MULTIPART_MIXED.withParameter("boundary", "\"a; b\""));
        return Combinators.combine(type, Arbitraries.bytes().array(byte[].class).ofMaxSize(2000)).as(Body::new)
                .injectNull(0.3);
    }

    /** What requests and responses share. */
    record Common(List<Via> vias, NameAddr from, NameAddr to, String callId, long cseq, List<NameAddr> contacts,
                  List<Extension> extensions, Body body) {}

    static Arbitrary<Common> common() {
        return Combinators.combine(via().list().ofMinSize(1).ofMaxSize(5), nameAddr(true), nameAddr(true), callId(),
                Arbitraries.longs().between(0, CSeq.MAX), contact().list().ofMaxSize(3), extension().list().ofMaxSize(4),
                body()).as(Common::new);
    }

    static <B extends MessageBuilder<B>> B fill(B b, Common c, String cseqMethod) {
        for (Via v : c.vias()) {
            b.via(v);
        }
        b.from(c.from()).to(c.to()).callId(c.callId()).cseq(new CSeq(c.cseq(), cseqMethod));
        for (NameAddr a : c.contacts()) {
            b.contact(a);
        }
        for (Extension e : c.extensions()) {
            b.header(e.name(), e.value());
        }
        if (c.body() != null) {
            b.body(c.body().type(), c.body().bytes());
        }
        return b;
    }

    @Provide
    Arbitrary<SipMessage> requests() {
        return Combinators.combine(token(1, 12), requestUri(), Arbitraries.integers().between(0, 255), common())
                .as((method, uri, mf, c) -> fill(SipRequest.builder(method, uri).maxForwards(mf), c, method).build());
    }

    @Provide
    Arbitrary<SipMessage> responses() {
        Arbitrary<String> reason = Arbitraries.oneOf(text(30), Arbitraries.just(""));
        return Combinators.combine(Arbitraries.integers().between(100, 699), reason, token(1, 12), common())
                .as((status, r, method, c) -> fill(SipResponse.builder(status).reason(r), c, method).build());
    }

    @Provide
    Arbitrary<SipMessage> messages() {
        return Arbitraries.oneOf(requests(), responses());
    }

    // ---- a. round trip ---------------------------------------------------------------------------

    static void assertSameMessage(SipMessage expected, SipMessage actual) {
        assertEquals(expected, actual);
        assertEquals(expected.getClass(), actual.getClass());
        assertEquals(expected.startLine(), actual.startLine());
        if (expected instanceof SipRequest req) {
            SipRequest r = (SipRequest) actual;
            assertEquals(req.method(), r.method());
            assertEquals(req.requestUri(), r.requestUri());
            assertEquals(req.requestUri().toString(), r.requestUri().toString());
            assertEquals(req.maxForwards(), r.maxForwards());
        } else {
            SipResponse resp = (SipResponse) expected;
            SipResponse r = (SipResponse) actual;
            assertEquals(resp.status(), r.status());
            assertEquals(resp.reason(), r.reason());
        }
        assertEquals(expected.via(), actual.via());
        assertEquals(expected.topVia(), actual.topVia());
        for (int i = 0; i < expected.via().size(); i++) {
            Via e = expected.via().get(i);
            Via a = actual.via().get(i);
            assertEquals(e.branch(), a.branch());
            assertEquals(e.received(), a.received());
            assertEquals(e.hasRport(), a.hasRport());
            assertEquals(e.rport(), a.rport());
            assertEquals(e.sentBy(), a.sentBy());
        }
        assertEquals(expected.from(), actual.from());
        assertEquals(expected.from().displayName(), actual.from().displayName());
        assertEquals(expected.to(), actual.to());
        assertEquals(expected.to().tag(), actual.to().tag());
        assertEquals(expected.callId(), actual.callId());
        assertEquals(expected.cseq(), actual.cseq());
        assertEquals(expected.contacts(), actual.contacts());
        assertEquals(expected.contentType(), actual.contentType());
        assertEquals(expected.values(HeaderName.CONTENT_LENGTH), actual.values(HeaderName.CONTENT_LENGTH));
        assertArrayEquals(expected.body(), actual.body());
        List<Header> eh = expected.headers();
        List<Header> ah = actual.headers();
        assertEquals(eh.size(), ah.size());
        for (int i = 0; i < eh.size(); i++) {
            assertEquals(eh.get(i).spelledName(), ah.get(i).spelledName());
            assertEquals(eh.get(i).value(), ah.get(i).value());
            assertEquals(eh.get(i).values(), ah.get(i).values());
            assertIndexedValuesMatchTheList(ah.get(i));
        }
    }

    /** {@code valueCount}/{@code valueAt} answer what {@code values()} holds, without the list. */
    static void assertIndexedValuesMatchTheList(Header h) {
        List<?> values = h.values();
        assertEquals(values.size(), h.valueCount());
        for (int k = 0; k < values.size(); k++) {
            assertEquals(values.get(k), h.valueAt(k));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> h.valueAt(values.size()));
        assertThrows(IndexOutOfBoundsException.class, () -> h.valueAt(-1));
    }

    @Property(tries = 1000)
    void rfc3261_7_builtMessageSurvivesEncodeAndParse(@ForAll("messages") SipMessage m) {
        byte[] wire = m.encode();
        SipMessage parsed = new SipParser().parseDatagram(wire);
        assertSameMessage(m, parsed);
        assertArrayEquals(wire, parsed.encode());
        MessageValidator.validate(m);
    }

    // ---- b. stream framing ------------------------------------------------------------------------

    record Framed(List<SipMessage> messages, byte[] bytes, int keepAlives) {
        @Override
        public String toString() {
            return messages.size() + " messages, " + bytes.length + " bytes, " + keepAlives + " keep-alives";
        }
    }

    record Item(SipMessage message, boolean keepAliveBefore) {}

    @Provide
    Arbitrary<Framed> framedStreams() {
        return Combinators.combine(messages(), Arbitraries.of(false, true)).as(Item::new)
                .list().ofMinSize(1).ofMaxSize(6).map(items -> {
                    List<SipMessage> ms = new ArrayList<>();
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    int kas = 0;
                    for (Item item : items) {
                        if (item.keepAliveBefore()) {
                            out.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                            kas++;
                        }
                        SipMessage m = item.message();
                        ms.add(m);
                        out.writeBytes(m.encode());
                    }
                    return new Framed(ms, out.toByteArray(), kas);
                });
    }

    static final class Recorder implements SipStreamDecoder.Listener {
        final List<SipMessage> messages = new ArrayList<>();
        final List<SipParseException> errors = new ArrayList<>();
        int keepAlives;

        @Override
        public void onMessage(SipMessage message) {
            messages.add(message);
        }

        @Override
        public void onError(SipParseException error, boolean fatal) {
            errors.add(error);
        }

        @Override
        public void onKeepAlive() {
            keepAlives++;
        }
    }

    static void assertFramesExactly(Framed f, List<Integer> cuts) {
        Recorder r = new Recorder();
        SipStreamDecoder d = new SipStreamDecoder(r);
        int from = 0;
        for (int cut : cuts) {
            d.feed(f.bytes(), from, cut - from);
            from = cut;
        }
        d.feed(f.bytes(), from, f.bytes().length - from);
        assertEquals(List.of(), r.errors);
        assertEquals(f.messages().size(), r.messages.size());
        for (int i = 0; i < f.messages().size(); i++) {
            assertSameMessage(f.messages().get(i), r.messages.get(i));
        }
        assertEquals(f.keepAlives(), r.keepAlives);
        assertEquals(0, d.buffered());
        assertTrue(!d.isFailed());
    }

    @Property(tries = 300)
    void rfc3261_18_3_anySplitOfAStreamYieldsTheSameMessages(@ForAll("framedStreams") Framed f,
            @ForAll @Size(max = 24) List<@IntRange(min = 0, max = 1_000_000) Integer> splits) {
        TreeSet<Integer> cuts = new TreeSet<>();
        for (int s : splits) {
            cuts.add(s % (f.bytes().length + 1));
        }
        assertFramesExactly(f, new ArrayList<>(cuts));
    }

    @Example
    void rfc3261_18_3_oneByteReadsYieldTheSameMessages() {
        Random rnd = new Random(4475);
        for (int round = 0; round < 20; round++) {
            Framed f = framedStreams().generator(10).next(new Random(rnd.nextLong())).value();
            List<Integer> cuts = new ArrayList<>();
            for (int i = 1; i < f.bytes().length; i++) {
                cuts.add(i);
            }
            assertFramesExactly(f, cuts);
        }
    }

    // ---- c. mutation ------------------------------------------------------------------------------

    static final String[] VALID_TORTURE = {"wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq",
        "dblreq", "semiuri", "transports", "mpart01", "unreason", "noreason", "badbranch", "insuf", "unkscm",
        "novelsc", "unksm2", "bext01", "invut", "regaut01", "multi01", "mcl01", "bcast", "zeromf", "cparam01",
        "cparam02", "regescrt", "sdp01", "inv2543"};

    @Provide
    Arbitrary<byte[]> seeds() {
        List<byte[]> torture = new ArrayList<>();
        for (String name : VALID_TORTURE) {
            torture.add(SipParserTest.resource("rfc4475/" + name + ".dat"));
        }
        return Arbitraries.oneOf(messages().map(SipMessage::encode), Arbitraries.of(torture));
    }

    record Mutation(int kind, int a, int b, byte[] bytes) {
        @Override
        public String toString() {
            return "Mutation[" + kind + ", " + a + ", " + b + ", " + HexFormat.of().formatHex(bytes) + "]";
        }
    }

    static final byte[] INTERESTING = {0, '\r', '\n', ' ', '\t', ':', ';', ',', '"', '\\', '<', '>', '=', '@', '/',
        '0', '9', '-', (byte) 0x7f, (byte) 0x80, (byte) 0xc3, (byte) 0xff};

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.integers().between(0, 1 << 20), Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16))
                .as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
    }

    static List<byte[]> lines(byte[] in) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n') {
                out.add(Arrays.copyOfRange(in, start, i + 1));
                start = i + 1;
            }
        }
        if (start < in.length) {
            out.add(Arrays.copyOfRange(in, start, in.length));
        }
        return out;
    }

    static byte[] join(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lines.forEach(out::writeBytes);
        return out.toByteArray();
    }

    static byte[] apply(byte[] in, Mutation m) {
        int n = in.length;
        byte[] b = in.clone();
        switch (m.kind()) {
            case 0: // flip a bit
                if (n > 0) {
                    b[m.a() % n] ^= (byte) (1 << (m.b() % 8));
                }
                return b;
            case 1: // truncate
                return Arrays.copyOf(b, m.a() % (n + 1));
            case 2: { // insert random bytes
                int at = m.a() % (n + 1);
                byte[] out = new byte[n + m.bytes().length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(m.bytes(), 0, out, at, m.bytes().length);
                System.arraycopy(b, at, out, at + m.bytes().length, n - at);
                return out;
            }
            case 3: { // duplicate a line
                List<byte[]> ls = lines(b);
                if (!ls.isEmpty()) {
                    int i = m.a() % ls.size();
                    ls.add(i, ls.get(i));
                }
                return join(ls);
            }
            case 4: { // remove a line
                List<byte[]> ls = lines(b);
                if (!ls.isEmpty()) {
                    ls.remove(m.a() % ls.size());
                }
                return join(ls);
            }
            case 5: { // swap two lines
                List<byte[]> ls = lines(b);
                if (!ls.isEmpty()) {
                    int i = m.a() % ls.size();
                    int j = m.b() % ls.size();
                    byte[] t = ls.get(i);
                    ls.set(i, ls.get(j));
                    ls.set(j, t);
                }
                return join(ls);
            }
            case 6: // set a byte to one that the grammar cares about
                if (n > 0) {
                    b[m.a() % n] = INTERESTING[m.b() % INTERESTING.length];
                }
                return b;
            default: { // overwrite a run with random bytes
                if (n > 0) {
                    int at = m.a() % n;
                    for (int i = 0; i < m.bytes().length && at + i < n; i++) {
                        b[at + i] = m.bytes()[i];
                    }
                }
                return b;
            }
        }
    }

    static final SipParser DEFAULT_PARSER = new SipParser();
    static final SipLimits TIGHT = SipLimits.builder().maxMessageBytes(1500).maxHeaderSectionBytes(900)
            .maxBodyBytes(600).maxHeaders(12).maxHeaderLineBytes(120).maxUriLength(40).maxParametersPerHeader(3)
            .maxVias(2).build();
    static final SipParser TIGHT_PARSER = new SipParser(TIGHT);

    static void checkError(SipParseException e, long length, byte[] input) {
        if (!ANSWERABLE.contains(e.status()) || e.offset() < -1 || e.offset() > length) {
            fail("bad error " + e + " (status " + e.status() + ", offset " + e.offset() + ") for input "
                    + HexFormat.of().formatHex(input));
        }
    }

    static void parseDatagramSafely(SipParser parser, byte[] input) {
        long t0 = System.nanoTime();
        try {
            SipMessage m = parser.parseDatagram(input);
            m.encode();
        } catch (SipParseException e) {
            checkError(e, input.length, input);
            // headers whose value did not parse have no typed values, the others theirs
            e.partialMessage().ifPresent(m -> m.headers().forEach(SipMessagePropertiesTest::assertIndexedValuesMatchTheList));
        } catch (Throwable t) {
            fail("parseDatagram threw " + t + " for input " + HexFormat.of().formatHex(input), t);
        }
        long elapsed = System.nanoTime() - t0;
        assertTrue(elapsed < MAX_NANOS_PER_INPUT, "took " + elapsed / 1_000_000 + " ms");
    }

    static void decodeStreamSafely(SipLimits limits, byte[] input, int chunk) {
        long t0 = System.nanoTime();
        Recorder r = new Recorder();
        SipStreamDecoder d = new SipStreamDecoder(limits, r);
        try {
            for (int i = 0; i < input.length; i += chunk) {
                d.feed(input, i, Math.min(chunk, input.length - i));
            }
        } catch (Throwable t) {
            fail("SipStreamDecoder threw " + t + " for input " + HexFormat.of().formatHex(input), t);
        }
        for (SipParseException e : r.errors) {
            checkError(e, input.length, input);
        }
        assertTrue(d.buffered() <= limits.maxHeaderSectionBytes() + limits.maxBodyBytes() + 4);
        long elapsed = System.nanoTime() - t0;
        assertTrue(elapsed < MAX_NANOS_PER_INPUT, "took " + elapsed / 1_000_000 + " ms");
    }

    @Property(tries = 2500)
    void rfc3261_7_mutatedInputGivesAMessageOrAnAnswerableParseError(@ForAll("seeds") byte[] seed,
            @ForAll("mutations") List<Mutation> mutations, @ForAll @IntRange(min = 1, max = 700) int chunk) {
        byte[] input = seed;
        for (Mutation m : mutations) {
            input = apply(input, m);
        }
        parseDatagramSafely(DEFAULT_PARSER, input);
        parseDatagramSafely(TIGHT_PARSER, input);
        decodeStreamSafely(SipLimits.DEFAULT, input, chunk);
        decodeStreamSafely(TIGHT, input, chunk);
        // the same bytes after a valid message, and a valid message after them
        byte[] valid = SipParserTest.resource("rfc4475/dblreq.dat");
        byte[] sandwich = new byte[valid.length * 2 + input.length];
        System.arraycopy(valid, 0, sandwich, 0, valid.length);
        System.arraycopy(input, 0, sandwich, valid.length, input.length);
        System.arraycopy(valid, 0, sandwich, valid.length + input.length, valid.length);
        decodeStreamSafely(SipLimits.DEFAULT, sandwich, chunk);
    }

    @Example
    void rfc4475_everyTortureMessageGivesAMessageOrAnAnswerableParseError() {
        for (String dir : List.of("rfc4475", "rfc5118")) {
            for (String f : SipParserTest.tortureFiles(dir)) {
                byte[] b = SipParserTest.resource(dir + "/" + f);
                parseDatagramSafely(DEFAULT_PARSER, b);
                parseDatagramSafely(TIGHT_PARSER, b);
                decodeStreamSafely(SipLimits.DEFAULT, b, 1);
                decodeStreamSafely(TIGHT, b, 13);
            }
        }
    }

    // ---- d. memory ----------------------------------------------------------------------------------

    enum Hostile { RANDOM_GARBAGE, ENDLESS_HEADER_LINE, ENDLESS_HEADERS, HUGE_CONTENT_LENGTH, MAX_SIZE_MESSAGES }

    static final int FIFTY_MB = 50 * 1024 * 1024;
    static final int CHUNK = 64 * 1024;

    static byte[] head(String contentLength) {
        return ("MESSAGE sip:b@example.com SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nFrom: <sip:a@x>;tag=1\r\n"
                + "To: <sip:b@x>\r\nCall-ID: c\r\nCSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\n"
                + (contentLength == null ? "" : "Content-Length: " + contentLength + "\r\n\r\n"))
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The 64 KiB chunks of a hostile stream; the first may differ from the rest. */
    static byte[][] chunks(Hostile kind, SipLimits limits, Random rnd) {
        byte[] first = new byte[CHUNK];
        byte[] rest = new byte[CHUNK];
        switch (kind) {
            case RANDOM_GARBAGE -> {
                rnd.nextBytes(first);
                rnd.nextBytes(rest);
            }
            case ENDLESS_HEADER_LINE -> {
                Arrays.fill(rest, (byte) 'a');
                first = rest.clone();
                byte[] h = head(null);
                System.arraycopy(h, 0, first, 0, h.length);
                first[h.length] = 'X';
                first[h.length + 1] = ':';
            }
            case ENDLESS_HEADERS -> {
                byte[] line = "X-Repeat: value\r\n".getBytes(StandardCharsets.US_ASCII);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                while (out.size() < CHUNK) {
                    out.writeBytes(line);
                }
                rest = out.toByteArray();
                byte[] h = head(null);
                first = new byte[h.length + rest.length];
                System.arraycopy(h, 0, first, 0, h.length);
                System.arraycopy(rest, 0, first, h.length, rest.length);
            }
            case HUGE_CONTENT_LENGTH -> {
                // over maxBodyBytes: skipped without buffering, then the next message
                first = head("999999999999");
                rnd.nextBytes(rest);
            }
            default -> {
                // pipelined messages whose body is exactly maxBodyBytes
                byte[] h = head(Integer.toString(limits.maxBodyBytes()));
                first = new byte[h.length + limits.maxBodyBytes()];
                System.arraycopy(h, 0, first, 0, h.length);
                Arrays.fill(first, h.length, first.length, (byte) 'b');
                rest = first;
            }
        }
        return new byte[][] {first, rest};
    }

    /** Every kind of hostile stream, with the default and with tight limits. */
    @Property(generation = GenerationMode.EXHAUSTIVE, shrinking = ShrinkingMode.OFF)
    void sipLimits_hostileStreamOfFiftyMegabytesKeepsTheBufferBounded(@ForAll Hostile kind,
            @ForAll boolean tightLimits) {
        SipLimits limits = tightLimits ? SipLimits.builder().maxHeaderSectionBytes(4096).maxBodyBytes(8192).build()
                : SipLimits.DEFAULT;
        byte[][] c = chunks(kind, limits, new Random(kind.ordinal() * 2L + (tightLimits ? 1 : 0)));
        Recorder r = new Recorder();
        SipStreamDecoder d = new SipStreamDecoder(limits, r);
        long bound = (long) limits.maxHeaderSectionBytes() + limits.maxBodyBytes() + 4;
        long fed = 0;
        long t0 = System.nanoTime();
        for (int i = 0; fed < FIFTY_MB; i++) {
            byte[] chunk = i == 0 ? c[0] : c[1];
            // feed 64 KiB at a time, even when a template is larger
            for (int off = 0; off < chunk.length && fed < FIFTY_MB; off += CHUNK) {
                int n = Math.min(CHUNK, chunk.length - off);
                d.feed(chunk, off, n);
                fed += n;
                assertTrue(d.buffered() <= bound, kind + ": buffered " + d.buffered() + " > " + bound);
            }
        }
        for (SipParseException e : r.errors) {
            assertTrue(ANSWERABLE.contains(e.status()), e.toString());
        }
        if (kind == Hostile.MAX_SIZE_MESSAGES) {
            assertTrue(r.messages.size() > 100, "decoded " + r.messages.size());
            assertEquals(List.of(), r.errors);
        } else if (kind != Hostile.HUGE_CONTENT_LENGTH) {
            assertTrue(d.isFailed(), kind + " should fail the stream");
        }
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "too slow");
    }
}
