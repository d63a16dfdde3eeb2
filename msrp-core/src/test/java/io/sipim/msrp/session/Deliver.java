package io.sipim.msrp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The smallest chat over real sockets: one session accepts the other, which connects and sends a text. */
final class Deliver {
    private Deliver() {
    }

    /**
     * {@code to} accepts {@code from}'s path, {@code from} connects and sends {@code text}; asserts
     * that the sender saw it delivered and that {@code to} received exactly that text.
     */
    static void text(MsrpSession from, MsrpSession to, String text) throws Exception {
        CompletableFuture<ReceivedMessage> got = new CompletableFuture<>();
        to.onMessage(got::complete).accept(from.localPath());
        from.connect(to.localPath()).get(20, TimeUnit.SECONDS);
        assertTrue(from.send(text).completion().get(20, TimeUnit.SECONDS).delivered());
        assertEquals(text, got.get(20, TimeUnit.SECONDS).text());
    }
}
