package io.sipim.msrp.internal.relay;

import io.sipim.msrp.internal.loop.Scheduler;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * A connection to a relay as {@link RelayAuth} needs it: send an AUTH and hear its response, and a
 * clock for the refresh. {@link RelayChannel} is one (the standalone {@code RelayClient}); the
 * session layer's connection handler is another (an {@code MsrpStack} configured with a relay).
 */
public interface AuthChannel {

    /** Sends an AUTH; completes with its response, or exceptionally on timeout or connection loss. */
    CompletableFuture<MsrpResponse> auth(MsrpRequest request);

    /** The loop the connection runs on. */
    Scheduler scheduler();
}
