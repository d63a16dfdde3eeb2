package io.sipim.msrp.relay;

import io.sipim.msrp.message.ByteRange;
import io.sipim.msrp.message.MsrpUri;

/**
 * What an {@link MsrpRelay} does, for logs and metrics. Called on the relay's callback executor,
 * never on its I/O loop; every method has an empty default.
 */
public interface RelayListener {

    /**
     * An AUTH was answered (RFC 4976 §5).
     *
     * @param username the user the credentials named, or {@code null} when there were none
     * @param code 200, 401 (challenge or wrong credentials), 423 (Expires too short), 400 or 403
     * @param usePath the relay URI handed to the client on 200, otherwise {@code null}
     * @param expiresSeconds the granted binding length on 200, otherwise 0
     */
    default void authenticated(String username, int code, MsrpUri usePath, long expiresSeconds) {
    }

    /**
     * A request (one incoming chunk) is being forwarded.
     *
     * @param method SEND, REPORT or an extension method
     * @param messageId its Message-ID, or {@code null}
     * @param sender the last URI of its From-Path (the sending endpoint)
     * @param nextHop where it goes next
     * @param range its Byte-Range as received, or {@code null}
     */
    default void forwarded(String method, String messageId, MsrpUri sender, MsrpUri nextHop, ByteRange range) {
    }

    /**
     * A request was refused here (403, 481 …), or failed further on and was reported back with a
     * failure REPORT (the next hop's code, or 408 for a timeout or a lost connection).
     */
    default void refused(String method, String messageId, int code, String reason) {
    }
}
