package io.sipim.msrp.session;

import io.sipim.msrp.internal.chunk.Decision;
import io.sipim.msrp.internal.chunk.Reassembly;
import io.sipim.msrp.message.ByteRange;
import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.FailureReport;
import io.sipim.msrp.message.MsrpHeader;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.Status;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The receiving half of a session: chunks go to the {@link Reassembly}, complete messages to the
 * user, and the REPORTs RFC 4975 §7.1.2 asks for go back to the sender. Loop thread only.
 */
final class IncomingMessages implements Reassembly.Listener, Reassembly.SinkFactory {
    /** The largest body kept in memory when the user chose no sink. */
    static final long DEFAULT_MEMORY_LIMIT = 64L * 1024 * 1024;

    private final MsrpSession session;
    private Reassembly reassembly;
    private final Map<String, List<MsrpHeader>> firstHeaders = new HashMap<>();
    private MsrpRequest chunk;
    private boolean skipping;

    IncomingMessages(MsrpSession session) {
        this.session = session;
    }

    private Reassembly reassembly() {
        if (reassembly == null) {
            reassembly = new Reassembly(session.stack().limits().maxMessageBytes(), this, this);
        }
        return reassembly;
    }

    /** A SEND's headers arrived. */
    Decision chunk(MsrpRequest send) {
        chunk = send;
        ByteRange br = send.byteRange();
        // RFC 4975 §5.4: the bodiless SEND that binds a connection carries no message for the user.
        skipping = send.contentType() == null && br != null && br.total() == 0;
        if (skipping) {
            return Decision.ACCEPT;
        }
        firstHeaders.putIfAbsent(send.messageId() == null ? "" : send.messageId(), send.headers());
        return reassembly().chunkStart(send);
    }

    void body(ByteBuffer data) {
        if (!skipping) {
            reassembly().body(data);
        }
    }

    /** The chunk's end-line arrived: the decision to answer with. */
    Decision end(ContinuationFlag flag) {
        if (skipping) {
            skipping = false;
            return Decision.ACCEPT;
        }
        return reassembly().chunkEnd(flag);
    }

    @Override
    public BodySink open(String messageId, String contentType, long total) {
        MsrpSession.SinkChooser chooser = session.sinkChooser();
        BodySink sink = chooser != null ? chooser.choose(messageId, contentType, total,
                chunk != null ? chunk.headers() : List.of()) : null;
        return sink != null ? sink
                : BodySink.memory(Math.min(DEFAULT_MEMORY_LIMIT, session.stack().limits().maxMessageBytes()));
    }

    @Override
    public void progress(Progress progress) {
        session.receiveProgress(progress);
    }

    @Override
    public void complete(String messageId, String contentType, long size, BodySink sink) {
        List<MsrpHeader> headers = firstHeaders.remove(messageId);
        byte[] body = sink instanceof MemoryBodySink m ? m.bytes() : null;
        session.deliver(new ReceivedMessage(messageId, contentType, size, headers == null ? List.of() : headers, body));
        MsrpRequest last = chunk;
        if (last != null && last.successReport()) {
            // RFC 4975 §7.1.2: Success-Report yes → a REPORT once the whole message arrived.
            sendReport(last, messageId, Status.OK, size);
        }
    }

    @Override
    public void aborted(String messageId, long bytesReceived, int status) {
        firstHeaders.remove(messageId);
        session.aborted(messageId);
        MsrpRequest last = chunk;
        if (status != 0 && last != null && last.failureReport() != FailureReport.NO) {
            // RFC 4975 §7.1.2: a failure the sender cannot learn from a response goes in a REPORT.
            sendReport(last, messageId, Status.of(status), bytesReceived);
        }
    }

    private void sendReport(MsrpRequest send, String messageId, Status status, long bytes) {
        ConnectionHandler c = session.connection();
        if (c == null) {
            return;
        }
        MsrpRequest report = MsrpRequest.builder(MsrpRequest.REPORT).transactionId(c.newTransactionId())
                .toPath(send.fromPath()).fromPath(session.localUri()).messageId(messageId)
                .byteRange(ByteRange.of(1, bytes, bytes)).status(status).build();
        c.sendReport(report);
    }

    /** The receiver gives up on a message: its next chunk gets 413 and the sender stops (RFC 4975 §7.3.1). */
    boolean cancel(String messageId) {
        return reassembly != null && reassembly.cancel(messageId, "the receiver cancelled the message");
    }

    /** The session ends: messages still arriving are dropped and reported as aborted. */
    void abortAll() {
        if (reassembly != null) {
            reassembly.discardAll();
        }
        for (String id : List.copyOf(firstHeaders.keySet())) {
            session.aborted(id);
        }
        firstHeaders.clear();
        reassembly = null;
    }
}
