package io.sipim.sip.transaction;

import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.transport.TransportAddress;

/**
 * The INVITE client transaction: RFC 3261 §17.1.1 (Figure 5) with the Accepted state of RFC 6026
 * §8.4.
 *
 * <pre>
 * Calling ──1xx──▶ Proceeding ──300-699 (send ACK)──▶ Completed ──Timer D──▶ Terminated
 *    │                 │                                                      ▲
 *    ├──300-699 (ACK)──┼──▶ Completed                                         │
 *    ├──2xx────────────┴──▶ Accepted ──Timer M────────────────────────────────┤
 *    └──Timer B or transport error────────────────────────────────────────────┘
 * </pre>
 */
final class InviteClientTransaction extends ClientTransaction {
    private int retransmissions;
    private SipRequest ack;

    InviteClientTransaction(TransactionLayer layer, SipRequest request, TransportAddress destination, Object key,
                            Listener listener) {
        super(layer, request, destination, key, State.CALLING, listener);
    }

    /** §17.1.1.2: send, Timer A = T1 on UDP only, Timer B = 64·T1 on every transport. */
    @Override
    void start() {
        send(request);
        if (!reliable()) {
            startRetransmitTimer(timers().timerA(0), this::timerA);
        }
        startTimeoutTimer(timers().timerB(), this::timerB);
    }

    /** §17.1.1.2: retransmit and double the interval; Timer A has no T2 cap, Timer B bounds it. */
    private void timerA() {
        if (state() == State.CALLING) {
            send(request);
            retransmissions++;
            startRetransmitTimer(timers().timerA(retransmissions), this::timerA);
        }
    }

    /** §17.1.1.2: Timer B only matters in Calling; a provisional response has already stopped it. */
    private void timerB() {
        if (state() == State.CALLING) {
            timeout("B");
        }
    }

    @Override
    void receive(SipResponse response) {
        int status = response.status();
        switch (state()) {
            case CALLING, PROCEEDING -> {
                if (status < 200) {
                    if (state() == State.CALLING) {
                        // §17.1.1.2: no more retransmissions once the server is known to have the request.
                        stopRetransmitTimer();
                        stopTimeoutTimer();
                        moveTo(State.PROCEEDING, "" + status);
                    }
                } else if (status < 300) {
                    // RFC 6026 §8.4: stay around (Timer M) so that 2xx retransmissions and forked 2xx
                    // still reach the TU, which acknowledges each one itself (§13.2.2.4).
                    stopRetransmitTimer();
                    stopTimeoutTimer();
                    moveTo(State.ACCEPTED, "" + status);
                    startEndTimer(timers().timerM(), "M");
                } else {
                    stopRetransmitTimer();
                    stopTimeoutTimer();
                    moveTo(State.COMPLETED, "" + status);
                    // §17.1.1.3: the transaction acknowledges a 300-699 itself, on the INVITE's branch.
                    ack = derivedRequest(SipRequest.ACK, response.to());
                    send(ack);
                    startEndTimer(timers().timerD(peer.transport()), "D");
                }
                listener.onResponse(response);
            }
            case COMPLETED -> {
                // §17.1.1.2: a retransmitted final response means our ACK was lost; resend it, absorb the response.
                if (status >= 300) {
                    send(ack);
                }
            }
            case ACCEPTED -> {
                // RFC 6026 §8.4: every 2xx goes up; anything else is stale and dropped.
                if (status >= 200 && status < 300) {
                    listener.onResponse(response);
                }
            }
            default -> {
            }
        }
    }
}
