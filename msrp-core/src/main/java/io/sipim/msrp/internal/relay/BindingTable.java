package io.sipim.msrp.internal.relay;

import io.sipim.msrp.internal.ids.SessionIds;
import io.sipim.msrp.internal.loop.Scheduler;
import io.sipim.msrp.message.MsrpUri;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The relay's authenticated clients by the session-id of the URI each was given in Use-Path
 * (RFC 4976 §5). A binding ends when it expires without refresh or its connection closes. Loop
 * thread only.
 */
final class BindingTable {
    private final Map<String, Binding> bySessionId = new HashMap<>();
    private final Scheduler scheduler;
    private final MsrpUri relayUri;
    /** The table's size, readable from any thread. */
    private volatile int size;

    BindingTable(Scheduler scheduler, MsrpUri relayUri) {
        this.scheduler = scheduler;
        this.relayUri = relayUri;
    }

    Binding get(String sessionId) {
        return bySessionId.get(sessionId);
    }

    /** Clients bound now; any thread. */
    int size() {
        return size;
    }

    /**
     * Binds {@code user} on {@code connection} for {@code seconds}: a refresh by the same user on the
     * same connection keeps its URI; otherwise a new URI with a fresh session-id.
     */
    Binding bind(String user, RelayConnection connection, long seconds) {
        long expiresAt = scheduler.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (Binding b : connection.bindings) {
            if (b.username.equals(user)) {
                b.expiresAtNanos = expiresAt;
                return b;
            }
        }
        Binding b = new Binding(user, relayUri.withSessionId(SessionIds.next()), connection, expiresAt);
        bySessionId.put(b.sessionId(), b);
        connection.bindings.add(b);
        size = bySessionId.size();
        scheduleExpiry(b, TimeUnit.SECONDS.toNanos(seconds));
        return b;
    }

    private void scheduleExpiry(Binding b, long delay) {
        scheduler.schedule(delay, () -> {
            if (bySessionId.get(b.sessionId()) != b) {
                return;
            }
            long left = b.expiresAtNanos - scheduler.nanoTime();
            if (left > 0) {
                scheduleExpiry(b, left);
            } else {
                remove(b);
            }
        });
    }

    private void remove(Binding b) {
        bySessionId.remove(b.sessionId(), b);
        b.connection.bindings.remove(b);
        size = bySessionId.size();
    }

    /** Ends every binding made on {@code connection}. */
    void removeAll(RelayConnection connection) {
        for (Binding b : connection.bindings) {
            bySessionId.remove(b.sessionId(), b);
        }
        connection.bindings.clear();
        size = bySessionId.size();
    }
}
