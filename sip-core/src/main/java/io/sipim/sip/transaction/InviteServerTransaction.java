package io.sipim.sip.transaction;

import io.sipim.sip.loop.Scheduler.Cancellable;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.transport.Received;

/**
 * The INVITE server transaction: RFC 3261 §17.2.1 (Figure 7) with the Accepted state of RFC 6026
 * §8.7.
 *
 * <pre>
 * Proceeding ──300-699 from TU──▶ Completed ──ACK──▶ Confirmed ──Timer I──▶ Terminated
 *     │                              └──Timer H (inform TU)─────────────────▲
 *     ├──2xx from TU──▶ Accepted ──Timer L──────────────────────────────────┤
 *     └──transport error (inform TU)────────────────────────────────────────┘
 * </pre>
 */
final class InviteServerTransaction extends ServerTransaction {
    private Cancellable tryingTimer = Cancellable.NONE;
    private int retransmissions;

    InviteServerTransaction(TransactionLayer layer, SipRequest request, Received received, Object key) {
        super(layer, request, received, key, State.PROCEEDING);
    }

    /**
     * §17.2.1: a 100 Trying quenches the client's Timer A retransmissions; it is sent when the TU
     * has not answered within {@link TransactionTimers#tryingDelay()}.
     */
    void start() {
        tryingTimer = schedule(timers().tryingDelay(), this::sendTrying);
    }

    private void sendTrying() {
        if (state() == State.PROCEEDING && lastResponse() == null) {
            // §17.2.1 with §8.2.6.1: no To tag is added to a 100 Trying; Timestamp is echoed.
            SipResponse.Builder trying = SipResponse.to(request, 100);
            String timestamp = request.first(HeaderName.TIMESTAMP);
            if (timestamp != null) {
                trying.header(HeaderName.TIMESTAMP, timestamp);
            }
            sendResponse(trying.build());
        }
    }

    @Override
    boolean fromTu(SipResponse response) {
        int status = response.status();
        switch (state()) {
            case PROCEEDING -> {
                tryingTimer.cancel();
                sendResponse(response);
                if (status >= 300) {
                    moveTo(State.COMPLETED, "" + status + " from TU");
                    // §17.2.1: Timer G retransmits the response over UDP until the ACK, Timer H gives up on it.
                    if (!reliable()) {
                        startRetransmitTimer(timers().timerG(0), this::timerG);
                    }
                    startTimeoutTimer(timers().timerH(), this::timerH);
                } else if (status >= 200) {
                    // RFC 6026 §8.7: the TU retransmits the 2xx itself; the transaction absorbs INVITE
                    // retransmissions until Timer L so that they do not look like new requests.
                    moveTo(State.ACCEPTED, "" + status + " from TU");
                    startEndTimer(timers().timerL(), "L");
                }
                return true;
            }
            case ACCEPTED -> {
                // RFC 6026 §8.7: 2xx from the TU (retransmissions, §13.3.1.4) pass through; nothing else does.
                if (status >= 200 && status < 300) {
                    sendResponse(response);
                    return true;
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /** §17.2.1: resend the final response, doubling the interval up to T2. */
    private void timerG() {
        if (state() == State.COMPLETED) {
            resendLastResponse();
            retransmissions++;
            startRetransmitTimer(timers().timerG(retransmissions), this::timerG);
        }
    }

    /** §17.2.1: no ACK within 64·T1; the TU is told the transaction failed. */
    private void timerH() {
        if (state() == State.COMPLETED) {
            try {
                layer.handler().onTimeout(this, "H");
            } finally {
                moveTo(State.TERMINATED, "Timer H");
            }
        }
    }

    /**
     * §17.2.1: in Proceeding the latest provisional response is resent (none yet: nothing to
     * send), in Completed the final response; in Accepted and Confirmed the request is absorbed.
     */
    @Override
    void receiveRetransmission(SipRequest retransmission) {
        if (state() == State.PROCEEDING || state() == State.COMPLETED) {
            resendLastResponse();
        }
    }

    /**
     * An ACK matched to this transaction. Completed: it acknowledges our 300–699 (§17.2.1), so on
     * to Confirmed with Timer I absorbing its retransmissions. Accepted: it acknowledges a 2xx and
     * belongs to the TU (RFC 6026 §8.7). Elsewhere it is absorbed.
     */
    void receiveAck(SipRequest ack, Received from) {
        switch (state()) {
            case COMPLETED -> {
                stopRetransmitTimer();
                stopTimeoutTimer();
                moveTo(State.CONFIRMED, "ACK");
                startEndTimer(timers().timerI(peer.transport()), "I");
            }
            case ACCEPTED -> layer.handler().onAck(ack, from, this);
            default -> {
            }
        }
    }

    @Override
    void stopOwnTimers() {
        tryingTimer.cancel();
    }
}
