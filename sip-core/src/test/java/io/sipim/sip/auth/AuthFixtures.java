package io.sipim.sip.auth;

import io.sipim.sip.message.Challenge;
import io.sipim.sip.message.Credentials;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.MediaType;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.Via;
import io.sipim.sip.parse.SipParser;
import java.nio.charset.StandardCharsets;

/** Requests and responses shared by the digest tests (RFC 3261 §24.1 and §24.2 style). */
final class AuthFixtures {
    private AuthFixtures() {}

    static final Via VIA = Via.of("UDP", "pc33.atlanta.com", 5060).withBranch("z9hG4bKnashds7");

    static SipRequest register() {
        return SipRequest.builder(SipRequest.REGISTER, SipUri.parse("sip:atlanta.com"))
                .via(VIA)
                .from(NameAddr.parse("Alice <sip:alice@atlanta.com>;tag=1928301774"))
                .to(NameAddr.parse("Alice <sip:alice@atlanta.com>"))
                .callId("a84b4c76e66710@pc33.atlanta.com").cseq(1).maxForwards(70)
                .contact(NameAddr.parse("<sip:alice@192.0.2.4>"))
                .expires(7200)
                .build();
    }

    static SipRequest message(String text) {
        return SipRequest.builder(SipRequest.MESSAGE, SipUri.parse("sip:bob@biloxi.com"))
                .via(VIA)
                .from(NameAddr.parse("Alice <sip:alice@atlanta.com>;tag=49583"))
                .to(NameAddr.parse("Bob <sip:bob@biloxi.com>"))
                .callId("asd88asd77a@1.2.3.4").cseq(1).maxForwards(70)
                .body(MediaType.TEXT_PLAIN, text)
                .build();
    }

    /** A {@code status} response to {@code request} with one {@code header} line per challenge text. */
    static SipResponse challenge(SipRequest request, int status, HeaderName<Challenge> header, String... challenges) {
        SipResponse.Builder b = SipResponse.to(request, status).toTag("8321234356");
        for (String c : challenges) {
            b.header(header, Challenge.parse(c));
        }
        return b.build();
    }

    /** The same response built from the server's challenges. */
    static SipResponse challenge(SipRequest request, int status, HeaderName<Challenge> header,
                                 Iterable<Challenge> challenges) {
        SipResponse.Builder b = SipResponse.to(request, status).toTag("8321234356");
        for (Challenge c : challenges) {
            b.header(header, c);
        }
        return b.build();
    }

    /** {@code m} after a trip over the wire: encoded, then parsed again. */
    @SuppressWarnings("unchecked")
    static <M extends io.sipim.sip.message.SipMessage> M wire(M m) {
        return (M) SipParser.parse(new String(m.encode(), StandardCharsets.UTF_8));
    }

    static Credentials authorization(SipRequest r) {
        return r.first(HeaderName.AUTHORIZATION);
    }

    static Credentials proxyAuthorization(SipRequest r) {
        return r.first(HeaderName.PROXY_AUTHORIZATION);
    }
}
