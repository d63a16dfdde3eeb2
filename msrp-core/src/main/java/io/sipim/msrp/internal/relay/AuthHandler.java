package io.sipim.msrp.internal.relay;

import io.sipim.msrp.internal.auth.DigestServer;
import io.sipim.msrp.message.MsrpHeader;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.message.MsrpUri;
import java.util.OptionalLong;

/**
 * Answers AUTH (RFC 4976 §5, §6.1): 401 with digest challenges until the credentials are right,
 * then 423 when the asked Expires is below Min-Expires, otherwise 200 with Use-Path (the relay's URI
 * with a session-id naming this client) and the granted Expires (capped at Max-Expires). Loop
 * thread only.
 */
final class AuthHandler {
    private final RelayEngine engine;
    private final RelayConfig config;
    private final Router router;
    private final BindingTable bindings;

    AuthHandler(RelayEngine engine, RelayConfig config, Router router, BindingTable bindings) {
        this.engine = engine;
        this.config = config;
        this.router = router;
        this.bindings = bindings;
    }

    void handle(RelayConnection from, MsrpRequest r) {
        MsrpUri relayUri = r.toPath().get(0);
        if (!router.isOwn(relayUri)) {
            engine.respond(from, r, MsrpResponse.builder(403).comment("AUTH must be addressed to this relay"), relayUri);
            engine.authEvent(null, 403, null, 0);
            return;
        }
        DigestServer.Result result = config.digest().verify(r.header(MsrpHeader.AUTHORIZATION).orElse(null),
                MsrpRequest.AUTH, relayUri.toString());
        if (!result.ok()) {
            MsrpResponse.Builder b = MsrpResponse.builder(401);
            for (String c : config.digest().challenges(result.outcome() == DigestServer.Outcome.STALE)) {
                b.header(MsrpHeader.WWW_AUTHENTICATE, c);
            }
            engine.respond(from, r, b, relayUri);
            engine.authEvent(result.username(), 401, null, 0);
            return;
        }
        OptionalLong asked;
        try {
            asked = r.expires();
        } catch (MsrpParseException e) {
            engine.respond(from, r, MsrpResponse.builder(400).comment("bad Expires"), relayUri);
            engine.authEvent(result.username(), 400, null, 0);
            return;
        }
        if (asked.isPresent() && asked.getAsLong() < config.minExpires()) {
            engine.respond(from, r, MsrpResponse.builder(423)
                    .header(MsrpHeader.MIN_EXPIRES, Long.toString(config.minExpires())), relayUri);
            engine.authEvent(result.username(), 423, null, 0);
            return;
        }
        long granted = Math.min(asked.orElse(config.defaultExpires()), config.maxExpires());
        Binding b = bindings.bind(result.username(), from, granted);
        engine.respond(from, r, MsrpResponse.builder(200)
                .header(MsrpHeader.USE_PATH, b.uri.toString())
                .header(MsrpHeader.EXPIRES, Long.toString(granted)), relayUri);
        engine.authEvent(result.username(), 200, b.uri, granted);
    }
}
