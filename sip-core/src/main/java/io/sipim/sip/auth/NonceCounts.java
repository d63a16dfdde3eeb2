package io.sipim.sip.auth;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The nonce-counts a {@link DigestServer} has accepted, per nonce, for replay protection (RFC 7616
 * §3.3, §5.12), in bounded memory.
 *
 * <p>Each nonce has a sliding window of {@value #WINDOW} counts like IPsec's anti-replay window
 * (RFC 4303 §3.4.3) rather than a single "highest nc": requests sharing a nonce may overtake each
 * other over UDP, and the later one must not be refused as a replay.
 *
 * <p>At most {@code capacity} nonces are tracked, least recently used dropped first, expired ones
 * whenever a new one is added. Dropping a nonce must not reopen it to replays, so the table keeps
 * the latest issue time of any nonce it dropped: a nonce issued no later than that and not in the
 * table is answered {@link Check#FORGOTTEN}, and the client is sent a fresh nonce.
 */
final class NonceCounts {
    /** Width of the replay window: counts more than this far below the highest seen are refused. */
    static final int WINDOW = 64;

    /** What {@link #check} decided. */
    enum Check { FRESH, REPLAY, FORGOTTEN }

    private static final class Window {
        final long issuedAt;
        long highest;
        /** Bit i set: count {@code highest - i} has been seen. */
        long seen;

        Window(long issuedAt) {
            this.issuedAt = issuedAt;
        }
    }

    private final int capacity;
    private final Map<String, Window> windows = new LinkedHashMap<>(16, 0.75f, true);
    private boolean dropped;
    private long droppedIssuedMax;

    NonceCounts(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Records count {@code nc} of {@code nonce}, which was issued at {@code issuedAt} and has not
     * expired. Nonces issued before {@code now - lifetime} are purged on the way.
     */
    Check check(String nonce, long issuedAt, long nc, long now, long lifetime) {
        Window w = windows.get(nonce);
        if (w == null) {
            if (dropped && issuedAt - droppedIssuedMax <= 0) {
                return Check.FORGOTTEN;
            }
            purge(now, lifetime);
            w = new Window(issuedAt);
            w.highest = nc;
            w.seen = 1;
            windows.put(nonce, w);
            return Check.FRESH;
        }
        if (nc > w.highest) {
            long shift = nc - w.highest;
            w.seen = shift >= WINDOW ? 1 : (w.seen << shift) | 1;
            w.highest = nc;
            return Check.FRESH;
        }
        long back = w.highest - nc;
        if (back >= WINDOW || (w.seen >>> back & 1) != 0) {
            return Check.REPLAY;
        }
        w.seen |= 1L << back;
        return Check.FRESH;
    }

    int size() {
        return windows.size();
    }

    /** Makes room for one more: expired nonces first (oldest use first), then the least recently used. */
    private void purge(long now, long lifetime) {
        Iterator<Window> it = windows.values().iterator();
        while (it.hasNext()) {
            Window w = it.next();
            if (now - w.issuedAt <= lifetime && windows.size() < capacity) {
                break;
            }
            if (now - w.issuedAt <= lifetime && (!dropped || w.issuedAt - droppedIssuedMax > 0)) {
                droppedIssuedMax = w.issuedAt;
                dropped = true;
            }
            it.remove();
        }
    }
}
