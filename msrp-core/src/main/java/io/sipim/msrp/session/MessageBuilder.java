package io.sipim.msrp.session;

import io.sipim.msrp.internal.ids.SessionIds;
import io.sipim.msrp.message.FailureReport;
import io.sipim.msrp.message.MsrpHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A message about to be sent on a session: its body, Content-Type, report requests (RFC 4975
 * §7.1.2) and extra headers (Content-Disposition, Content-ID …). {@link #send()} hands it to the
 * session, which cuts it into chunks of the stack's chunk size.
 */
public final class MessageBuilder {
    private final MsrpSession session;
    private final String contentType;
    private final BodySource body;
    private String messageId;
    private boolean successReport;
    private FailureReport failureReport = FailureReport.YES;
    private final List<MsrpHeader> headers = new ArrayList<>();

    MessageBuilder(MsrpSession session, String contentType, BodySource body) {
        this.session = session;
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.body = Objects.requireNonNull(body, "body");
    }

    /** Success-Report: yes asks the receiver for a REPORT once the whole message arrived. Default no. */
    public MessageBuilder successReport(boolean yes) {
        this.successReport = yes;
        return this;
    }

    /** Failure-Report; default yes (a response to every chunk, and a 30 s timeout on each). */
    public MessageBuilder failureReport(FailureReport value) {
        this.failureReport = Objects.requireNonNull(value);
        return this;
    }

    /** The Message-ID; default a random one. */
    public MessageBuilder messageId(String messageId) {
        this.messageId = messageId;
        return this;
    }

    /** Adds a header to every chunk (MIME headers such as Content-Disposition, or extensions). */
    public MessageBuilder header(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("to-path") || lower.equals("from-path") || lower.equals("message-id")
                || lower.equals("byte-range") || lower.equals("content-type") || lower.equals("success-report")
                || lower.equals("failure-report")) {
            throw new IllegalArgumentException(name + " is set by the session, not as an extra header");
        }
        headers.add(new MsrpHeader(name, value));
        return this;
    }

    /** Queues the message on the session. */
    public Transfer send() {
        String id = messageId != null ? messageId : SessionIds.messageId();
        long size;
        try {
            size = body.size();
        } catch (RuntimeException e) {
            size = -1;
        }
        Transfer t = new Transfer(session, id, contentType, size, successReport, failureReport);
        session.submit(new OutgoingState(session, t, body, List.copyOf(headers)));
        return t;
    }
}
