package io.sipim.sip.transaction;

import io.sipim.sip.message.CSeq;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.Uri;
import io.sipim.sip.message.Via;
import java.util.Locale;

/**
 * The keys transactions are found by: RFC 3261 §17.1.3 for responses, §17.2.3 for requests (the
 * branch-based rule when the branch carries the magic cookie, the RFC 2543 rule otherwise).
 */
final class TransactionKeys {
    private TransactionKeys() {
    }

    /** §17.1.3: the top Via branch and the CSeq method (so that a CANCEL's responses are told from its INVITE's). */
    record Client(String branch, String method) {
    }

    /** §17.2.3: branch, sent-by and method, where ACK counts as INVITE. */
    record Branch(String branch, String sentBy, String method) {
    }

    /**
     * §17.2.3, requests from RFC 2543 elements (no magic cookie): Request-URI, To tag, From tag,
     * Call-ID, CSeq and top Via. For an ACK the method is INVITE and the To tag is checked
     * separately against the response the transaction sent.
     */
    record Legacy(Uri requestUri, String toTag, String fromTag, String callId, long cseq, String method, Via topVia) {
    }

    /** The client key of a request being sent; null when its top Via has no branch. */
    static Client client(SipRequest request) {
        Via via = request.topVia();
        CSeq cseq = request.cseq();
        return via == null || via.branch() == null || cseq == null ? null : new Client(lower(via.branch()), cseq.method());
    }

    /** The client key a response is matched by, or null when it lacks a Via branch or CSeq. */
    static Client client(SipResponse response) {
        Via via = response.topVia();
        CSeq cseq = response.cseq();
        return via == null || via.branch() == null || cseq == null ? null : new Client(lower(via.branch()), cseq.method());
    }

    /**
     * The server key of a request, as if its method were {@code method} (the request's own for
     * matching retransmissions, INVITE for ACK and for the CANCEL lookup of §9.2). Legacy keys
     * take {@code toTag} in place of the request's To tag.
     */
    static Object server(SipRequest request, String method, String toTag) {
        Via via = request.topVia();
        if (via.hasRfc3261Branch()) {
            return new Branch(lower(via.branch()), lower(via.sentBy()), method);
        }
        return new Legacy(request.requestUri(), toTag, tag(request.from()), request.callId(),
                request.cseq().number(), method, via);
    }

    /** The server key a new request is stored under. */
    static Object server(SipRequest request) {
        return server(request, request.method(), tag(request.to()));
    }

    static String tag(NameAddr address) {
        return address == null ? null : address.tag();
    }

    // Branch and host are case-insensitive tokens (RFC 3261 §7.3.1, §19.1.4); retransmissions
    // normally repeat them byte for byte, but nothing is lost by folding case.
    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
