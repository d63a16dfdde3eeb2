package io.sipim.examples;

import io.sipim.sip.message.SipMessage;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.parse.SipParseException;
import io.sipim.sip.parse.SipParser;
import io.sipim.sip.parse.SipStreamDecoder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lint [--stream] FILE...}: validates SIP messages the way a receiving server does;
 * {@code lint --msrp [--stream] FILE...} validates MSRP frames (see {@link MsrpLint}).
 *
 * <p>Each FILE is one UDP datagram (default) or a TCP byte stream ({@code --stream}) that may hold
 * several messages. Prints {@code OK <METHOD or status code> <Call-ID>} per valid message and
 * {@code ERROR <file>:<line>:<column>: <reason> (would answer <code>)} per invalid one. Exit
 * status: 0 when all are valid, 1 when any is invalid, 2 on a usage error.
 */
final class LintCommand {
    private final PrintStream out;
    private final PrintStream err;

    LintCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        boolean stream = false;
        boolean msrp = false;
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--stream")) {
                stream = true;
            } else if (a.equals("--msrp")) {
                msrp = true;
            } else if (a.startsWith("-") && !a.equals("-")) {
                err.println("sipim lint: unknown option " + a);
                return usage();
            } else {
                files.add(Path.of(a));
            }
        }
        if (files.isEmpty()) {
            return usage();
        }
        List<byte[]> contents = new ArrayList<>();
        for (Path f : files) {
            try {
                contents.add(Files.readAllBytes(f));
            } catch (IOException e) {
                err.println("sipim lint: cannot read " + f + ": " + e.getMessage());
                return usage();
            }
        }
        boolean allValid = true;
        for (int i = 0; i < files.size(); i++) {
            allValid &= msrp ? new MsrpLint(out).lint(files.get(i), contents.get(i))
                    : stream ? lintStream(files.get(i), contents.get(i)) : lintDatagram(files.get(i), contents.get(i));
        }
        return allValid ? Main.OK : Main.INVALID;
    }

    private boolean lintDatagram(Path file, byte[] bytes) {
        try {
            ok(new SipParser().parseDatagram(bytes));
            return true;
        } catch (SipParseException e) {
            error(file, bytes, e);
            return false;
        }
    }

    private boolean lintStream(Path file, byte[] bytes) {
        boolean[] valid = {true};
        SipStreamDecoder decoder = new SipStreamDecoder(new SipStreamDecoder.Listener() {
            @Override
            public void onMessage(SipMessage message) {
                ok(message);
            }

            @Override
            public void onError(SipParseException error, boolean fatal) {
                valid[0] = false;
                error(file, bytes, error);
            }
        });
        decoder.feed(bytes, 0, bytes.length);
        if (!decoder.isFailed() && decoder.buffered() > 0) {
            valid[0] = false;
            long at = bytes.length - decoder.buffered();
            error(file, bytes, new SipParseException("stream ends inside a message (" + decoder.buffered()
                    + " bytes left)", 400, at));
        }
        return valid[0];
    }

    private void ok(SipMessage m) {
        String what = m instanceof SipRequest r ? r.method() : String.valueOf(((SipResponse) m).status());
        out.println("OK " + what + " " + m.callId());
    }

    /** Line and column are computed from the byte offset in the file, so they hold for streams too. */
    private void error(Path file, byte[] bytes, SipParseException e) {
        long offset = Math.max(0, Math.min(e.offset(), bytes.length));
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String where = e.header() != null ? " in " + e.header() : "";
        out.println("ERROR " + file + ":" + line + ":" + (offset - lineStart + 1) + ": " + e.reason() + where
                + " (would answer " + e.status() + ")");
    }

    private int usage() {
        err.println("usage: java -jar sipim-examples.jar lint [--stream] FILE...");
        err.println("       java -jar sipim-examples.jar lint --msrp [--stream] FILE...");
        return Main.USAGE;
    }
}
