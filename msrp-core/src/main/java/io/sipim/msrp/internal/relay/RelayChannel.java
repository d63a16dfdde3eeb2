package io.sipim.msrp.internal.relay;

import io.sipim.msrp.internal.loop.Scheduler;
import io.sipim.msrp.internal.net.Link;
import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.parse.MsrpEncoder;
import io.sipim.msrp.parse.MsrpLimits;
import io.sipim.msrp.parse.MsrpParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A client's connection to its relay, shared by the AUTH exchange and the sessions that send
 * through the relay (RFC 4976 §5, §6). It parses everything that arrives, keeps the responses to
 * its own AUTH requests, and passes every other event to the {@link #handler} the session layer
 * sets. Writers hand it whole frames ({@link #send}), so AUTH refreshes and session chunks never
 * interleave inside a frame. Loop thread only, unless said otherwise.
 *
 * <p>How a session layer uses a binding's channel: set {@link #handler} to its own frame handler
 * (requests, bodies, end-lines and responses of its transactions), queue each chunk with
 * {@link #send}, watch {@link #bufferedBytes} and {@link #onDrained} for back-pressure, and put the
 * binding's Use-Path in front of the peer's path in To-Path (RFC 4976 §6.2).
 */
public final class RelayChannel implements Link.Listener, MsrpParser.Handler, AuthChannel {
    /** How long an AUTH waits for its response (RFC 4975 §7.3.1: 30 s). */
    static final long AUTH_TIMEOUT_NANOS = 30_000_000_000L;

    private final Scheduler scheduler;
    private final MsrpParser parser;
    private final FrameQueue queue;
    private final Budget budget = new Budget();
    private final Map<String, CompletableFuture<MsrpResponse>> auths = new HashMap<>();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final CompletableFuture<IOException> closed = new CompletableFuture<>();
    private MsrpParser.Handler handler;
    private boolean handlerOwnsCurrent;
    private Link link;
    private long drainMark;
    private Runnable onDrained;

    public RelayChannel(Scheduler scheduler, MsrpLimits limits) {
        this.scheduler = scheduler;
        this.parser = new MsrpParser(limits, this);
        this.queue = new FrameQueue(budget);
    }

    /** Sets the link once it exists (the listener is made before the connection). */
    public void link(Link link) {
        this.link = link;
    }

    public Link link() {
        return link;
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    /** Completes when the link can carry MSRP (TLS handshake done). Any thread. */
    public CompletableFuture<Void> opened() {
        return opened;
    }

    /** Completes with the cause (null for an orderly close) when the link is gone. Any thread. */
    public CompletableFuture<IOException> closed() {
        return closed;
    }

    /** Who gets every event that is not a response to this channel's AUTH requests. */
    public void handler(MsrpParser.Handler handler) {
        this.handler = handler;
    }

    /** Queues a whole frame for the relay. */
    public void send(byte[] frame) {
        if (link == null || link.isClosed()) {
            return;
        }
        queue.add(frame);
        link.writable();
    }

    /** Bytes waiting to be written. */
    public long bufferedBytes() {
        return queue.buffered();
    }

    /** Runs {@code task} once the queue holds no more than {@code mark} bytes (replacing any earlier one). */
    public void onDrained(long mark, Runnable task) {
        if (queue.buffered() <= mark) {
            task.run();
            return;
        }
        this.drainMark = mark;
        this.onDrained = task;
    }

    /** Sends an AUTH and completes with its response, or with a {@link TimeoutException} after 30 s. */
    @Override
    public CompletableFuture<MsrpResponse> auth(MsrpRequest request) {
        CompletableFuture<MsrpResponse> f = new CompletableFuture<>();
        String tid = request.transactionId();
        auths.put(tid, f);
        Scheduler.Timeout t = scheduler.schedule(AUTH_TIMEOUT_NANOS, () -> {
            CompletableFuture<MsrpResponse> p = auths.remove(tid);
            if (p != null) {
                p.completeExceptionally(new TimeoutException("no response to AUTH within 30 s"));
            }
        });
        f.whenComplete((r, e) -> t.cancel());
        send(MsrpEncoder.encode(request, null, ContinuationFlag.END));
        return f;
    }

    // Link.Listener

    @Override
    public void received(Link l, ByteBuffer data) {
        try {
            parser.parse(data);
        } catch (MsrpParseException e) {
            l.close(new IOException("MSRP framing error from relay: " + e.getMessage(), e));
        }
    }

    @Override
    public boolean fill(Link l, ByteBuffer out) {
        boolean more = queue.fill(out);
        if (onDrained != null && queue.buffered() <= drainMark) {
            Runnable r = onDrained;
            onDrained = null;
            r.run();
        }
        return more;
    }

    @Override
    public void opened(Link l) {
        opened.complete(null);
        if (!queue.isEmpty()) {
            l.writable();
        }
    }

    @Override
    public void closed(Link l, IOException cause) {
        queue.clear();
        IOException c = cause != null ? cause : new IOException("connection to relay closed");
        opened.completeExceptionally(c);
        for (CompletableFuture<MsrpResponse> f : auths.values()) {
            f.completeExceptionally(c);
        }
        auths.clear();
        closed.complete(cause);
    }

    // MsrpParser.Handler: AUTH responses stay here, everything else goes to the session layer.

    @Override
    public void request(MsrpRequest r, boolean hasBody) {
        handlerOwnsCurrent = handler != null;
        if (handler != null) {
            handler.request(r, hasBody);
        }
    }

    @Override
    public void body(ByteBuffer data) {
        if (handlerOwnsCurrent) {
            handler.body(data);
        }
    }

    @Override
    public void end(ContinuationFlag flag) {
        if (handlerOwnsCurrent) {
            handler.end(flag);
        }
        handlerOwnsCurrent = false;
    }

    @Override
    public void response(MsrpResponse r) {
        CompletableFuture<MsrpResponse> f = auths.remove(r.transactionId());
        if (f != null) {
            f.complete(r);
        } else if (handler != null) {
            handler.response(r);
        }
    }

    @Override
    public void badRequest(MsrpParseException e) {
        if (handler != null) {
            handler.badRequest(e);
        }
    }

    @Override
    public void badResponse(MsrpParseException e) {
        if (handler != null) {
            handler.badResponse(e);
        }
    }
}
