/**
 * SDP (RFC 8866) session descriptions and the RFC 3264 offer/answer model.
 *
 * <p>{@link io.sipim.sip.sdp.SessionDescription#parse(String)} reads a description into immutable
 * values ({@link io.sipim.sip.sdp.Origin}, {@link io.sipim.sip.sdp.Connection},
 * {@link io.sipim.sip.sdp.MediaDescription}, {@link io.sipim.sip.sdp.Attribute} ...);
 * {@code toString()} writes it back in RFC 8866 §5 order with CRLF line ends.
 * {@link io.sipim.sip.sdp.OfferAnswer} builds answers. Attributes are kept generic here: typed
 * values for MSRP's {@code a=path}, {@code a=accept-types} and friends belong to msrp-core.
 */
package io.sipim.sip.sdp;
