/**
 * MSRP's SDP attributes as typed, immutable values (RFC 4975 §8, RFC 4145 / RFC 6135, RFC 5547,
 * RFC 8122), and {@link io.sipim.msrp.sdp.MsrpMedia} for a whole MSRP media description.
 *
 * <p>msrp-core has no SIP or SDP types, so every value goes in and out as plain text: each
 * {@code parse(String)} takes what follows {@code a=name:} and {@code toString()} (or
 * {@code value()}) gives it back; the attribute name is the class's {@code NAME} constant. Bad
 * input is reported as {@link io.sipim.msrp.message.MsrpParseException} (status 400, the index in
 * the attribute value) and never as another exception.
 */
package io.sipim.msrp.sdp;
