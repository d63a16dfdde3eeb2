package io.sipim.msrp.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.internal.auth.DigestServer.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Digest for MSRP AUTH (RFC 4976 §5) between {@link DigestClient} and {@link DigestServer}, on a virtual clock. */
class DigestServerTest {
    private static final String URI = "msrp://relay.example:2855;tcp";
    private final AtomicLong now = new AtomicLong();
    private final DigestServer server = DigestServer.builder().realm("relay.example")
            .users(Map.of("alice", "secret")).nonceLifetime(Duration.ofSeconds(60)).maxNonces(4).clock(now::get).build();

    @Test
    @DisplayName("RFC 4976 §5.1: a 401 challenge answered with the right password verifies; SHA-256 is preferred")
    void challengeAndAnswer() {
        List<String> challenges = server.challenges(false);
        assertEquals(2, challenges.size());
        assertTrue(challenges.get(0).contains("algorithm=SHA-256") && challenges.get(0).contains("qop=\"auth\""), challenges.get(0));
        DigestClient client = new DigestClient("alice", "secret");
        String auth = client.authorize(challenges, "AUTH", URI);
        assertTrue(auth.contains("algorithm=SHA-256") && auth.contains("nc=00000001") && auth.contains("uri=\"" + URI + "\""), auth);
        assertEquals(new DigestServer.Result(Outcome.OK, "alice"), server.verify(auth, "AUTH", URI));
    }

    @Test
    @DisplayName("A relay offering MD5 only gets MD5 credentials")
    void md5Only() {
        DigestServer md5 = DigestServer.builder().realm("r").users(Map.of("alice", "secret"))
                .algorithms(List.of(DigestAlgorithm.MD5)).build();
        String auth = new DigestClient("alice", "secret").authorize(md5.challenges(false), "AUTH", URI);
        assertTrue(auth.contains("algorithm=MD5"), auth);
        assertTrue(md5.verify(auth, "AUTH", URI).ok());
    }

    @Test
    @DisplayName("Wrong password and unknown user are BAD_CREDENTIALS; no header is MISSING")
    void badCredentials() {
        assertEquals(Outcome.BAD_CREDENTIALS, server.verify(
                new DigestClient("alice", "wrong").authorize(server.challenges(false), "AUTH", URI), "AUTH", URI).outcome());
        assertEquals(Outcome.BAD_CREDENTIALS, server.verify(
                new DigestClient("mallory", "secret").authorize(server.challenges(false), "AUTH", URI), "AUTH", URI).outcome());
        assertEquals(Outcome.MISSING, server.verify(null, "AUTH", URI).outcome());
    }

    @Test
    @DisplayName("RFC 7616 §3.4: a replayed nonce-count is refused; the next nc on the same nonce passes")
    void replay() {
        DigestClient client = new DigestClient("alice", "secret");
        String first = client.authorize(server.challenges(false), "AUTH", URI);
        assertTrue(server.verify(first, "AUTH", URI).ok());
        assertEquals(Outcome.REPLAY, server.verify(first, "AUTH", URI).outcome());
        String second = client.authorizeAgain("AUTH", URI);
        assertTrue(second.contains("nc=00000002"), second);
        assertTrue(server.verify(second, "AUTH", URI).ok());
    }

    @Test
    @DisplayName("An expired or forgotten nonce with the right password is STALE")
    void stale() {
        DigestClient client = new DigestClient("alice", "secret");
        String auth = client.authorize(server.challenges(false), "AUTH", URI);
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        assertEquals(Outcome.STALE, server.verify(auth, "AUTH", URI).outcome());
        List<String> again = server.challenges(true);
        assertTrue(DigestClient.stale(again));
        String fresh = client.authorize(again, "AUTH", URI);
        assertTrue(fresh.contains("nc=00000001"), fresh);
        assertTrue(server.verify(fresh, "AUTH", URI).ok());
        // The table holds 4 nonces: issuing more forgets the oldest.
        String old = client.authorize(server.challenges(false), "AUTH", URI);
        server.challenges(false);
        server.challenges(false);
        assertEquals(Outcome.STALE, server.verify(old, "AUTH", URI).outcome());
    }

    @Test
    @DisplayName("Credentials for another URI, realm or method, or without qop/nc, are MALFORMED")
    void malformed() {
        DigestClient client = new DigestClient("alice", "secret");
        List<String> ch = server.challenges(false);
        assertEquals(Outcome.MALFORMED, server.verify(client.authorize(ch, "AUTH", "msrp://other:2855;tcp"), "AUTH", URI).outcome());
        assertEquals(Outcome.MALFORMED, server.verify("Digest username=\"alice\", realm=\"relay.example\"", "AUTH", URI).outcome());
        assertEquals(Outcome.MALFORMED, server.verify("Basic YWxpY2U6c2VjcmV0", "AUTH", URI).outcome());
        assertEquals(Outcome.MALFORMED, server.verify("Digest x=\"", "AUTH", URI).outcome());
        // The wrong method changes HA2, so the response does not match.
        assertEquals(Outcome.BAD_CREDENTIALS, server.verify(client.authorize(ch, "SEND", URI), "AUTH", URI).outcome());
    }

    @Test
    @DisplayName("The client refuses challenges it cannot answer")
    void unusableChallenges() {
        DigestClient client = new DigestClient("alice", "secret");
        assertThrows(IllegalArgumentException.class, () -> client.authorize(
                List.of("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256", "Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\""),
                "AUTH", URI));
        assertThrows(IllegalStateException.class, () -> client.authorizeAgain("AUTH", URI));
    }
}
