package io.sipim.examples;

import io.sipim.msrp.relay.MsrpRelay;
import io.sipim.msrp.sdp.FileSelector;
import io.sipim.msrp.session.Delivery;
import io.sipim.msrp.session.FileTransfer;
import io.sipim.msrp.session.MsrpSession;
import io.sipim.msrp.session.MsrpStack;
import io.sipim.msrp.session.ReceivedMessage;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The session-mode half of {@code demo}: an MSRP relay (RFC 4976), alice and bob authenticating at
 * it, a chat message and a 1 MiB file (RFC 5547, SHA-1 checked) between them through the relay.
 * The paths would normally travel in SIP's SDP; here they are handed over directly.
 */
final class MsrpDemo {
    private final PrintStream out;

    MsrpDemo(PrintStream out) {
        this.out = out;
    }

    /** Runs the exchange; returns false (after printing FAILED) if any step fails. */
    boolean run() throws Exception {
        Path dir = Files.createTempDirectory("sipim-demo");
        try (MsrpRelay relay = MsrpRelay.builder().listen(new InetSocketAddress("127.0.0.1", 0)).realm("sipim.test")
                .users(Map.of("alice", "secret", "bob", "secret")).start();
             MsrpStack alice = MsrpStack.builder().relay(relay.uri(), "alice", "secret").build();
             MsrpStack bob = MsrpStack.builder().relay(relay.uri(), "bob", "secret").build()) {
            out.println("relay    MSRP relay " + relay.uri() + " (RFC 4976, digest AUTH)");
            MsrpSession a = alice.newSession();
            MsrpSession b = bob.newSession();
            out.println("alice    MSRP a=path " + a.localPath());
            out.println("bob      MSRP a=path " + b.localPath());
            CompletableFuture<ReceivedMessage> chat = new CompletableFuture<>();
            b.onMessage(chat::complete).accept(a.localPath());
            a.connect(b.localPath()).get(20, TimeUnit.SECONDS);
            Delivery d = a.send("Here is the menu.").completion().get(20, TimeUnit.SECONDS);
            out.println("alice    MSRP SEND text/plain -> " + d.status() + " " + d.comment());
            out.println("bob      MSRP message text=" + chat.get(20, TimeUnit.SECONDS).text());

            byte[] content = new byte[1024 * 1024];
            new Random(1).nextBytes(content);
            Path file = Files.write(dir.resolve("menu.pdf"), content);
            Path inbox = Files.createDirectories(dir.resolve("bob"));
            FileSelector offer = FileTransfer.describe(file, "application/pdf");
            FileTransfer.Receiving r = FileTransfer.receive(b, offer, inbox);
            d = FileTransfer.send(a, file, offer).completion().get(60, TimeUnit.SECONDS);
            out.println("alice    MSRP file menu.pdf " + content.length + " bytes -> " + d.status() + " " + d.comment());
            Path saved = r.file().get(60, TimeUnit.SECONDS);
            out.println("bob      MSRP file " + saved.getFileName() + " " + Files.size(saved) + " bytes, size and sha-1 checked");
            return d.delivered();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
