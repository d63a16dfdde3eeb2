/**
 * MSRP sessions (RFC 4975): {@link io.sipim.msrp.session.MsrpStack} runs the connections on one NIO
 * loop; an {@link io.sipim.msrp.session.MsrpSession} sends messages of any size in chunks and
 * receives them reassembled, with responses, REPORTs and the transaction timeout as RFC 4975 §7
 * says. Bodies come from a {@link io.sipim.msrp.session.BodySource} and go to a
 * {@link io.sipim.msrp.session.BodySink}; {@link io.sipim.msrp.session.Progress} reports either way.
 *
 * <p>Threading: connections, sessions and transactions belong to the stack's loop thread. Futures
 * complete and listeners run on the stack's callback executor, never on the loop and never under a
 * caller's lock. Public methods may be called from any thread.
 */
package io.sipim.msrp.session;
