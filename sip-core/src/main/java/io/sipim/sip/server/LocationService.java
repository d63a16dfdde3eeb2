package io.sipim.sip.server;

import io.sipim.sip.message.SipUri;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The location service of RFC 3261 §10: the bindings a registrar writes and a proxy reads.
 *
 * <p>Threading: a {@link SipServer} calls it on its stack's loop thread only; implementations
 * need no locks and must not block (an external store belongs behind a cache).
 */
public interface LocationService {

    /** The live bindings of {@code aor} (canonical, see {@link #addressOfRecord}), highest q first; empty when none. */
    List<Binding> lookup(SipUri aor);

    /**
     * Replaces every binding of {@code aor} by {@code bindings} at once (RFC 3261 §10.3 step 7:
     * committed only if all updates succeed); an empty list removes the address of record.
     *
     * @return false, changing nothing, when a limit on bindings refuses the update
     */
    boolean replace(SipUri aor, List<Binding> bindings);

    /** The current time on the clock bindings expire on. */
    Instant now();

    /** How many live bindings there are in all. */
    int size();

    /**
     * The canonical address of record for {@code uri} (RFC 3261 §10.3 step 5): scheme {@code sip},
     * user and lower-case host, no port, parameters or headers.
     */
    static SipUri addressOfRecord(SipUri uri) {
        return SipUri.builder().user(uri.user()).host(uri.host().toLowerCase(Locale.ROOT)).build();
    }

    /** A bounded store in memory; see {@link InMemoryLocationService#builder()}. */
    static LocationService inMemory() {
        return InMemoryLocationService.builder().build();
    }
}
