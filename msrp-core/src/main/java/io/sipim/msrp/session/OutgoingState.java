package io.sipim.msrp.session;

import io.sipim.msrp.message.FailureReport;
import io.sipim.msrp.message.MsrpHeader;
import java.io.IOException;
import java.util.List;

/**
 * The loop's view of one {@link Transfer}: bytes written and confirmed, chunks awaiting their
 * response, and the rule of RFC 4975 §7.1.2 for when the outcome is known. Loop thread only.
 */
final class OutgoingState {
    final MsrpSession session;
    final Transfer transfer;
    final BodySource body;
    final List<MsrpHeader> extraHeaders;
    private long written;
    private long acknowledged;
    private int outstanding;
    private boolean allWritten;
    private boolean done;

    OutgoingState(MsrpSession session, Transfer transfer, BodySource body, List<MsrpHeader> extraHeaders) {
        this.session = session;
        this.transfer = transfer;
        this.body = body;
        this.extraHeaders = extraHeaders;
    }

    boolean expectsResponses() {
        return transfer.failureReport() == FailureReport.YES;
    }

    boolean done() {
        return done;
    }

    /** A chunk of {@code bytes} body bytes went out; {@code last} when the message is now fully written. */
    void written(long bytes, boolean last, boolean awaitingResponse) {
        if (done) {
            return;
        }
        written += bytes;
        if (awaitingResponse) {
            outstanding++;
        }
        allWritten |= last;
        long total = transfer.size() >= 0 ? transfer.size() : (allWritten ? written : Progress.UNKNOWN);
        var l = transfer.sentListener();
        if (l != null) {
            Progress p = new Progress(transfer.messageId(), written, total);
            session.stack().callback(() -> l.accept(p));
        }
        settleIfKnown();
    }

    /** A response to one of this message's chunks covering {@code bytes} body bytes. */
    void response(int code, String comment, long bytes) {
        if (done) {
            return;
        }
        outstanding = Math.max(0, outstanding - 1);
        if (code / 100 != 2) {
            finish(new Delivery(transfer.messageId(), code, comment, acknowledged, false));
            return;
        }
        acknowledged(acknowledged + bytes);
        settleIfKnown();
    }

    /** No response within the transaction timeout (RFC 4975 §7.3.1): a local 408. */
    void timedOut() {
        finish(new Delivery(transfer.messageId(), 408, "no response within the transaction timeout", acknowledged,
                true));
    }

    /** A REPORT for this message (RFC 4975 §7.1.2): success when 2xx and covering the whole body. */
    void report(int code, String comment, long end, long total) {
        if (done) {
            return;
        }
        if (code / 100 != 2) {
            finish(new Delivery(transfer.messageId(), code, comment, acknowledged, false));
            return;
        }
        acknowledged(Math.max(acknowledged, end));
        if (transfer.successReport() && allWritten && (total < 0 || end >= total) && end >= written) {
            finish(new Delivery(transfer.messageId(), code, comment, acknowledged, false));
        }
    }

    private void acknowledged(long value) {
        acknowledged = value;
        var l = transfer.acknowledgedListener();
        if (l != null) {
            Progress p = new Progress(transfer.messageId(), value,
                    transfer.size() >= 0 ? transfer.size() : (allWritten ? written : Progress.UNKNOWN));
            session.stack().callback(() -> l.accept(p));
        }
    }

    private void settleIfKnown() {
        if (!allWritten || transfer.successReport()) {
            return;
        }
        if (expectsResponses()) {
            if (outstanding == 0) {
                finish(new Delivery(transfer.messageId(), 200, "OK", acknowledged, false));
            }
        } else {
            // Failure-Report no or partial: nothing more will say the message arrived.
            finish(new Delivery(transfer.messageId(), 200, "sent; the receiver sends no success responses", written,
                    true));
        }
    }

    private void finish(Delivery d) {
        done = true;
        closeBody();
        session.finished(this);
        session.stack().callback(() -> transfer.completion().complete(d));
    }

    void fail(Throwable cause) {
        if (done) {
            return;
        }
        done = true;
        closeBody();
        session.stack().callback(() -> transfer.completion().completeExceptionally(cause));
    }

    private void closeBody() {
        try {
            body.close();
        } catch (IOException ignored) {
            // the outcome is decided; a failing close changes nothing
        }
    }
}
