package io.sipim.sip.transport;

import io.sipim.sip.message.SipUri;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Locates SIP servers (RFC 3263): turns a SIP or SIPS URI into the ordered transport addresses
 * to try. A caller tries them in order and moves to the next on a transport error, a timeout or
 * a 503 (RFC 3263 §4.3). Implementations may block inside, but must complete the future off the
 * caller's thread when they do.
 */
@FunctionalInterface
public interface Resolver {

    /** Ordered targets for {@code uri}; empty when the name does not resolve. Never fails for a missing name. */
    CompletableFuture<List<TransportAddress>> resolve(SipUri uri);

    /** The RFC 3263 procedure over the JDK's DNS (NAPTR and SRV through JNDI, A/AAAA through {@link java.net.InetAddress}). */
    static Resolver dns() {
        return new Rfc3263Resolver(DnsLookup.jdk());
    }
}
