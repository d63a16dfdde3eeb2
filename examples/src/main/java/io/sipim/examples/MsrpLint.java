package io.sipim.examples;

import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.parse.MsrpLimits;
import io.sipim.msrp.parse.MsrpParser;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * {@code lint --msrp FILE...}: each FILE is a byte stream of MSRP frames (RFC 4975 §7), read as
 * a receiving endpoint reads a connection ({@code --stream} is implied). Prints
 * {@code OK <METHOD or status> <transaction-id>} per frame once its end-line is read, and
 * {@code ERROR <file>:<offset>: <reason>} for a malformed frame (the parser skips it and goes on),
 * for input that cannot be framed (reading stops) and for a stream cut inside a frame.
 */
final class MsrpLint {
    private final PrintStream out;

    MsrpLint(PrintStream out) {
        this.out = out;
    }

    /** Whether every frame of {@code bytes} is valid. */
    boolean lint(Path file, byte[] bytes) {
        boolean[] valid = {true};
        MsrpParser parser = new MsrpParser(MsrpLimits.DEFAULT, new MsrpParser.Handler() {
            private String pending;

            @Override
            public void request(MsrpRequest request, boolean hasBody) {
                pending = "OK " + request.method() + " " + request.transactionId();
            }

            @Override
            public void body(ByteBuffer data) {
            }

            @Override
            public void end(ContinuationFlag flag) {
                out.println(pending);
            }

            @Override
            public void response(MsrpResponse response) {
                out.println("OK " + response.code() + " " + response.transactionId());
            }

            @Override
            public void badRequest(MsrpParseException e) {
                valid[0] = false;
                error(file, e);
            }

            @Override
            public void badResponse(MsrpParseException e) {
                badRequest(e);
            }
        });
        try {
            parser.parse(ByteBuffer.wrap(bytes));
            parser.finish();
        } catch (MsrpParseException e) {
            valid[0] = false;
            error(file, e);
        }
        return valid[0];
    }

    private void error(Path file, MsrpParseException e) {
        out.println("ERROR " + file + ":" + e.offset() + ": " + e.reason());
    }
}
