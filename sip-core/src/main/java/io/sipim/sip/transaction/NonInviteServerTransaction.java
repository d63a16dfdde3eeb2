package io.sipim.sip.transaction;

import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.transport.Received;

/**
 * The non-INVITE server transaction, RFC 3261 §17.2.2 (Figure 8). CANCEL gets one too (§9.2).
 *
 * <pre>
 * Trying ──1xx from TU──▶ Proceeding ──200-699 from TU──▶ Completed ──Timer J──▶ Terminated
 *   │                         │                                          ▲
 *   ├──200-699 from TU────────┼──▶ Completed                             │
 *   └──transport error (inform TU, either state)─────────────────────────┘
 * </pre>
 */
final class NonInviteServerTransaction extends ServerTransaction {

    NonInviteServerTransaction(TransactionLayer layer, SipRequest request, Received received, Object key) {
        super(layer, request, received, key, State.TRYING);
    }

    @Override
    boolean fromTu(SipResponse response) {
        State s = state();
        if (s != State.TRYING && s != State.PROCEEDING) {
            // §17.2.2: once Completed, further final responses from the TU are discarded.
            return false;
        }
        sendResponse(response);
        if (response.status() < 200) {
            if (s == State.TRYING) {
                moveTo(State.PROCEEDING, response.status() + " from TU");
            }
        } else {
            moveTo(State.COMPLETED, response.status() + " from TU");
            // §17.2.2: Timer J keeps the final response for request retransmissions (zero when reliable).
            startEndTimer(timers().timerJ(peer.transport()), "J");
            if (!isTerminated()) {
                // After the TU's current task (which may still read request() and received()).
                layer.scheduler().execute(this::release);
            }
        }
        return true;
    }

    /**
     * §17.2.2: absorbed in Trying (nothing to send yet); in Proceeding the latest provisional
     * response and in Completed the final response is sent again.
     */
    @Override
    void receiveRetransmission(SipRequest retransmission) {
        if (state() == State.PROCEEDING || state() == State.COMPLETED) {
            resendLastResponse();
        }
    }
}
