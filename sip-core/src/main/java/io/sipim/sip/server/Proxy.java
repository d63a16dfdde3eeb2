package io.sipim.sip.server;

import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.Uri;
import io.sipim.sip.message.Via;
import io.sipim.sip.transaction.ServerTransaction;
import io.sipim.sip.transport.Received;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.transport.TransportAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stateful proxy of RFC 3261 §16: validates (§16.3), finds targets (§16.5: the location
 * service for our domain, else the Request-URI), forwards to all of them in parallel (§16.6),
 * and chooses and forwards responses through a {@link ProxyTransaction} (§16.7). ACKs for 2xx
 * and responses matching no client transaction are forwarded statelessly (§16.11).
 *
 * <p>Targets of a binding: with a Path, the request is routed along it (RFC 3327); otherwise it
 * goes to the registration's flow (its source address or connection) when the contact carries
 * {@code ob} (RFC 5626) or names an IP address other than the one the REGISTER came from (a UA
 * behind NAT); otherwise to the contact URI, resolved as RFC 3263 says.
 *
 * <p>An AOR with no live binding gets 480 when the user store knows the user (registered
 * before, or could register), 404 when it does not.
 */
final class Proxy {
    private static final Logger LOG = LoggerFactory.getLogger(Proxy.class);

    final ServerContext ctx;
    final LocationService location;
    final boolean recordRoute;
    final Duration timerC;
    private final Predicate<String> knownUser;
    private final Map<ServerTransaction, ProxyTransaction> invites = new HashMap<>();

    Proxy(ServerContext ctx, LocationService location, Predicate<String> knownUser, boolean recordRoute,
          Duration timerC) {
        this.ctx = ctx;
        this.location = location;
        this.knownUser = knownUser;
        this.recordRoute = recordRoute;
        this.timerC = timerC;
    }

    /** A new request (not ACK or CANCEL), its Route already preprocessed (§16.4). */
    void onRequest(ServerTransaction tx, SipRequest request) {
        // §16.3 step 3: Max-Forwards.
        if (request.maxForwards() == 0) {
            ctx.respond(tx, ServerContext.answer(request, 483).build());
            return;
        }
        // §16.3 step 5: Proxy-Require; this proxy supports no extension that needs it.
        List<String> unsupported = request.values(HeaderName.PROXY_REQUIRE);
        if (!unsupported.isEmpty()) {
            SipResponse.Builder b = ServerContext.answer(request, 420);
            for (String u : unsupported) {
                b.header(HeaderName.UNSUPPORTED, u);
            }
            ctx.respond(tx, b.build());
            return;
        }
        List<Target> targets;
        Uri ruri = request.requestUri();
        if (!request.routes().isEmpty()) {
            // §16.5: a request with a Route is routed on, its Request-URI untouched.
            targets = List.of(new Target(ruri, List.of(), null));
        } else if (!(ruri instanceof SipUri u)) {
            ctx.respond(tx, ServerContext.answer(request, 416).build());
            return;
        } else if (ctx.isOurs(u) && u.user() != null) {
            SipUri aor = ctx.aorOf(u);
            List<Binding> bindings = location.lookup(aor);
            if (bindings.isEmpty()) {
                int status = knownUser.test(u.user()) ? 480 : 404;
                ctx.respond(tx, ServerContext.answer(request, status).build());
                return;
            }
            targets = new ArrayList<>();
            for (Binding b : bindings) {
                targets.add(targetOf(b));
            }
        } else {
            targets = List.of(new Target(ruri, List.of(), null));
        }
        ProxyTransaction p = new ProxyTransaction(this, tx, request, targets);
        if (request.isMethod(SipRequest.INVITE)) {
            invites.put(tx, p);
        }
        p.start();
    }

    /** §16.10: a CANCEL for an INVITE this proxy forwards. False when the INVITE is not ours. */
    boolean onCancel(ServerTransaction cancel, SipRequest request, ServerTransaction invite) {
        ProxyTransaction p = invite == null ? null : invites.get(invite);
        if (p == null) {
            return false;
        }
        ctx.respond(cancel, ServerContext.answer(request, 200).build());
        p.cancel();
        return true;
    }

    void finished(ProxyTransaction p) {
        invites.remove(p.server(), p);
    }

    /** §16.11 with §16.6: an ACK for a 2xx is its own transaction and is forwarded without state. */
    void forwardAck(SipRequest ack, Received received) {
        if (ack.maxForwards() == 0) {
            return;
        }
        Target target;
        if (ack.routes().isEmpty() && ack.requestUri() instanceof SipUri u && ctx.isOurs(u) && u.user() != null) {
            List<Binding> bindings = location.lookup(ctx.aorOf(u));
            if (bindings.isEmpty()) {
                return;
            }
            target = targetOf(bindings.get(0));
        } else {
            target = new Target(ack.requestUri(), List.of(), null);
        }
        SipRequest out = forwarded(ack, target);
        destinations(out, target).whenComplete((hops, err) -> ctx.stack.loop().execute(() -> {
            if (err != null || hops.isEmpty()) {
                LOG.debug("ACK for {} not forwarded: no destination", ack.requestUri());
                return;
            }
            TransportAddress hop = hops.get(0);
            TransportAddress local = ctx.stack.transport().local(hop.transport());
            if (local == null) {
                return;
            }
            ctx.transactions().sendStateless(out.toBuilder().prepend(HeaderName.VIA, ServerContext.via(local)).build(),
                    hop, e -> LOG.debug("ACK to {} failed: {}", hop, e.getMessage()));
            ctx.log(ack, received, "forwarded");
        }));
    }

    /**
     * A response matching no client transaction (§16.7 for a stateless path: 2xx retransmissions to
     * an INVITE, whose client transaction has already passed them on): when its top Via is ours it
     * is removed and the response goes to the next Via (§18.2.2: received, rport, sent-by); true
     * when it was ours to forward.
     */
    boolean forwardStray(Received received) {
        if (!(received.message() instanceof SipResponse response)) {
            return false;
        }
        List<Via> vias = response.via();
        if (vias.size() < 2 || !isOurVia(vias.get(0))) {
            return false;
        }
        Via next = vias.get(1);
        TransportAddress to = responseDestination(next);
        if (to != null) {
            ctx.transactions().sendStateless(response.toBuilder().removeFirst(HeaderName.VIA).build(), to,
                    e -> LOG.debug("stray response to {} failed: {}", to, e.getMessage()));
        }
        return true;
    }

    // ---- helpers for ProxyTransaction -------------------------------------------------------

    /**
     * §16.6 steps 1–7 for {@code target}: a copy with the new Request-URI, Max-Forwards decremented
     * (70 when absent), the target's routes in front, and strict-route handling of step 6. Our Via
     * and Record-Route are added per transport when it is sent.
     */
    SipRequest forwarded(SipRequest request, Target target) {
        SipRequest.Builder b = request.toBuilder().requestUri(target.uri());
        int mf = request.maxForwards();
        b.set(HeaderName.MAX_FORWARDS, mf < 0 ? 70 : mf - 1);
        List<NameAddr> routes = new ArrayList<>(target.routes());
        routes.addAll(request.routes());
        Uri ruri = target.uri();
        if (!routes.isEmpty() && routes.get(0).uri() instanceof SipUri first && !first.lr()) {
            // §16.6 step 6: the next hop is a strict router; it gets the Request-URI slot.
            routes.remove(0);
            routes.add(NameAddr.of(ruri));
            b.requestUri(first);
        }
        b.remove(HeaderName.ROUTE);
        for (NameAddr r : routes) {
            b.header(HeaderName.ROUTE, r);
        }
        return b.build();
    }

    /**
     * §16.6 step 7: where {@code out} goes: the target's flow, or the RFC 3263 addresses of the
     * first Route (loose) or of the Request-URI. The future may complete on any thread.
     */
    CompletableFuture<List<TransportAddress>> destinations(SipRequest out, Target target) {
        if (target.flow() != null && target.routes().isEmpty()) {
            return CompletableFuture.completedFuture(List.of(target.flow()));
        }
        Uri hop = out.routes().isEmpty() ? out.requestUri() : out.routes().get(0).uri();
        if (!(hop instanceof SipUri next)) {
            return CompletableFuture.completedFuture(List.of());
        }
        try {
            return ctx.stack.resolver().resolve(next);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Target targetOf(Binding b) {
        if (!b.path().isEmpty()) {
            return new Target(b.uri(), b.path(), null);
        }
        boolean flow = b.uri() instanceof SipUri c && (c.parameters().has("ob") || behindNat(c, b.source()));
        return new Target(b.uri(), List.of(), flow ? b.source() : null);
    }

    /** The contact names an IP literal that is not where its REGISTER came from. */
    private static boolean behindNat(SipUri contact, TransportAddress source) {
        String host = contact.host();
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!isIpLiteral(host)) {
            return false;
        }
        try {
            return !InetAddress.getByName(host).equals(source.address().getAddress());
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private boolean isOurVia(Via via) {
        for (TransportAddress a : ctx.stack.listening()) {
            if (a.host().equalsIgnoreCase(via.host()) && (via.port() > 0 ? via.port() : a.transport().defaultPort())
                    == a.address().getPort()) {
                return true;
            }
        }
        return false;
    }

    /** RFC 3261 §18.2.2 with RFC 3581: received (else sent-by host) and rport (else sent-by port). IP hosts only. */
    private static TransportAddress responseDestination(Via via) {
        Transport t = Transport.fromToken(via.transport());
        String host = via.received() != null ? via.received() : via.host();
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        if (t == null || !isIpLiteral(host)) {
            return null;
        }
        int port = via.rport() > 0 ? via.rport() : via.port() > 0 ? via.port() : t.defaultPort();
        try {
            return new TransportAddress(t, new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.')) {
                return false;
            }
        }
        return !host.isEmpty();
    }
}
