/**
 * SIPIM's MSRP core (RFC 4975/4976). It stands alone: no SIP types.
 * The framing, session and relay packages arrive with the MSRP issue.
 */
module io.sipim.msrp {
}
