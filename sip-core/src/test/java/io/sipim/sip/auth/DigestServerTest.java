package io.sipim.sip.auth;

import static io.sipim.sip.auth.AuthFixtures.challenge;
import static io.sipim.sip.auth.AuthFixtures.message;
import static io.sipim.sip.auth.AuthFixtures.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.auth.DigestResult.Status;
import io.sipim.sip.loop.ManualScheduler;
import io.sipim.sip.message.Challenge;
import io.sipim.sip.message.Credentials;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.Parameters;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link DigestServer}: challenges and every verification outcome, on a virtual clock. */
class DigestServerTest {
    private static final String REALM = "atlanta.com";

    private final ManualScheduler clock = new ManualScheduler();
    private final DigestServer server = DigestServer.builder(REALM, UserStore.inMemory(Map.of("alice", "secret")))
            .clock(clock::nanoTime).build();

    /** {@code request} answered by a fresh client for a 401 from {@code s}, with {@code password}. */
    private static SipRequest answered(DigestServer s, SipRequest request, String password) {
        return answered(s, request, password, new DigestClient(CredentialsProvider.of("alice", password)));
    }

    private static SipRequest answered(DigestServer s, SipRequest request, String password, DigestClient client) {
        SipResponse r401 = challenge(request, 401, HeaderName.WWW_AUTHENTICATE, s.challenges(false));
        return client.authorize(request, r401, request.cseq().number() + 1);
    }

    /** {@code r} with its Authorization parameter {@code name} set to the raw {@code value}. */
    private static SipRequest withParam(SipRequest r, String name, String value) {
        Credentials c = r.first(HeaderName.AUTHORIZATION);
        Parameters p = value == null ? c.parameters().without(name) : c.parameters().with(name, value);
        return r.toBuilder().set(HeaderName.AUTHORIZATION, new Credentials(c.scheme(), p)).build();
    }

    @Test
    void rfc8760_2_4_offersSha256ThenMd5WithQopAuthSharingOneFreshNonce() {
        List<Challenge> cs = server.challenges(false);
        assertEquals(2, cs.size());
        assertEquals("SHA-256", cs.get(0).algorithm());
        assertEquals("MD5", cs.get(1).algorithm());
        for (Challenge c : cs) {
            assertTrue(c.isDigest());
            assertEquals(REALM, c.realm());
            assertEquals("auth", c.qop());
            assertFalse(c.stale());
            assertEquals(cs.get(0).nonce(), c.nonce());
            assertEquals(c, Challenge.parse(c.toString()));
        }
        assertTrue(cs.get(0).toString().startsWith("Digest realm=\"atlanta.com\", nonce=\""), cs.get(0).toString());
        assertNotEquals(cs.get(0).nonce(), server.challenges(false).get(0).nonce());
        assertTrue(server.challenges(true).get(1).stale());
    }

    @Test
    void rfc3261_22_1_rejectBuilds401Or407WithChallengesAnd400ForMalformed() {
        SipRequest reg = register();
        DigestResult missing = server.verify(reg, HeaderName.AUTHORIZATION);
        assertEquals(Status.MISSING, missing.status());
        SipResponse r401 = server.reject(reg, missing, HeaderName.AUTHORIZATION).toTag("t").build();
        assertEquals(401, r401.status());
        assertEquals(2, r401.values(HeaderName.WWW_AUTHENTICATE).size());
        assertFalse(r401.values(HeaderName.WWW_AUTHENTICATE).get(0).stale());

        SipResponse r407 = server.reject(reg, new DigestResult(Status.REPLAY, "alice", "x"),
                HeaderName.PROXY_AUTHORIZATION).build();
        assertEquals(407, r407.status());
        assertTrue(r407.values(HeaderName.PROXY_AUTHENTICATE).get(0).stale());
        assertFalse(r407.has(HeaderName.WWW_AUTHENTICATE));

        assertEquals(400, server.reject(reg, new DigestResult(Status.MALFORMED, null, "x"),
                HeaderName.AUTHORIZATION).build().status());
        assertThrows(IllegalArgumentException.class,
                () -> server.reject(reg, new DigestResult(Status.OK, "alice", ""), HeaderName.AUTHORIZATION));
    }

    @Test
    void rfc3261_22_3_onlyDigestCredentialsForOurRealmCount() {
        SipRequest reg = register().toBuilder()
                .header(HeaderName.AUTHORIZATION, Credentials.parse("Other username=\"alice\", realm=\"atlanta.com\""))
                .header(HeaderName.AUTHORIZATION, Credentials.parse(
                        "Digest username=\"alice\", realm=\"biloxi.com\", nonce=\"n\", uri=\"sip:atlanta.com\", response=\"0\""))
                .build();
        DigestResult r = server.verify(reg, HeaderName.AUTHORIZATION);
        assertEquals(Status.MISSING, r.status());
        assertNull(r.username());
        assertThrows(IllegalArgumentException.class, () -> server.verify(reg, castCredentials(HeaderName.of("X-Auth"))));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static HeaderName<Credentials> castCredentials(HeaderName<?> h) {
        return (HeaderName) h;
    }

    @Test
    void rfc3261_22_4_validCredentialsFromEachOfferedAlgorithmAreOk() {
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            DigestServer s = DigestServer.builder(REALM, UserStore.inMemory(Map.of("alice", "secret")))
                    .clock(clock::nanoTime).algorithms(a).build();
            SipRequest retry = answered(s, register(), "secret");
            assertEquals(a.token(), retry.first(HeaderName.AUTHORIZATION).algorithm());
            DigestResult r = s.verify(retry, HeaderName.AUTHORIZATION);
            assertEquals(Status.OK, r.status(), a + ": " + r.detail());
            assertEquals("alice", r.username());
            assertTrue(r.isOk());
        }
    }

    @Test
    void rfc7616_3_3_expiredNonceIsStaleAndTheClientRetriesWithTheNewOne() {
        DigestClient client = new DigestClient(CredentialsProvider.of("alice", "secret"));
        SipRequest reg = answered(server, register(), "secret", client);
        assertTrue(server.verify(reg, HeaderName.AUTHORIZATION).isOk());

        clock.advance(DigestServer.DEFAULT_NONCE_LIFETIME.plusSeconds(1));
        SipRequest refresh = client.authorizePreemptively(reg.toBuilder().cseq(3).build());
        DigestResult stale = server.verify(refresh, HeaderName.AUTHORIZATION);
        assertEquals(Status.STALE, stale.status());
        assertTrue(stale.stale());

        SipResponse r401 = server.reject(refresh, stale, HeaderName.AUTHORIZATION).toTag("t").build();
        SipRequest retry = client.authorize(refresh, r401, 4);
        assertTrue(server.verify(retry, HeaderName.AUTHORIZATION).isOk());
    }

    @Test
    void rfc7616_3_3_nonceIsStillGoodJustBeforeItsLifetimeEnds() {
        DigestServer s = DigestServer.builder(REALM, UserStore.inMemory(Map.of("alice", "secret")))
                .clock(clock::nanoTime).nonceLifetime(Duration.ofSeconds(30)).build();
        SipRequest reg = answered(s, register(), "secret");
        clock.advance(Duration.ofSeconds(30));
        assertEquals(Status.OK, s.verify(reg, HeaderName.AUTHORIZATION).status());
    }

    @Test
    void rfc7616_5_12_aRepeatedNonceCountIsAReplay() {
        DigestClient client = new DigestClient(CredentialsProvider.of("alice", "secret"));
        SipRequest reg = answered(server, register(), "secret", client);
        assertEquals(Status.OK, server.verify(reg, HeaderName.AUTHORIZATION).status());
        DigestResult replay = server.verify(reg, HeaderName.AUTHORIZATION);
        assertEquals(Status.REPLAY, replay.status());
        assertTrue(replay.stale());

        for (int i = 0; i < 5; i++) {
            SipRequest next = client.authorizePreemptively(message("m" + i));
            assertEquals(Status.OK, server.verify(next, HeaderName.AUTHORIZATION).status(), "nc " + (i + 2));
        }
    }

    @Test
    void rfc4303_3_4_3_reorderedCountsInsideTheWindowAreAcceptedOnce() {
        DigestClient client = new DigestClient(CredentialsProvider.of("alice", "secret"));
        SipRequest first = answered(server, register(), "secret", client);
        SipRequest nc2 = client.authorizePreemptively(message("a"));
        SipRequest nc3 = client.authorizePreemptively(message("b"));
        assertEquals(Status.OK, server.verify(nc3, HeaderName.AUTHORIZATION).status());
        assertEquals(Status.OK, server.verify(first, HeaderName.AUTHORIZATION).status());
        assertEquals(Status.OK, server.verify(nc2, HeaderName.AUTHORIZATION).status());
        assertEquals(Status.REPLAY, server.verify(nc2, HeaderName.AUTHORIZATION).status());

        SipRequest old = null;
        for (int i = 0; i < NonceCounts.WINDOW + 1; i++) {
            SipRequest r = client.authorizePreemptively(message("c" + i));
            if (old == null) {
                old = r;
            } else {
                assertEquals(Status.OK, server.verify(r, HeaderName.AUTHORIZATION).status());
            }
        }
        assertEquals(Status.REPLAY, server.verify(old, HeaderName.AUTHORIZATION).status(), "fell out of the window");
    }

    @Test
    void rfc7616_3_3_wrongPasswordIsBadResponseAndTheClientGivesUp() {
        DigestClient client = new DigestClient(CredentialsProvider.of("alice", "wrong"));
        SipRequest retry = answered(server, register(), "wrong", client);
        DigestResult bad = server.verify(retry, HeaderName.AUTHORIZATION);
        assertEquals(Status.BAD_RESPONSE, bad.status());
        assertFalse(bad.stale());
        assertEquals("alice", bad.username());
        SipResponse again = server.reject(retry, bad, HeaderName.AUTHORIZATION).toTag("t").build();
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> client.authorize(retry, again, 3));
        assertEquals(AuthenticationException.Reason.REJECTED, e.reason());
    }

    @Test
    void rfc7616_3_3_wrongPasswordWithAnExpiredNonceIsNotStale() {
        SipRequest retry = answered(server, register(), "wrong");
        clock.advance(Duration.ofHours(1));
        assertEquals(Status.BAD_RESPONSE, server.verify(retry, HeaderName.AUTHORIZATION).status());
    }

    @Test
    void unknownUserIsBadResponse() {
        DigestServer s = DigestServer.builder(REALM, UserStore.inMemory(Map.of("bob", "secret")))
                .clock(clock::nanoTime).build();
        DigestResult r = s.verify(answered(s, register(), "secret"), HeaderName.AUTHORIZATION);
        assertEquals(Status.BAD_RESPONSE, r.status());
        assertEquals("unknown user", r.detail());
    }

    @Test
    void rfc7616_5_5_tamperedNoncesAreNeverAccepted() {
        SipRequest good = answered(server, register(), "secret");
        String nonce = good.first(HeaderName.AUTHORIZATION).nonce();
        char last = nonce.charAt(10);
        String tampered = nonce.substring(0, 10) + (last == 'A' ? 'B' : 'A') + nonce.substring(11);
        // Changing the nonce without the password breaks the digest.
        assertEquals(Status.BAD_RESPONSE,
                server.verify(withParam(good, "nonce", '"' + tampered + '"'), HeaderName.AUTHORIZATION).status());

        // With the password, a forged or foreign nonce only earns a new one (stale), never OK.
        for (String forged : new String[] {tampered, "not-base64!", "x", nonce + "A"}) {
            SipRequest req = signedWithNonce(register(), forged);
            assertEquals(Status.STALE, server.verify(req, HeaderName.AUTHORIZATION).status(), forged);
        }
        DigestServer other = DigestServer.builder(REALM, UserStore.inMemory(Map.of("alice", "secret")))
                .clock(clock::nanoTime).build();
        assertEquals(Status.STALE, other.verify(good, HeaderName.AUTHORIZATION).status(), "another server's nonce");
        assertEquals(Status.OK, server.verify(good, HeaderName.AUTHORIZATION).status());
    }

    /** {@code r} with correct credentials for alice/secret over {@code nonce}. */
    private static SipRequest signedWithNonce(SipRequest r, String nonce) {
        SipResponse r401 = challenge(r, 401, HeaderName.WWW_AUTHENTICATE,
                "Digest realm=\"atlanta.com\", nonce=\"" + nonce + "\", qop=\"auth\", algorithm=SHA-256");
        return new DigestClient(CredentialsProvider.of("alice", "secret")).authorize(r, r401, 2);
    }

    @Test
    void rfc3261_22_4_missingOrUnofferedParametersAreMalformed() {
        SipRequest good = answered(server, register(), "secret");
        for (String required : new String[] {"username", "nonce", "uri", "response", "qop", "nc", "cnonce"}) {
            DigestResult r = server.verify(withParam(good, required, null), HeaderName.AUTHORIZATION);
            assertEquals(Status.MALFORMED, r.status(), required);
        }
        assertEquals(Status.MALFORMED, server.verify(withParam(good, "algorithm", "SHA-512-256"),
                HeaderName.AUTHORIZATION).status(), "not offered");
        assertEquals(Status.MALFORMED, server.verify(withParam(good, "algorithm", "SHA3"),
                HeaderName.AUTHORIZATION).status(), "unknown");
        assertEquals(Status.MALFORMED, server.verify(withParam(good, "qop", "auth-int"),
                HeaderName.AUTHORIZATION).status(), "auth-int not offered");
        for (String nc : new String[] {"1", "00000000", "0000000g", "000000001", "\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663"}) {
            assertEquals(Status.MALFORMED, server.verify(withParam(good, "nc", nc), HeaderName.AUTHORIZATION).status(), nc);
        }
        assertEquals(Status.MALFORMED, server.verify(withParam(good, "response", "\"abc\""),
                HeaderName.AUTHORIZATION).status());
        assertEquals(Status.MALFORMED, server.verify(withParam(good, "userhash", "true"),
                HeaderName.AUTHORIZATION).status());
        assertEquals(Status.OK, server.verify(good, HeaderName.AUTHORIZATION).status());
    }

    @Test
    void rfc3261_22_4_uriMustNameTheRequestUriComparedAsUris() {
        SipRequest good = answered(server, register(), "secret");
        SipRequest otherTarget = good.toBuilder().requestUri(SipUri.parse("sip:biloxi.com")).build();
        assertEquals(Status.MALFORMED, server.verify(otherTarget, HeaderName.AUTHORIZATION).status());
        SipRequest garbageUri = withParam(good, "uri", "\"::not a uri\"");
        assertEquals(Status.MALFORMED, server.verify(garbageUri, HeaderName.AUTHORIZATION).status());

        // Same URI spelled differently (RFC 3261 §19.1.4: host case-insensitive): the digest covers
        // the uri as the client sent it, so this passes.
        SipRequest respelled = good.toBuilder().requestUri(SipUri.parse("sip:ATLANTA.com")).build();
        assertEquals(Status.OK, server.verify(respelled, HeaderName.AUTHORIZATION).status());
    }

    @Test
    void rfc3261_22_4_authIntIsCheckedOverTheBodyWhenOffered() {
        DigestServer s = DigestServer.builder(REALM, UserStore.inMemory(Map.of("alice", "secret")))
                .clock(clock::nanoTime).offerAuthInt(true).build();
        assertEquals("auth,auth-int", s.challenges(false).get(0).qop());
        SipRequest msg = message("lunch?");
        SipResponse r401 = challenge(msg, 401, HeaderName.WWW_AUTHENTICATE,
                List.of(new Challenge("Digest", s.challenges(false).get(0).parameters().with("qop", "\"auth-int\""))));
        SipRequest retry = new DigestClient(CredentialsProvider.of("alice", "secret")).authorize(msg, r401, 2);
        assertEquals("auth-int", retry.first(HeaderName.AUTHORIZATION).qop());
        SipRequest otherBody = retry.toBuilder().body(io.sipim.sip.message.MediaType.TEXT_PLAIN, "dinner?").build();
        assertEquals(Status.BAD_RESPONSE, s.verify(otherBody, HeaderName.AUTHORIZATION).status());
        assertEquals(Status.OK, s.verify(retry, HeaderName.AUTHORIZATION).status());
    }

    @Test
    void precomputedHa1StoresWork() {
        String ha1 = RequestDigest.ha1(DigestAlgorithm.SHA_256, "alice", REALM, "secret");
        UserStore store = (user, realm, alg) -> user.equals("alice") && alg == DigestAlgorithm.SHA_256 ? ha1 : null;
        DigestServer s = DigestServer.builder(REALM, store).clock(clock::nanoTime)
                .algorithms(DigestAlgorithm.SHA_256_SESS, DigestAlgorithm.SHA_256).build();
        DigestResult r = s.verify(answered(s, register(), "secret"), HeaderName.AUTHORIZATION);
        assertEquals(Status.OK, r.status(), r.detail());
    }

    @Test
    void nonceCountMemoryStaysBoundedAndDroppedNoncesDoNotReopenToReplay() {
        DigestServer s = DigestServer.builder(REALM, UserStore.inMemory(Map.of("alice", "secret")))
                .clock(clock::nanoTime).random(new SecureRandom()).maxNonceCounts(10).build();
        SipRequest firstUse = answered(s, register(), "secret");
        assertEquals(Status.OK, s.verify(firstUse, HeaderName.AUTHORIZATION).status());
        for (int i = 0; i < 25; i++) {
            clock.advance(Duration.ofMillis(1));
            assertEquals(Status.OK, s.verify(answered(s, register(), "secret"), HeaderName.AUTHORIZATION).status());
            assertTrue(s.trackedNonces() <= 10, "tracked " + s.trackedNonces());
        }
        // Its counts were dropped, so a replay of it is refused as stale rather than accepted.
        assertEquals(Status.STALE, s.verify(firstUse, HeaderName.AUTHORIZATION).status());
        assertEquals(10, s.trackedNonces());

        // Nonces past their lifetime leave the table as new ones arrive.
        clock.advance(DigestServer.DEFAULT_NONCE_LIFETIME.plusSeconds(1));
        assertEquals(Status.OK, s.verify(answered(s, register(), "secret"), HeaderName.AUTHORIZATION).status());
        assertEquals(1, s.trackedNonces());
    }

    @Test
    void builderRefusesNonsense() {
        UserStore none = (u, r, a) -> null;
        assertThrows(IllegalArgumentException.class, () -> DigestServer.builder("", none));
        assertThrows(IllegalArgumentException.class, () -> DigestServer.builder(REALM, none).nonceLifetime(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> DigestServer.builder(REALM, none).maxNonceCounts(0));
        assertThrows(IllegalArgumentException.class, () -> DigestServer.builder(REALM, none).algorithms());
    }
}
