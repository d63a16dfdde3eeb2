/**
 * RFC 4975 chunking, independent of sockets: {@link io.sipim.msrp.internal.chunk.OutgoingMessage} and
 * {@link io.sipim.msrp.internal.chunk.OutboundQueue} turn messages into SEND chunks written straight into
 * a connection's buffer; {@link io.sipim.msrp.internal.chunk.Reassembly} puts received chunks back together.
 * Not exported: the session and transport layers drive these.
 */
package io.sipim.msrp.internal.chunk;
