/**
 * SIP digest authentication (RFC 3261 §22 with the digest of RFC 2617, RFC 7616 and RFC 8760):
 * {@link io.sipim.sip.auth.DigestClient} answers 401/407 challenges for a user agent;
 * {@link io.sipim.sip.auth.DigestServer} issues challenges and verifies credentials for a
 * registrar or proxy; {@link io.sipim.sip.auth.RequestDigest} is the arithmetic both share.
 */
package io.sipim.sip.auth;
