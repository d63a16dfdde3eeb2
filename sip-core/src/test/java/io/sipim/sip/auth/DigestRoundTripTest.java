package io.sipim.sip.auth;

import static io.sipim.sip.auth.AuthFixtures.message;
import static io.sipim.sip.auth.AuthFixtures.register;
import static io.sipim.sip.auth.AuthFixtures.wire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.auth.DigestResult.Status;
import io.sipim.sip.loop.ManualScheduler;
import io.sipim.sip.message.Credentials;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A {@link DigestClient} against a {@link DigestServer}, every message encoded and parsed again on
 * the way, as a registrar and a proxy would see them.
 */
class DigestRoundTripTest {
    private final ManualScheduler clock = new ManualScheduler();

    private DigestServer server(String realm, DigestAlgorithm... algorithms) {
        return DigestServer.builder(realm, UserStore.inMemory(Map.of("alice", "secret")))
                .clock(clock::nanoTime).algorithms(algorithms).build();
    }

    /** One round: the server checks {@code request}; if it fails, the client answers the rejection. */
    private static SipRequest round(DigestServer server, DigestClient client, SipRequest request,
                                    HeaderName<Credentials> which, Status expected) {
        SipRequest received = wire(request);
        DigestResult r = server.verify(received, which);
        assertEquals(expected, r.status(), r.detail());
        if (r.isOk()) {
            return null;
        }
        SipResponse reject = wire(server.reject(received, r, which).toTag("srv").build());
        return client.authorize(request, reject, request.cseq().number() + 1);
    }

    @Test
    void rfc3261_22_registerWithEveryAlgorithmThroughTheWire() {
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            DigestServer s = server("atlanta.com", a);
            DigestClient c = new DigestClient(CredentialsProvider.of("alice", "secret"));
            SipRequest retry = round(s, c, register(), HeaderName.AUTHORIZATION, Status.MISSING);
            assertEquals(a.token(), retry.first(HeaderName.AUTHORIZATION).algorithm());
            round(s, c, retry, HeaderName.AUTHORIZATION, Status.OK);
            round(s, c, c.authorizePreemptively(register().toBuilder().cseq(5).build()), HeaderName.AUTHORIZATION,
                    Status.OK);
        }
    }

    @Test
    void rfc3261_22_3_proxyChallengeWithEveryAlgorithmThroughTheWire() {
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            DigestServer s = server("proxy.atlanta.com", a);
            DigestClient c = new DigestClient(CredentialsProvider.of("alice", "secret"));
            SipRequest retry = round(s, c, message("hello, \"bob\""), HeaderName.PROXY_AUTHORIZATION, Status.MISSING);
            assertTrue(retry.has(HeaderName.PROXY_AUTHORIZATION));
            round(s, c, retry, HeaderName.PROXY_AUTHORIZATION, Status.OK);
        }
    }

    @Test
    void rfc8760_2_4_defaultServerAndClientSettleOnSha256() {
        DigestServer s = DigestServer.builder("atlanta.com", UserStore.inMemory(Map.of("alice", "secret")))
                .clock(clock::nanoTime).build();
        DigestClient c = new DigestClient(CredentialsProvider.of("alice", "secret"));
        SipRequest retry = round(s, c, register(), HeaderName.AUTHORIZATION, Status.MISSING);
        assertEquals("SHA-256", retry.first(HeaderName.AUTHORIZATION).algorithm());
        round(s, c, retry, HeaderName.AUTHORIZATION, Status.OK);
    }

    @Test
    void rfc3261_22_3_proxyThenRegistrarBothAuthenticateOneRequest() {
        DigestServer proxy = server("proxy.atlanta.com", DigestAlgorithm.SHA_256);
        DigestServer uas = server("biloxi.com", DigestAlgorithm.MD5);
        DigestClient c = new DigestClient(CredentialsProvider.of("alice", "secret"));
        SipRequest r = round(proxy, c, message("hi"), HeaderName.PROXY_AUTHORIZATION, Status.MISSING);
        assertEquals(Status.OK, proxy.verify(wire(r), HeaderName.PROXY_AUTHORIZATION).status());
        r = round(uas, c, r, HeaderName.AUTHORIZATION, Status.MISSING);
        // The renewed Proxy-Authorization carries the next nc, so the proxy does not see a replay.
        assertEquals(Status.OK, proxy.verify(wire(r), HeaderName.PROXY_AUTHORIZATION).status());
        assertEquals(Status.OK, uas.verify(wire(r), HeaderName.AUTHORIZATION).status());
    }

    @Test
    void rfc7616_3_3_staleNonceIsRenewedSilentlyAndAReplayIsRefused() {
        DigestServer s = server("atlanta.com", DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
        DigestClient c = new DigestClient(CredentialsProvider.of("alice", "secret"));
        SipRequest retry = round(s, c, register(), HeaderName.AUTHORIZATION, Status.MISSING);
        round(s, c, retry, HeaderName.AUTHORIZATION, Status.OK);
        SipRequest replayed = round(s, c, retry, HeaderName.AUTHORIZATION, Status.REPLAY);
        round(s, c, replayed, HeaderName.AUTHORIZATION, Status.OK);

        clock.advance(Duration.ofMinutes(10));
        SipRequest refresh = c.authorizePreemptively(register().toBuilder().cseq(10).build());
        SipRequest renewed = round(s, c, refresh, HeaderName.AUTHORIZATION, Status.STALE);
        round(s, c, renewed, HeaderName.AUTHORIZATION, Status.OK);
    }

    @Test
    void rfc3261_22_2_wrongPasswordEndsAfterOneTry() {
        DigestServer s = server("atlanta.com", DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
        DigestClient c = new DigestClient(CredentialsProvider.of("alice", "guess"));
        SipRequest retry = round(s, c, register(), HeaderName.AUTHORIZATION, Status.MISSING);
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> round(s, c, retry, HeaderName.AUTHORIZATION, Status.BAD_RESPONSE));
        assertEquals(AuthenticationException.Reason.REJECTED, e.reason());
    }
}
