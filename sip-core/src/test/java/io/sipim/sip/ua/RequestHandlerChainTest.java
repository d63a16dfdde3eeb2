package io.sipim.sip.ua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipim.sip.loop.ManualScheduler;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.transaction.TransactionLayer;
import io.sipim.sip.transport.LoopNetwork;
import io.sipim.sip.transport.LoopTransport;
import io.sipim.sip.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Several request handlers on one stack (server roles side by side): asked in order, the first that takes a request wins. */
class RequestHandlerChainTest {
    private final ManualScheduler clock = new ManualScheduler();
    private final LoopNetwork net = new LoopNetwork(clock, 3);
    private final SipStack server = SipStack.builder().callbackExecutor(Runnable::run)
            .runOn(clock, new LoopTransport(net, "10.0.0.1", 5060, Transport.UDP)).build();
    private final SipAccount client = SipStack.builder().callbackExecutor(Runnable::run)
            .runOn(clock, new LoopTransport(net, "10.0.0.2", 5060, Transport.UDP)).build()
            .account("sip:alice@example.com").build();
    private final List<String> seen = new ArrayList<>();

    private RequestHandler taking(String name, String method, int status) {
        return (tx, request, received) -> {
            seen.add(name + " " + request.method());
            if (!request.isMethod(method)) {
                return false;
            }
            tx.respond(SipResponse.to(request, status).toTag(TransactionLayer.newTag()).build());
            return true;
        };
    }

    private int send(String method) {
        SipUri target = SipUri.parse("sip:service@10.0.0.1:5060");
        CompletableFuture<SipResponse> f = client.send(client.newRequest(method, target, NameAddr.of(target)).build());
        for (int i = 0; i < 100 && !f.isDone(); i++) {
            clock.advance(Duration.ofMillis(50));
        }
        return f.join().status();
    }

    @Test
    @DisplayName("Handlers are asked in the order added; what none takes goes to the user agent; a removed handler is no longer asked")
    void chain() {
        RequestHandler first = taking("first", SipRequest.OPTIONS, 202);
        server.onRequest(first).onRequest(taking("second", SipRequest.MESSAGE, 200));
        assertEquals(202, send(SipRequest.OPTIONS));
        assertEquals(List.of("first OPTIONS"), seen);
        assertEquals(200, send(SipRequest.MESSAGE));
        assertEquals(List.of("first OPTIONS", "first MESSAGE", "second MESSAGE"), seen);
        assertEquals(405, send("FOO"), "nobody took it: the user agent answers 405 with Allow");
        server.removeRequestHandler(first);
        seen.clear();
        assertEquals(200, send(SipRequest.OPTIONS), "the user agent's own OPTIONS answer");
        assertEquals(List.of("second OPTIONS"), seen);
    }
}
