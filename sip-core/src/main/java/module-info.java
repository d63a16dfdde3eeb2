/**
 * SIPIM's SIP core: messages, parser, SDP, transports, transactions, digest authentication and
 * the user agent, and the server side (registrar and proxy).
 *
 * <p>Only API packages are exported; implementation details live in {@code io.sipim.sip.internal.*}.
 */
module io.sipim.sip {
    requires org.slf4j;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.tls;
    requires org.bouncycastle.pkix;
    requires java.naming;

    exports io.sipim.sip.message;
    exports io.sipim.sip.parse;
    exports io.sipim.sip.sdp;
    exports io.sipim.sip.loop;
    exports io.sipim.sip.transport;
    exports io.sipim.sip.transaction;
    exports io.sipim.sip.auth;
    exports io.sipim.sip.dialog;
    exports io.sipim.sip.ua;
    exports io.sipim.sip.server;
}
