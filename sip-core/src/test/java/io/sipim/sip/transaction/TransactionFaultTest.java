package io.sipim.sip.transaction;

import static io.sipim.sip.transaction.Fixture.CLIENT_IP;
import static io.sipim.sip.transaction.Fixture.SERVER_IP;
import static io.sipim.sip.transaction.Fixture.address;
import static io.sipim.sip.transaction.Fixture.request;
import static io.sipim.sip.transaction.Fixture.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.sip.message.SipRequest;
import io.sipim.sip.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fault properties (RFC 3261 §17: the transaction layer makes SIP reliable over UDP): two
 * transaction layers on a lossy, seeded {@link io.sipim.sip.transport.LoopNetwork}, so every run
 * with the same seed is the same run.
 */
class TransactionFaultTest {

    /** Outcome of one run: what every client transaction reported, and how the network behaved. */
    private record Run(List<List<String>> outcomes, long dropped, long delivered, int clientSends,
                       int clientsLeft, int serversLeft, int timersLeft) {
    }

    private static Run run(long seed, String method, int finalStatus, int count, double dropRate) {
        Fixture f = new Fixture(seed);
        f.network.dropRate(dropRate).duplicateRate(0.05).jitter(Duration.ofMillis(30));
        TransactionLayer uac = f.layer(CLIENT_IP);
        Fixture.ServerLog tu = f.serverLog();
        tu.answer = (tx, r) -> tx.respond(response(r, finalStatus, "uas" + r.cseq().number()));
        TransactionLayer uas = f.layer(SERVER_IP).serverHandler(tu);
        List<Fixture.ClientLog> logs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            f.advanceTo(i * 10L);
            Fixture.ClientLog log = f.clientLog();
            logs.add(log);
            uac.sendRequest(request(method, Transport.UDP, CLIENT_IP, "z9hG4bKfault" + i, i + 1),
                    address(Transport.UDP, SERVER_IP), log);
        }
        f.advanceTo(count * 10L + 70_000);
        List<List<String>> outcomes = new ArrayList<>();
        for (Fixture.ClientLog log : logs) {
            List<String> events = new ArrayList<>();
            for (String line : log.log) {
                events.add(line.substring(line.indexOf(' ') + 1));
            }
            outcomes.add(events);
        }
        return new Run(outcomes, f.network.dropped(), f.network.delivered(), f.sent(CLIENT_IP).size(),
                uac.clientCount(), uas.serverCount(), f.clock.pendingTimers());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void rfc3261_17_1_2_nonInviteCompletesDespite20PercentLoss(long seed) {
        Run run = run(seed, SipRequest.MESSAGE, 200, 200, 0.2);
        for (int i = 0; i < run.outcomes().size(); i++) {
            assertEquals(List.of("200", "terminated"), run.outcomes().get(i), "transaction " + i);
        }
        assertTrue(run.dropped() > 40, "about a fifth of the datagrams are lost: " + run.dropped());
        assertTrue(run.clientSends() > 200, "losses were repaired by Timer E retransmissions: " + run.clientSends());
        assertEquals(0, run.clientsLeft());
        assertEquals(0, run.serversLeft());
        assertEquals(0, run.timersLeft());
        assertEquals(run, run(seed, SipRequest.MESSAGE, 200, 200, 0.2), "same seed, same run");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void rfc3261_17_1_1_inviteRejectionCompletesDespite20PercentLoss(long seed) {
        Run run = run(seed, SipRequest.INVITE, 486, 100, 0.2);
        for (int i = 0; i < run.outcomes().size(); i++) {
            // The TU answers at once, so there is no 100 Trying; the 486 reaches the TU exactly once.
            assertEquals(List.of("486", "terminated"), run.outcomes().get(i), "transaction " + i);
        }
        assertTrue(run.dropped() > 20, "dropped " + run.dropped());
        assertEquals(0, run.clientsLeft());
        assertEquals(0, run.serversLeft());
        assertEquals(0, run.timersLeft());
    }
}
