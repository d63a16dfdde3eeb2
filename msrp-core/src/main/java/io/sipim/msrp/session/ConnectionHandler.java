package io.sipim.msrp.session;

import io.sipim.msrp.internal.ids.SessionIds;
import io.sipim.msrp.internal.loop.Scheduler;
import io.sipim.msrp.internal.net.Link;
import io.sipim.msrp.internal.relay.AuthChannel;
import java.util.concurrent.CompletableFuture;
import io.sipim.msrp.message.ByteRange;
import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.FailureReport;
import io.sipim.msrp.message.MsrpException;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.parse.MsrpEncoder;
import io.sipim.msrp.parse.MsrpParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection as the session layer sees it (RFC 4975 §7): parses what arrives, routes requests
 * to sessions by To-Path (481 for none, 506 for a session bound elsewhere), answers them as the
 * report headers say, matches responses to the chunks that wait for them (with the transaction
 * timeout), and writes frames and chunks through one {@link Outbound} queue. Loop thread only.
 */
final class ConnectionHandler implements Link.Listener, MsrpParser.Handler, Outbound.Events, AuthChannel {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

    /** A chunk waiting for its response. */
    private record Pending(OutgoingState out, long bytes, long deadline, MsrpSession binding,
                           CompletableFuture<MsrpResponse> auth) {
    }

    private final MsrpStack stack;
    private Link link;
    private final MsrpParser parser;
    private final Outbound outbound;
    private final OkResponses okResponses = new OkResponses();
    /**
     * Transactions waiting for their response, oldest first. Every one has the same timeout, so the
     * oldest expires first and one sweep timer per connection serves them all: no timer object per
     * chunk, nothing left in the loop's timer heap once a response arrives.
     */
    private final LinkedHashMap<String, Pending> transactions = new LinkedHashMap<>();
    private Scheduler.Timeout sweep;
    private final Set<MsrpSession> sessions = new HashSet<>();
    /** The connection to our relay (RFC 4976): it stays open while the stack runs, whatever sessions use it. */
    private boolean persistent;
    // The request being received.
    private MsrpRequest request;
    private MsrpSession target;
    private int refusal;
    private String refusalReason;

    ConnectionHandler(MsrpStack stack, Link link) {
        this.stack = stack;
        this.link = link;
        this.parser = new MsrpParser(stack.limits(), this);
        this.outbound = new Outbound(stack.chunkSize(), this);
    }

    void link(Link link) {
        this.link = link;
    }

    Link link() {
        return link;
    }

    void persistent(boolean keep) {
        this.persistent = keep;
    }

    @Override
    public Scheduler scheduler() {
        return stack.loop();
    }

    /** Sends an AUTH to our relay (RFC 4976 §5) and completes with its response, or fails after the transaction timeout. */
    @Override
    public CompletableFuture<MsrpResponse> auth(MsrpRequest request) {
        CompletableFuture<MsrpResponse> f = new CompletableFuture<>();
        await(request.transactionId(), new Pending(null, 0, deadline(), null, f));
        sendFrame(MsrpEncoder.encode(request, null, ContinuationFlag.END));
        return f;
    }

    // ---- sessions ----

    void attach(MsrpSession s) {
        sessions.add(s);
    }

    void detach(MsrpSession s) {
        sessions.remove(s);
        transactions.values().removeIf(p -> (p.out != null && p.out.session == s) || p.binding == s);
        // RFC 4975 §5.4: a connection no session uses may be closed; the side that opened it does.
        if (sessions.isEmpty() && link.outbound() && !persistent) {
            link.close(null);
        }
    }

    /** Active side: binds {@code s} with a bodiless SEND (RFC 4975 §5.4) once the link is open. */
    void bindActive(MsrpSession s) {
        MsrpRequest send = MsrpRequest.builder(MsrpRequest.SEND).transactionId(outbound.newTransactionId())
                .toPath(s.toPath()).fromPath(s.localUri()).messageId(SessionIds.messageId())
                .byteRange(ByteRange.of(1, 0, 0)).build();
        await(send.transactionId(), new Pending(null, 0, deadline(), s, null));
        sessions.add(s);
        outbound.priority(MsrpEncoder.encode(send, null, ContinuationFlag.END));
        link.writable();
    }

    String newTransactionId() {
        return outbound.newTransactionId();
    }

    void enqueue(OutgoingState out) {
        outbound.add(out);
        link.writable();
    }

    void abort(OutgoingState out) {
        if (outbound.abort(out)) {
            link.writable();
        }
    }

    private void sendFrame(byte[] frame) {
        outbound.priority(frame);
        link.writable();
    }

    // ---- transaction timeout (RFC 4975 §7.3.1) ----

    private long deadline() {
        return stack.loop().nanoTime() + stack.transactionTimeoutNanos();
    }

    private void await(String transactionId, Pending p) {
        transactions.put(transactionId, p);
        if (sweep == null) {
            sweep = stack.loop().schedule(p.deadline - stack.loop().nanoTime(), this::sweep);
        }
    }

    /** Expires the transactions whose deadline passed, oldest first, and waits for the next one. */
    private void sweep() {
        sweep = null;
        long now = stack.loop().nanoTime();
        List<Pending> expired = new ArrayList<>();
        for (Iterator<Pending> it = transactions.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.deadline - now > 0) {
                break;
            }
            it.remove();
            expired.add(p);
        }
        for (Pending p : expired) {
            if (p.auth != null) {
                p.auth.completeExceptionally(new MsrpException("408: no response to AUTH within the transaction timeout"));
            } else if (p.binding != null) {
                p.binding.bindFailed(new MsrpException("408: no response to the binding SEND within the transaction timeout"));
            } else {
                abort(p.out);
                p.out.timedOut();
            }
        }
        if (!transactions.isEmpty() && sweep == null && !link.isClosed()) {
            Pending next = transactions.values().iterator().next();
            sweep = stack.loop().schedule(next.deadline - now, this::sweep);
        }
    }

    // ---- Link.Listener ----

    @Override
    public void opened(Link l) {
        // RFC 4572 §5: on msrps trusted by a=fingerprint, the peer's certificate is checked as soon
        // as the handshake is done, before the binding SEND (or anything else) goes out.
        for (MsrpSession s : List.copyOf(sessions)) {
            if (s.state() == MsrpSession.State.CONNECTING && !s.fingerprintMatches(this)) {
                l.close(new IOException("the peer's certificate does not match a=fingerprint"));
                return;
            }
        }
        if (outbound.hasWork()) {
            l.writable();
        }
    }

    @Override
    public void received(Link l, ByteBuffer data) {
        try {
            parser.parse(data);
        } catch (MsrpParseException e) {
            // RFC 4975 §7.3: nothing can be answered without a transaction id; the stream is lost.
            LOG.warn("closing MSRP connection {}: {}", l, e.getMessage());
            l.close(new IOException("unparsable MSRP input: " + e.getMessage(), e));
        }
    }

    @Override
    public boolean fill(Link l, ByteBuffer out) {
        return outbound.fill(out);
    }

    @Override
    public void closed(Link l, IOException cause) {
        stack.connectionClosed(this);
        if (sweep != null) {
            sweep.cancel();
            sweep = null;
        }
        for (Pending p : transactions.values()) {
            if (p.auth != null) {
                p.auth.completeExceptionally(new MsrpException("connection to the relay lost", cause));
            }
        }
        transactions.clear();
        for (MsrpSession s : List.copyOf(sessions)) {
            s.connectionLost(cause);
        }
        sessions.clear();
        outbound.close();
    }

    // ---- Outbound.Events ----

    @Override
    public void chunkWritten(OutgoingState out, String transactionId, long bodyBytes, boolean last) {
        boolean awaiting = out.expectsResponses();
        if (awaiting) {
            await(transactionId, new Pending(out, bodyBytes, deadline(), null, null));
        }
        out.written(bodyBytes, last, awaiting);
    }

    // ---- MsrpParser.Handler ----

    @Override
    public void request(MsrpRequest r, boolean hasBody) {
        request = r;
        target = null;
        refusal = 0;
        refusalReason = null;
        if (r.method().equals(MsrpRequest.REPORT)) {
            target = route(r, false);
            return;
        }
        if (!r.method().equals(MsrpRequest.SEND)) {
            refuse(501, "method " + r.method() + " is not implemented here");
            return;
        }
        MsrpSession s = route(r, true);
        if (s == null) {
            return;
        }
        target = s;
        if (!s.accepts(r.contentType())) {
            target = null;
            refuse(415, "Content-Type " + r.contentType() + " is not in this session's accept-types");
            return;
        }
        var decision = s.incoming.chunk(r);
        if (!decision.accepted()) {
            refuse(decision.status(), decision.reason());
        }
    }

    /** Finds the session for a request and binds it if this is its first; refuses and returns null otherwise. */
    private MsrpSession route(MsrpRequest r, boolean answer) {
        List<MsrpUri> to = r.toPath();
        MsrpSession s = to.size() == 1 ? stack.session(to.get(0)) : null;
        if (s == null) {
            if (answer) {
                refuse(481, "no session " + to.get(to.size() - 1));
            }
            return null;
        }
        if (s.state() == MsrpSession.State.BOUND && s.connection() != this) {
            if (answer) {
                refuse(506, "session is bound to another connection");
            }
            return null;
        }
        if (s.state() == MsrpSession.State.ACCEPTING || (s.state() == MsrpSession.State.CONNECTING && s.connection() == null)) {
            if (!s.admits(this, r.fromPath())) {
                if (answer) {
                    refuse(403, "From-Path or certificate does not match the session");
                }
                return null;
            }
            s.bind(this, r.fromPath());
        } else if (s.state() != MsrpSession.State.BOUND && s.state() != MsrpSession.State.CONNECTING) {
            if (answer) {
                refuse(481, "session is closed");
            }
            return null;
        }
        return s;
    }

    private void refuse(int status, String reason) {
        refusal = status;
        refusalReason = reason;
    }

    @Override
    public void body(ByteBuffer data) {
        if (target != null && refusal == 0 && request.method().equals(MsrpRequest.SEND)) {
            target.incoming.body(data);
        }
    }

    @Override
    public void end(ContinuationFlag flag) {
        MsrpRequest r = request;
        request = null;
        if (r == null) {
            return;
        }
        if (r.method().equals(MsrpRequest.REPORT)) {
            if (target != null) {
                report(target, r);
            }
            return; // RFC 4975 §7.1.2: a REPORT is never answered
        }
        if (refusal != 0) {
            if (target != null && r.method().equals(MsrpRequest.SEND)) {
                // The reassembly saw the chunk start; let it close the chunk too.
                target.incoming.end(flag);
            }
            respond(r, refusal, refusalReason);
            return;
        }
        var decision = target.incoming.end(flag);
        respond(r, decision.status(), decision.reason());
    }

    /** Answers a request as its Failure-Report allows (RFC 4975 §7.1.2, §7.2). */
    private void respond(MsrpRequest r, int status, String reason) {
        FailureReport fr = r.failureReport();
        if (fr == FailureReport.NO || (fr == FailureReport.PARTIAL && status == 200)) {
            return;
        }
        if (status == 200) {
            sendFrame(okResponses.ok(r));
            return;
        }
        MsrpResponse resp = MsrpResponse.to(r, status).comment(reason).build();
        sendFrame(MsrpEncoder.encode(resp));
    }

    /** Sends a REPORT on behalf of {@code s} (RFC 4975 §7.1.2): end to end, never answered. */
    void sendReport(MsrpRequest report) {
        sendFrame(MsrpEncoder.encode(report, null, ContinuationFlag.END));
    }

    private void report(MsrpSession s, MsrpRequest r) {
        OutgoingState out = r.messageId() == null ? null : s.outgoing(r.messageId());
        if (out == null || r.status() == null) {
            return;
        }
        ByteRange br = r.byteRange();
        long end = br == null ? -1 : br.end();
        long total = br == null ? -1 : br.total();
        out.report(r.status().code(), r.status().comment(), end, total);
    }

    @Override
    public void response(MsrpResponse r) {
        Pending p = transactions.remove(r.transactionId());
        if (p == null) {
            return; // a late response to a transaction that timed out, or not ours
        }
        if (p.auth != null) {
            p.auth.complete(r);
            return;
        }
        if (p.binding != null) {
            if (r.isSuccess()) {
                if (p.binding.state() == MsrpSession.State.CONNECTING) {
                    if (!p.binding.fingerprintMatches(this)) {
                        p.binding.bindFailed(new MsrpException("peer certificate does not match a=fingerprint"));
                        return;
                    }
                    p.binding.bind(this, p.binding.remotePath());
                }
            } else {
                p.binding.bindFailed(new MsrpException(r.code() + " " + (r.comment() == null ? "" : r.comment())
                        + ": the peer refused the binding SEND"));
            }
            return;
        }
        if (!r.isSuccess()) {
            abort(p.out);
        }
        p.out.response(r.code(), r.comment(), p.bytes);
    }

    @Override
    public void badRequest(MsrpParseException e) {
        // The parser skipped the malformed request; without its paths no response can be addressed.
        LOG.debug("malformed MSRP request on {}: {}", link, e.getMessage());
        request = null;
    }

    @Override
    public void badRequest(MsrpParseException e, String method, List<MsrpUri> toPath, List<MsrpUri> fromPath) {
        request = null;
        // RFC 4975 §7.1.2: a REPORT is never answered, not even a malformed one.
        if (toPath == null || fromPath == null || e.transactionId() == null || MsrpRequest.REPORT.equals(method)) {
            badRequest(e);
            return;
        }
        // RFC 4975 §7.2: 400 to the previous hop, from the URI the request was addressed to.
        MsrpResponse resp = MsrpResponse.builder(e.status()).transactionId(e.transactionId())
                .toPath(fromPath.get(0)).fromPath(toPath.get(toPath.size() - 1)).comment(e.reason()).build();
        sendFrame(MsrpEncoder.encode(resp));
    }
}
