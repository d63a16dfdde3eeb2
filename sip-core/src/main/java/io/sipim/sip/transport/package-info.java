/**
 * SIP transports (RFC 3261 §18): UDP, TCP and TLS on NIO, the {@link io.sipim.sip.transport.TransportLayer}
 * the transaction layer sends through, and a fault-injecting in-memory transport for tests.
 */
package io.sipim.sip.transport;
