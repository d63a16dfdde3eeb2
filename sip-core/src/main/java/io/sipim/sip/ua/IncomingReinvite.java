package io.sipim.sip.ua;

import io.sipim.sip.message.SipRequest;
import io.sipim.sip.sdp.SessionDescription;
import io.sipim.sip.transaction.ServerTransaction;
import java.util.Objects;

/**
 * A re-INVITE the peer sent in a {@link Call} (RFC 3261 §14.2), waiting for {@link #accept} or
 * {@link #reject}. Thread-safe; the answer is sent from the stack's loop thread.
 */
public final class IncomingReinvite {
    private final Call call;
    private final ServerTransaction tx;
    private final SipRequest request;
    private final SessionDescription offer;

    IncomingReinvite(Call call, ServerTransaction tx, SipRequest request, SessionDescription offer) {
        this.call = call;
        this.tx = tx;
        this.request = request;
        this.offer = offer;
    }

    /** The call being modified. */
    public Call call() {
        return call;
    }

    /** The re-INVITE as received. */
    public SipRequest request() {
        return request;
    }

    /** The new offer, or null when the re-INVITE carries none (then {@link #accept} makes the offer). */
    public SessionDescription offer() {
        return offer;
    }

    /**
     * Answers 200 with {@code answer} (or our offer, when the re-INVITE had none) and retransmits
     * it until the ACK (§13.3.1.4); the call's descriptions change now.
     */
    public void accept(SessionDescription answer) {
        Objects.requireNonNull(answer, "answer");
        call.account().stack().loop().execute(() -> call.acceptReinvite(tx, request, offer, answer));
    }

    /** Refuses with {@code status} (300–699, typically 488); the session stays as it was (§14.2). */
    public void reject(int status) {
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException("a rejection is a 300-699 final response, not " + status);
        }
        call.account().stack().loop().execute(() -> call.rejectReinvite(tx, request, status));
    }
}
