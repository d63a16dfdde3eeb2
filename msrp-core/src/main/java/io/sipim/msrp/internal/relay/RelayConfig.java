package io.sipim.msrp.internal.relay;

import io.sipim.msrp.internal.auth.DigestServer;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.parse.MsrpLimits;
import io.sipim.msrp.relay.RelayListener;
import java.util.concurrent.Executor;

/**
 * What a relay engine needs, as {@link io.sipim.msrp.relay.MsrpRelay.Builder} assembled it.
 *
 * @param uri the relay's own URI, without session-id
 * @param digest verifies AUTH credentials
 * @param minExpires shortest binding granted, seconds (shorter asks get 423)
 * @param maxExpires longest binding granted, seconds (longer asks are capped)
 * @param defaultExpires binding length when AUTH has no Expires, seconds
 * @param maxChunkBytes body bytes per forwarded chunk; larger chunks are split
 * @param maxBufferedBytes bytes queued for one connection before its senders are paused
 * @param transactionTimeoutNanos how long a forwarded chunk waits for the next hop's response
 * @param limits parser limits
 * @param listener events, called on {@code executor}
 * @param executor where listener calls run
 */
public record RelayConfig(MsrpUri uri, DigestServer digest, long minExpires, long maxExpires, long defaultExpires,
                          int maxChunkBytes, long maxBufferedBytes, long transactionTimeoutNanos, MsrpLimits limits,
                          RelayListener listener, Executor executor) {
}
