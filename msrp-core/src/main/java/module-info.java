/**
 * SIPIM's MSRP core (RFC 4975, RFC 4976, RFC 5547). It stands alone: no SIP types.
 *
 * <p>Only API packages are exported; implementation details live in {@code io.sipim.msrp.internal.*}.
 */
module io.sipim.msrp {
    requires org.slf4j;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.tls;
    requires org.bouncycastle.pkix;

    exports io.sipim.msrp.message;
    exports io.sipim.msrp.parse;
    exports io.sipim.msrp.sdp;
    exports io.sipim.msrp.relay;
    exports io.sipim.msrp.session;
    exports io.sipim.msrp.transport;
}
