package io.sipim.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.internal.relay.RelayAccess;
import io.sipim.msrp.internal.relay.RelayChannel;
import io.sipim.msrp.message.ByteRange;
import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.parse.MsrpEncoder;
import io.sipim.msrp.relay.RelayBinding;
import io.sipim.msrp.relay.RelayClient;
import io.sipim.msrp.relay.RelayException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The {@code msrp-relay} command contract: flags, the READY line and one line per AUTH. */
class MsrpRelayCommandTest {

    @Test
    @DisplayName("msrp-relay prints READY with its MSRP URI and one line per AUTH and forwarded message; relay clients bind through it")
    void relayLogsAuth() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        PipedInputStream in = new PipedInputStream(1 << 16);
        PrintStream out = new PrintStream(new PipedOutputStream(in), true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> relay = CompletableFuture.supplyAsync(() -> new MsrpRelayCommand(out, System.err)
                .run(new String[] {"--listen", "127.0.0.1:0", "--users", "alice:secret,bob:secret2", "--realm", "relay.test"}, stop));
        Thread reader = new Thread(() -> {
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the command's stream closed
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            String ready = lines.poll(20, TimeUnit.SECONDS);
            assertTrue(ready != null && ready.matches("READY msrp://127\\.0\\.0\\.1:\\d+;tcp"), String.valueOf(ready));
            MsrpUri uri = MsrpUri.parse(ready.substring("READY ".length()));
            try (RelayClient alice = RelayClient.builder().relay(uri).credentials("alice", "secret").build();
                 RelayClient bob = RelayClient.builder().relay(uri).credentials("bob", "secret2").build();
                 RelayClient mallory = RelayClient.builder().relay(uri).credentials("bob", "wrong").build()) {
                RelayBinding a = alice.connect().get(10, TimeUnit.SECONDS);
                assertEquals("AUTH - 401", lines.poll(10, TimeUnit.SECONDS));
                assertEquals("AUTH alice 200 " + a.usePath().get(0) + " expires=900", lines.poll(10, TimeUnit.SECONDS));
                RelayBinding b = bob.connect().get(10, TimeUnit.SECONDS);
                assertEquals("AUTH - 401", lines.poll(10, TimeUnit.SECONDS));
                assertEquals("AUTH bob 200 " + b.usePath().get(0) + " expires=900", lines.poll(10, TimeUnit.SECONDS));
                ExecutionException e = assertThrows(ExecutionException.class, () -> mallory.connect().get(10, TimeUnit.SECONDS));
                assertInstanceOf(RelayException.class, e.getCause());
                assertEquals("AUTH - 401", lines.poll(10, TimeUnit.SECONDS));
                assertEquals("AUTH bob 401", lines.poll(10, TimeUnit.SECONDS));

                // A SEND from alice's relay connection to bob's URI behind the relay is logged as forwarded.
                MsrpUri aliceUri = MsrpUri.parse("msrp://alice.example:7777/as1;tcp");
                MsrpUri bobUri = MsrpUri.parse("msrp://bob.example:7777/bs1;tcp");
                RelayChannel channel = RelayAccess.channel(alice);
                byte[] text = "hi".getBytes(StandardCharsets.UTF_8);
                channel.scheduler().execute(() -> channel.send(MsrpEncoder.encode(MsrpRequest.builder(MsrpRequest.SEND)
                        .transactionId("tx000001").toPath(a.usePath().get(0), b.usePath().get(0), bobUri).fromPath(aliceUri)
                        .messageId("msg00001").byteRange(ByteRange.whole(2)).contentType("text/plain").build(), text,
                        ContinuationFlag.END)));
                assertEquals("FORWARD SEND msg00001 " + aliceUri + " -> " + bobUri + " 1-2/2", lines.poll(10, TimeUnit.SECONDS));
            }
        } finally {
            stop.countDown();
        }
        assertEquals(Main.OK, relay.get(10, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("msrp-relay without --users is a usage error (exit 2)")
    void usage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new MsrpRelayCommand(System.out, new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"--listen", "127.0.0.1:0"}, new CountDownLatch(0));
        assertEquals(Main.USAGE, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: msrp-relay"));
    }
}
