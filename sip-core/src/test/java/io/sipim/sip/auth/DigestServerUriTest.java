package io.sipim.sip.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.message.Credentials;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipUri;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The digest {@code uri} parameter against the Request-URI (RFC 2617 §3.2.2.5, RFC 3261 §22.4). */
class DigestServerUriTest {
    private static final UserStore USERS = UserStore.inMemory(Map.of("alice", "secret"));

    /** The REGISTER fixture with credentials computed (as SIPp does) for {@code digestUri} instead of the Request-URI. */
    private static SipRequest withDigestUri(DigestServer server, String digestUri) {
        SipRequest r = AuthFixtures.register();
        String nonce = server.challenges(false).get(1).nonce();
        String ha1 = RequestDigest.ha1(DigestAlgorithm.MD5, "alice", "atlanta.com", "secret");
        String response = RequestDigest.response(DigestAlgorithm.MD5, ha1, nonce, "00000001", "0a4f113b", "auth",
                SipRequest.REGISTER, digestUri, new byte[0]);
        Credentials c = Credentials.parse("Digest username=\"alice\", realm=\"atlanta.com\", nonce=\"" + nonce
                + "\", uri=\"" + digestUri + "\", response=\"" + response + "\", algorithm=MD5, cnonce=\"0a4f113b\", "
                + "qop=auth, nc=00000001");
        return r.toBuilder().header(HeaderName.AUTHORIZATION, c).build();
    }

    @Test
    @DisplayName("A uri naming another resource is malformed, and the 400 says why in its reason phrase (RFC 3261 §21.4.1)")
    void otherResourceRejected() {
        DigestServer server = DigestServer.builder("atlanta.com", USERS).build();
        SipRequest r = withDigestUri(server, "sip:192.0.2.1:5060");
        DigestResult result = server.verify(r, HeaderName.AUTHORIZATION);
        assertEquals(DigestResult.Status.MALFORMED, result.status());
        String reason = server.reject(r, result, HeaderName.AUTHORIZATION).build().reason();
        assertTrue(reason.startsWith("Bad credentials: uri \"sip:192.0.2.1:5060\""), reason);
    }

    @Test
    @DisplayName("A uri the server names as itself (sameResource, e.g. its own address as SIPp sends) is accepted")
    void sameResourceAccepted() {
        DigestServer server = DigestServer.builder("atlanta.com", USERS)
                .sameResource(u -> u instanceof SipUri s && s.host().equals("192.0.2.1") && s.port() == 5060).build();
        assertEquals(DigestResult.Status.OK, server.verify(withDigestUri(server, "sip:192.0.2.1:5060"),
                HeaderName.AUTHORIZATION).status());
        assertEquals(DigestResult.Status.MALFORMED, server.verify(withDigestUri(server, "sip:192.0.2.9:5060"),
                HeaderName.AUTHORIZATION).status());
    }
}
