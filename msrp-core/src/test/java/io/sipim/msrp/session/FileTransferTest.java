package io.sipim.msrp.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.sdp.FileSelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 5547 file transfer: file-selector with SHA-1, saved to disk and checked, cancel from either side. */
class FileTransferTest {
    @TempDir
    Path dir;

    private VirtualScheduler loop;
    private MsrpStack alice;
    private MsrpStack bob;
    private MsrpSession a;
    private MsrpSession b;
    private Path file;
    private byte[] content;

    @BeforeEach
    void setUp() throws Exception {
        loop = new VirtualScheduler();
        MsrpStack[] peer = new MsrpStack[1];
        alice = MsrpStack.forTest(loop, Runnable::run, (target, listener) -> {
            PipeLink[] pair = PipeLink.pair(loop, 3000);
            pair[0].listener(listener);
            pair[1].listener(new ConnectionHandler(peer[0], pair[1]));
            return pair[0];
        }, "alice.test", 2855, MsrpStack.builder().chunkSize(2048));
        bob = MsrpStack.forTest(loop, Runnable::run, null, "bob.test", 2855, MsrpStack.builder());
        peer[0] = bob;
        a = alice.newSession();
        b = bob.newSession();
        loop.runPending();
        b.accept(a.localPath());
        a.connect(b.localPath());
        loop.runPending();
        content = new byte[100_000];
        new Random(5).nextBytes(content);
        file = Files.write(dir.resolve("cat.png"), content);
        Files.createDirectories(dir.resolve("in"));
    }

    @Test
    void theFileArrivesOnDiskWithItsSizeAndSha1Checked() throws Exception {
        FileSelector offer = FileTransfer.describe(file, "image/png");
        assertEquals("cat.png", offer.name().orElseThrow());
        assertEquals(100_000, offer.size().getAsLong());
        assertTrue(offer.hash().orElseThrow().matches(content));
        FileTransfer.Receiving r = FileTransfer.receive(b, FileSelector.parse(offer.value()), dir.resolve("in"));
        Transfer t = FileTransfer.send(a, file, offer);
        loop.runPending();
        assertTrue(done(t).delivered());
        Path saved = r.file().join();
        assertEquals(dir.resolve("in").resolve("cat.png"), saved);
        assertArrayEquals(content, Files.readAllBytes(saved));
    }

    @Test
    void aFileWhoseHashDoesNotMatchTheSelectorIsRefusedAndDeleted() throws Exception {
        FileSelector offer = FileTransfer.describe(file, "image/png");
        Files.write(file, new byte[100_000]); // same size, other content
        FileTransfer.Receiving r = FileTransfer.receive(b, offer, dir.resolve("in"));
        FileTransfer.send(a, file, offer);
        loop.runPending();
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, () -> r.file().join());
        assertTrue(e.getCause().getMessage().contains("hash"), e.getCause().getMessage());
        assertFalse(Files.exists(r.target()));
    }

    @Test
    void theReceiverCancelsAndTheSenderStopsWith413() {
        FileSelector offer = FileTransfer.describe(file, "image/png");
        FileTransfer.Receiving r = FileTransfer.receive(b, offer, dir.resolve("in"));
        Transfer t = FileTransfer.send(a, file, offer);
        loop.runTasks(12);
        r.cancel();
        loop.runPending();
        assertEquals(413, done(t).status());
        assertTrue(r.file().isCompletedExceptionally());
        assertFalse(Files.exists(r.target()), "what arrived is deleted");
    }

    @Test
    void theSenderCancelsAndTheReceiverHearsOfTheAbort() {
        FileSelector offer = FileTransfer.describe(file, "image/png");
        FileTransfer.Receiving r = FileTransfer.receive(b, offer, dir.resolve("in"));
        Transfer t = FileTransfer.send(a, file, offer);
        loop.runTasks(12);
        t.cancel();
        loop.runPending();
        assertTrue(t.completion().isCompletedExceptionally());
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, () -> r.file().join());
        assertTrue(e.getCause().getMessage().contains("aborted"), e.getCause().getMessage());
        assertFalse(Files.exists(r.target()));
    }

    private static Delivery done(Transfer t) {
        assertTrue(t.completion().isDone(), "transfer not complete");
        try {
            return t.completion().join();
        } catch (CancellationException e) {
            throw new AssertionError(e);
        }
    }
}
