package io.sipim.sip.transport;

import io.sipim.sip.message.SipUri;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * RFC 3263 §4 over a {@link DnsLookup}:
 * <ol>
 *   <li>the target is {@code maddr} if present, else the host (§4);</li>
 *   <li>transport: the {@code transport} parameter; else UDP (TLS for SIPS) when the target is an
 *       IP address or a port is given; else NAPTR (services {@code SIP+D2U}, {@code SIP+D2T},
 *       {@code SIPS+D2T}) in order; else SRV for {@code _sips._tcp}, {@code _sip._tcp},
 *       {@code _sip._udp}; else UDP (TLS for SIPS) (§4.1);</li>
 *   <li>port and addresses: an explicit port or IP skips SRV; SRV targets in priority order with
 *       weights (RFC 2782); else A/AAAA with the transport's default port (§4.2).</li>
 * </ol>
 * A SIPS URI only ever yields TLS. DNS lookups run on the given executor (default: the common
 * pool), never on the caller's thread; an IP address resolves at once.
 */
public final class Rfc3263Resolver implements Resolver {
    private final DnsLookup dns;
    private final Executor executor;

    public Rfc3263Resolver(DnsLookup dns) {
        this(dns, ForkJoinPool.commonPool());
    }

    public Rfc3263Resolver(DnsLookup dns, Executor executor) {
        this.dns = dns;
        this.executor = executor;
    }

    @Override
    public CompletableFuture<List<TransportAddress>> resolve(SipUri uri) {
        String target = uri.maddr() != null ? uri.maddr() : uri.host();
        if (isIpLiteral(target.startsWith("[") ? target.substring(1, target.length() - 1) : target)) {
            // No DNS for an IP address: answer at once, on the caller's thread.
            return CompletableFuture.completedFuture(resolveNow(uri));
        }
        return CompletableFuture.supplyAsync(() -> resolveNow(uri), executor);
    }

    /** The procedure, blocking on the lookups. */
    public List<TransportAddress> resolveNow(SipUri uri) {
        String target = uri.maddr() != null ? uri.maddr() : uri.host();
        if (target.startsWith("[")) {
            target = target.substring(1, target.length() - 1);
        }
        boolean secure = uri.isSecure();
        boolean numeric = isIpLiteral(target);
        Transport forced = uri.transport() == null ? null : Transport.fromToken(uri.transport());
        if (uri.transport() != null && forced == null) {
            return List.of();
        }
        if (secure && forced == Transport.UDP) {
            return List.of();
        }
        if (secure && forced == Transport.TCP) {
            forced = Transport.TLS;
        }
        int port = uri.port();
        List<TransportAddress> out = new ArrayList<>();
        if (numeric || port > 0) {
            Transport t = forced != null ? forced : secure ? Transport.TLS : Transport.UDP;
            addAll(out, t, target, port > 0 ? port : t.defaultPort(), numeric ? null : target);
            return out;
        }
        if (forced != null) {
            if (!srvTargets(out, forced, target)) {
                addAll(out, forced, target, forced.defaultPort(), target);
            }
            return out;
        }
        List<DnsLookup.Naptr> naptrs = new ArrayList<>(dns.naptr(target));
        naptrs.sort(Comparator.comparingInt(DnsLookup.Naptr::order).thenComparingInt(DnsLookup.Naptr::preference));
        boolean any = false;
        for (DnsLookup.Naptr n : naptrs) {
            Transport t = naptrTransport(n.service());
            if (t == null || !"s".equalsIgnoreCase(n.flags()) || secure && t != Transport.TLS) {
                continue;
            }
            any |= srvAt(out, t, n.replacement(), target);
        }
        if (any) {
            return out;
        }
        Transport[] order = secure ? new Transport[] {Transport.TLS}
                : new Transport[] {Transport.TLS, Transport.TCP, Transport.UDP};
        for (Transport t : order) {
            any |= srvTargets(out, t, target);
        }
        if (!any) {
            Transport t = secure ? Transport.TLS : Transport.UDP;
            addAll(out, t, target, t.defaultPort(), target);
        }
        return out;
    }

    private boolean srvTargets(List<TransportAddress> out, Transport t, String domain) {
        String prefix = switch (t) {
            case TLS -> "_sips._tcp.";
            case TCP -> "_sip._tcp.";
            case UDP -> "_sip._udp.";
        };
        return srvAt(out, t, prefix + domain, domain);
    }

    private boolean srvAt(List<TransportAddress> out, Transport t, String name, String domain) {
        List<DnsLookup.Srv> records = new ArrayList<>(dns.srv(name));
        if (records.isEmpty()) {
            return false;
        }
        // RFC 2782: lowest priority first; within a priority, heavier weights first (a deterministic
        // stand-in for the weighted random pick, so that retries walk the list in a stable order).
        records.sort(Comparator.comparingInt(DnsLookup.Srv::priority)
                .thenComparing(Comparator.comparingInt(DnsLookup.Srv::weight).reversed()));
        int before = out.size();
        for (DnsLookup.Srv s : records) {
            if (!".".equals(s.target()) && !s.target().isEmpty()) {
                // RFC 5922 §4: the certificate is checked against the domain of the URI, not the SRV target.
                addAll(out, t, s.target(), s.port(), domain);
            }
        }
        return out.size() > before;
    }

    private void addAll(List<TransportAddress> out, Transport t, String host, int port, String serverName) {
        for (InetAddress a : dns.addresses(host)) {
            TransportAddress ta = new TransportAddress(t, new InetSocketAddress(a, port), serverName);
            if (!out.contains(ta)) {
                out.add(ta);
            }
        }
    }

    private static Transport naptrTransport(String service) {
        return switch (service.toUpperCase(Locale.ROOT)) {
            case "SIP+D2U" -> Transport.UDP;
            case "SIP+D2T" -> Transport.TCP;
            case "SIPS+D2T" -> Transport.TLS;
            default -> null;
        };
    }

    static boolean isIpLiteral(String h) {
        if (h.indexOf(':') >= 0) {
            return true;
        }
        if (h.isEmpty()) {
            return false;
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }
}
