/**
 * MSRP sessions (RFC 4975): where message bodies come from when sending ({@link io.sipim.msrp.session.BodySource})
 * and where they go when receiving ({@link io.sipim.msrp.session.BodySink}), and the progress of either
 * ({@link io.sipim.msrp.session.Progress}). Chunking and reassembly themselves are implementation details.
 */
package io.sipim.msrp.session;
