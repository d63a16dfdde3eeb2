package io.sipim.sip.auth;

import static io.sipim.sip.auth.AuthFixtures.challenge;
import static io.sipim.sip.auth.AuthFixtures.register;
import static io.sipim.sip.auth.AuthFixtures.wire;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Digest authentication works for any printable names and passwords, quotes and backslashes included. */
class DigestPropertiesTest {

    /** Printable text: ASCII (with '"' and '\'), Latin and Cyrillic, some CJK. */
    private static Arbitrary<String> printable(int minLength) {
        return Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00a0', '\u04ff')
                .withCharRange('\u4e00', '\u4e40').ofMinLength(minLength).ofMaxLength(24);
    }

    @Provide
    Arbitrary<String> names() {
        return printable(1);
    }

    @Provide
    Arbitrary<String> passwords() {
        return printable(0);
    }

    @Property(tries = 200)
    void rfc3261_22_anyPrintableUsernameRealmAndPasswordRoundTripsThroughTheWire(
            @ForAll("names") String username, @ForAll("names") String realm, @ForAll("passwords") String password,
            @ForAll DigestAlgorithm algorithm) {
        DigestServer server = DigestServer.builder(realm, UserStore.inMemory(Map.of(username, password)))
                .algorithms(algorithm).build();
        DigestClient client = new DigestClient(CredentialsProvider.of(username, password));
        SipRequest reg = register();
        SipResponse r401 = wire(challenge(reg, 401, HeaderName.WWW_AUTHENTICATE, server.challenges(false)));
        SipRequest retry = wire(client.authorize(reg, r401, 2));
        DigestResult r = server.verify(retry, HeaderName.AUTHORIZATION);
        assertEquals(DigestResult.Status.OK, r.status(), r.detail());
        assertEquals(username, r.username());
    }

    @Property(tries = 100)
    void rfc7616_3_3_anyOtherPasswordIsABadResponse(@ForAll("passwords") String password,
                                                      @ForAll("passwords") String guess) {
        net.jqwik.api.Assume.that(!password.equals(guess));
        DigestServer server = DigestServer.builder("atlanta.com", UserStore.inMemory(Map.of("alice", password))).build();
        DigestClient client = new DigestClient(CredentialsProvider.of("alice", guess));
        SipRequest reg = register();
        SipRequest retry = client.authorize(reg, challenge(reg, 401, HeaderName.WWW_AUTHENTICATE,
                server.challenges(false)), 2);
        assertEquals(DigestResult.Status.BAD_RESPONSE, server.verify(wire(retry), HeaderName.AUTHORIZATION).status());
    }
}
