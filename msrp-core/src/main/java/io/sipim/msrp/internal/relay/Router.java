package io.sipim.msrp.internal.relay;

import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpUri;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what the relay does with a request (RFC 4976 §7.3): the first To-Path URI must be one of
 * the relay's; the relay takes off every leading URI of its own and puts them, nearest last, in
 * front of From-Path. A request is forwarded only on behalf of a client authenticated on the
 * connection it came in on, or towards a client whose relay URI (Use-Path) it names; anything else
 * would make the relay an open relay, and gets 403. A relay URI whose session-id names no current
 * client gets 481.
 */
final class Router {
    private final MsrpUri relayUri;
    private final BindingTable bindings;

    Router(MsrpUri relayUri, BindingTable bindings) {
        this.relayUri = relayUri;
        this.bindings = bindings;
    }

    /** Whether {@code uri} names this relay: same scheme, host, port and transport, any session-id. */
    boolean isOwn(MsrpUri uri) {
        return uri.secure() == relayUri.secure() && uri.host().equalsIgnoreCase(relayUri.host())
                && uri.portOrDefault() == relayUri.portOrDefault() && uri.transport().equalsIgnoreCase(relayUri.transport());
    }

    Route route(RelayConnection from, MsrpRequest r) {
        List<MsrpUri> to = r.toPath();
        if (!isOwn(to.get(0))) {
            return Route.refuse(403, "To-Path does not start with this relay");
        }
        List<MsrpUri> removed = new ArrayList<>(2);
        boolean forClient = false;
        Binding toClient = null;
        int i = 0;
        while (i < to.size() && toClient == null && isOwn(to.get(i))) {
            MsrpUri u = to.get(i);
            if (u.sessionId() == null) {
                forClient |= !from.bindings.isEmpty();
            } else {
                Binding b = bindings.get(u.sessionId());
                if (b == null) {
                    return Route.refuse(481, "no client bound to " + u);
                }
                if (b.connection == from) {
                    forClient = true;
                } else {
                    toClient = b;
                }
            }
            removed.add(u);
            i++;
        }
        if (!forClient && toClient == null) {
            return Route.refuse(403, "sender is not authenticated at this relay");
        }
        if (i == to.size()) {
            return Route.refuse(481, "To-Path ends at this relay");
        }
        List<MsrpUri> fromPath = new ArrayList<>(removed.size() + r.fromPath().size());
        for (int k = removed.size() - 1; k >= 0; k--) {
            fromPath.add(removed.get(k));
        }
        fromPath.addAll(r.fromPath());
        return new Route(0, null, removed.get(0), toClient, to.get(i), List.copyOf(to.subList(i, to.size())),
                List.copyOf(fromPath));
    }
}
