package io.sipim.sip.dialog;

import io.sipim.sip.message.CSeq;
import io.sipim.sip.message.Event;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.Parameters;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.Uri;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A SIP dialog (RFC 3261 §12): the state two user agents share after an INVITE or a SUBSCRIBE,
 * from which every request inside it is built.
 *
 * <p>Made by {@link #uac} from a response with a To tag to a request we sent (§12.1.2), by
 * {@link #uas} from a response we send (§12.1.1), or by {@link #fromNotify} from a NOTIFY that
 * arrives before the SUBSCRIBE's 2xx (RFC 6665 §4.1.2.4). A dialog made from a 101–199 is
 * {@link State#EARLY}, from a 2xx {@link State#CONFIRMED}.
 *
 * <p>Threading: changed on the stack's loop thread only ({@link #newRequest}, {@link #receive}
 * ...); the accessors may be read from any thread.
 */
public final class Dialog {
    /** The state of a dialog (RFC 3261 §12). */
    public enum State {
        /** Created by a provisional response with a To tag; ends with the INVITE's final response. */
        EARLY,
        /** Created or confirmed by a 2xx. */
        CONFIRMED,
        /** Ended: BYE, a non-2xx final response, 481 or 408 to an in-dialog request (§12.2.1.2). */
        TERMINATED
    }

    /** Methods that change the remote target (RFC 3261 §12.2, RFC 3311 §5, RFC 6665 §4.1.2.1, RFC 3515). */
    private static final Set<String> TARGET_REFRESH = Set.of(SipRequest.INVITE, SipRequest.UPDATE,
            SipRequest.SUBSCRIBE, SipRequest.NOTIFY, SipRequest.REFER);
    /** URI parameters not allowed in a Request-URI (RFC 3261 §19.1.1, Table 1). */
    private static final Set<String> NOT_IN_REQUEST_URI = Set.of("method");

    private final DialogId id;
    private final NameAddr localUri;
    private final NameAddr remoteUri;
    private final boolean secure;
    private final boolean caller;
    private final NameAddr localContact;
    private volatile State state;
    private volatile Uri remoteTarget;
    private volatile List<NameAddr> routeSet;
    private volatile long localSeq;
    private volatile long remoteSeq;

    private Dialog(DialogId id, NameAddr localUri, NameAddr remoteUri, boolean secure, boolean caller,
                   NameAddr localContact, State state, Uri remoteTarget, List<NameAddr> routeSet,
                   long localSeq, long remoteSeq) {
        this.id = id;
        this.localUri = withoutTag(localUri);
        this.remoteUri = withoutTag(remoteUri);
        this.secure = secure;
        this.caller = caller;
        this.localContact = localContact;
        this.state = state;
        this.remoteTarget = remoteTarget;
        this.routeSet = List.copyOf(routeSet);
        this.localSeq = localSeq;
        this.remoteSeq = remoteSeq;
    }

    /**
     * The UAC's dialog (RFC 3261 §12.1.2), from a 101–299 with a To tag to {@code request}: route
     * set from the response's Record-Route in reverse order, remote target from its Contact (the
     * Request-URI until a Contact arrives), local CSeq from the request, remote CSeq empty, secure
     * when the Request-URI is SIPS. Each To tag of a forked response makes its own dialog.
     *
     * @param request the dialog-creating request as sent (INVITE, SUBSCRIBE, REFER)
     * @param response a response to it with a To tag
     * @throws IllegalArgumentException when the response is 100, final non-2xx, or has no To tag
     */
    public static Dialog uac(SipRequest request, SipResponse response) {
        DialogId id = DialogId.ofResponse(response);
        int status = response.status();
        if (id == null || status <= 100 || status >= 300) {
            throw new IllegalArgumentException("a dialog is made by a 101-299 with a To tag (RFC 3261 §12.1), not "
                    + response.startLine() + (id == null ? " without a To tag" : ""));
        }
        List<NameAddr> routes = new ArrayList<>(response.recordRoutes());
        Collections.reverse(routes);
        Uri target = contactOf(response, request.requestUri());
        return new Dialog(id, request.from(), response.to(), isSips(request.requestUri()), true,
                request.contacts().isEmpty() ? null : request.contacts().get(0),
                status < 200 ? State.EARLY : State.CONFIRMED, target, routes, request.cseq().number(), -1);
    }

    /**
     * The UAS's dialog (RFC 3261 §12.1.1), from the 101–299 with a To tag that we send to
     * {@code request}: route set from the request's Record-Route in order, remote target from its
     * Contact, remote CSeq from the request, local CSeq empty, secure when the Request-URI is SIPS.
     *
     * @param request the dialog-creating request as received
     * @param response our response to it, with our To tag (and our Contact, which later target
     *     refresh requests repeat)
     * @throws IllegalArgumentException when the response is 100, final non-2xx, or has no To tag
     */
    public static Dialog uas(SipRequest request, SipResponse response) {
        int status = response.status();
        String localTag = response.to() == null ? null : response.to().tag();
        if (localTag == null || status <= 100 || status >= 300) {
            throw new IllegalArgumentException("a dialog is made by a 101-299 with a To tag (RFC 3261 §12.1), not "
                    + response.startLine() + (localTag == null ? " without a To tag" : ""));
        }
        DialogId id = new DialogId(request.callId(), localTag, request.from().tag());
        return new Dialog(id, response.to(), request.from(), isSips(request.requestUri()), false,
                response.contacts().isEmpty() ? null : response.contacts().get(0),
                status < 200 ? State.EARLY : State.CONFIRMED, contactOf(request, null),
                request.recordRoutes(), -1, request.cseq().number());
    }

    /**
     * True when {@code notify} belongs to the subscription {@code subscribe} started (RFC 6665
     * §4.1.2.4, §8.2.1): same Call-ID, its To tag is the SUBSCRIBE's From tag, and its Event has
     * the same package and id.
     */
    public static boolean isNotifyFor(SipRequest subscribe, SipRequest notify) {
        if (!notify.isMethod(SipRequest.NOTIFY) || !Objects.equals(subscribe.callId(), notify.callId())
                || notify.to() == null || !Objects.equals(subscribe.from().tag(), notify.to().tag())) {
            return false;
        }
        Event sent = subscribe.first(HeaderName.EVENT);
        Event got = notify.first(HeaderName.EVENT);
        return sent != null && got != null && sent.matches(got);
    }

    /**
     * The subscriber's dialog made by a NOTIFY that arrives before the SUBSCRIBE's 2xx (RFC 6665
     * §4.1.2.4: the NOTIFY creates it, as a dialog-creating request would): remote tag, remote
     * target and remote CSeq from the NOTIFY, route set from its Record-Route in order, local
     * CSeq from the SUBSCRIBE. The 2xx, when it comes, matches this dialog by its To tag.
     *
     * @throws IllegalArgumentException when {@link #isNotifyFor} is false
     */
    public static Dialog fromNotify(SipRequest subscribe, SipRequest notify) {
        if (!isNotifyFor(subscribe, notify)) {
            throw new IllegalArgumentException("NOTIFY " + notify.callId() + " does not match the SUBSCRIBE "
                    + "(Call-ID, From tag and Event must match, RFC 6665 §4.1.2.4)");
        }
        DialogId id = new DialogId(subscribe.callId(), subscribe.from().tag(), notify.from().tag());
        return new Dialog(id, subscribe.from(), notify.from(), isSips(subscribe.requestUri()), true,
                subscribe.contacts().isEmpty() ? null : subscribe.contacts().get(0), State.CONFIRMED,
                contactOf(notify, subscribe.requestUri()), notify.recordRoutes(), subscribe.cseq().number(),
                notify.cseq().number());
    }

    // ---- state -----------------------------------------------------------------------------

    /** Call-ID, local tag, remote tag. */
    public DialogId id() {
        return id;
    }

    /** Early, confirmed or terminated. */
    public State state() {
        return state;
    }

    /** Our URI (From of requests we send in the dialog), without tag. */
    public NameAddr localUri() {
        return localUri;
    }

    /** The peer's URI (To of requests we send in the dialog), without tag. */
    public NameAddr remoteUri() {
        return remoteUri;
    }

    /** Where requests in the dialog go: the peer's latest Contact (§12.2). */
    public Uri remoteTarget() {
        return remoteTarget;
    }

    /** The route set (§12.1): the Route headers of every request in the dialog, in order. */
    public List<NameAddr> routeSet() {
        return routeSet;
    }

    /** Our Contact, repeated in target refresh requests; null when unknown. */
    public NameAddr localContact() {
        return localContact;
    }

    /** The CSeq number of the last request we sent in the dialog, or -1 while empty (§12.1.1). */
    public long localCseq() {
        return localSeq;
    }

    /** The CSeq number of the last request the peer sent in the dialog, or -1 while empty (§12.1.2). */
    public long remoteCseq() {
        return remoteSeq;
    }

    /** True when the dialog-creating request had a SIPS Request-URI (§12.1.1, §12.1.2). */
    public boolean isSecure() {
        return secure;
    }

    /** True at the end that sent the dialog-creating request (the caller for INVITE). */
    public boolean isCaller() {
        return caller;
    }

    /**
     * Where a request in this dialog is sent (RFC 3261 §8.1.2, §12.2.1.1): the first URI of the
     * route set (loose or strict router alike), or the remote target when the set is empty.
     */
    public Uri nextHop() {
        List<NameAddr> routes = routeSet;
        return routes.isEmpty() ? remoteTarget : routes.get(0).uri();
    }

    // ---- requests we send ------------------------------------------------------------------

    /**
     * A request inside the dialog (RFC 3261 §12.2.1.1): To and From with the dialog's URIs and
     * tags, its Call-ID, the local CSeq incremented (a random start when empty), Request-URI and
     * Route from the remote target and the route set — the target with Route = route set when its
     * first URI is a loose router ({@code lr}), else the first route as Request-URI and the rest
     * plus the remote target as Route (strict routing). Target refresh requests carry our Contact.
     * Loop thread only.
     *
     * @throws IllegalArgumentException for ACK (use {@link #newAck}) and CANCEL (built from the
     *     INVITE's transaction, §9.1)
     * @throws IllegalStateException when the dialog has terminated
     */
    public SipRequest.Builder newRequest(String method) {
        if (SipRequest.ACK.equals(method) || SipRequest.CANCEL.equals(method)) {
            throw new IllegalArgumentException(method + " is not built from the dialog's CSeq (RFC 3261 §13.2.2.4, §9.1)");
        }
        if (state == State.TERMINATED) {
            throw new IllegalStateException("dialog " + id + " has terminated");
        }
        long seq = localSeq < 0 ? ThreadLocalRandom.current().nextLong(1, 1L << 16) : localSeq + 1;
        localSeq = seq;
        SipRequest.Builder b = base(method, seq);
        if (localContact != null && TARGET_REFRESH.contains(method)) {
            b.contact(localContact);
        }
        return b;
    }

    /**
     * The ACK for a 2xx to the INVITE with CSeq {@code inviteCseq} (RFC 3261 §13.2.2.4): built as
     * any request in the dialog, but with the INVITE's CSeq number and the local CSeq unchanged.
     * The caller copies the INVITE's credentials (§22.1) and adds an answer if the 2xx offered.
     */
    public SipRequest.Builder newAck(long inviteCseq) {
        return base(SipRequest.ACK, inviteCseq);
    }

    private SipRequest.Builder base(String method, long seq) {
        List<NameAddr> routes = routeSet;
        Uri requestUri = remoteTarget;
        List<NameAddr> routeHeaders = routes;
        if (!routes.isEmpty() && !(routes.get(0).uri() instanceof SipUri first && first.lr())) {
            // §12.2.1.1: strict router — it becomes the Request-URI, the remote target the last Route.
            requestUri = stripForRequestUri(routes.get(0).uri());
            routeHeaders = new ArrayList<>(routes.subList(1, routes.size()));
            routeHeaders.add(NameAddr.of(remoteTarget));
        }
        SipRequest.Builder b = SipRequest.builder(method, requestUri)
                .from(tagged(localUri, id.localTag()))
                .to(tagged(remoteUri, id.remoteTag()))
                .callId(id.callId())
                .cseq(new CSeq(seq, method));
        for (NameAddr r : routeHeaders) {
            b.header(HeaderName.ROUTE, r);
        }
        return b;
    }

    // ---- what we receive -------------------------------------------------------------------

    /**
     * A request the peer sent in this dialog (RFC 3261 §12.2.2). Returns false when it is out of
     * order — its CSeq lower than the remote CSeq — and must be answered 500; otherwise records
     * its CSeq and, for a target refresh request (re-INVITE, UPDATE, SUBSCRIBE, NOTIFY, REFER),
     * takes its Contact as the new remote target. ACK and CANCEL do not count. Loop thread only.
     */
    public boolean receive(SipRequest request) {
        if (request.isMethod(SipRequest.ACK) || request.isMethod(SipRequest.CANCEL)) {
            return true;
        }
        long seq = request.cseq().number();
        if (remoteSeq >= 0 && seq < remoteSeq) {
            return false;
        }
        remoteSeq = seq;
        if (TARGET_REFRESH.contains(request.method())) {
            remoteTarget = contactOf(request, remoteTarget);
        }
        return true;
    }

    /**
     * A response to a request we sent in (or to create) this dialog. A 2xx to a target refresh
     * request replaces the remote target with its Contact (§12.2.1.2); a 2xx to the INVITE
     * confirms an early dialog and recomputes its route set from the 2xx (§13.2.2.4); a 481 or
     * 408 to any request but the initial INVITE terminates the dialog (§12.2.1.2). Loop thread only.
     */
    public void receive(SipRequest sent, SipResponse response) {
        int status = response.status();
        if (status >= 200 && status < 300) {
            if (TARGET_REFRESH.contains(sent.method())) {
                remoteTarget = contactOf(response, remoteTarget);
            }
            if (state == State.EARLY && sent.isMethod(SipRequest.INVITE)) {
                List<NameAddr> routes = new ArrayList<>(response.recordRoutes());
                Collections.reverse(routes);
                routeSet = List.copyOf(routes);
                state = State.CONFIRMED;
            }
        } else if ((status == 481 || status == 408) && state == State.CONFIRMED) {
            state = State.TERMINATED;
        } else if (status >= 300 && state == State.EARLY && sent.isMethod(SipRequest.INVITE)) {
            state = State.TERMINATED;
        }
    }

    /**
     * Records that a request of the dialog went out with CSeq {@code number}: a digest retry
     * raises the CSeq past what {@link #newRequest} gave (RFC 3261 §22.2), and the next request
     * must number above it (§12.2.1.1). Loop thread only.
     */
    public void advanceLocalCseq(long number) {
        if (number > localSeq) {
            localSeq = number;
        }
    }

    /** Early to confirmed: the UAS sent its 2xx (§12.1.1). No effect in other states. Loop thread only. */
    public void confirm() {
        if (state == State.EARLY) {
            state = State.CONFIRMED;
        }
    }

    /** Ends the dialog (BYE sent or received, §15; a non-2xx final response). Loop thread only. */
    public void terminate() {
        state = State.TERMINATED;
    }

    @Override
    public String toString() {
        return "Dialog[" + id + " " + state + " target=" + remoteTarget + " routes=" + routeSet + "]";
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static Uri contactOf(io.sipim.sip.message.SipMessage m, Uri fallback) {
        List<NameAddr> contacts = m.contacts();
        return contacts.isEmpty() || contacts.get(0).isWildcard() ? fallback : contacts.get(0).uri();
    }

    private static boolean isSips(Uri uri) {
        return uri instanceof SipUri u && u.isSecure();
    }

    private static NameAddr withoutTag(NameAddr a) {
        if (a == null || a.tag() == null) {
            return a;
        }
        Parameters p = a.parameters().without("tag");
        return new NameAddr(a.displayName(), a.uri(), p);
    }

    private static NameAddr tagged(NameAddr a, String tag) {
        return tag == null ? a : a.withTag(tag);
    }

    private static Uri stripForRequestUri(Uri uri) {
        if (!(uri instanceof SipUri u)) {
            return uri;
        }
        SipUri.Builder b = u.toBuilder().clearHeaders();
        for (String p : NOT_IN_REQUEST_URI) {
            b.removeParameter(p);
        }
        return b.build();
    }
}
