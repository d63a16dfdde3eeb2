package io.sipim.sip.ua;

import io.sipim.sip.auth.AuthenticationException;
import io.sipim.sip.auth.DigestClient;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.transaction.ClientTransaction;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.transport.TransportAddress;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Sends one request the way a UAC core does (RFC 3261 §8.1.2, RFC 3263 §4.3): resolves the next
 * hop, adds a Via with a fresh branch, runs a client transaction, answers a 401/407 once per
 * challenge with the account's {@link DigestClient}, and moves to the next target on a transport
 * error, a timeout or a 503. Runs on the stack's loop thread; completes {@code result} there.
 */
final class RequestSender {
    /** RFC 3261 §18.1.1: above this size a request goes over a congestion-controlled transport. */
    static final int UDP_MTU_LIMIT = 1300;
    private static final int MAX_AUTH_ROUNDS = 3;

    private final SipStack stack;
    private final DigestClient auth;
    private final Consumer<SipResponse> provisional;
    private final CompletableFuture<SipResponse> result = new CompletableFuture<>();
    private SipRequest request;
    private List<TransportAddress> targets;
    private int index;
    private int authRounds;
    private Exception lastFailure;
    private ClientTransaction current;
    private Consumer<SipResponse> late2xx = r -> { };

    private RequestSender(SipStack stack, SipRequest request, DigestClient auth, Consumer<SipResponse> provisional) {
        this.stack = stack;
        this.request = request;
        this.auth = auth;
        this.provisional = provisional;
    }

    /**
     * Sends {@code request} (without Via; the sender adds it) to {@code nextHop}. Loop thread only.
     * The future completes with the final response, or fails with {@link SipTimeoutException} or
     * {@link SipTransportException}.
     */
    static CompletableFuture<SipResponse> send(SipStack stack, SipRequest request, SipUri nextHop, DigestClient auth,
                                               Consumer<SipResponse> provisional) {
        return create(stack, request, auth, provisional).start(nextHop);
    }

    /** A sender not started yet, so that the caller can keep it (INVITE: CANCEL, ACK, late 2xx). */
    static RequestSender create(SipStack stack, SipRequest request, DigestClient auth, Consumer<SipResponse> provisional) {
        if (auth != null && request.isMethod(SipRequest.REGISTER)) {
            // RFC 3261 §22.3: a refresh or unregister reuses the registrar's last challenge (next nc), saving the 401 round trip.
            request = auth.authorizePreemptively(request);
        }
        return new RequestSender(stack, request, auth, provisional);
    }

    /**
     * Where every 2xx after the first goes (INVITE only): retransmissions and forks that the
     * transaction passes up while Accepted (RFC 6026 §8.4), for the UAC core to acknowledge
     * (RFC 3261 §13.2.2.4).
     */
    RequestSender late2xx(Consumer<SipResponse> hook) {
        this.late2xx = hook;
        return this;
    }

    /** Starts sending to {@code nextHop}; loop thread only. */
    CompletableFuture<SipResponse> start(SipUri nextHop) {
        stack.resolver().resolve(nextHop).whenComplete((targets, err) -> stack.loop().execute(() -> {
            if (err != null || targets.isEmpty()) {
                result.completeExceptionally(new SipTransportException("cannot resolve " + nextHop
                        + (err != null ? ": " + err.getMessage() : ""), new IOException("no targets")));
                return;
            }
            this.targets = targets;
            attempt();
        }));
        return result;
    }

    /** The client transaction of the current attempt (null before the first): for CANCEL (§9.1). */
    ClientTransaction transaction() {
        return current;
    }

    private void attempt() {
        if (index >= targets.size()) {
            fail();
            return;
        }
        TransportAddress target = targets.get(index);
        SipRequest withVia;
        try {
            if (stack.transport().local(target.transport()) == null) {
                throw new IOException("no local " + target.transport() + " listen point for " + target);
            }
            withVia = stack.withVia(request, target.transport());
            if (target.transport() == Transport.UDP && tooBigForUdp(withVia)) {
                target = new TransportAddress(Transport.TCP, target.address(), target.serverName());
                withVia = stack.withVia(request, Transport.TCP);
            }
        } catch (IOException e) {
            lastFailure = e;
            index++;
            attempt();
            return;
        }
        TransportAddress to = target;
        SipRequest sent = withVia;
        current = stack.transactions().sendRequest(sent, to, new ClientTransaction.Listener() {
            private boolean done;

            @Override
            public void onResponse(SipResponse response) {
                if (done) {
                    if (response.isSuccess() && request.isMethod(SipRequest.INVITE)) {
                        late2xx.accept(response);
                    }
                    return;
                }
                if (!response.isFinal()) {
                    provisional.accept(response);
                    return;
                }
                done = true;
                finalResponse(sent, response, to);
            }

            @Override
            public void onTimeout(String timer) {
                if (!done) {
                    done = true;
                    lastFailure = new SipTimeoutException(request.method(), timer, to.toString());
                    index++;
                    attempt();
                }
            }

            @Override
            public void onTransportError(IOException error) {
                if (!done) {
                    done = true;
                    lastFailure = error;
                    index++;
                    attempt();
                }
            }
        });
    }

    /**
     * RFC 3261 §18.1.1: a request over {@code UDP_MTU_LIMIT} bytes goes over TCP to the same
     * address when the stack listens on TCP (RFC 3428 §8 asks the same of large MESSAGEs);
     * without TCP it is an error rather than a silently fragmented datagram.
     */
    private boolean tooBigForUdp(SipRequest withVia) throws IOException {
        int size = withVia.encode().length;
        if (size <= UDP_MTU_LIMIT) {
            return false;
        }
        if (stack.transport().local(Transport.TCP) == null) {
            throw new IOException(request.method() + " of " + size + " bytes exceeds the " + UDP_MTU_LIMIT
                    + "-byte UDP limit (RFC 3261 §18.1.1, RFC 3428 §8) and the stack has no TCP transport");
        }
        return true;
    }

    private void finalResponse(SipRequest sent, SipResponse response, TransportAddress to) {
        int status = response.status();
        if ((status == 401 || status == 407) && auth != null && authRounds < MAX_AUTH_ROUNDS) {
            authRounds++;
            try {
                SipRequest challenged = sent.toBuilder().remove(HeaderName.VIA).build();
                request = auth.authorize(challenged, response, sent.cseq().number() + 1);
            } catch (AuthenticationException e) {
                // Wrong password or no credentials: the challenge is the answer (a 4xx is a value).
                result.complete(response);
                return;
            }
            attempt();
            return;
        }
        if (status == 503 && index + 1 < targets.size()) {
            // RFC 3263 §4.3: a 503 means try the next server.
            index++;
            attempt();
            return;
        }
        result.complete(response);
    }

    private void fail() {
        if (lastFailure instanceof SipTimeoutException t) {
            result.completeExceptionally(t);
        } else {
            IOException io = lastFailure instanceof IOException e ? e : new IOException("no target reachable");
            result.completeExceptionally(new SipTransportException(request.method() + " could not be sent: "
                    + io.getMessage(), io));
        }
    }
}
