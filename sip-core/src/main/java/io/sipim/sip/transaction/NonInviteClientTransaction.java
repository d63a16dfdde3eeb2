package io.sipim.sip.transaction;

import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.transport.TransportAddress;

/**
 * The non-INVITE client transaction, RFC 3261 §17.1.2 (Figure 6).
 *
 * <pre>
 * Trying ──1xx──▶ Proceeding ──200-699──▶ Completed ──Timer K──▶ Terminated
 *   │                 │                                            ▲
 *   ├──200-699────────┼──▶ Completed                               │
 *   └──Timer F or transport error (either state)───────────────────┘
 * </pre>
 */
final class NonInviteClientTransaction extends ClientTransaction {
    private int retransmissions;

    NonInviteClientTransaction(TransactionLayer layer, SipRequest request, TransportAddress destination,
                               Object key, Listener listener) {
        super(layer, request, destination, key, State.TRYING, listener);
    }

    /** §17.1.2.2: send, Timer E = T1 on UDP only, Timer F = 64·T1 on every transport. */
    @Override
    void start() {
        send(request);
        if (!reliable()) {
            startRetransmitTimer(timers().timerE(0), this::timerE);
        }
        startTimeoutTimer(timers().timerF(), () -> timeout("F"));
    }

    /**
     * §17.1.2.2: in Trying the interval doubles up to T2; in Proceeding the request is still
     * retransmitted, every T2, because a non-INVITE final response is not acknowledged.
     */
    private void timerE() {
        send(request);
        retransmissions++;
        startRetransmitTimer(state() == State.PROCEEDING ? timers().t2() : timers().timerE(retransmissions),
                this::timerE);
    }

    @Override
    void receive(SipResponse response) {
        int status = response.status();
        switch (state()) {
            case TRYING, PROCEEDING -> {
                if (status < 200) {
                    if (state() == State.TRYING) {
                        moveTo(State.PROCEEDING, "" + status);
                    }
                } else {
                    stopRetransmitTimer();
                    stopTimeoutTimer();
                    moveTo(State.COMPLETED, "" + status);
                    // §17.1.2.2: Timer K absorbs retransmitted final responses (zero when reliable).
                    startEndTimer(timers().timerK(peer.transport()), "K");
                }
                listener.onResponse(response);
            }
            default -> {
                // Completed: retransmissions of the final response are absorbed.
            }
        }
    }
}
