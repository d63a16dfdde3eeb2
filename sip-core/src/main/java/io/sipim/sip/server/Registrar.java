package io.sipim.sip.server;

import io.sipim.sip.auth.DigestResult;
import io.sipim.sip.auth.DigestServer;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipDate;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.transaction.ServerTransaction;
import io.sipim.sip.transaction.TransactionLayer;
import io.sipim.sip.transport.Received;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The registrar of RFC 3261 §10.3, with Path (RFC 3327). Steps as the RFC numbers them:
 * <ol>
 *   <li>the Request-URI is ours ({@link SipServer} only hands such REGISTERs here);</li>
 *   <li>a Require naming anything but {@code path} is answered 420;</li>
 *   <li>digest authentication with {@code Authorization} (401 with SHA-256 and MD5 challenges);</li>
 *   <li>the authenticated user must be the user of the To address of record, else 403;</li>
 *   <li>a To address of record outside the served domain is answered 404;</li>
 *   <li>{@code Contact: *} needs {@code Expires: 0} and no other Contact, else 400; it removes
 *       every binding, under the Call-ID/CSeq rule of step 7;</li>
 *   <li>each Contact's expiry is its {@code expires} parameter, else the Expires header, else
 *       the default; a non-zero expiry below the minimum is refused with 423 and Min-Expires,
 *       one above the maximum is shortened. A binding written earlier by the same Call-ID with a
 *       CSeq not lower than this request's aborts the whole update ("the request fails"), answered
 *       400 "CSeq Out of Order". All changes are committed at once, or none (503 when a binding
 *       limit refuses them);</li>
 *   <li>200 OK lists every current binding with its remaining {@code expires}, echoes the Path,
 *       and carries a Date.</li>
 * </ol>
 */
final class Registrar {
    private final ServerContext ctx;
    private final LocationService location;
    private final DigestServer auth;
    private final long minExpires;
    private final long maxExpires;
    private final long defaultExpires;

    Registrar(ServerContext ctx, LocationService location, DigestServer auth, long minExpires, long maxExpires,
              long defaultExpires) {
        this.ctx = ctx;
        this.location = location;
        this.auth = auth;
        this.minExpires = minExpires;
        this.maxExpires = maxExpires;
        this.defaultExpires = defaultExpires;
    }

    void onRegister(ServerTransaction tx, SipRequest request) {
        List<String> unsupported = new ArrayList<>();
        for (String option : request.values(HeaderName.REQUIRE)) {
            if (!option.equalsIgnoreCase("path")) {
                unsupported.add(option);
            }
        }
        if (!unsupported.isEmpty()) {
            // Step 2: RFC 3261 §8.2.2.3.
            SipResponse.Builder b = ServerContext.answer(request, 420);
            for (String u : unsupported) {
                b.header(HeaderName.UNSUPPORTED, u);
            }
            ctx.respond(tx, b.build());
            return;
        }
        if (!(request.to().uri() instanceof SipUri to) || to.user() == null) {
            ctx.respond(tx, ServerContext.answer(request, 404).reason("Not Found (no address of record)").build());
            return;
        }
        if (auth != null) {
            DigestResult r = auth.verify(request, HeaderName.AUTHORIZATION);
            if (!r.isOk()) {
                ctx.respond(tx, auth.reject(request, r, HeaderName.AUTHORIZATION).toTag(TransactionLayer.newTag()).build());
                return;
            }
            // Step 4: a user registers only her own address of record (no third-party registration).
            if (!r.username().equals(to.user())) {
                ctx.respond(tx, ServerContext.answer(request, 403)
                        .reason("Forbidden (" + r.username() + " may not register " + to.user() + ")").build());
                return;
            }
        }
        if (!ctx.isOurs(to)) {
            ctx.respond(tx, ServerContext.answer(request, 404).reason("Not Found (not our domain)").build());
            return;
        }
        SipUri aor = ctx.aorOf(to);
        List<NameAddr> contacts = request.contacts();
        List<Binding> next;
        try {
            next = contacts.stream().anyMatch(NameAddr::isWildcard)
                    ? removeAll(request, aor, contacts)
                    : update(request, aor, contacts, tx.received());
        } catch (Refusal r) {
            ctx.respond(tx, r.response);
            return;
        }
        if (next != null && !location.replace(aor, next)) {
            ctx.respond(tx, ServerContext.answer(request, 503).reason("Service Unavailable (too many bindings)").build());
            return;
        }
        ctx.respond(tx, ok(request, aor));
    }

    /** Step 6: {@code Contact: *}. Null when nothing changes. */
    private List<Binding> removeAll(SipRequest request, SipUri aor, List<NameAddr> contacts) throws Refusal {
        if (contacts.size() != 1 || request.expires() != 0) {
            throw new Refusal(ServerContext.answer(request, 400)
                    .reason("Bad Request (Contact: * needs Expires: 0 and no other Contact)").build());
        }
        for (Binding b : location.lookup(aor)) {
            checkOrder(request, b);
        }
        return List.of();
    }

    /** Step 7: the bindings after this request, or a refusal. */
    private List<Binding> update(SipRequest request, SipUri aor, List<NameAddr> contacts, Received received)
            throws Refusal {
        if (contacts.isEmpty()) {
            return null; // a query (§10.2.3)
        }
        Instant now = location.now();
        List<Binding> next = new ArrayList<>(location.lookup(aor));
        Set<Binding> written = Collections.newSetFromMap(new IdentityHashMap<>());
        List<NameAddr> path = request.values(HeaderName.PATH);
        long cseq = request.cseq().number();
        for (NameAddr c : contacts) {
            long expires = c.expires() >= 0 ? c.expires() : request.expires() >= 0 ? request.expires() : defaultExpires;
            if (expires != 0 && expires < minExpires) {
                throw new Refusal(ServerContext.answer(request, 423).header(HeaderName.MIN_EXPIRES, minExpires).build());
            }
            expires = Math.min(expires, maxExpires);
            int at = indexOf(next, c);
            if (at >= 0 && !written.contains(next.get(at))) {
                checkOrder(request, next.get(at));
            }
            if (at >= 0) {
                next.remove(at);
            }
            if (expires > 0) {
                NameAddr stored = new NameAddr(c.displayName(), c.uri(), c.parameters().without("expires"));
                Binding b = new Binding(aor, stored, now.plusSeconds(expires), c.q(), request.callId(), cseq, path,
                        received.source(), c.parameters().get("+sip.instance"));
                next.add(b);
                written.add(b);
            }
        }
        return next;
    }

    /**
     * §10.3 step 7: "If the value is higher than that of the existing binding, it MUST update or
     * remove the binding as above. If not, the update MUST be aborted and the request fails."
     */
    private static void checkOrder(SipRequest request, Binding existing) throws Refusal {
        if (existing.callId().equals(request.callId()) && request.cseq().number() <= existing.cseq()) {
            throw new Refusal(ServerContext.answer(request, 400).reason("CSeq Out of Order").build());
        }
    }

    private static int indexOf(List<Binding> bindings, NameAddr contact) {
        for (int i = 0; i < bindings.size(); i++) {
            // §10.3 step 7: contact URIs compare with the rules of §19.1.4.
            if (Objects.equals(bindings.get(i).uri(), contact.uri())) {
                return i;
            }
        }
        return -1;
    }

    /** Step 8: every current binding with its remaining time, Path echoed (RFC 3327 §5.3), a Date. */
    private SipResponse ok(SipRequest request, SipUri aor) {
        SipResponse.Builder b = ServerContext.answer(request, 200);
        Instant now = location.now();
        for (Binding binding : location.lookup(aor)) {
            long secs = Math.max(1, (binding.remaining(now).toMillis() + 999) / 1000);
            b.contact(binding.contact().withParameter("expires", Long.toString(secs)));
        }
        for (NameAddr p : request.values(HeaderName.PATH)) {
            b.header(HeaderName.PATH, p);
        }
        b.header(HeaderName.DATE, SipDate.of(Instant.now().atZone(ZoneOffset.UTC)));
        return b.build();
    }

    /** A REGISTER that cannot be honoured, with its answer. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient SipResponse response;

        Refusal(SipResponse response) {
            super(response.status() + " " + response.reason(), null, false, false);
            this.response = response;
        }
    }
}
