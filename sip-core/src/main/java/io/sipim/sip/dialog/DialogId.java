package io.sipim.sip.dialog;

import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import java.util.Objects;

/**
 * A dialog identifier (RFC 3261 §12): the Call-ID with the local and the remote tag, as this user
 * agent sees them. The same dialog is {@code (c, a, b)} at one end and {@code (c, b, a)} at the
 * other. Tags are compared exactly; a tag may be null for a peer that predates RFC 3261 (§12.1.1).
 *
 * @param callId the Call-ID
 * @param localTag our tag: From tag in requests we send, To tag in requests we receive
 * @param remoteTag the peer's tag
 */
public record DialogId(String callId, String localTag, String remoteTag) {
    /** Validating constructor: a Call-ID is required. */
    public DialogId {
        Objects.requireNonNull(callId, "callId");
    }

    /**
     * The id of the dialog a received request belongs to (§12.2.2): local tag from To, remote
     * tag from From. Null when the request has no To tag, i.e. is outside any dialog.
     */
    public static DialogId ofRequest(SipRequest received) {
        String local = received.to() == null ? null : received.to().tag();
        if (local == null || received.callId() == null) {
            return null;
        }
        return new DialogId(received.callId(), local, received.from() == null ? null : received.from().tag());
    }

    /**
     * The id of the dialog a received response belongs to (§12.1.2): local tag from From, remote
     * tag from To. Null when the response has no To tag (a 100 Trying, for one).
     */
    public static DialogId ofResponse(SipResponse received) {
        String remote = received.to() == null ? null : received.to().tag();
        if (remote == null || received.callId() == null) {
            return null;
        }
        return new DialogId(received.callId(), received.from() == null ? null : received.from().tag(), remote);
    }

    @Override
    public String toString() {
        return callId + ";local-tag=" + localTag + ";remote-tag=" + remoteTag;
    }
}
