/**
 * The server side of SIP: a registrar (RFC 3261 §10.3, RFC 3327 Path) keeping a
 * {@link io.sipim.sip.server.LocationService}, and a stateful forking proxy (RFC 3261 §16),
 * assembled on a {@link io.sipim.sip.ua.SipStack} by {@link io.sipim.sip.server.SipServer}.
 *
 * <p>Like the rest of the stack, all protocol state lives on the stack's loop thread and is never
 * locked.
 */
package io.sipim.sip.server;
