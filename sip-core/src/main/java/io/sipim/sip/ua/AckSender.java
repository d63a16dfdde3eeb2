package io.sipim.sip.ua;

import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.Uri;
import io.sipim.sip.transport.TransportAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UAC core's ACK for one 2xx to an INVITE (RFC 3261 §13.2.2.4): sent outside any
 * transaction to the dialog's next hop (route set, else remote target), and sent again —
 * the same message, same branch — for every retransmission of the 2xx that reaches the core.
 * The next hop is resolved once (RFC 3263). Loop thread only.
 */
final class AckSender {
    private static final Logger LOG = LoggerFactory.getLogger(AckSender.class);

    private final SipStack stack;
    private final SipRequest ack;
    private final Uri nextHop;
    private SipRequest wire;
    private TransportAddress destination;
    private boolean resolving;
    private int sent;

    AckSender(SipStack stack, SipRequest ack, Uri nextHop) {
        this.stack = stack;
        this.ack = ack;
        this.nextHop = nextHop;
    }

    /** The ACK as sent (with Via), or null before the next hop resolved. */
    SipRequest wire() {
        return wire;
    }

    /** How many times the ACK went to the transport. */
    int sent() {
        return sent;
    }

    /** Sends the ACK (again). */
    void send() {
        if (wire != null) {
            transmit();
            return;
        }
        if (resolving) {
            return;
        }
        if (!(nextHop instanceof SipUri hop)) {
            LOG.warn("cannot send the ACK to {}: not a SIP URI", nextHop);
            return;
        }
        resolving = true;
        stack.resolver().resolve(hop).whenComplete((targets, err) -> stack.loop().execute(() -> {
            TransportAddress to = pick(targets);
            if (err != null || to == null) {
                resolving = false;
                LOG.warn("cannot send the ACK to {}: no reachable target", hop);
                return;
            }
            destination = to;
            wire = stack.withVia(ack, to.transport());
            transmit();
        }));
    }

    private TransportAddress pick(List<TransportAddress> targets) {
        if (targets == null) {
            return null;
        }
        for (TransportAddress t : targets) {
            if (stack.transport().local(t.transport()) != null) {
                return t;
            }
        }
        return null;
    }

    private void transmit() {
        sent++;
        stack.transactions().sendStateless(wire, destination,
                e -> LOG.warn("ACK to {} could not be sent: {}", destination, e.getMessage()));
    }
}
