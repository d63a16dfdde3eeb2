package io.sipim.msrp.internal.relay;

import io.sipim.msrp.relay.RelayClient;
import java.util.function.Function;

/**
 * Lets the session layer reach a {@link RelayClient}'s {@link RelayChannel} without the public API
 * showing an internal type (the JDK's "shared secrets" idiom): {@code RelayClient} registers the
 * accessor when its class is initialised.
 */
public final class RelayAccess {
    private static volatile Function<RelayClient, RelayChannel> channels;

    private RelayAccess() {
    }

    /** Called once by {@link RelayClient}. */
    public static void register(Function<RelayClient, RelayChannel> accessor) {
        channels = accessor;
    }

    /** The channel of a connected client (null before {@link RelayClient#connect}). */
    public static RelayChannel channel(RelayClient client) {
        // An instance exists, so RelayClient's class initialiser has registered the accessor.
        return channels.apply(client);
    }
}
