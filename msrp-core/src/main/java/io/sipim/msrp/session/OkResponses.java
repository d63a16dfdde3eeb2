package io.sipim.msrp.session;

import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.parse.MsrpEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The 200 a receiver sends for every chunk (RFC 4975 §7.2) differs from the previous one only in
 * its transaction id while the paths stay the same, so it is written from a template: the encoded
 * response is cut around the transaction id once, and each answer is three array copies instead
 * of building, checking and encoding a response. Loop thread only.
 */
final class OkResponses {
    private String toPathValue;
    private String fromPathValue;
    private byte[] head;    // "MSRP "
    private byte[] middle;  // " 200 OK\r\nTo-Path: …\r\nFrom-Path: …\r\n-------"
    private byte[] tail;    // "$\r\n"

    /** The encoded 200 to {@code request}. */
    byte[] ok(MsrpRequest request) {
        String to = request.headers().get(0).value();
        String from = request.headers().get(1).value();
        if (!to.equals(toPathValue) || !from.equals(fromPathValue)) {
            prepare(request);
            toPathValue = to;
            fromPathValue = from;
        }
        byte[] tid = request.transactionId().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + tid.length + middle.length + tid.length + tail.length];
        int at = 0;
        System.arraycopy(head, 0, out, at, head.length);
        at += head.length;
        System.arraycopy(tid, 0, out, at, tid.length);
        at += tid.length;
        System.arraycopy(middle, 0, out, at, middle.length);
        at += middle.length;
        System.arraycopy(tid, 0, out, at, tid.length);
        at += tid.length;
        System.arraycopy(tail, 0, out, at, tail.length);
        return out;
    }

    /** Encodes one real response with a marker id and cuts it around the two places the id goes. */
    private void prepare(MsrpRequest request) {
        String marker = "zq0marker0qz";
        MsrpRequest probe = request.toBuilder().transactionId(marker).build();
        byte[] full = MsrpEncoder.encode(MsrpResponse.to(probe, 200).build());
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        int first = indexOf(full, m, 0);
        int second = indexOf(full, m, first + m.length);
        head = Arrays.copyOfRange(full, 0, first);
        middle = Arrays.copyOfRange(full, first + m.length, second);
        tail = Arrays.copyOfRange(full, second + m.length, full.length);
    }

    private static int indexOf(byte[] a, byte[] p, int from) {
        outer:
        for (int i = from; i <= a.length - p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                if (a[i + j] != p[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("marker not found in the encoded response");
    }
}
