/**
 * The SIP parser: datagram and stream framing, typed header parsing, validation, limits and the
 * one exception it throws, {@link io.sipim.sip.parse.SipParseException}.
 */
package io.sipim.sip.parse;
