package io.sipim.msrp.internal.relay;

import io.sipim.msrp.internal.loop.Scheduler;
import io.sipim.msrp.internal.net.Connection;
import io.sipim.msrp.internal.net.HostLookup;
import io.sipim.msrp.internal.net.Link;
import io.sipim.msrp.internal.net.Network;
import io.sipim.msrp.message.ByteRange;
import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.FailureReport;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.message.Status;
import io.sipim.msrp.parse.MsrpEncoder;
import io.sipim.msrp.relay.RelayListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MSRP relay (RFC 4976) on one loop: authenticates clients, forwards requests hop by hop with
 * their paths rewritten, answers the previous hop itself, and turns a next hop's failure or silence
 * into a failure REPORT back to the sender (RFC 4975 §7.2, §7.3). Loop thread only, apart from the
 * counters.
 */
public final class RelayEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RelayEngine.class);

    private final RelayConfig config;
    private final Scheduler scheduler;
    private final Network network;
    private final Budget budget = new Budget();
    private final BindingTable bindings;
    private final Router router;
    private final AuthHandler auth;
    private final Map<String, RelayConnection> outbound = new HashMap<>();

    public RelayEngine(RelayConfig config, Scheduler scheduler, Network network) {
        this.config = config;
        this.scheduler = scheduler;
        this.network = network;
        this.bindings = new BindingTable(scheduler, config.uri());
        this.router = new Router(config.uri(), bindings);
        this.auth = new AuthHandler(this, config, router, bindings);
    }

    /** The listener for a connection the relay accepted. */
    public RelayConnectionHandle accepted(Connection c) {
        return new RelayConnectionHandle(new RelayConnection(this, c, null));
    }

    /** A listener that closes its link at once: for connections accepted before the engine exists. */
    public static Link.Listener refuser() {
        return new Link.Listener() {
            @Override
            public void received(Link link, java.nio.ByteBuffer data) {
                link.close(null);
            }

            @Override
            public boolean fill(Link link, java.nio.ByteBuffer out) {
                return false;
            }

            @Override
            public void opened(Link link) {
                link.close(null);
            }

            @Override
            public void closed(Link link, IOException cause) {
                // nothing held
            }
        };
    }

    /** The bytes queued for sending now, and the most ever. */
    public Budget budget() {
        return budget;
    }

    /** Clients currently bound. */
    public int bindingCount() {
        return bindings.size();
    }

    RelayConfig config() {
        return config;
    }

    // Requests

    Inbound request(RelayConnection from, MsrpRequest r, boolean hasBody) {
        if (MsrpRequest.AUTH.equals(r.method()) && r.toPath().size() == 1) {
            auth.handle(from, r);
            return null;
        }
        Route route = router.route(from, r);
        if (route.refused()) {
            refuse(from, r, route.code(), route.reason(), null);
            return null;
        }
        RelayConnection target = route.client() != null ? route.client().connection : outbound(route.nextHop());
        if (target == null) {
            refuse(from, r, 481, "cannot reach " + route.nextHop().authority(), route.relayUri());
            return null;
        }
        MsrpRequest.Builder head = r.toBuilder().toPath(route.toPath()).fromPath(route.fromPath());
        event(l -> l.forwarded(r.method(), r.messageId(), r.fromPath().get(r.fromPath().size() - 1), route.nextHop(),
                r.byteRange()));
        return new Forward(this, from, target, r, route.relayUri(), head, hasBody, config.maxChunkBytes());
    }

    private void refuse(RelayConnection from, MsrpRequest r, int code, String reason, MsrpUri relayUri) {
        event(l -> l.refused(r.method(), r.messageId(), code, reason));
        // RFC 4975 §7.1.2: REPORTs are never answered; Failure-Report: no asks for no response at all.
        if (!MsrpRequest.REPORT.equals(r.method()) && r.failureReport() != FailureReport.NO) {
            respond(from, r, MsrpResponse.builder(code).comment(reason), relayUri);
        }
    }

    /**
     * RFC 4975 §7.2: a malformed request gets the status the parser names (400), addressed to the
     * previous hop, when its paths could be read; never a REPORT.
     */
    void malformed(RelayConnection from, MsrpParseException e, String method, List<MsrpUri> toPath,
                   List<MsrpUri> fromPath) {
        event(l -> l.refused(method, null, e.status(), e.reason()));
        if (e.transactionId() == null || MsrpRequest.REPORT.equals(method) || toPath == null || fromPath == null) {
            return;
        }
        MsrpResponse r = MsrpResponse.builder(e.status()).transactionId(e.transactionId()).toPath(fromPath.get(0))
                .fromPath(toPath.get(0)).build();
        from.send(MsrpEncoder.encode(r));
    }

    /** The incoming chunk was read to its end-line: the hop-by-hop 200 when Failure-Report is yes. */
    void received(RelayConnection from, MsrpRequest r, MsrpUri relayUri) {
        // An AUTH for a relay further on is answered by that relay, not here.
        if (!MsrpRequest.REPORT.equals(r.method()) && !isAuth(r) && r.failureReport() == FailureReport.YES) {
            respond(from, r, MsrpResponse.builder(200), relayUri);
        }
    }

    /** Sends a response to {@code r} back over {@code from}: To-Path is the previous hop, From-Path this relay. */
    void respond(RelayConnection from, MsrpRequest r, MsrpResponse.Builder b, MsrpUri relayUri) {
        b.transactionId(r.transactionId()).toPath(r.fromPath().get(0))
                .fromPath(relayUri != null ? relayUri : r.toPath().get(0));
        from.send(MsrpEncoder.encode(b.build()));
    }

    /** A forwarded chunk leaves for the next hop. */
    void emit(RelayConnection source, RelayConnection target, MsrpRequest original, MsrpUri relayUri, String tid,
              byte[] frame, ByteRange range) {
        boolean tracked = !MsrpRequest.REPORT.equals(original.method()) && original.failureReport() != FailureReport.NO;
        if (target.isClosed()) {
            if (tracked) {
                lost(new Pending(source, original, relayUri, range, original.failureReport(), 0, isAuth(original)));
            }
            return;
        }
        target.send(frame);
        if (tracked) {
            target.pending.put(tid, new Pending(source, original, relayUri, range, original.failureReport(),
                    scheduler.nanoTime() + config.transactionTimeoutNanos(), isAuth(original)));
            sweepLater(target);
        }
        target.throttle(source);
    }

    // Responses

    void response(RelayConnection on, MsrpResponse response) {
        Pending p = on.pending.remove(response.transactionId());
        if (p == null) {
            return;
        }
        if (p.passBack()) {
            passBack(p, response);
        } else if (!response.isSuccess()) {
            failureReport(p, response.code(), response.comment());
        }
    }

    private void sweepLater(RelayConnection c) {
        if (c.sweepScheduled || c.pending.isEmpty()) {
            return;
        }
        c.sweepScheduled = true;
        long delay = c.pending.values().iterator().next().deadline() - scheduler.nanoTime();
        scheduler.schedule(delay, () -> {
            c.sweepScheduled = false;
            sweep(c);
        });
    }

    /**
     * RFC 4975 §7.3.1: a forwarded chunk without response after the timeout (30 s) is a failure: a
     * REPORT with 408 when Failure-Report is yes, a 408 for a passed-on AUTH. With Failure-Report:
     * partial no 200 comes, so silence is success and the entry only waits that long for a failure.
     */
    private void sweep(RelayConnection c) {
        long now = scheduler.nanoTime();
        for (var it = c.pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.deadline() - now > 0) {
                break;
            }
            it.remove();
            if (p.passBack()) {
                if (!p.source().isClosed()) {
                    respond(p.source(), p.original(), MsrpResponse.builder(408), p.relayUri());
                }
            } else if (p.failureReport() == FailureReport.YES) {
                failureReport(p, 408, "Request Timeout");
            }
        }
        sweepLater(c);
    }

    // Batched writes

    private final java.util.Set<RelayConnection> dirty = new java.util.LinkedHashSet<>();
    private int batchDepth;

    void beginBatch() {
        batchDepth++;
    }

    void endBatch() {
        if (--batchDepth == 0 && !dirty.isEmpty()) {
            RelayConnection[] flush = dirty.toArray(new RelayConnection[0]);
            dirty.clear();
            for (RelayConnection c : flush) {
                c.flush();
            }
        }
    }

    /** {@code c} has frames queued: flush now, or at the end of the read being parsed. */
    void writable(RelayConnection c) {
        if (batchDepth > 0) {
            dirty.add(c);
        } else {
            c.flush();
        }
    }

    private static boolean isAuth(MsrpRequest r) {
        return MsrpRequest.AUTH.equals(r.method());
    }

    /**
     * The response of a relay further on to an AUTH sent through this one goes back to the client with
     * the client's transaction id; From-Path gains this relay's URI in front (RFC 4976 §5).
     */
    private void passBack(Pending p, MsrpResponse response) {
        if (p.source().isClosed()) {
            return;
        }
        List<MsrpUri> fromPath = new ArrayList<>(response.fromPath().size() + 1);
        fromPath.add(p.relayUri());
        fromPath.addAll(response.fromPath());
        MsrpResponse back = response.toBuilder().transactionId(p.original().transactionId())
                .toPath(p.original().fromPath().get(0)).fromPath(fromPath).build();
        p.source().send(MsrpEncoder.encode(back));
    }

    /** A tracked request could not reach its next hop: a failure REPORT, or a 408 for an AUTH. */
    private void lost(Pending p) {
        if (p.passBack()) {
            if (!p.source().isClosed()) {
                respond(p.source(), p.original(), MsrpResponse.builder(408).comment("next hop connection lost"),
                        p.relayUri());
            }
        } else {
            failureReport(p, 408, "next hop connection lost");
        }
    }

    /**
     * RFC 4975 §7.3 and RFC 4976 §7.3.1: the relay already answered the previous hop, so a failure
     * further on goes back as a REPORT with Status 000 and the code, along the sender's From-Path.
     */
    private void failureReport(Pending p, int code, String comment) {
        MsrpRequest o = p.original();
        event(l -> l.refused(o.method(), o.messageId(), code, "next hop: " + comment));
        if (p.source().isClosed() || o.messageId() == null) {
            return;
        }
        MsrpRequest report = MsrpRequest.builder(MsrpRequest.REPORT).transactionId(Ids.transactionId())
                .toPath(o.fromPath()).fromPath(p.relayUri()).messageId(o.messageId()).byteRange(p.range() != null ? p.range() : ByteRange.whole(0))
                .status(new Status(0, code, comment)).build();
        p.source().send(MsrpEncoder.encode(report, null, ContinuationFlag.END));
    }

    // Connections

    private RelayConnection outbound(MsrpUri next) {
        String key = next.scheme() + "://" + next.authority();
        RelayConnection c = outbound.get(key);
        if (c != null && !c.isClosed()) {
            return c;
        }
        RelayConnection rc = new RelayConnection(this, null, key);
        outbound.put(key, rc);
        // A DNS lookup can block: it runs on another thread, and frames wait in the connection's
        // queue (a connection without a link only queues) until it is dialled on the loop.
        if (HostLookup.isAddressLiteral(next.host())) {
            dial(rc, next, null);
            return rc.isClosed() ? null : rc;
        }
        HostLookup.lookUp(next.host()).whenComplete((address, error) -> scheduler.execute(() -> {
            if (error != null) {
                LOG.debug("MSRP relay cannot resolve {}: {}", next.host(), HostLookup.cause(error).toString());
                rc.closed(null, new IOException("cannot resolve " + next.host(), HostLookup.cause(error)));
            } else {
                dial(rc, next, address);
            }
        }));
        return rc;
    }

    /** Connects {@code rc} to {@code next} (loop); a failure closes it, which fails what it holds. */
    private void dial(RelayConnection rc, MsrpUri next, InetAddress resolved) {
        try {
            InetAddress a = resolved != null ? resolved : InetAddress.getByName(next.host());
            Connection conn = network.connect(new InetSocketAddress(a, next.portOrDefault()), next.secure(),
                    HostLookup.isAddressLiteral(next.host()) ? null : next.host(), rc);
            rc.link(conn);
            rc.flush();
        } catch (IOException | RuntimeException e) {
            LOG.debug("MSRP relay cannot connect to {}: {}", rc.outboundKey, e.toString());
            rc.closed(null, e instanceof IOException io ? io : new IOException(e));
        }
    }

    void closed(RelayConnection c, IOException cause) {
        bindings.removeAll(c);
        if (c.outboundKey != null) {
            outbound.remove(c.outboundKey, c);
        }
        List<Pending> lost = new ArrayList<>(c.pending.values());
        c.pending.clear();
        for (Pending p : lost) {
            lost(p);
        }
    }

    // Events

    void authEvent(String user, int code, MsrpUri usePath, long expires) {
        event(l -> l.authenticated(user, code, usePath, expires));
    }

    private void event(java.util.function.Consumer<RelayListener> call) {
        RelayListener l = config.listener();
        if (l == null) {
            return;
        }
        config.executor().execute(() -> {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("MSRP relay listener failed", e);
            }
        });
    }
}
