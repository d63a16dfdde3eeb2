/**
 * MSRP relays (RFC 4976): {@link io.sipim.msrp.relay.MsrpRelay}, a relay server that authenticates
 * clients and forwards their sessions' chunks hop by hop, and {@link io.sipim.msrp.relay.RelayClient},
 * which authenticates at a relay and keeps the binding ({@link io.sipim.msrp.relay.RelayBinding})
 * fresh.
 *
 * <p>Threading: each relay and client runs its connections on one NIO loop; listener calls and
 * future completions run on a callback executor, never on the loop.
 */
package io.sipim.msrp.relay;
