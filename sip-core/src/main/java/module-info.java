/**
 * SIPIM's SIP core: the message model, the parser, SDP and digest authentication.
 *
 * <p>Only API packages are exported; implementation details live in {@code io.sipim.sip.internal.*}.
 */
module io.sipim.sip {
    exports io.sipim.sip.message;
    exports io.sipim.sip.parse;
    exports io.sipim.sip.sdp;
    exports io.sipim.sip.loop;
    exports io.sipim.sip.transport;
    exports io.sipim.sip.auth;
}
