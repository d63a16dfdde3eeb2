package io.sipim.sip.dialog;

import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The dialogs of one dialog usage (INVITE sessions, subscriptions; RFC 5057 §2), keyed by
 * {@link DialogId}, so that an incoming request or response finds what it belongs to (RFC 3261
 * §12.2.2: a request with a To tag that matches no dialog gets 481). Not thread-safe: lives on
 * the stack's loop thread with the transactions.
 *
 * @param <U> what the table maps a dialog to: the usage object (a call, a subscription)
 */
public final class DialogTable<U> {
    private final Map<DialogId, U> entries = new HashMap<>();

    /** An empty table. */
    public DialogTable() {
    }

    /** Maps {@code id} to {@code usage}; returns what it was mapped to before, or null. */
    public U put(DialogId id, U usage) {
        return entries.put(Objects.requireNonNull(id, "id"), Objects.requireNonNull(usage, "usage"));
    }

    /** What {@code id} maps to, or null. */
    public U get(DialogId id) {
        return id == null ? null : entries.get(id);
    }

    /** The usage a received in-dialog request belongs to ({@link DialogId#ofRequest}), or null. */
    public U forRequest(SipRequest received) {
        return get(DialogId.ofRequest(received));
    }

    /** The usage a received response belongs to ({@link DialogId#ofResponse}), or null. */
    public U forResponse(SipResponse received) {
        return get(DialogId.ofResponse(received));
    }

    /** Removes {@code id} if it maps to {@code usage}; true when it did. */
    public boolean remove(DialogId id, U usage) {
        return entries.remove(id, usage);
    }

    /** Every usage in the table, in no particular order (a copy). */
    public List<U> values() {
        return new ArrayList<>(entries.values());
    }

    /** The number of dialogs in the table. */
    public int size() {
        return entries.size();
    }
}
