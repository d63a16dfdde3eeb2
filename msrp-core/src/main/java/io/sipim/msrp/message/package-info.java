/**
 * MSRP values (RFC 4975, RFC 4976): {@link io.sipim.msrp.message.MsrpUri}, requests and responses
 * with their typed headers ({@link io.sipim.msrp.message.ByteRange},
 * {@link io.sipim.msrp.message.Status}, {@link io.sipim.msrp.message.FailureReport}), the
 * end-line's {@link io.sipim.msrp.message.ContinuationFlag}, and the exceptions. All values are
 * immutable and safe to share between threads.
 */
package io.sipim.msrp.message;
