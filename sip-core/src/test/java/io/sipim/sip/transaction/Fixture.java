package io.sipim.sip.transaction;

import io.sipim.sip.loop.ManualScheduler;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.Via;
import io.sipim.sip.transport.LoopNetwork;
import io.sipim.sip.transport.LoopTransport;
import io.sipim.sip.transport.Received;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.transport.TransportAddress;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A virtual-time network for transaction tests: a {@link ManualScheduler}, a {@link LoopNetwork},
 * transaction layers and scripted peers on it, and recorders that turn callbacks into transcripts
 * of {@code "<ms> <event>"} lines.
 */
final class Fixture {
    static final String CLIENT_IP = "10.0.0.1";
    static final String SERVER_IP = "10.0.0.2";

    final ManualScheduler clock = new ManualScheduler();
    final LoopNetwork network;
    final List<String> transitions = new ArrayList<>();
    final Map<String, LoopTransport> transports = new HashMap<>();

    Fixture() {
        this(1);
    }

    Fixture(long seed) {
        network = new LoopNetwork(clock, seed);
    }

    /** Virtual time in milliseconds. */
    long ms() {
        return clock.nanoTime() / 1_000_000;
    }

    void advanceMs(long ms) {
        clock.advance(Duration.ofMillis(ms));
    }

    /** Moves the clock to the absolute time {@code ms}. */
    void advanceTo(long ms) {
        clock.advance(Duration.ofMillis(ms - ms()));
    }

    /** A layer on {@code ip} (every transport, port 5060) whose state changes are logged to {@link #transitions}. */
    TransactionLayer layer(String ip, TransactionTimers timers) {
        LoopTransport t = new LoopTransport(network, ip, 5060);
        transports.put(ip, t);
        return new TransactionLayer(clock, t, timers).observer((tx, from, to, event) ->
                transitions.add(tx.method() + (tx instanceof ClientTransaction ? " client " : " server ")
                        + from.rfcName() + " -> " + to.rfcName() + " on " + event));
    }

    TransactionLayer layer(String ip) {
        return layer(ip, TransactionTimers.DEFAULT);
    }

    Peer peer(String ip) {
        return new Peer(ip);
    }

    ClientLog clientLog() {
        return new ClientLog();
    }

    ServerLog serverLog() {
        return new ServerLog();
    }

    /** Messages the layer or peer on {@code ip} has sent, described, in order. */
    List<String> sent(String ip) {
        List<String> out = new ArrayList<>();
        for (SipMessage m : transports.get(ip).sent()) {
            out.add(describe(m));
        }
        return out;
    }

    static TransportAddress address(Transport t, String ip) {
        return TransportAddress.of(t, ip, 5060);
    }

    /** A request as sent from {@code ip}: Via with {@code branch} (or none when null), fixed dialog identifiers. */
    static SipRequest request(String method, Transport t, String ip, String branch, long cseq) {
        Via via = Via.of(t.viaToken(), ip, 5060);
        return SipRequest.builder(method, SipUri.parse("sip:bob@example.com"))
                .via(branch == null ? via : via.withBranch(branch))
                .maxForwards(70)
                .from(NameAddr.parse("<sip:alice@example.com>;tag=alice1"))
                .to(NameAddr.parse("<sip:bob@example.com>"))
                .callId("call-1@" + ip)
                .cseq(cseq)
                .build();
    }

    static SipRequest request(String method, Transport t, String branch) {
        return request(method, t, CLIENT_IP, branch, 1);
    }

    /** A response to {@code request}, with a To tag unless {@code toTag} is null. */
    static SipResponse response(SipRequest request, int status, String toTag) {
        SipResponse.Builder b = SipResponse.to(request, status);
        if (toTag != null) {
            b.toTag(toTag);
        }
        return b.build();
    }

    /** {@code INVITE}, {@code ACK} for requests; {@code 180 INVITE} for responses. */
    static String describe(SipMessage m) {
        return m instanceof SipRequest r ? r.method() : ((SipResponse) m).status() + " " + m.cseq().method();
    }

    /** A scripted SIP element on the network: records what it receives (with times) and sends what the test says. */
    final class Peer {
        final LoopTransport transport;
        final List<Received> received = new ArrayList<>();
        final List<String> log = new ArrayList<>();

        Peer(String ip) {
            transport = new LoopTransport(network, ip, 5060);
            transports.put(ip, transport);
            transport.receiver(r -> {
                received.add(r);
                log.add(ms() + " " + describe(r.message()));
            });
        }

        TransportAddress address(Transport t) {
            return transport.local(t);
        }

        void send(SipMessage m, TransportAddress to) {
            transport.send(m, to, e -> {
                throw new AssertionError("peer could not send", e);
            });
        }

        /** Times (ms) at which messages described as {@code what} arrived. */
        List<Long> times(String what) {
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < received.size(); i++) {
                if (describe(received.get(i).message()).equals(what)) {
                    out.add(Long.parseLong(log.get(i).substring(0, log.get(i).indexOf(' '))));
                }
            }
            return out;
        }

        SipMessage last() {
            return received.get(received.size() - 1).message();
        }

        SipMessage message(int i) {
            return received.get(i).message();
        }
    }

    /** A client transaction listener that writes a transcript. */
    final class ClientLog implements ClientTransaction.Listener {
        final List<String> log = new ArrayList<>();
        final List<SipResponse> responses = new ArrayList<>();
        IOException error;

        @Override
        public void onResponse(SipResponse response) {
            responses.add(response);
            log.add(ms() + " " + response.status());
        }

        @Override
        public void onTimeout(String timer) {
            log.add(ms() + " timeout " + timer);
        }

        @Override
        public void onTransportError(IOException e) {
            error = e;
            log.add(ms() + " transport error");
        }

        @Override
        public void onTerminated() {
            log.add(ms() + " terminated");
        }
    }

    /** A TU that writes a transcript and answers new requests with {@link #answer}. */
    final class ServerLog implements ServerHandler {
        final List<String> log = new ArrayList<>();
        final List<ServerTransaction> transactions = new ArrayList<>();
        final List<ServerTransaction> ackedInvites = new ArrayList<>();
        BiConsumer<ServerTransaction, SipRequest> answer = (tx, r) -> { };
        boolean defaultCancel = true;

        @Override
        public void onRequest(ServerTransaction tx, SipRequest request, Received received) {
            transactions.add(tx);
            log.add(ms() + " request " + request.method());
            answer.accept(tx, request);
        }

        @Override
        public void onAck(SipRequest ack, Received received, ServerTransaction invite) {
            ackedInvites.add(invite);
            log.add(ms() + " ack" + (invite == null ? "" : " in " + invite.state().rfcName()));
        }

        @Override
        public void onCancel(ServerTransaction cancel, SipRequest request, Received received,
                             ServerTransaction invite) {
            transactions.add(cancel);
            log.add(ms() + " cancel" + (invite == null ? " unmatched" : " of " + invite.method()));
            if (defaultCancel) {
                ServerHandler.super.onCancel(cancel, request, received, invite);
            }
        }

        @Override
        public void onTimeout(ServerTransaction tx, String timer) {
            log.add(ms() + " timeout " + timer);
        }

        @Override
        public void onTransportError(ServerTransaction tx, IOException error) {
            log.add(ms() + " transport error " + tx.method());
        }

        @Override
        public void onTerminated(ServerTransaction tx) {
            log.add(ms() + " terminated " + tx.method());
        }
    }
}
