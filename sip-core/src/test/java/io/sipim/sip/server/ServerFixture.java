package io.sipim.sip.server;

import io.sipim.sip.auth.UserStore;
import io.sipim.sip.message.CSeq;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.transaction.TransactionLayer;
import io.sipim.sip.transaction.TransactionTimers;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.transport.TransportAddress;
import io.sipim.sip.ua.SipAccount;
import io.sipim.sip.ua.SipStack;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * A {@link SipServer} for {@code sipim.test} on a loopback stack (UDP and TCP, T1 = 50 ms so
 * that proxy timeouts come quickly), plus client stacks with the default timers, all closed
 * together.
 */
final class ServerFixture implements AutoCloseable {
    static final String DOMAIN = "sipim.test";
    static final Map<String, String> USERS = Map.of("alice", "secret", "bob", "hunter2", "carol", "pw");

    final SipStack stack;
    final SipServer server;
    final LinkedBlockingQueue<String> log = new LinkedBlockingQueue<>();
    private final List<SipStack> clients = new ArrayList<>();

    /** A registrar and proxy with digest users. */
    ServerFixture() {
        this(b -> b.users(UserStore.inMemory(USERS)));
    }

    ServerFixture(Consumer<SipServer.Builder> config) {
        stack = SipStack.builder()
                .listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0))
                .listen(Transport.TCP, new InetSocketAddress("127.0.0.1", 0))
                .timers(TransactionTimers.builder().t1(Duration.ofMillis(50)).build())
                .userAgent("sipim-server-test")
                .build();
        SipServer.Builder b = SipServer.builder(stack).domain(DOMAIN).registrar().proxy().requestLog(log::add);
        config.accept(b);
        server = b.build();
    }

    int port(Transport t) {
        return stack.localAddress(t).address().getPort();
    }

    /** {@code sip:127.0.0.1:port[;transport=tcp]}: the outbound proxy for a client. */
    String proxyUri(Transport t) {
        return "sip:127.0.0.1:" + port(t) + (t == Transport.TCP ? ";transport=tcp" : "");
    }

    /** A route to this server, for raw requests. */
    NameAddr route(Transport t) {
        return NameAddr.of(SipUri.parse(proxyUri(t)).toBuilder().lr(true).build());
    }

    /** A client stack on loopback (UDP and TCP), default timers. */
    SipStack client() {
        SipStack s = SipStack.builder()
                .listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0))
                .listen(Transport.TCP, new InetSocketAddress("127.0.0.1", 0))
                .build();
        clients.add(s);
        return s;
    }

    SipAccount account(SipStack s, String user, Transport t) {
        return s.account("sip:" + user + "@" + DOMAIN).credentials(user, USERS.getOrDefault(user, "x"))
                .outboundProxy(proxyUri(t)).transport(t).build();
    }

    /** A REGISTER for {@code user} through this server, without Via (the stack adds it) and without credentials. */
    SipRequest.Builder register(String user, String callId, long cseq) {
        SipUri aor = SipUri.parse("sip:" + user + "@" + DOMAIN);
        return SipRequest.builder(SipRequest.REGISTER, SipUri.parse("sip:" + DOMAIN))
                .from(NameAddr.of(aor).withTag(TransactionLayer.newTag()))
                .to(NameAddr.of(aor))
                .callId(callId)
                .cseq(new CSeq(cseq, SipRequest.REGISTER))
                .header(HeaderName.ROUTE, route(Transport.UDP));
    }

    /** The contact an account on {@code s} registers for {@code user} over {@code t}. */
    static SipUri contactOf(SipStack s, String user, Transport t) {
        TransportAddress a = s.localAddress(t);
        SipUri.Builder b = SipUri.builder().user(user).host("127.0.0.1").port(a.address().getPort());
        if (t == Transport.TCP) {
            b.transport("tcp");
        }
        return b.build();
    }

    @Override
    public void close() {
        for (SipStack s : clients) {
            s.close();
        }
        server.close();
        stack.close();
    }
}
