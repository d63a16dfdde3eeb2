package io.sipim.sip.auth;

import static io.sipim.sip.auth.AuthFixtures.authorization;
import static io.sipim.sip.auth.AuthFixtures.challenge;
import static io.sipim.sip.auth.AuthFixtures.message;
import static io.sipim.sip.auth.AuthFixtures.proxyAuthorization;
import static io.sipim.sip.auth.AuthFixtures.register;
import static io.sipim.sip.auth.AuthFixtures.wire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.message.Credentials;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DigestClient}: what it sends in answer to 401 and 407 challenges. */
class DigestClientTest {

    private final DigestClient client = new DigestClient(CredentialsProvider.of("alice", "secret"));

    /** The response {@code c} should carry, computed independently from its own parameters. */
    private static String expectedResponse(Credentials c, SipRequest r, String password) {
        DigestAlgorithm a = DigestAlgorithm.fromToken(c.algorithm());
        String ha1 = RequestDigest.ha1(a, "alice", c.realm(), password);
        return RequestDigest.response(a, ha1, c.nonce(), c.parameters().get("nc"), c.cnonce(), c.qop(), r.method(),
                c.uri(), r.body());
    }

    @Test
    void rfc3261_22_2_answersA401WithAuthorizationAndTheNewCSeq() {
        SipRequest reg = register();
        SipResponse r401 = challenge(reg, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"atlanta.com\", nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", qop=\"auth\", "
                        + "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", algorithm=MD5");
        SipRequest retry = client.authorize(reg, r401, 2);

        assertEquals(2, retry.cseq().number());
        assertEquals(SipRequest.REGISTER, retry.cseq().method());
        assertEquals(reg.callId(), retry.callId());
        assertEquals(reg.from(), retry.from());
        assertFalse(retry.has(HeaderName.PROXY_AUTHORIZATION));
        Credentials c = authorization(retry);
        assertEquals("Digest", c.scheme());
        assertEquals("alice", c.username());
        assertEquals("atlanta.com", c.realm());
        assertEquals("ea9c8e88df84f1cec4341ae6cbe5a359", c.nonce());
        assertEquals("sip:atlanta.com", c.uri());
        assertEquals("MD5", c.parameters().get("algorithm"));
        assertEquals("5ccc069c403ebaf9f0171e9517f40e41", c.opaque());
        assertEquals("auth", c.qop());
        assertEquals("00000001", c.parameters().get("nc"));
        assertEquals(expectedResponse(c, retry, "secret"), c.response());
        // Wire form: qop and nc are tokens, the others quoted-strings (RFC 3261 §25.1 dig-resp).
        String text = retry.header("Authorization");
        assertTrue(text.contains("qop=auth, nc=00000001"), text);
        assertTrue(text.startsWith("Digest username=\"alice\", realm=\"atlanta.com\""), text);
        assertEquals(c, authorization(wire(retry)));
    }

    @Test
    void rfc7616_5_12_cnoncesAreFreshRandomHexOfAtLeast64Bits() {
        SipRequest reg = register();
        SipResponse r401 = challenge(reg, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"atlanta.com\", nonce=\"n1\", qop=\"auth\"");
        String c1 = authorization(client.authorize(reg, r401, 2)).cnonce();
        String c2 = authorization(client.authorizePreemptively(reg)).cnonce();
        assertTrue(c1.matches("[0-9a-f]{16,}"), c1);
        assertNotEquals(c1, c2);
    }

    @Test
    void rfc2617_3_2_2_algorithmIsEchoedOnlyWhenTheChallengeNamedIt() {
        SipRequest reg = register();
        SipResponse r401 = challenge(reg, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"atlanta.com\", nonce=\"n1\", qop=\"auth\"");
        Credentials c = authorization(client.authorize(reg, r401, 2));
        assertFalse(c.parameters().has("algorithm"));
        assertFalse(c.parameters().has("opaque"));
        assertEquals("MD5", c.algorithm());
    }

    @Test
    void rfc3261_22_3_answersA407WithProxyAuthorization() {
        SipRequest msg = message("hi");
        SipResponse r407 = challenge(msg, 407, HeaderName.PROXY_AUTHENTICATE,
                "Digest realm=\"proxy.atlanta.com\", nonce=\"p1\", qop=\"auth\", algorithm=SHA-256");
        SipRequest retry = client.authorize(msg, r407, 2);
        assertNull(authorization(retry));
        Credentials c = proxyAuthorization(retry);
        assertEquals("proxy.atlanta.com", c.realm());
        assertEquals("sip:bob@biloxi.com", c.uri());
        assertEquals("SHA-256", c.algorithm());
        assertEquals(expectedResponse(c, retry, "secret"), c.response());
        assertEquals("hi", retry.bodyText());
    }

    @Test
    void rfc8760_2_4_picksTheStrongestSupportedAlgorithmAndSkipsUnknownOnes() {
        SipRequest reg = register();
        SipResponse r401 = challenge(reg, 401, HeaderName.WWW_AUTHENTICATE,
                "Basic realm=\"atlanta.com\"",
                "Digest realm=\"atlanta.com\", nonce=\"n1\", qop=\"auth\", algorithm=MD5",
                "Digest realm=\"atlanta.com\", nonce=\"n1\", qop=\"auth\", algorithm=SHA-512-256",
                "Digest realm=\"atlanta.com\", nonce=\"n1\", qop=\"auth\", algorithm=SHA3-512",
                "Digest realm=\"atlanta.com\", nonce=\"n1\", qop=\"auth\", algorithm=SHA-256");
        SipRequest retry = client.authorize(reg, r401, 2);
        List<Credentials> all = retry.values(HeaderName.AUTHORIZATION);
        assertEquals(1, all.size());
        assertEquals("SHA-512-256", all.get(0).algorithm());
        assertEquals(expectedResponse(all.get(0), retry, "secret"), all.get(0).response());

        SipResponse sha256First = challenge(reg, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"atlanta.com\", nonce=\"n2\", qop=\"auth\", algorithm=SHA-256",
                "Digest realm=\"atlanta.com\", nonce=\"n2\", qop=\"auth\", algorithm=MD5");
        assertEquals("SHA-256", authorization(new DigestClient(CredentialsProvider.of("alice", "secret"))
                .authorize(reg, sha256First, 2)).algorithm());
    }

    @Test
    void rfc7616_3_4_prefersQopAuthAndUsesAuthIntWithTheBodyWhenItIsTheOnlyOne() {
        SipRequest msg = message("lunch?");
        SipResponse both = challenge(msg, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"biloxi.com\", nonce=\"n1\", qop=\"auth-int,auth\"");
        assertEquals("auth", authorization(client.authorize(msg, both, 2)).qop());

        SipResponse authInt = challenge(msg, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"biloxi.com\", nonce=\"n2\", qop=\"auth-int\"");
        SipRequest retry = new DigestClient(CredentialsProvider.of("alice", "secret")).authorize(msg, authInt, 2);
        Credentials c = authorization(retry);
        assertEquals("auth-int", c.qop());
        assertEquals(expectedResponse(c, retry, "secret"), c.response());

        SipResponse unknownQop = challenge(msg, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"biloxi.com\", nonce=\"n3\", qop=\"auth-conf\"");
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> new DigestClient(CredentialsProvider.of("alice", "secret")).authorize(msg, unknownQop, 2));
        assertEquals(AuthenticationException.Reason.UNSUPPORTED_CHALLENGE, e.reason());
    }

    @Test
    void rfc3261_22_4_withoutQopSendsTheRfc2069FormWithoutNcOrCnonce() {
        SipRequest reg = register();
        SipResponse r401 = challenge(reg, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"atlanta.com\", nonce=\"84a4cc6f3082121f32b42a2187831a9e\"");
        SipRequest retry = client.authorize(reg, r401, 2);
        Credentials c = authorization(retry);
        assertNull(c.qop());
        assertNull(c.cnonce());
        assertEquals(-1, c.nonceCount());
        assertEquals(expectedResponse(c, retry, "secret"), c.response());

        // A -sess algorithm needs a cnonce, which only exists with a qop.
        SipResponse sessNoQop = challenge(reg, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"atlanta.com\", nonce=\"x\", algorithm=MD5-sess");
        assertThrows(AuthenticationException.class,
                () -> new DigestClient(CredentialsProvider.of("alice", "secret")).authorize(reg, sessNoQop, 2));
    }

    @Test
    void rfc7616_3_3_staleChallengeIsRetriedWithTheNewNonceReplacingTheOldCredentials() {
        SipRequest reg = register();
        SipRequest first = client.authorize(reg, challenge(reg, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"atlanta.com\", nonce=\"old\", qop=\"auth\""), 2);
        SipResponse stale = challenge(first, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"atlanta.com\", nonce=\"new\", qop=\"auth\", stale=TRUE");
        SipRequest second = client.authorize(first, stale, 3);
        List<Credentials> all = second.values(HeaderName.AUTHORIZATION);
        assertEquals(1, all.size());
        assertEquals("new", all.get(0).nonce());
        assertEquals(1, all.get(0).nonceCount());
        assertEquals(3, second.cseq().number());
    }

    @Test
    void rfc3261_22_2_rejectedCredentialsFailInsteadOfLooping() {
        SipRequest reg = register();
        SipRequest first = client.authorize(reg, challenge(reg, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"atlanta.com\", nonce=\"n1\", qop=\"auth\""), 2);
        // Not stale after a first answer: wrong password, whatever the new nonce.
        SipResponse again = challenge(first, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"atlanta.com\", nonce=\"n2\", qop=\"auth\"");
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> client.authorize(first, again, 3));
        assertEquals(AuthenticationException.Reason.REJECTED, e.reason());
        assertEquals("atlanta.com", e.realm());
        // The refused credentials are forgotten, so they are not sent preemptively either.
        assertSame(reg, client.authorizePreemptively(reg));
    }

    @Test
    void rfc3261_22_2_aStaleChallengeRepeatingOurNonceIsARejection() {
        SipRequest reg = register();
        SipRequest first = client.authorize(reg, challenge(reg, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"atlanta.com\", nonce=\"n1\", qop=\"auth\""), 2);
        SipResponse sameNonce = challenge(first, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"atlanta.com\", nonce=\"n1\", qop=\"auth\", stale=true");
        assertEquals(AuthenticationException.Reason.REJECTED,
                assertThrows(AuthenticationException.class, () -> client.authorize(first, sameNonce, 3)).reason());
    }

    @Test
    void rfc7616_3_4_preemptiveReuseSendsTheNextNonceCount() {
        SipRequest reg = register();
        assertSame(reg, client.authorizePreemptively(reg));
        SipRequest first = client.authorize(reg, challenge(reg, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"atlanta.com\", nonce=\"n1\", qop=\"auth\", algorithm=SHA-256"), 2);
        assertEquals(1, authorization(first).nonceCount());

        SipRequest refresh = client.authorizePreemptively(reg.toBuilder().cseq(3).build());
        Credentials c = authorization(refresh);
        assertEquals(2, c.nonceCount());
        assertEquals("n1", c.nonce());
        assertEquals(expectedResponse(c, refresh, "secret"), c.response());
        SipRequest next = client.authorizePreemptively(message("x"));
        assertEquals(3, authorization(next).nonceCount());
        assertEquals("sip:bob@biloxi.com", authorization(next).uri());
        // Credentials already present for the realm are replaced, not duplicated.
        assertEquals(1, client.authorizePreemptively(refresh).values(HeaderName.AUTHORIZATION).size());

        client.reset();
        assertSame(reg, client.authorizePreemptively(reg));
    }

    @Test
    void preemptiveCredentialsEarnOneFreshTryWhenTheServerForgotTheNonceWithoutSayingStale() {
        SipRequest reg = register();
        client.authorize(reg, challenge(reg, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"atlanta.com\", nonce=\"n1\", qop=\"auth\""), 2);
        SipRequest refresh = client.authorizePreemptively(reg.toBuilder().cseq(3).build());
        SipRequest retry = client.authorize(refresh, challenge(refresh, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"atlanta.com\", nonce=\"n2\", qop=\"auth\""), 4);
        assertEquals("n2", authorization(retry).nonce());
        SipResponse again = challenge(retry, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"atlanta.com\", nonce=\"n3\", qop=\"auth\"");
        assertEquals(AuthenticationException.Reason.REJECTED,
                assertThrows(AuthenticationException.class, () -> client.authorize(retry, again, 5)).reason());
    }

    @Test
    void rfc3261_22_3_aUasChallengeAfterAProxyOneKeepsAndRenewsTheProxyCredentials() {
        SipRequest msg = message("hi");
        SipRequest first = client.authorize(msg, challenge(msg, 407, HeaderName.PROXY_AUTHENTICATE,
                "Digest realm=\"proxy.atlanta.com\", nonce=\"p1\", qop=\"auth\""), 2);
        SipRequest second = client.authorize(first, challenge(first, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"biloxi.com\", nonce=\"u1\", qop=\"auth\""), 3);
        Credentials proxy = proxyAuthorization(second);
        assertEquals("proxy.atlanta.com", proxy.realm());
        assertEquals(2, proxy.nonceCount(), "the proxy sees a new nc, not a replay");
        assertEquals(expectedResponse(proxy, second, "secret"), proxy.response());
        assertEquals("biloxi.com", authorization(second).realm());
        assertEquals(1, second.values(HeaderName.PROXY_AUTHORIZATION).size());
    }

    @Test
    void rfc3261_22_3_answersEveryRealmOfAForkedChallengeItHasCredentialsFor() {
        DigestClient perRealm = new DigestClient(realm -> realm.equals("biloxi.com")
                ? new PasswordCredentials("bob", "b") : realm.equals("chicago.com") ? new PasswordCredentials("bob", "c") : null);
        SipRequest msg = message("hi");
        SipResponse forked = challenge(msg, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"biloxi.com\", nonce=\"b1\", qop=\"auth\"",
                "Digest realm=\"chicago.com\", nonce=\"c1\", qop=\"auth\"",
                "Digest realm=\"elsewhere.com\", nonce=\"e1\", qop=\"auth\"");
        List<Credentials> all = perRealm.authorize(msg, forked, 2).values(HeaderName.AUTHORIZATION);
        assertEquals(List.of("biloxi.com", "chicago.com"), all.stream().map(Credentials::realm).toList());
        assertEquals("bob", all.get(1).username());
    }

    @Test
    void failsWithoutCredentialsForTheRealmOrWithoutAChallenge() {
        DigestClient other = new DigestClient(CredentialsProvider.forRealm("biloxi.com", "alice", "x"));
        SipRequest reg = register();
        SipResponse r401 = challenge(reg, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"atlanta.com\", nonce=\"n1\", qop=\"auth\"");
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> other.authorize(reg, r401, 2));
        assertEquals(AuthenticationException.Reason.NO_CREDENTIALS, e.reason());
        assertEquals("atlanta.com", e.realm());

        SipResponse bare = challenge(reg, 401, HeaderName.WWW_AUTHENTICATE);
        assertEquals(AuthenticationException.Reason.UNSUPPORTED_CHALLENGE,
                assertThrows(AuthenticationException.class, () -> client.authorize(reg, bare, 2)).reason());
        assertThrows(IllegalArgumentException.class,
                () -> client.authorize(reg, SipResponse.to(reg, 200).build(), 2));
    }

    @Test
    void rfc7616_3_4_4_userhashSendsTheHashedUsername() {
        SipRequest reg = register();
        SipResponse r401 = challenge(reg, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"atlanta.com\", nonce=\"n1\", qop=\"auth\", algorithm=SHA-256, userhash=true");
        SipRequest retry = client.authorize(reg, r401, 2);
        Credentials c = authorization(retry);
        assertEquals(DigestAlgorithm.SHA_256.hash("alice:atlanta.com"), c.username());
        assertEquals("true", c.parameters().get("userhash"));
        assertEquals(expectedResponse(c, retry, "secret"), c.response());
    }

    @Test
    void passwordsStayOutOfToString() {
        assertFalse(new PasswordCredentials("alice", "hunter2").toString().contains("hunter2"));
    }
}
