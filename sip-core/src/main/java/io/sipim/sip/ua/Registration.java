package io.sipim.sip.ua;

import io.sipim.sip.loop.Scheduler;
import io.sipim.sip.message.CSeq;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A binding of an account's contacts at its registrar (RFC 3261 §10.2), kept alive by refreshes:
 * the same Call-ID with increasing CSeq (§10.2.4), re-sent before the granted expiry (half way
 * for short registrations, 30 s ahead for longer ones). A refresh that fails is retried every
 * 30 s. State lives on the stack's loop thread; accessors are safe from any thread.
 */
public final class Registration {
    private static final Logger LOG = LoggerFactory.getLogger(Registration.class);
    private static final Duration RETRY = Duration.ofSeconds(30);

    private final SipAccount account;
    private final List<SipUri> contacts;
    private final String callId;
    private Duration requested;
    private volatile Duration granted = Duration.ZERO;
    private volatile List<NameAddr> bindings = List.of();
    private volatile boolean active;
    private Scheduler.Cancellable refresh = Scheduler.Cancellable.NONE;

    Registration(SipAccount account, Duration expires, List<SipUri> extraContacts) {
        if (expires.isNegative() || expires.isZero()) {
            throw new IllegalArgumentException("expires must be positive; use unregister() to remove a binding");
        }
        this.account = account;
        this.requested = expires;
        List<SipUri> c = new ArrayList<>();
        c.add(account.contact());
        c.addAll(extraContacts);
        this.contacts = List.copyOf(c);
        this.callId = account.newCallId();
    }

    /** The expiry the registrar granted for our first contact. */
    public Duration expires() {
        return granted;
    }

    /** Every binding of the AOR as the last 2xx listed it (ours and other devices'), with their expires. */
    public List<NameAddr> bindings() {
        return bindings;
    }

    /** The contacts this registration binds. */
    public List<SipUri> contacts() {
        return contacts;
    }

    /** True from the first 2xx until unregistered. */
    public boolean isActive() {
        return active;
    }

    /** Removes our bindings (Expires: 0, §10.2.2) and stops refreshing. */
    public CompletableFuture<SipResponse> unregister() {
        CompletableFuture<SipResponse> f = new CompletableFuture<>();
        Scheduler loop = account.stack().loop();
        loop.execute(() -> {
            refresh.cancel();
            boolean was = active;
            active = false;
            account.forget(this);
            if (!was) {
                f.complete(null);
                return;
            }
            send(Duration.ZERO).whenComplete((r, e) -> {
                if (e != null) {
                    f.completeExceptionally(e);
                } else {
                    f.complete(r);
                }
            });
        });
        return account.stack().onCallbacks(f);
    }

    /** Sends the first REGISTER from the loop thread; completes on the loop thread. */
    CompletableFuture<Registration> start() {
        CompletableFuture<Registration> f = new CompletableFuture<>();
        account.stack().loop().execute(() -> registerOnce(f, true));
        return f;
    }

    private void registerOnce(CompletableFuture<Registration> f, boolean mayRetryInterval) {
        send(requested).whenComplete((r, e) -> {
            if (e != null) {
                f.completeExceptionally(e);
                return;
            }
            if (r.status() == 423 && mayRetryInterval && r.first(HeaderName.MIN_EXPIRES) != null) {
                // §10.2.8: Interval Too Brief — retry once with the registrar's minimum.
                requested = Duration.ofSeconds(r.first(HeaderName.MIN_EXPIRES));
                registerOnce(f, false);
                return;
            }
            if (!r.isSuccess()) {
                f.completeExceptionally(new RegistrationException(r));
                return;
            }
            accepted(r);
            f.complete(this);
        });
    }

    private CompletableFuture<SipResponse> send(Duration expires) {
        SipRequest.Builder b = SipRequest.builder(SipRequest.REGISTER, account.registrar())
                .from(NameAddr.of(account.displayName(), account.aor()).withTag(io.sipim.sip.transaction.TransactionLayer.newTag()))
                .to(NameAddr.of(account.displayName(), account.aor()))
                .callId(callId)
                .cseq(new CSeq(account.nextCseq(), SipRequest.REGISTER))
                .expires(expires.toSeconds());
        for (SipUri c : contacts) {
            b.contact(NameAddr.of(c));
        }
        for (NameAddr route : account.routeSet()) {
            b.header(HeaderName.ROUTE, route);
        }
        return account.sendOnLoop(b.build());
    }

    private void accepted(SipResponse r) {
        active = true;
        bindings = r.contacts();
        long secs = requested.toSeconds();
        SipUri mine = contacts.get(0);
        for (NameAddr c : r.contacts()) {
            // §10.2.4: the expires parameter of our Contact in the 2xx is what was granted.
            if (c.uri() instanceof SipUri u && sameBinding(u, mine) && c.expires() >= 0) {
                secs = c.expires();
            }
        }
        if (secs == requested.toSeconds() && r.has(HeaderName.EXPIRES)) {
            secs = Math.min(secs, r.expires());
        }
        granted = Duration.ofSeconds(secs);
        List<NameAddr> sr = r.values(HeaderName.SERVICE_ROUTE);
        if (!sr.isEmpty()) {
            account.serviceRoute(sr);
        }
        scheduleRefresh(secs > 60 ? Duration.ofSeconds(secs - 30) : Duration.ofMillis(secs * 500));
    }

    private static boolean sameBinding(SipUri a, SipUri b) {
        return a.host().equalsIgnoreCase(b.host()) && a.port() == b.port()
                && (a.user() == null ? b.user() == null : a.user().equals(b.user()));
    }

    private void scheduleRefresh(Duration in) {
        refresh.cancel();
        refresh = account.stack().loop().schedule(in, () -> {
            if (!active) {
                return;
            }
            send(requested).whenComplete((r, e) -> {
                if (e == null && r.isSuccess()) {
                    accepted(r);
                } else {
                    LOG.warn("refreshing the registration of {} failed: {}", account.aor(),
                            e != null ? e.getMessage() : r.status() + " " + r.reason());
                    scheduleRefresh(RETRY);
                }
            });
        });
    }
}
