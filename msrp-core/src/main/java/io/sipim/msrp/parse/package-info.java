/**
 * MSRP framing (RFC 4975 §7, §9): an incremental push parser that reads frames across arbitrary
 * read boundaries and streams bodies to a handler, the frame encoder, and {@link io.sipim.msrp.parse.MsrpLimits}.
 */
package io.sipim.msrp.parse;
