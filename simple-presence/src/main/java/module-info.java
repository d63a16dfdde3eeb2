/**
 * SIPIM's SIMPLE layer: presence, contact lists and IM sessions, binding sip-core signalling
 * to msrp-core sessions. The packages arrive with the presence issue.
 */
module io.sipim.simple {
    requires transitive io.sipim.sip;
    requires transitive io.sipim.msrp;
}
