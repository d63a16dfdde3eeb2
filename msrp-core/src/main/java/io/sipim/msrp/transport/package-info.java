/**
 * MSRP transport settings: {@link io.sipim.msrp.transport.MsrpTls} for {@code msrps}. Connections
 * themselves run on one NIO selector loop inside the stack (no thread per connection) and are not
 * part of the API.
 */
package io.sipim.msrp.transport;
