package io.sipim.sip.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.transport.Transport;
import io.sipim.sip.ua.SipAccount;
import io.sipim.sip.ua.SipStack;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Assembly of a {@link SipServer}: what it takes, what it leaves to the stack's user agent, how it detaches. */
class SipServerTest {

    @Test
    @DisplayName("The builder refuses a server without domain, without role, or with inconsistent expiry bounds")
    void builderValidates() {
        try (SipStack s = SipStack.builder().listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0)).build()) {
            assertThrows(IllegalStateException.class, () -> SipServer.builder(s).registrar().build());
            assertThrows(IllegalStateException.class, () -> SipServer.builder(s).domain("d.test").build());
            assertThrows(IllegalStateException.class, () -> SipServer.builder(s).domain("d.test").registrar()
                    .minExpires(Duration.ofSeconds(100)).maxExpires(Duration.ofSeconds(50)).build());
            assertThrows(IllegalArgumentException.class, () -> SipServer.builder(s).timerC(Duration.ZERO));
        }
    }

    @Test
    @DisplayName("OPTIONS to the server itself is the user agent's (200); the log has one line per request; close() detaches")
    void optionsToUsAndClose() throws Exception {
        ServerFixture f = new ServerFixture();
        try (f) {
            SipAccount alice = f.account(f.client(), "alice", Transport.UDP);
            assertEquals(200, alice.options("sip:sipim.test").get(10, TimeUnit.SECONDS).status());
            alice.register(Duration.ofSeconds(300)).get(10, TimeUnit.SECONDS);
            assertTrue(f.log.poll(1, TimeUnit.SECONDS).matches("REGISTER sip:sipim.test from UDP:127\\.0\\.0\\.1:\\d+ -> 401"),
                    f.log::toString);
            assertTrue(f.log.poll(1, TimeUnit.SECONDS).endsWith(" -> 200"));
            assertEquals(ServerFixture.DOMAIN, f.server.domain());

            f.server.close();
            assertEquals(405, alice.send(alice.newRequest("REGISTER", io.sipim.sip.message.SipUri.parse("sip:sipim.test"),
                    io.sipim.sip.message.NameAddr.of(alice.aor())).build()).get(10, TimeUnit.SECONDS).status(),
                    "after close the stack's user agent answers");
        }
    }
}
