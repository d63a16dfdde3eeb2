package io.sipim.sip.server;

import io.sipim.sip.loop.Scheduler;
import io.sipim.sip.message.Challenge;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.transaction.ClientTransaction;
import io.sipim.sip.transaction.ServerTransaction;
import io.sipim.sip.transport.TransportAddress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response context of one proxied request (RFC 3261 §16): the server transaction it arrived
 * on and one {@link Branch} per target, each a client transaction. Loop thread only.
 *
 * <ul>
 *   <li>Provisional responses other than 100 are forwarded at once (§16.7 step 5).</li>
 *   <li>A 2xx is forwarded at once; for INVITE every 2xx is (forks create dialogs) and the
 *       other branches are cancelled (§16.7 step 10); for other methods only the first.</li>
 *   <li>A 6xx to INVITE cancels the other branches (§16.7 step 5) and is sent when all are done.</li>
 *   <li>Otherwise, when every branch has its final response, the best is sent (§16.7 step 6):
 *       a 6xx, else the lowest class, in 4xx preferring 401, 407, 415, 420 and 484; a 401/407
 *       carries the challenges of every 401/407 received (step 7). A 503 from downstream
 *       becomes 500 (step 6: it would say this proxy is unavailable).</li>
 *   <li>A branch that times out counts as 408 (§16.7 step 2, §16.8). A target that cannot be
 *       reached at any of its addresses counts as 503 (§16.9), which is sent as such: the
 *       request could not be delivered, so "Service Unavailable" is the truth here.</li>
 *   <li>Timer C (§16.8) guards INVITE branches that got a provisional response: when it fires the
 *       branch is cancelled. A cancelled branch that still sends no final response within
 *       64·T1 counts as 408.</li>
 * </ul>
 */
final class ProxyTransaction {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyTransaction.class);

    private final Proxy proxy;
    private final ServerTransaction server;
    private final SipRequest request;
    private final List<Branch> branches = new ArrayList<>();
    private final List<Outcome> outcomes = new ArrayList<>();
    private boolean finalSent;
    private boolean cancelled;

    /** A final response of a branch; {@code local} when this proxy made it up (408, 503, 487). */
    private record Outcome(SipResponse response, boolean local) {
    }

    ProxyTransaction(Proxy proxy, ServerTransaction server, SipRequest request, List<Target> targets) {
        this.proxy = proxy;
        this.server = server;
        this.request = request;
        for (Target t : targets) {
            branches.add(new Branch(t));
        }
    }

    ServerTransaction server() {
        return server;
    }

    private boolean isInvite() {
        return request.isMethod(SipRequest.INVITE);
    }

    void start() {
        for (Branch b : List.copyOf(branches)) {
            b.start();
        }
    }

    /** §16.10: the CANCEL has been answered; cancel every pending branch. */
    void cancel() {
        cancelled = true;
        cancelPending(null);
    }

    private void cancelPending(Branch except) {
        for (Branch b : branches) {
            if (b != except && !b.done) {
                b.cancel();
            }
        }
    }

    private Scheduler loop() {
        return proxy.ctx.stack.loop();
    }

    private void onResponse(Branch branch, SipResponse response) {
        int status = response.status();
        SipResponse upstream = response.toBuilder().removeFirst(HeaderName.VIA).build();
        if (status < 200) {
            if (branch.done) {
                return;
            }
            branch.provisional(status);
            if (status > 100 && !finalSent) {
                server.respond(upstream);
            }
            return;
        }
        if (status < 300) {
            boolean first = !finalSent;
            if (isInvite() || first) {
                // §16.7 step 9 and RFC 6026: every 2xx to an INVITE goes up (each is a dialog).
                finalSent = true;
                if (first) {
                    proxy.ctx.respond(server, upstream);
                } else {
                    server.respond(upstream);
                }
            }
            if (branch.done) {
                return;
            }
            branch.finish();
            if (isInvite() && first) {
                cancelPending(branch);
            }
            checkDone();
            return;
        }
        if (branch.done) {
            return;
        }
        branch.finish();
        outcomes.add(new Outcome(upstream, false));
        if (status >= 600 && isInvite()) {
            cancelPending(branch);
        }
        checkDone();
    }

    /** A branch ends without a real final response: as if {@code status} had come (§16.7 step 2, §16.9). */
    private void localFinal(Branch branch, int status, String reason) {
        if (branch.done) {
            return;
        }
        branch.finish();
        outcomes.add(new Outcome(ServerContext.answer(request, status).reason(reason).build(), true));
        checkDone();
    }

    private void checkDone() {
        for (Branch b : branches) {
            if (!b.done) {
                return;
            }
        }
        if (!finalSent) {
            finalSent = true;
            proxy.ctx.respond(server, best());
        }
        proxy.finished(this);
    }

    /** §16.7 steps 6 and 7. */
    private SipResponse best() {
        if (outcomes.isEmpty()) {
            return ServerContext.answer(request, cancelled ? 487 : 500).build();
        }
        Outcome best = null;
        for (Outcome o : outcomes) {
            if (best == null || rank(o.response()) < rank(best.response())) {
                best = o;
            }
        }
        SipResponse r = best.response();
        int status = r.status();
        if (status == 401 || status == 407) {
            SipResponse.Builder b = r.toBuilder();
            for (Outcome o : outcomes) {
                if (o != best) {
                    for (Challenge c : o.response().values(HeaderName.WWW_AUTHENTICATE)) {
                        b.header(HeaderName.WWW_AUTHENTICATE, c);
                    }
                    for (Challenge c : o.response().values(HeaderName.PROXY_AUTHENTICATE)) {
                        b.header(HeaderName.PROXY_AUTHENTICATE, c);
                    }
                }
            }
            if (status == 401 && outcomes.stream().anyMatch(o -> o.response().status() == 407)) {
                b.status(407); // both kinds of challenge: 407 carries them all (§16.7 step 7)
            }
            return b.build();
        }
        if (status == 503 && !best.local()) {
            return r.toBuilder().status(500).reason("Server Internal Error (503 downstream)").build();
        }
        return r;
    }

    /** Lower is better: 6xx first, then by class; within 4xx the answers a client can act on (§16.7 step 6). */
    private static int rank(SipResponse r) {
        int s = r.status();
        if (s >= 600) {
            return 0;
        }
        int cls = s / 100 * 10;
        boolean actionable = s == 401 || s == 407 || s == 415 || s == 420 || s == 484;
        return cls + (actionable ? 0 : 1);
    }

    /** One target: a client transaction per address tried (§16.6 step 10), with Timer C for INVITE. */
    private final class Branch {
        private final Target target;
        private SipRequest forwarded;
        private List<TransportAddress> hops = List.of();
        private int hopIndex;
        private ClientTransaction tx;
        private boolean provisional;
        private boolean cancelWanted;
        private boolean cancelSent;
        boolean done;
        private Scheduler.Cancellable timer = Scheduler.Cancellable.NONE;

        Branch(Target target) {
            this.target = target;
        }

        void start() {
            try {
                forwarded = proxy.forwarded(request, target);
            } catch (RuntimeException e) {
                LOG.debug("cannot forward to {}: {}", target.uri(), e.getMessage());
                localFinal(this, 500, "Server Internal Error (cannot forward)");
                return;
            }
            proxy.destinations(forwarded, target).whenComplete((list, err) -> loop().execute(() -> {
                if (done) {
                    return;
                }
                if (err != null || list == null || list.isEmpty()) {
                    localFinal(this, 503, "Service Unavailable (cannot resolve " + target.uri() + ")");
                    return;
                }
                hops = list;
                send();
            }));
        }

        private void send() {
            while (hopIndex < hops.size()) {
                TransportAddress hop = hops.get(hopIndex);
                TransportAddress local = proxy.ctx.stack.transport().local(hop.transport());
                if (local == null) {
                    hopIndex++;
                    continue;
                }
                SipRequest.Builder b = forwarded.toBuilder();
                if (proxy.recordRoute && !request.isMethod(SipRequest.REGISTER)) {
                    // §16.6 step 4; twice when the request changes transport, so each side can reach us.
                    TransportAddress in = server.received().local();
                    if (in.transport() != local.transport()) {
                        b.prepend(HeaderName.RECORD_ROUTE, ServerContext.routeTo(in));
                    }
                    b.prepend(HeaderName.RECORD_ROUTE, ServerContext.routeTo(local));
                }
                SipRequest out = b.prepend(HeaderName.VIA, ServerContext.via(local)).build();
                tx = proxy.ctx.transactions().sendRequest(out, hop, new Listener(hopIndex));
                if (isInvite()) {
                    restartTimerC();
                }
                return;
            }
            localFinal(this, 503, "Service Unavailable (" + target.uri() + " unreachable)");
        }

        void provisional(int status) {
            provisional = true;
            if (status > 100 && isInvite() && !cancelSent) {
                restartTimerC(); // §16.8: reset by every non-100 provisional response
            }
            if (cancelWanted && !cancelSent) {
                sendCancel();
            }
        }

        void cancel() {
            if (tx == null) {
                // Still resolving: nothing was sent, so nothing to cancel.
                localFinal(this, 487, "Request Terminated");
                return;
            }
            if (!isInvite()) {
                return;
            }
            if (provisional) {
                sendCancel();
            } else {
                cancelWanted = true; // §9.1: not before a provisional response; Timer B ends it otherwise
            }
        }

        private void sendCancel() {
            if (cancelSent || tx.isTerminated()) {
                return;
            }
            cancelSent = true;
            proxy.ctx.transactions().sendRequest(tx.cancelRequest(), tx.destination(), r -> { });
            timer.cancel();
            timer = loop().schedule(proxy.ctx.transactions().timers().timerB(),
                    () -> localFinal(this, 408, "Request Timeout (no answer to CANCEL)"));
        }

        private void restartTimerC() {
            timer.cancel();
            timer = loop().schedule(proxy.timerC, () -> {
                if (done) {
                    return;
                }
                if (provisional && !cancelSent) {
                    sendCancel(); // §16.8; the 487 it draws, or its 64·T1 guard, ends the branch
                } else {
                    localFinal(this, 408, "Request Timeout (Timer C)");
                }
            });
        }

        void finish() {
            done = true;
            timer.cancel();
        }

        /** Reports of one client transaction; stale ones (an earlier address) are ignored. */
        private final class Listener implements ClientTransaction.Listener {
            private final int hop;

            Listener(int hop) {
                this.hop = hop;
            }

            @Override
            public void onResponse(SipResponse response) {
                ProxyTransaction.this.onResponse(Branch.this, response);
            }

            @Override
            public void onTimeout(String timer) {
                if (hop == hopIndex) {
                    localFinal(Branch.this, 408, "Request Timeout");
                }
            }

            @Override
            public void onTransportError(IOException error) {
                if (hop != hopIndex || done) {
                    return;
                }
                LOG.debug("{} to {} failed: {}", request.method(), hops.get(hop), error.getMessage());
                if (provisional) {
                    localFinal(Branch.this, 503, "Service Unavailable (transport error)");
                    return;
                }
                // RFC 3263 §4.3: on to the next address.
                hopIndex++;
                send();
            }
        }
    }
}
