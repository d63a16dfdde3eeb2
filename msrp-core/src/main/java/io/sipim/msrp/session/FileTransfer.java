package io.sipim.msrp.session;

import io.sipim.msrp.message.MsrpException;
import io.sipim.msrp.sdp.FileSelector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * File transfer over MSRP as RFC 5547 describes it: the sender describes the file in SDP with a
 * {@code file-selector} (name, type, size and {@code hash:sha-1}), sends it as one MSRP message, and
 * the receiver, who knows the selector from the offer, saves it to disk and checks size and hash.
 *
 * <pre>{@code
 * FileSelector offer = FileTransfer.describe(Path.of("cat.png"), "image/png");   // into a=file-selector
 * Transfer t = FileTransfer.send(session, Path.of("cat.png"), offer);            // sender
 * FileTransfer.Receiving r = FileTransfer.receive(peerSession, offer, downloads); // receiver
 * Path saved = r.file().join();                                                    // size and SHA-1 checked
 * }</pre>
 *
 * Either side can stop: the sender with {@link Transfer#cancel()} (the chunk in progress ends with
 * {@code #}), the receiver with {@link Receiving#cancel()} (its next answer is 413, RFC 4975 §7.3.1).
 */
public final class FileTransfer {
    private FileTransfer() {
    }

    /**
     * The file-selector for {@code file}: its name, the media type, its size and the SHA-1 of its
     * content (RFC 5547 §5), read once from disk.
     */
    public static FileSelector describe(Path file, String mediaType) {
        try (InputStream in = Files.newInputStream(file)) {
            return FileSelector.builder().name(file.getFileName().toString()).type(mediaType).size(Files.size(file))
                    .hash(FileSelector.Hash.sha1(in)).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Sends {@code file} as the message the selector describes (Content-Type from the selector, name in Content-Disposition). */
    public static Transfer send(MsrpSession session, Path file, FileSelector selector) {
        try {
            String name = selector.name().orElse(file.getFileName().toString());
            return session.message(selector.type().orElse("application/octet-stream"), BodySource.of(file))
                    .header("Content-Disposition", "attachment; filename=\"" + name.replace("\"", "") + "\"")
                    .send();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Receives the file the selector describes on {@code session} into {@code directory}, under the
     * selector's name reduced to a plain file name. The next message on the session is taken as the
     * file.
     */
    public static Receiving receive(MsrpSession session, FileSelector selector, Path directory) {
        String name = selector.name().map(n -> Path.of(n.replace('\\', '/')).getFileName())
                .map(Path::toString).filter(n -> !n.isEmpty() && !n.equals("..")).orElse("received.bin");
        Path target = directory.resolve(name);
        Receiving r = new Receiving(session, target);
        session.onIncoming((id, type, total, headers) -> {
            r.messageId = id;
            if (selector.size().isPresent() && total >= 0 && total != selector.size().getAsLong()) {
                r.file.completeExceptionally(new MsrpException("message of " + total
                        + " bytes does not match the file-selector size " + selector.size().getAsLong()));
            }
            return BodySink.file(target);
        }).onAborted(id -> {
            if (id.equals(r.messageId)) {
                r.file.completeExceptionally(new MsrpException("the transfer of " + target.getFileName() + " was aborted"));
            }
        }).onMessage(m -> {
            if (!m.messageId().equals(r.messageId) || r.file.isDone()) {
                return;
            }
            try {
                check(selector, target, m.size());
                r.file.complete(target);
            } catch (IOException | MsrpException e) {
                try {
                    Files.deleteIfExists(target);
                } catch (IOException ignored) {
                    // the failure below is what matters
                }
                r.file.completeExceptionally(e);
            }
        });
        return r;
    }

    private static void check(FileSelector selector, Path file, long size) throws IOException {
        if (selector.size().isPresent() && selector.size().getAsLong() != size) {
            throw new MsrpException("received " + size + " bytes, the file-selector says " + selector.size().getAsLong());
        }
        if (selector.hash().isPresent()) {
            FileSelector.Hash expected = selector.hash().get();
            FileSelector.Hash actual;
            try (InputStream in = Files.newInputStream(file)) {
                actual = FileSelector.Hash.sha1(in);
            }
            if (!expected.algorithm().equalsIgnoreCase(actual.algorithm())
                    || !Arrays.equals(expected.value(), actual.value())) {
                throw new MsrpException("the received file's " + actual.algorithm() + " hash does not match the file-selector");
            }
        }
    }

    /** A file being received: its future and the receiver's cancel. */
    public static final class Receiving {
        private final MsrpSession session;
        private final Path target;
        private final CompletableFuture<Path> file = new CompletableFuture<>();
        private volatile String messageId;

        private Receiving(MsrpSession session, Path target) {
            this.session = session;
            this.target = target;
        }

        /** Completes with the saved file once size and hash are checked; fails on a mismatch or an abort. */
        public CompletableFuture<Path> file() {
            return file;
        }

        /** Where the file goes. */
        public Path target() {
            return target;
        }

        /** Stops the transfer from the receiving side; what arrived is deleted. */
        public void cancel() {
            String id = messageId;
            if (id != null) {
                session.cancelIncoming(id);
            }
            file.completeExceptionally(new java.util.concurrent.CancellationException("receiver cancelled"));
        }
    }
}
