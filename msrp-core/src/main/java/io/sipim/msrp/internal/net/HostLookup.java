package io.sipim.msrp.internal.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Address lookups that keep the loop thread free: a DNS lookup can block for seconds, so a host
 * name is looked up on another thread; an address literal needs no lookup.
 */
public final class HostLookup {
    private HostLookup() {
    }

    /** Whether {@code host} is an IPv4 or IPv6 address literal rather than a name. */
    public static boolean isAddressLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    /**
     * The address of {@code host}: at once for a literal, else from a lookup on another thread.
     * Fails with the {@link UnknownHostException} when the name does not resolve.
     */
    public static CompletableFuture<InetAddress> lookUp(String host) {
        if (isAddressLiteral(host)) {
            try {
                return CompletableFuture.completedFuture(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new CompletionException(e);
            }
        });
    }

    /** The cause of a failed lookup, unwrapped. */
    public static Throwable cause(Throwable t) {
        return t instanceof CompletionException c && c.getCause() != null ? c.getCause() : t;
    }
}
