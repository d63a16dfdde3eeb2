package io.sipim.sip.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.auth.CredentialsProvider;
import io.sipim.sip.auth.DigestAlgorithm;
import io.sipim.sip.auth.DigestClient;
import io.sipim.sip.message.Challenge;
import io.sipim.sip.message.Credentials;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.ua.Registration;
import io.sipim.sip.ua.RegistrationException;
import io.sipim.sip.ua.SipAccount;
import io.sipim.sip.ua.SipStack;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The registrar (RFC 3261 §10.3) driven by real SIPIM user agents over loopback. */
class RegistrarTest {
    private static final long WAIT = 10;

    private static SipResponse send(SipStack s, SipRequest r) throws Exception {
        return s.send(r).get(WAIT, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DigestAlgorithm.class, names = {"MD5", "SHA_256"})
    @DisplayName("§10.3 step 3, RFC 8760: 401 offers SHA-256 and MD5; credentials in either algorithm register")
    void challengeThenOk(DigestAlgorithm alg) throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            SipStack c = f.client();
            SipRequest register = f.register("alice", "reg-" + alg + "@test", 1)
                    .contact(NameAddr.of(ServerFixture.contactOf(c, "alice", Transport.UDP))).expires(300).build();
            SipResponse challenge = send(c, register);
            assertEquals(401, challenge.status());
            List<Challenge> offered = challenge.values(HeaderName.WWW_AUTHENTICATE);
            assertEquals(List.of("SHA-256", "MD5"), offered.stream().map(Challenge::algorithm).toList());
            assertNotNull(challenge.to().tag(), "§8.2.6.2: To tag on the 401");

            // Answer only the challenge in alg, as a client that knows only that one (SIPp: MD5) does.
            SipResponse.Builder only = challenge.toBuilder().remove(HeaderName.WWW_AUTHENTICATE);
            offered.stream().filter(ch -> alg.token().equals(ch.algorithm()))
                    .forEach(ch -> only.header(HeaderName.WWW_AUTHENTICATE, ch));
            SipRequest authorized = new DigestClient(CredentialsProvider.of("alice", "secret"))
                    .authorize(register, only.build(), 2);
            Credentials sent = authorized.first(HeaderName.AUTHORIZATION);
            assertEquals(alg.token(), sent.algorithm());
            SipResponse ok = send(c, authorized);
            assertEquals(200, ok.status());
            assertEquals(1, ok.contacts().size());
            assertEquals(300, ok.contacts().get(0).expires());
            assertTrue(ok.has(HeaderName.DATE), "§10.3 step 8: Date");
            assertEquals(1, f.server.bindings("sip:alice@sipim.test").get(WAIT, TimeUnit.SECONDS).size());
            assertTrue(f.log.take().startsWith("REGISTER sip:sipim.test from UDP:127.0.0.1:"));
            assertTrue(f.log.take().endsWith("-> 200"));
        }
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    @DisplayName("A SIPIM account registers with digest; the binding keeps the contact and the flow it came from")
    void accountRegisters(Transport t) throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            SipStack c = f.client();
            Registration r = f.account(c, "alice", t).register(Duration.ofSeconds(300)).get(WAIT, TimeUnit.SECONDS);
            assertEquals(300, r.expires().toSeconds());
            List<Binding> bindings = f.server.bindings("sip:alice@sipim.test").get(WAIT, TimeUnit.SECONDS);
            assertEquals(1, bindings.size());
            Binding b = bindings.get(0);
            assertEquals(ServerFixture.contactOf(c, "alice", t), b.uri());
            assertEquals(t, b.source().transport());
            assertEquals(SipUri.parse("sip:alice@sipim.test"), b.aor());
        }
    }

    @Test
    @DisplayName("§22.4: a wrong password ends in the registrar's 401, no binding")
    void wrongPassword() throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            SipStack c = f.client();
            SipAccount alice = c.account("sip:alice@sipim.test").credentials("alice", "wrong")
                    .outboundProxy(f.proxyUri(Transport.UDP)).build();
            CompletionException e = assertThrows(CompletionException.class,
                    () -> alice.register(Duration.ofSeconds(60)).join());
            assertEquals(401, ((RegistrationException) e.getCause()).response().status());
            assertTrue(f.server.bindings("sip:alice@sipim.test").get(WAIT, TimeUnit.SECONDS).isEmpty());
        }
    }

    @Test
    @DisplayName("§10.3 step 4: alice's credentials cannot register bob's address of record: 403")
    void otherUsersAor() throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            SipStack c = f.client();
            SipAccount mallory = c.account("sip:bob@sipim.test").credentials("alice", "secret")
                    .outboundProxy(f.proxyUri(Transport.UDP)).build();
            CompletionException e = assertThrows(CompletionException.class,
                    () -> mallory.register(Duration.ofSeconds(60)).join());
            assertEquals(403, ((RegistrationException) e.getCause()).response().status());
        }
    }

    @Test
    @DisplayName("§10.3 step 5: an address of record outside the served domain: 404")
    void foreignDomain() throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            SipStack c = f.client();
            SipAccount alice = c.account("sip:alice@elsewhere.test").credentials("alice", "secret")
                    .registrar("sip:sipim.test").outboundProxy(f.proxyUri(Transport.UDP)).build();
            CompletionException e = assertThrows(CompletionException.class,
                    () -> alice.register(Duration.ofSeconds(60)).join());
            assertEquals(404, ((RegistrationException) e.getCause()).response().status());
        }
    }

    @Test
    @DisplayName("§10.2.2: unregistering (Expires: 0) removes the binding; a lapsed binding disappears by itself")
    void expiryAndRemoval() throws Exception {
        try (ServerFixture f = new ServerFixture(b -> b.minExpires(Duration.ofSeconds(1)))) {
            SipStack c = f.client();
            SipAccount alice = f.account(c, "alice", Transport.UDP);
            Registration r = alice.register(Duration.ofSeconds(120)).get(WAIT, TimeUnit.SECONDS);
            assertEquals(1, f.server.bindings("sip:alice@sipim.test").get(WAIT, TimeUnit.SECONDS).size());
            assertEquals(200, r.unregister().get(WAIT, TimeUnit.SECONDS).status());
            assertTrue(f.server.bindings("sip:alice@sipim.test").get(WAIT, TimeUnit.SECONDS).isEmpty());

            // A one-second binding through a raw REGISTER (the account would refresh it).
            SipResponse ok = alice.send(alice.newRequest(SipRequest.REGISTER, SipUri.parse("sip:sipim.test"),
                    NameAddr.of(alice.aor())).contact(NameAddr.of(SipUri.parse("sip:alice@127.0.0.1:5999")))
                    .expires(1).build()).get(WAIT, TimeUnit.SECONDS);
            assertEquals(200, ok.status());
            assertEquals(1, ok.contacts().get(0).expires());
            Thread.sleep(1100); // the expiry itself is the subject; nothing to await
            assertTrue(f.server.bindings("sip:alice@sipim.test").get(WAIT, TimeUnit.SECONDS).isEmpty());
        }
    }

    @Test
    @DisplayName("§10.2.2, §10.3 step 6: Contact: * with Expires: 0 removes all bindings; otherwise 400")
    void wildcard() throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            SipStack c = f.client();
            SipAccount alice = f.account(c, "alice", Transport.UDP);
            alice.register(Duration.ofSeconds(300), List.of(SipUri.parse("sip:alice@127.0.0.1:5998")))
                    .get(WAIT, TimeUnit.SECONDS);
            assertEquals(2, f.server.bindings("sip:alice@sipim.test").get(WAIT, TimeUnit.SECONDS).size());

            SipRequest.Builder withOther = star(alice).contact(NameAddr.of(SipUri.parse("sip:alice@127.0.0.1:5997")));
            assertEquals(400, alice.send(withOther.expires(0).build()).get(WAIT, TimeUnit.SECONDS).status());
            assertEquals(400, alice.send(star(alice).expires(30).build()).get(WAIT, TimeUnit.SECONDS).status());
            assertEquals(2, f.server.bindings("sip:alice@sipim.test").get(WAIT, TimeUnit.SECONDS).size());

            SipResponse ok = alice.send(star(alice).expires(0).build()).get(WAIT, TimeUnit.SECONDS);
            assertEquals(200, ok.status());
            assertTrue(ok.contacts().isEmpty());
            assertTrue(f.server.bindings("sip:alice@sipim.test").get(WAIT, TimeUnit.SECONDS).isEmpty());
        }
    }

    private static SipRequest.Builder star(SipAccount a) {
        return a.newRequest(SipRequest.REGISTER, SipUri.parse("sip:sipim.test"), NameAddr.of(a.aor()))
                .contact(NameAddr.WILDCARD);
    }

    @Test
    @DisplayName("§10.2.8, §10.3 step 7: too brief an interval gets 423 with Min-Expires; the UA retries with it")
    void intervalTooBrief() throws Exception {
        try (ServerFixture f = new ServerFixture(b -> b.users(io.sipim.sip.auth.UserStore.inMemory(ServerFixture.USERS))
                .minExpires(Duration.ofSeconds(120)))) {
            SipStack c = f.client();
            SipAccount alice = f.account(c, "alice", Transport.UDP);
            SipResponse brief = alice.send(alice.newRequest(SipRequest.REGISTER, SipUri.parse("sip:sipim.test"),
                    NameAddr.of(alice.aor())).contact(NameAddr.of(ServerFixture.contactOf(c, "alice", Transport.UDP)))
                    .expires(30).build()).get(WAIT, TimeUnit.SECONDS);
            assertEquals(423, brief.status());
            assertEquals(120L, brief.first(HeaderName.MIN_EXPIRES));

            Registration r = alice.register(Duration.ofSeconds(30)).get(WAIT, TimeUnit.SECONDS);
            assertEquals(120, r.expires().toSeconds());
        }
    }

    @Test
    @DisplayName("§10.3 step 7: expiry capped at the maximum; several contacts, listed with their q-values, best first")
    void multipleContactsWithQ() throws Exception {
        try (ServerFixture f = new ServerFixture(b -> b.maxExpires(Duration.ofSeconds(600))
                .defaultExpires(Duration.ofSeconds(600)))) {
            SipStack c = f.client();
            SipRequest r = f.register("alice", "multi@test", 1)
                    .contact(NameAddr.parse("<sip:alice@127.0.0.1:5070>;q=0.5"))
                    .contact(NameAddr.parse("<sip:alice@127.0.0.1:5071>;q=1.0;expires=60"))
                    .contact(NameAddr.parse("<sip:alice@127.0.0.1:5072>"))
                    .expires(7200).build();
            SipResponse ok = send(c, r);
            assertEquals(200, ok.status());
            assertEquals(3, ok.contacts().size());
            assertEquals(List.of(1.0, -1.0, 0.5), ok.contacts().stream().map(NameAddr::q).toList(),
                    "highest q first; no q counts as 1.0");
            assertEquals(List.of(60L, 600L, 600L), ok.contacts().stream().map(NameAddr::expires).toList(),
                    "expires parameter over Expires header, capped at the maximum");
        }
    }

    @Test
    @DisplayName("§10.3 step 7: the same Call-ID with a CSeq not above the binding's aborts the update")
    void cseqOrdering() throws Exception {
        try (ServerFixture f = new ServerFixture(b -> { })) {
            SipStack c = f.client();
            NameAddr contact = NameAddr.parse("<sip:alice@127.0.0.1:5070>");
            assertEquals(200, send(c, f.register("alice", "order@test", 5).contact(contact).expires(300).build()).status());
            SipResponse stale = send(c, f.register("alice", "order@test", 5).contact(contact).expires(0).build());
            assertEquals(400, stale.status());
            assertEquals(1, f.server.bindings("sip:alice@sipim.test").get(WAIT, TimeUnit.SECONDS).size());
            assertEquals(200, send(c, f.register("alice", "other@test", 1).contact(contact).expires(0).build()).status(),
                    "another Call-ID may remove it");
            assertTrue(f.server.bindings("sip:alice@sipim.test").get(WAIT, TimeUnit.SECONDS).isEmpty());
        }
    }

    @Test
    @DisplayName("RFC 3327 §5.3: the Path is stored with the binding and echoed in the 200")
    void pathEchoed() throws Exception {
        try (ServerFixture f = new ServerFixture(b -> { })) {
            SipStack c = f.client();
            NameAddr edge = NameAddr.parse("<sip:edge.example.test;lr>");
            SipResponse ok = send(c, f.register("alice", "path@test", 1).header(HeaderName.PATH, edge)
                    .header(HeaderName.SUPPORTED, "path")
                    .contact(NameAddr.parse("<sip:alice@10.9.9.9:5060>")).expires(300).build());
            assertEquals(200, ok.status());
            assertEquals(List.of(edge), ok.values(HeaderName.PATH));
            Binding b = f.server.bindings("sip:alice@sipim.test").get(WAIT, TimeUnit.SECONDS).get(0);
            assertEquals(List.of(edge), b.path());
        }
    }

    @Test
    @DisplayName("A REGISTER without Contact is a query (§10.2.3): 200 lists the bindings, changes nothing")
    void query() throws Exception {
        try (ServerFixture f = new ServerFixture(b -> { })) {
            SipStack c = f.client();
            send(c, f.register("alice", "q@test", 1).contact(NameAddr.parse("<sip:alice@127.0.0.1:5070>")).build());
            SipResponse q = send(c, f.register("alice", "q2@test", 1).build());
            assertEquals(200, q.status());
            assertEquals(1, q.contacts().size());
            assertFalse(q.contacts().get(0).expires() < 3590, "default 3600 s");
        }
    }
}
