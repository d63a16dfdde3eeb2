package io.sipim.sip.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.message.SipResponse;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.ua.IncomingMessage;
import io.sipim.sip.ua.Registration;
import io.sipim.sip.ua.RegistrationException;
import io.sipim.sip.ua.SipAccount;
import io.sipim.sip.ua.SipStack;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Kamailio 5.6 as registrar with digest auth and as stateful proxy: two SIPIM user agents
 * register through it and exchange MESSAGEs (RFC 3261 §10, §22; RFC 3428), over UDP and TCP.
 */
@Tag("interop")
class KamailioInteropTest {
    @TempDir
    static Path work;
    static Kamailio kamailio;

    @BeforeAll
    static void startKamailio() throws Exception {
        kamailio = Kamailio.start("sipim.test", Map.of("alice", "secret", "bob", "hunter2"), work);
    }

    @AfterAll
    static void stopKamailio() {
        if (kamailio != null) {
            kamailio.close();
        }
    }

    private static SipStack stack(Transport t) {
        return SipStack.builder().listen(t, new InetSocketAddress("127.0.0.1", 0))
                .listen(Transport.TCP, new InetSocketAddress("127.0.0.1", 0)).build();
    }

    private static SipAccount account(SipStack s, String user, String password, Transport t) {
        return s.account("sip:" + user + "@sipim.test").credentials(user, password)
                .outboundProxy("sip:127.0.0.1:" + kamailio.port).transport(t).build();
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    @DisplayName("Both register with digest auth and exchange MESSAGEs through Kamailio")
    void registerAndMessage(Transport t) throws Exception {
        try (SipStack a = stack(Transport.UDP); SipStack b = stack(Transport.UDP)) {
            SipAccount alice = account(a, "alice", "secret", t);
            SipAccount bob = account(b, "bob", "hunter2", t);
            LinkedBlockingQueue<IncomingMessage> bobInbox = new LinkedBlockingQueue<>();
            LinkedBlockingQueue<IncomingMessage> aliceInbox = new LinkedBlockingQueue<>();
            bob.onMessage(bobInbox::add);
            alice.onMessage(aliceInbox::add);
            Registration ra = alice.register(Duration.ofSeconds(300)).get(20, TimeUnit.SECONDS);
            Registration rb = bob.register(Duration.ofSeconds(300)).get(20, TimeUnit.SECONDS);
            assertTrue(ra.isActive() && rb.isActive());
            assertEquals(300, ra.expires().toSeconds(), "granted expiry from Kamailio's 200 OK");

            SipResponse r = alice.message("sip:bob@sipim.test").text("lunch at 12? ünïcödé").send().get(20, TimeUnit.SECONDS);
            assertEquals(200, r.status(), kamailio.output());
            IncomingMessage m = bobInbox.poll(10, TimeUnit.SECONDS);
            assertNotNull(m, "bob got the MESSAGE");
            assertEquals("lunch at 12? ünïcödé", m.text());
            assertEquals("alice", ((io.sipim.sip.message.SipUri) m.from().uri()).user());

            assertEquals(200, bob.message("sip:alice@sipim.test").text("yes").send().get(20, TimeUnit.SECONDS).status());
            assertEquals("yes", aliceInbox.poll(10, TimeUnit.SECONDS).text());

            assertEquals(200, ra.unregister().get(20, TimeUnit.SECONDS).status());
            assertEquals(404, bob.message("sip:alice@sipim.test").text("gone?").send().get(20, TimeUnit.SECONDS).status(),
                    "after unregistering, Kamailio no longer finds alice");
        }
    }

    @Test
    @DisplayName("A wrong password ends in a RegistrationException carrying Kamailio's 401, not a retry loop")
    void wrongPassword() {
        try (SipStack a = stack(Transport.UDP)) {
            SipAccount alice = account(a, "alice", "wrong", Transport.UDP);
            CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                    () -> alice.register(Duration.ofSeconds(60)).join());
            RegistrationException re = (RegistrationException) e.getCause();
            assertEquals(401, re.response().status());
        }
    }

    @Test
    @DisplayName("A large MESSAGE (over 1300 bytes) goes over TCP (RFC 3428 §8, RFC 3261 §18.1.1) and arrives whole")
    void largeMessageOverTcp() throws Exception {
        try (SipStack a = stack(Transport.UDP); SipStack b = stack(Transport.UDP)) {
            SipAccount alice = account(a, "alice", "secret", Transport.UDP);
            SipAccount bob = account(b, "bob", "hunter2", Transport.TCP);
            LinkedBlockingQueue<IncomingMessage> inbox = new LinkedBlockingQueue<>();
            bob.onMessage(inbox::add);
            alice.register(Duration.ofSeconds(120)).get(20, TimeUnit.SECONDS);
            bob.register(Duration.ofSeconds(120)).get(20, TimeUnit.SECONDS);
            String big = "x".repeat(4000);
            assertEquals(200, alice.message("sip:bob@sipim.test").text(big).send().get(20, TimeUnit.SECONDS).status(),
                    kamailio.output());
            assertEquals(big, inbox.poll(10, TimeUnit.SECONDS).text());
        }
    }
}
