package io.sipim.sip.server;

import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.Via;
import io.sipim.sip.transaction.ServerTransaction;
import io.sipim.sip.transaction.TransactionLayer;
import io.sipim.sip.transport.Received;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.transport.TransportAddress;
import io.sipim.sip.ua.SipStack;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the registrar and the proxy share: the stack, the served domain, who "we" are for Route
 * processing (RFC 3261 §16.4), and the request log. Loop thread only.
 */
final class ServerContext {
    private static final Logger LOG = LoggerFactory.getLogger(SipServer.class);

    final SipStack stack;
    final String domain;
    private final Set<String> aliases;
    private final Consumer<String> requestLog;

    ServerContext(SipStack stack, String domain, Set<String> aliases, Consumer<String> requestLog) {
        this.stack = stack;
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.aliases = aliases;
        this.requestLog = requestLog;
    }

    TransactionLayer transactions() {
        return stack.transactions();
    }

    /** True when {@code host} names the served domain or one of its aliases. */
    boolean isDomain(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals(domain) || aliases.contains(h);
    }

    /** True when {@code uri} names one of our listen points: its IP and its port (or the transport's default). */
    boolean isListenPoint(SipUri uri) {
        String host = bare(uri.host());
        for (TransportAddress a : stack.listening()) {
            String ip = bare(a.host());
            int port = uri.port() > 0 ? uri.port() : (uri.isSecure() ? Transport.TLS : a.transport()).defaultPort();
            if (ip.equalsIgnoreCase(host) && port == a.address().getPort()) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code uri} addresses this server itself rather than a user: no user part, and the
     * served domain or one of our listen points (RFC 3261 §16.4: a Route value that "indicates this
     * proxy").
     */
    boolean isUs(SipUri uri) {
        return uri.user() == null && (isDomain(uri.host()) || isListenPoint(uri));
    }

    /** True when {@code uri} is in our domain (by name, or by one of our listen points): a user we serve, or us. */
    boolean isOurs(SipUri uri) {
        return isDomain(uri.host()) || isListenPoint(uri);
    }

    /** The address of record a Request-URI or To of ours names: {@code sip:user@domain}. */
    SipUri aorOf(SipUri uri) {
        String host = isDomain(uri.host()) ? uri.host() : domain;
        return LocationService.addressOfRecord(SipUri.builder().user(uri.user()).host(host).build());
    }

    /** Our Via for a request leaving on {@code local}: fresh branch (§16.6 step 8) and rport (RFC 3581). */
    static Via via(TransportAddress local) {
        return Via.of(local.transport().viaToken(), local.host(), local.address().getPort())
                .withBranch(TransactionLayer.newBranch()).withParameter("rport", null);
    }

    /** A Record-Route / Path value for {@code local}: {@code <sip:ip:port;transport=x;lr>}. */
    static NameAddr routeTo(TransportAddress local) {
        SipUri.Builder b = SipUri.builder().secure(local.transport() == Transport.TLS)
                .host(local.host()).port(local.address().getPort()).lr(true);
        if (local.transport() == Transport.TCP) {
            b.transport("tcp");
        }
        return NameAddr.of(b.build());
    }

    /**
     * RFC 3261 §16.4 Route information preprocessing: when the Request-URI is a value we put in a
     * Record-Route (ours carry {@code lr}), the previous hop was a strict router and the real
     * Request-URI is the last Route; then every topmost Route naming us is popped (several when we
     * record-routed twice, on two transports).
     */
    SipRequest preprocessRoutes(SipRequest request) {
        List<NameAddr> routes = request.routes();
        if (routes.isEmpty()) {
            return request;
        }
        SipRequest.Builder b = null;
        if (request.requestUri() instanceof SipUri ruri && ruri.lr() && isUs(ruri)) {
            NameAddr last = routes.get(routes.size() - 1);
            b = request.toBuilder().requestUri(last.uri()).remove(HeaderName.ROUTE);
            routes = routes.subList(0, routes.size() - 1);
            for (NameAddr r : routes) {
                b.header(HeaderName.ROUTE, r);
            }
        }
        int pop = 0;
        while (pop < routes.size() && routes.get(pop).uri() instanceof SipUri u && isUs(u)) {
            pop++;
        }
        if (pop > 0) {
            if (b == null) {
                b = request.toBuilder();
            }
            for (int i = 0; i < pop; i++) {
                b.removeFirst(HeaderName.ROUTE);
            }
        }
        return b == null ? request : b.build();
    }

    /** Sends {@code response} on {@code tx}, logging the request when it is final. */
    boolean respond(ServerTransaction tx, SipResponse response) {
        boolean sent = tx.respond(response);
        if (response.isFinal()) {
            log(tx.request(), tx.received(), String.valueOf(response.status()));
        }
        return sent;
    }

    /** A response to {@code request} with a fresh To tag (when it has none) and nothing else. */
    static SipResponse.Builder answer(SipRequest request, int status) {
        SipResponse.Builder b = SipResponse.to(request, status);
        if (request.to() != null && request.to().tag() == null) {
            b.toTag(TransactionLayer.newTag());
        }
        return b;
    }

    /** One line of the request log: {@code REGISTER sip:alice@sipim.test from UDP:127.0.0.1:40211 -> 200}. */
    void log(SipRequest request, Received received, String outcome) {
        String line = request.method() + ' ' + request.requestUri() + " from " + received.source() + " -> " + outcome;
        LOG.debug(line);
        try {
            requestLog.accept(line);
        } catch (RuntimeException e) {
            LOG.warn("request log failed", e);
        }
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
