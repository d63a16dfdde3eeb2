package io.sipim.msrp.session;

import io.sipim.msrp.message.FailureReport;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One outgoing message on a session: its Message-ID, progress and outcome. {@link #completion()}
 * completes with a {@link Delivery} (a failure status is a value) when RFC 4975 says the outcome is
 * known: on the success REPORT when Success-Report is yes; otherwise on the 200 responses to every
 * chunk when Failure-Report is yes; otherwise once the last byte is written. It completes
 * exceptionally only when the transfer is cancelled or the session or connection goes away first.
 *
 * <p>Progress listeners run on the stack's callback executor.
 */
public final class Transfer {
    private final String messageId;
    private final String contentType;
    private final long size;
    private final boolean successReport;
    private final FailureReport failureReport;
    private final CompletableFuture<Delivery> completion = new CompletableFuture<>();
    private final MsrpSession session;
    private volatile Consumer<Progress> sentListener;
    private volatile Consumer<Progress> acknowledgedListener;

    Transfer(MsrpSession session, String messageId, String contentType, long size, boolean successReport,
             FailureReport failureReport) {
        this.session = session;
        this.messageId = messageId;
        this.contentType = contentType;
        this.size = size;
        this.successReport = successReport;
        this.failureReport = failureReport;
    }

    public String messageId() {
        return messageId;
    }

    /** Content-Type, or {@code null} for a message without body. */
    public String contentType() {
        return contentType;
    }

    /** The body size, or -1 when the source's length is not known in advance. */
    public long size() {
        return size;
    }

    public boolean successReport() {
        return successReport;
    }

    public FailureReport failureReport() {
        return failureReport;
    }

    /** The outcome; see the class description for when it completes. */
    public CompletableFuture<Delivery> completion() {
        return completion;
    }

    /** Told as chunks are written to the connection: bytes written so far. */
    public Transfer onSent(Consumer<Progress> listener) {
        this.sentListener = listener;
        return this;
    }

    /** Told as the receiver confirms bytes (200 responses or REPORTs). */
    public Transfer onAcknowledged(Consumer<Progress> listener) {
        this.acknowledgedListener = listener;
        return this;
    }

    /**
     * Stops sending: the chunk in progress ends with {@code #} (RFC 4975 §7.1.1 abort) and the
     * completion fails with {@link java.util.concurrent.CancellationException}. No effect once complete.
     */
    public void cancel() {
        session.cancel(this);
    }

    Consumer<Progress> sentListener() {
        return sentListener;
    }

    Consumer<Progress> acknowledgedListener() {
        return acknowledgedListener;
    }
}
