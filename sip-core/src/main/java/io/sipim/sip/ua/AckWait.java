package io.sipim.sip.ua;

import io.sipim.sip.loop.Scheduler;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.transaction.ServerTransaction;
import io.sipim.sip.transaction.TransactionTimers;

/**
 * The UAS core waiting for the ACK of its 2xx to an INVITE (RFC 3261 §13.3.1.4): the 2xx is
 * passed to the transport again after T1, then at doubling intervals capped at T2, until the ACK
 * arrives; after 64·T1 without one the wait fails and the session is to be ended with a BYE.
 * The INVITE server transaction lets these 2xx through while Accepted (RFC 6026 §8.7). Loop
 * thread only.
 */
final class AckWait {
    private final Scheduler loop;
    private final TransactionTimers timers;
    private final ServerTransaction tx;
    private final SipResponse ok;
    private final Runnable onTimeout;
    private Scheduler.Cancellable retransmit = Scheduler.Cancellable.NONE;
    private Scheduler.Cancellable giveUp = Scheduler.Cancellable.NONE;
    private int count;
    private boolean done;

    AckWait(SipStack stack, ServerTransaction tx, SipResponse ok, Runnable onTimeout) {
        this.loop = stack.loop();
        this.timers = stack.transactions().timers();
        this.tx = tx;
        this.ok = ok;
        this.onTimeout = onTimeout;
    }

    /** The CSeq number of the INVITE whose ACK this waits for. */
    long cseq() {
        return ok.cseq().number();
    }

    /** Sends the 2xx and starts the timers. */
    void start() {
        tx.respond(ok);
        retransmit = loop.schedule(timers.timerG(0), this::retransmit);
        giveUp = loop.schedule(timers.timerH(), this::timeout);
    }

    private void retransmit() {
        if (done) {
            return;
        }
        tx.respond(ok);
        count++;
        retransmit = loop.schedule(timers.timerG(count), this::retransmit);
    }

    private void timeout() {
        if (!done) {
            stop();
            onTimeout.run();
        }
    }

    /** The ACK came (or the wait is moot): no more retransmissions. */
    void stop() {
        done = true;
        retransmit.cancel();
        giveUp.cancel();
    }
}
