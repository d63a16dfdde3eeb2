package io.sipim.msrp.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.message.FailureReport;
import io.sipim.msrp.message.MsrpException;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.parse.MsrpLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions between two stacks over in-memory links on virtual time: binding (RFC 4975 §5.4),
 * sending and receiving in chunks, responses and REPORTs as Success-Report and Failure-Report say
 * (§7.1.2), the 30 s transaction timeout (§7.3.1), 481/403/506/413, cancel, close and connection loss.
 */
class SessionTest {
    private static final long SECOND = 1_000_000_000L;

    private VirtualScheduler loop;
    private final List<PipeLink[]> links = new ArrayList<>();
    private MsrpStack alice;
    private MsrpStack bob;
    private int sliceBytes = 4096;

    @BeforeEach
    void setUp() {
        loop = new VirtualScheduler();
        bob = stack("bob.test", 2855, MsrpStack.builder());
        alice = stack("alice.test", 2856, MsrpStack.builder().chunkSize(1000));
    }

    private MsrpStack stack(String host, int port, MsrpStack.Builder b) {
        MsrpStack[] self = new MsrpStack[1];
        MsrpStack.Dialer dialer = (target, listener) -> {
            PipeLink[] pair = PipeLink.pair(loop, sliceBytes);
            links.add(pair);
            MsrpStack peer = target.host().equals("bob.test") ? bob : alice;
            pair[0].listener(listener);
            pair[1].listener(new ConnectionHandler(peer, pair[1]));
            return pair[0];
        };
        self[0] = MsrpStack.forTest(loop, Runnable::run, dialer, host, port, b);
        return self[0];
    }

    private static <T> T done(CompletableFuture<T> f) {
        assertTrue(f.isDone(), "future not complete");
        return f.join();
    }

    private static Throwable failure(CompletableFuture<?> f) {
        assertTrue(f.isCompletedExceptionally(), "future did not fail: " + f);
        try {
            f.get();
            throw new AssertionError("unreachable");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return e;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** A bound pair: alice active, bob passive. */
    private MsrpSession[] pair() {
        MsrpSession a = alice.newSession();
        MsrpSession b = bob.newSession();
        loop.runPending();
        CompletableFuture<MsrpSession> accepted = b.accept(a.localPath());
        CompletableFuture<MsrpSession> connected = a.connect(b.localPath());
        loop.runPending();
        assertSame(a, done(connected));
        assertSame(b, done(accepted));
        return new MsrpSession[] {a, b};
    }

    @Test
    void activeSideBindsWithAnEmptySendAndBothSidesAreBound() {
        MsrpSession[] s = pair();
        assertEquals(1, links.size());
        assertEquals(List.of(s[1].localUri()), s[0].remotePath());
        assertTrue(s[0].localUri().sessionId().length() >= 20, "session-id carries >= 80 random bits");
    }

    @Test
    void textMessageArrivesAndTheSenderLearnsOfItsDelivery() {
        MsrpSession[] s = pair();
        List<ReceivedMessage> got = new ArrayList<>();
        s[1].onMessage(got::add);
        Transfer t = s[0].send("hello bob");
        loop.runPending();
        assertEquals(1, got.size());
        assertEquals("hello bob", got.get(0).text());
        assertEquals("text/plain;charset=UTF-8", got.get(0).contentType());
        assertEquals(t.messageId(), got.get(0).messageId());
        Delivery d = done(t.completion());
        assertTrue(d.delivered());
        assertEquals(9, d.acknowledgedBytes());
        assertFalse(d.local());
    }

    @Test
    void largeMessageGoesInChunksAndIsReassembledByteExact() {
        sliceBytes = 777;
        MsrpSession[] s = pair();
        byte[] body = new byte[300_000];
        new Random(7).nextBytes(body);
        List<ReceivedMessage> got = new ArrayList<>();
        List<Progress> acked = new ArrayList<>();
        s[1].onMessage(got::add);
        Transfer t = s[0].send("application/octet-stream", BodySource.of(body)).onAcknowledged(acked::add);
        loop.runPending();
        assertEquals(1, got.size());
        assertArrayEquals(body, got.get(0).body());
        assertEquals(200, done(t.completion()).status());
        assertEquals(300, acked.size(), "one 200 per 1000-byte chunk");
        assertEquals(300_000, acked.get(acked.size() - 1).bytes());
    }

    @Test
    void successReportYesCompletesOnTheReport() {
        MsrpSession[] s = pair();
        Transfer t = s[0].message("text/plain", BodySource.of(new byte[2500])).successReport(true).send();
        loop.runPending();
        Delivery d = done(t.completion());
        assertEquals(200, d.status());
        assertEquals(2500, d.acknowledgedBytes());
    }

    @Test
    void failureReportNoCompletesOnceWrittenWithoutResponses() {
        MsrpSession[] s = pair();
        links.get(0)[1].blackhole(); // bob's answers are lost: nothing must wait for them
        Transfer t = s[0].message("text/plain", BodySource.of(new byte[10])).failureReport(FailureReport.NO).send();
        loop.runPending();
        Delivery d = done(t.completion());
        assertTrue(d.local());
        loop.advance(31 * SECOND);
        assertEquals(0, loop.timerCount(), "no transaction waits for a response to Failure-Report: no");
        assertEquals(200, d.status());
    }

    @Test
    void noResponseWithinThirtySecondsGivesALocal408() {
        MsrpSession[] s = pair();
        links.get(0)[1].blackhole();
        Transfer t = s[0].send("anyone there?");
        loop.runPending();
        loop.advance(29 * SECOND);
        assertFalse(t.completion().isDone());
        loop.advance(2 * SECOND);
        Delivery d = done(t.completion());
        assertEquals(408, d.status());
        assertTrue(d.local());
    }

    @Test
    void connectingToAnUnknownSessionFailsWith481() {
        MsrpSession a = alice.newSession();
        loop.runPending();
        MsrpUri nobody = MsrpUri.parse("msrp://bob.test:2855/nosuchsession;tcp");
        CompletableFuture<MsrpSession> f = a.connect(List.of(nobody));
        loop.runPending();
        Throwable e = failure(f);
        assertTrue(e instanceof MsrpException && e.getMessage().contains("481"), e.getMessage());
        assertTrue(a.closed().isDone());
    }

    @Test
    void aPeerWhoseFromPathIsNotTheExpectedOneIsRefusedWith403() {
        MsrpSession a = alice.newSession();
        MsrpSession b = bob.newSession();
        loop.runPending();
        b.accept(List.of(MsrpUri.parse("msrp://alice.test:2856/someoneelse;tcp")));
        CompletableFuture<MsrpSession> f = a.connect(b.localPath());
        loop.runPending();
        assertTrue(failure(f).getMessage().contains("403"));
        assertFalse(b.bound().isDone());
    }

    @Test
    void aSecondConnectionForABoundSessionGets506() {
        MsrpSession[] s = pair();
        MsrpSession intruder = bobSideIntruder(s[1]);
        assertTrue(failure(intruder.bound()).getMessage().contains("506"));
    }

    /** A session on a third stack that claims alice's URI space and connects to bob's bound session. */
    private MsrpSession bobSideIntruder(MsrpSession target) {
        MsrpStack carol = stack("carol.test", 2857, MsrpStack.builder());
        MsrpSession c = carol.newSession();
        loop.runPending();
        c.connect(target.localPath());
        loop.runPending();
        return c;
    }

    @Test
    void sessionsToTheSamePeerShareOneConnection() {
        pair();
        pair();
        assertEquals(1, links.size());
    }

    @Test
    void aMessageOverMaxSizeIsRefusedWith413() {
        bob = stack("bob.test", 2855, MsrpStack.builder().limits(MsrpLimits.builder().maxMessageBytes(5000).build()));
        MsrpSession[] s = pair();
        Transfer t = s[0].send("application/octet-stream", BodySource.of(new byte[6000]));
        loop.runPending();
        assertEquals(413, done(t.completion()).status());
    }

    @Test
    void cancelAbortsTheMessageOnBothSides() {
        sliceBytes = 1500;
        MsrpSession[] s = pair();
        List<String> aborted = new ArrayList<>();
        List<ReceivedMessage> got = new ArrayList<>();
        s[1].onAborted(aborted::add).onMessage(got::add);
        Transfer t = s[0].send("application/octet-stream", BodySource.of(new byte[50_000]));
        loop.runTasks(20);
        t.cancel();
        loop.runPending();
        assertTrue(failure(t.completion()) instanceof CancellationException);
        assertEquals(List.of(t.messageId()), aborted);
        assertTrue(got.isEmpty());
    }

    @Test
    void closingASessionFailsWhatIsInFlight() {
        MsrpSession[] s = pair();
        links.get(0)[1].blackhole();
        Transfer t = s[0].send("pending");
        loop.runPending();
        s[0].close();
        loop.runPending();
        assertTrue(failure(t.completion()) instanceof MsrpException);
        assertTrue(s[0].closed().isDone());
    }

    @Test
    void losingTheConnectionClosesItsSessions() {
        MsrpSession[] s = pair();
        links.get(0)[0].close(new java.io.IOException("reset"));
        loop.runPending();
        assertTrue(s[0].closed().isDone());
        assertTrue(s[1].closed().isDone());
    }

    @Test
    void messagesSentBeforeTheBindingWaitForIt() {
        MsrpSession a = alice.newSession();
        MsrpSession b = bob.newSession();
        loop.runPending();
        List<ReceivedMessage> got = new ArrayList<>();
        b.onMessage(got::add).acceptAny();
        Transfer t = a.send("early");
        a.connect(b.localPath());
        loop.runPending();
        assertEquals(1, got.size());
        assertNotNull(done(t.completion()));
        assertEquals(List.of(a.localUri()), b.remotePath());
    }

    @Test
    void aTypeOutsideAcceptTypesIsRefusedWith415() {
        MsrpSession[] s = pair();
        List<ReceivedMessage> got = new ArrayList<>();
        s[1].acceptTypes(io.sipim.msrp.sdp.AcceptTypes.of("text/plain", "message/cpim")).onMessage(got::add);
        Transfer refused = s[0].send("image/png", BodySource.of(new byte[10]));
        Transfer welcome = s[0].send("text/plain", BodySource.of(new byte[10]));
        loop.runPending();
        assertEquals(415, done(refused.completion()).status());
        assertEquals(200, done(welcome.completion()).status());
        assertEquals(1, got.size());
    }

    /** Writes {@code frame} into bob's stack over a fresh link and returns what bob answers. */
    private String rawToBob(String frame) {
        PipeLink[] pair = PipeLink.pair(loop, 4096);
        java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
        pair[1].tap(answer);
        byte[] bytes = frame.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        pair[0].listener(new io.sipim.msrp.internal.net.Link.Listener() {
            private boolean sent;

            @Override
            public void received(io.sipim.msrp.internal.net.Link l, java.nio.ByteBuffer data) {
            }

            @Override
            public boolean fill(io.sipim.msrp.internal.net.Link l, java.nio.ByteBuffer out) {
                if (!sent) {
                    out.put(bytes);
                    sent = true;
                }
                return false;
            }

            @Override
            public void opened(io.sipim.msrp.internal.net.Link l) {
            }

            @Override
            public void closed(io.sipim.msrp.internal.net.Link l, java.io.IOException cause) {
            }
        });
        pair[1].listener(new ConnectionHandler(bob, pair[1]));
        pair[0].writable();
        loop.runPending();
        return answer.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aMalformedSendWhosePathsCanBeReadGets400AndTheConnectionGoesOn() {
        MsrpSession b = bob.newSession();
        loop.runPending();
        b.acceptAny();
        String answer = rawToBob("MSRP t1234 SEND\r\nTo-Path: " + b.localUri() + "\r\nFrom-Path: msrp://x.test:1/s1;tcp\r\n"
                + "Message-ID: m1234\r\nByte-Range: 1-x/5\r\n-------t1234$\r\n"
                + "MSRP t5678 SEND\r\nTo-Path: msrp://bob.test:2855/unknown;tcp\r\nFrom-Path: msrp://x.test:1/s1;tcp\r\n"
                + "Message-ID: m2345\r\nByte-Range: 1-0/0\r\n-------t5678$\r\n");
        assertTrue(answer.startsWith("MSRP t1234 400 "), "[" + answer + "]");
        assertTrue(answer.contains("To-Path: msrp://x.test:1/s1;tcp\r\nFrom-Path: " + b.localUri() + "\r\n"), answer);
        assertTrue(answer.contains("MSRP t5678 481 "), "the next frame is read and answered: " + answer);
    }

    @Test
    void anUnknownMethodGets501AndAReportIsNeverAnswered() {
        MsrpSession b = bob.newSession();
        loop.runPending();
        b.acceptAny();
        String answer = rawToBob("MSRP t1111 FOO\r\nTo-Path: " + b.localUri() + "\r\nFrom-Path: msrp://x.test:1/s1;tcp\r\n"
                + "-------t1111$\r\n"
                + "MSRP t2222 REPORT\r\nTo-Path: " + b.localUri() + "\r\nFrom-Path: msrp://x.test:1/s1;tcp\r\n"
                + "Message-ID: m9876\r\nByte-Range: 1-5/5\r\nStatus: 000 200 OK\r\n-------t2222$\r\n"
                + "MSRP t3333 REPORT\r\nTo-Path: " + b.localUri() + "\r\nFrom-Path: msrp://x.test:1/s1;tcp\r\n"
                + "Message-ID: m9876\r\nByte-Range: 1-5/5\r\nStatus: bad\r\n-------t3333$\r\n");
        assertTrue(answer.startsWith("MSRP t1111 501 "), answer);
        assertFalse(answer.contains("t2222") || answer.contains("t3333"), "no answer to a REPORT: [" + answer + "]");
    }

    @Test
    void transactionTimeoutIsConfigurable() {
        alice = stack("alice.test", 2856, MsrpStack.builder().transactionTimeout(Duration.ofSeconds(5)));
        MsrpSession[] s = pair();
        links.get(links.size() - 1)[1].blackhole();
        Transfer t = s[0].send("x");
        loop.runPending();
        loop.advance(6 * SECOND);
        assertEquals(408, done(t.completion()).status());
    }
}
