package io.sipim.msrp.internal.relay;

import io.sipim.msrp.message.MsrpUri;

/**
 * A client authenticated at the relay (RFC 4976 §5): its user name, the relay URI handed to it in
 * Use-Path (whose session-id names it), the connection it authenticated on, and when it expires.
 */
final class Binding {
    final String username;
    final MsrpUri uri;
    final RelayConnection connection;
    long expiresAtNanos;

    Binding(String username, MsrpUri uri, RelayConnection connection, long expiresAtNanos) {
        this.username = username;
        this.uri = uri;
        this.connection = connection;
        this.expiresAtNanos = expiresAtNanos;
    }

    String sessionId() {
        return uri.sessionId();
    }
}
