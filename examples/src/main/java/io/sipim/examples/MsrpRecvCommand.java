package io.sipim.examples;

import io.sipim.msrp.message.MsrpHeader;
import io.sipim.msrp.session.BodySink;
import io.sipim.msrp.session.MsrpSession;
import io.sipim.msrp.session.MsrpStack;
import io.sipim.msrp.session.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * {@code msrp-recv [--listen HOST:PORT] --dir DIR}: waits for one MSRP session and saves every
 * message it carries into DIR, named by the {@code filename} of its Content-Disposition (or its
 * Message-ID). Prints {@code READY <msrp uri>} (the URI a sender connects to), then
 * {@code PROGRESS <file> <bytes>/<total>} at every tenth of a file and
 * {@code RECEIVED <file> <bytes> sha256=<hex>} when a file is complete; exits 0 when the sender
 * closes the session. Exit status 2 on usage errors, 1 when the address cannot be bound.
 */
final class MsrpRecvCommand {
    private final PrintStream out;
    private final PrintStream err;

    MsrpRecvCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 2855);
        Path dir = null;
        try {
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--listen" -> listen = MsrpSendCommand.hostPort(args[i + 1]);
                    case "--dir" -> dir = Path.of(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (dir == null) {
                throw new IllegalArgumentException("--dir is required");
            }
            Files.createDirectories(dir);
        } catch (IllegalArgumentException | IOException e) {
            err.println("msrp-recv: " + e.getMessage());
            err.println("usage: msrp-recv [--listen HOST:PORT] --dir DIR");
            return Main.USAGE;
        }
        MsrpStack stack;
        try {
            stack = MsrpStack.builder().listen(listen).build();
        } catch (RuntimeException e) {
            err.println("msrp-recv: cannot listen on " + listen + ": " + e.getMessage());
            return Main.INVALID;
        }
        try (stack) {
            Path target = dir;
            Map<String, Path> files = new ConcurrentHashMap<>();
            Map<String, Long> shown = new ConcurrentHashMap<>();
            MsrpSession session = stack.newSession();
            CountDownLatch ended = new CountDownLatch(1);
            session.onIncoming((id, type, total, headers) -> {
                Path file = target.resolve(fileName(id, headers));
                files.put(id, file);
                return BodySink.file(file);
            }).onReceiveProgress(p -> progress(p, files, shown)).onMessage(m -> {
                Path file = files.remove(m.messageId());
                if (file != null) {
                    out.println("RECEIVED " + file + " " + m.size() + " sha256=" + sha256(file));
                }
            }).onAborted(id -> out.println("ABORTED " + files.getOrDefault(id, Path.of(id))));
            session.closed().thenRun(ended::countDown);
            session.acceptAny();
            out.println("READY " + session.localUri());
            out.flush();
            ended.await();
            return Main.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.INVALID;
        }
    }

    private void progress(Progress p, Map<String, Path> files, Map<String, Long> shown) {
        Path file = files.get(p.messageId());
        if (file == null || !p.totalKnown() || p.total() == 0) {
            return;
        }
        long tenth = p.bytes() * 10 / p.total();
        Long before = shown.put(p.messageId(), tenth);
        if (before == null || before != tenth) {
            out.println("PROGRESS " + file + " " + p.bytes() + "/" + p.total());
        }
    }

    /** The Content-Disposition filename, reduced to a plain file name, or the Message-ID. */
    static String fileName(String messageId, List<MsrpHeader> headers) {
        for (MsrpHeader h : headers) {
            if (h.is(MsrpHeader.CONTENT_DISPOSITION)) {
                int at = h.value().indexOf("filename=");
                if (at >= 0) {
                    String name = h.value().substring(at + 9).split(";", 2)[0].trim();
                    if (name.startsWith("\"") && name.endsWith("\"") && name.length() >= 2) {
                        name = name.substring(1, name.length() - 1);
                    }
                    name = Path.of(name.replace('\\', '/')).getFileName() == null ? ""
                            : Path.of(name.replace('\\', '/')).getFileName().toString();
                    if (!name.isEmpty() && !name.equals("..") && !name.equals(".")) {
                        return name;
                    }
                }
            }
        }
        return messageId;
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unreadable:" + e.getMessage();
        }
    }
}
