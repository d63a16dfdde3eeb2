package io.sipim.sip.server;

import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.Uri;
import io.sipim.sip.transport.TransportAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One registered contact of an address of record (RFC 3261 §10.3): what a REGISTER bound, until
 * when, and how to reach it.
 *
 * @param aor the canonical address of record ({@link LocationService#addressOfRecord})
 * @param contact the Contact as registered, with its header parameters ({@code q}, {@code +sip.instance} …)
 * @param expires when the binding lapses, on the {@linkplain LocationService#now() location service's clock}
 * @param q the {@code q} preference 0.0–1.0, or -1 when the contact gave none
 * @param callId the Call-ID of the REGISTER that last wrote the binding (§10.3 step 7)
 * @param cseq its CSeq number
 * @param path the Path header values of that REGISTER (RFC 3327), the route towards the contact; may be empty
 * @param source where that REGISTER came from: the flow (UDP source or TCP/TLS connection) the
 *     proxy reuses to reach the contact behind NAT, in the spirit of RFC 5626
 * @param instanceId the {@code +sip.instance} parameter (RFC 5626 §4.1), or null
 */
public record Binding(SipUri aor, NameAddr contact, Instant expires, double q, String callId, long cseq,
                      List<NameAddr> path, TransportAddress source, String instanceId) {

    /** Validating constructor; copies {@code path}. */
    public Binding {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(contact, "contact");
        if (contact.isWildcard()) {
            throw new IllegalArgumentException("a binding needs a contact URI, not *");
        }
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(callId, "callId");
        path = List.copyOf(path);
        Objects.requireNonNull(source, "source");
    }

    /** The contact URI: the Request-URI of requests forwarded to this binding (§16.5). */
    public Uri uri() {
        return contact.uri();
    }

    /** The q-value for ordering: {@link #q()}, or 1.0 when none was given. */
    public double preference() {
        return q < 0 ? 1.0 : q;
    }

    /** Time left at {@code now}, zero once expired. */
    public Duration remaining(Instant now) {
        Duration d = Duration.between(now, expires);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** True when the binding has lapsed at {@code now}. */
    public boolean isExpired(Instant now) {
        return !now.isBefore(expires);
    }
}
