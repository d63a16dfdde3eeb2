package io.sipim.sip.ua;

import io.sipim.sip.loop.ManualScheduler;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.Via;
import io.sipim.sip.sdp.Connection;
import io.sipim.sip.sdp.MediaDescription;
import io.sipim.sip.sdp.Origin;
import io.sipim.sip.sdp.SessionDescription;
import io.sipim.sip.transport.LoopNetwork;
import io.sipim.sip.transport.LoopTransport;
import io.sipim.sip.transport.Received;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.transport.TransportAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Two user agents on a virtual-time loop network — alice at 10.0.0.1, bob at 10.0.0.2 — plus
 * raw peers and a record-routing relay for transcript-style tests of INVITE sessions.
 */
final class CallFixture {
    final ManualScheduler clock = new ManualScheduler();
    final LoopNetwork net;
    final SipStack aliceStack;
    final SipStack bobStack;
    final SipAccount alice;
    final SipAccount bob;

    CallFixture(long seed) {
        net = new LoopNetwork(clock, seed);
        aliceStack = stack("10.0.0.1");
        bobStack = stack("10.0.0.2");
        alice = aliceStack.account("sip:alice@atlanta.example.com").displayName("Alice").build();
        bob = bobStack.account("sip:bob@biloxi.example.com").build();
    }

    SipStack stack(String ip) {
        return SipStack.builder().callbackExecutor(Runnable::run)
                .runOn(clock, new LoopTransport(net, ip, 5060, Transport.UDP)).build();
    }

    /** Runs virtual time in 10 ms steps until {@code done} or {@code limit} has passed. */
    void runUntil(BooleanSupplier done, Duration limit) {
        clock.runPending();
        for (long i = 0, n = limit.toMillis() / 10; i < n && !done.getAsBoolean(); i++) {
            clock.advance(Duration.ofMillis(10));
        }
    }

    void runUntil(CompletableFuture<?> f, Duration limit) {
        runUntil(f::isDone, limit);
    }

    void run(Duration d) {
        runUntil(() -> false, d);
    }

    static SessionDescription sdp(String user, String ip, int port, String... formats) {
        return SessionDescription.builder()
                .origin(Origin.builder().username(user).sessionId(2890844526L).sessionVersion(1).unicastAddress(ip).build())
                .sessionName("-").connection(Connection.of("IP4", ip))
                .addMedia(MediaDescription.builder("audio", port, "RTP/AVP", formats).build()).build();
    }

    static List<SipRequest> sent(SipStack s, String method) {
        List<SipRequest> out = new ArrayList<>();
        for (SipMessage m : ((LoopTransport) s.transport()).sent()) {
            if (m instanceof SipRequest r && r.isMethod(method)) {
                out.add(r);
            }
        }
        return out;
    }

    static List<SipResponse> sentResponses(SipStack s, String method, int status) {
        List<SipResponse> out = new ArrayList<>();
        for (SipMessage m : ((LoopTransport) s.transport()).sent()) {
            if (m instanceof SipResponse r && r.status() == status && r.cseq().method().equals(method)) {
                out.add(r);
            }
        }
        return out;
    }

    /** A raw endpoint: records what arrives (with the virtual time), sends what it is told. */
    final class Peer {
        final LoopTransport transport;
        final List<Received> inbox = new ArrayList<>();
        final List<Long> arrivals = new ArrayList<>();
        final TransportAddress address;

        Peer(String ip) {
            transport = new LoopTransport(net, ip, 5060, Transport.UDP);
            address = transport.local(Transport.UDP);
            transport.receiver(r -> {
                inbox.add(r);
                arrivals.add(clock.nanoTime());
            });
        }

        SipUri uri(String user) {
            return SipUri.parse("sip:" + user + "@" + address.hostPort());
        }

        void send(SipMessage m, TransportAddress to) {
            transport.send(m, to, e -> { throw new AssertionError(e); });
        }

        /** A response to {@code request}, sent back to where it came from. */
        void respond(SipResponse r) {
            Via via = r.topVia();
            send(r, TransportAddress.of(Transport.UDP, via.host(), via.port()));
        }

        List<SipRequest> requests(String method) {
            List<SipRequest> out = new ArrayList<>();
            for (Received r : inbox) {
                if (r.message() instanceof SipRequest q && q.isMethod(method)) {
                    out.add(q);
                }
            }
            return out;
        }

        List<Integer> arrivalsOf(String method, int status) {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < inbox.size(); i++) {
                if (inbox.get(i).message() instanceof SipResponse r && r.status() == status
                        && r.cseq().method().equals(method)) {
                    out.add((int) (arrivals.get(i) / 1_000_000));
                }
            }
            return out;
        }

        List<SipResponse> responses(String method, int status) {
            List<SipResponse> out = new ArrayList<>();
            for (Received r : inbox) {
                if (r.message() instanceof SipResponse s && s.status() == status && s.cseq().method().equals(method)) {
                    out.add(s);
                }
            }
            return out;
        }
    }

    /**
     * A stateless record-routing proxy (RFC 3261 §16.11): removes its own Route, adds Record-Route
     * to dialog-creating requests and its Via (branch derived from the incoming one, so that a
     * CANCEL follows its INVITE), forwards to the next Route or the Request-URI — or, when
     * {@code forkTo} is set, sends an initial INVITE to each of those URIs. Responses go back by Via.
     */
    final class Relay {
        final LoopTransport transport;
        final TransportAddress address;
        final SipUri self;
        List<SipUri> forkTo = List.of();
        /** When set, initial requests get this Route pushed: the next relay (§16.6 step 6). */
        SipUri insertRoute;
        int forwarded;

        Relay(String ip) {
            transport = new LoopTransport(net, ip, 5060, Transport.UDP);
            address = transport.local(Transport.UDP);
            self = SipUri.parse("sip:" + address.hostPort() + ";lr");
            transport.receiver(this::receive);
        }

        private void receive(Received in) {
            forwarded++;
            if (in.message() instanceof SipResponse r) {
                SipResponse out = r.toBuilder().removeFirst(HeaderName.VIA).build();
                Via next = out.topVia();
                transport.send(out, TransportAddress.of(Transport.UDP, next.host(), next.port()), e -> { });
                return;
            }
            SipRequest q = (SipRequest) in.message();
            SipRequest.Builder b = q.toBuilder();
            List<NameAddr> routes = q.routes();
            if (!routes.isEmpty() && routes.get(0).uri() instanceof SipUri u && u.host().equals(self.host())) {
                b.removeFirst(HeaderName.ROUTE);
                routes = routes.subList(1, routes.size());
            }
            boolean initial = q.to().tag() == null;
            if (initial && (q.isMethod(SipRequest.INVITE) || q.isMethod(SipRequest.SUBSCRIBE))) {
                b.prepend(HeaderName.RECORD_ROUTE, NameAddr.of(self));
            }
            if (initial && insertRoute != null) {
                b.prepend(HeaderName.ROUTE, NameAddr.of(insertRoute));
                routes = List.of(NameAddr.of(insertRoute));
            }
            String branch = Via.MAGIC_COOKIE + "-relay" + address.hostPort().hashCode() + "-" + q.topVia().branch();
            if (initial && !forkTo.isEmpty() && !q.isMethod(SipRequest.ACK)) {
                int n = 0;
                for (SipUri target : forkTo) {
                    SipRequest fork = b.build().toBuilder().requestUri(target)
                            .prepend(HeaderName.VIA, via(branch + "-" + n++)).build();
                    transport.send(fork, TransportAddress.of(Transport.UDP, target.host(), target.port()), e -> { });
                }
                return;
            }
            SipUri hop = (SipUri) (routes.isEmpty() ? q.requestUri() : routes.get(0).uri());
            SipRequest out = b.prepend(HeaderName.VIA, via(branch)).build();
            transport.send(out, TransportAddress.of(Transport.UDP, hop.host(), hop.port() > 0 ? hop.port() : 5060), e -> { });
        }

        private Via via(String branch) {
            return Via.of("UDP", self.host(), self.port()).withBranch(branch);
        }
    }
}
