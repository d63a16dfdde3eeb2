package io.sipim.msrp.internal.relay;

import io.sipim.msrp.message.ByteRange;
import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpHeader;
import io.sipim.msrp.message.MsrpRequest;
import java.nio.charset.StandardCharsets;

/**
 * The encoded head of the chunks that one incoming chunk is split into: every header line is
 * encoded once, and each outgoing chunk only writes its own transaction id and Byte-Range around
 * them (RFC 4975 §9 frame layout, as {@link io.sipim.msrp.parse.MsrpEncoder} writes it). Re-chunking
 * to 2048 bytes makes many chunks per message; building and checking a request value for each would
 * cost more than moving its body.
 */
final class ChunkHead {
    private static final byte[] CRLF = {'\r', '\n'};

    private final byte[] method;
    private final byte[] before;
    private final byte[] after;

    /** @param template the rewritten request; its Byte-Range line, if any, is replaced per chunk */
    ChunkHead(MsrpRequest template) {
        this.method = template.method().getBytes(StandardCharsets.US_ASCII);
        StringBuilder b = new StringBuilder(256);
        StringBuilder a = new StringBuilder(64);
        boolean seen = false;
        for (MsrpHeader h : template.headers()) {
            if (h.is(MsrpHeader.BYTE_RANGE)) {
                seen = true;
                continue;
            }
            (seen ? a : b).append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        this.before = b.toString().getBytes(StandardCharsets.UTF_8);
        this.after = a.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A whole chunk: start line, headers with {@code range}, blank line, body and end-line. */
    byte[] encode(String tid, ByteRange range, byte[] body, int length, ContinuationFlag flag) {
        byte[] t = tid.getBytes(StandardCharsets.US_ASCII);
        byte[] r = (MsrpHeader.BYTE_RANGE + ": " + range + "\r\n").getBytes(StandardCharsets.US_ASCII);
        int n = 5 + t.length + 1 + method.length + 2 + before.length + r.length + after.length + 2 + length
                + 2 + 7 + t.length + 1 + 2;
        byte[] out = new byte[n];
        int i = put(out, 0, "MSRP ".getBytes(StandardCharsets.US_ASCII));
        i = put(out, i, t);
        out[i++] = ' ';
        i = put(out, i, method);
        i = put(out, i, CRLF);
        i = put(out, i, before);
        i = put(out, i, r);
        i = put(out, i, after);
        i = put(out, i, CRLF);
        System.arraycopy(body, 0, out, i, length);
        i += length;
        i = put(out, i, CRLF);
        for (int k = 0; k < 7; k++) {
            out[i++] = '-';
        }
        i = put(out, i, t);
        out[i++] = (byte) flag.symbol();
        put(out, i, CRLF);
        return out;
    }

    private static int put(byte[] out, int at, byte[] src) {
        System.arraycopy(src, 0, out, at, src.length);
        return at + src.length;
    }
}
