package io.sipim.msrp.sdp;

import io.sipim.msrp.message.MsrpUri;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for attribute values. */
final class Generators {

    private Generators() {
    }

    static Arbitrary<MsrpUri> uris(boolean secure) {
        Arbitrary<String> host = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10).map(s -> s + ".example.com"),
                Arbitraries.integers().between(1, 254).map(i -> "192.0.2." + i),
                Arbitraries.just("2001:db8::1"));
        Arbitrary<Integer> port = Arbitraries.oneOf(Arbitraries.just(-1), Arbitraries.integers().between(0, 65535));
        Arbitrary<String> session = Arbitraries.strings().alpha().numeric().withChars("-._~+=/").ofMinLength(1).ofMaxLength(20);
        return Combinators.combine(host, port, session)
                .as((h, p, s) -> MsrpUri.builder().secure(secure).host(h).port(p).sessionId(s).build());
    }

    static Arbitrary<String> mimeTokens() {
        return Arbitraries.strings().alpha().numeric().withChars("!#$%&'*+-.^_`|~").ofMinLength(1).ofMaxLength(12);
    }

    static Arbitrary<String> sdpTokens() {
        return Arbitraries.strings().alpha().numeric().withChars("!#$%&'*+-.^_`{|}~").ofMinLength(1).ofMaxLength(16);
    }

    static Arbitrary<String> acceptEntries() {
        return Arbitraries.oneOf(Arbitraries.just("*"), mimeTokens().map(t -> t + "/*"),
                Combinators.combine(mimeTokens(), mimeTokens()).as((t, s) -> t + "/" + s));
    }

    static Arbitrary<byte[]> hashes() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64);
    }
}
