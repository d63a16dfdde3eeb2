/**
 * Immutable SIP message values: {@link io.sipim.sip.message.SipRequest},
 * {@link io.sipim.sip.message.SipResponse}, their headers and the typed header values named as in
 * RFC 3261 (Via, CSeq, NameAddr, SipUri ...).
 */
package io.sipim.sip.message;
