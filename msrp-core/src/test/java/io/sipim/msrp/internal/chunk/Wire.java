package io.sipim.msrp.internal.chunk;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpHeader;
import io.sipim.msrp.message.MsrpRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A deliberately naive reader of a whole MSRP byte stream, for checking what the chunker writes
 * independently of the real parser: each frame's body ends at the first {@code CRLF -------tid}
 * followed by a flag, as RFC 4975 §7.1 has a receiver look for it.
 */
final class Wire {
    record Frame(String tid, String startLine, List<MsrpHeader> headers, byte[] body, ContinuationFlag flag,
                 String text) {
        MsrpRequest request() {
            return MsrpRequest.of(tid, "SEND", headers);
        }

        boolean isSend() {
            return startLine.endsWith(" SEND");
        }

        String header(String name) {
            for (MsrpHeader h : headers) {
                if (h.is(name)) {
                    return h.value();
                }
            }
            return null;
        }
    }

    private Wire() {
    }

    static List<Frame> decode(byte[] stream) {
        List<Frame> frames = new ArrayList<>();
        int at = 0;
        while (at < stream.length) {
            int lineEnd = indexOf(stream, "\r\n".getBytes(ISO_8859_1), at);
            String startLine = new String(stream, at, lineEnd - at, ISO_8859_1);
            String[] parts = startLine.split(" ");
            if (!parts[0].equals("MSRP")) {
                throw new AssertionError("no MSRP start line at " + at + ": " + startLine);
            }
            String tid = parts[1];
            byte[] endLine = ("-------" + tid).getBytes(ISO_8859_1);
            List<MsrpHeader> headers = new ArrayList<>();
            int p = lineEnd + 2;
            byte[] body = null;
            int endAt;
            while (true) {
                if (startsWith(stream, p, endLine)) {
                    endAt = p;
                    break;
                }
                int e = indexOf(stream, "\r\n".getBytes(ISO_8859_1), p);
                if (e == p) {
                    int bodyStart = p + 2;
                    int q = bodyStart;
                    while (true) {
                        q = indexOf(stream, ("\r\n-------" + tid).getBytes(ISO_8859_1), q);
                        if (q < 0) {
                            throw new AssertionError("no end-line for " + tid);
                        }
                        if (ContinuationFlag.of(stream[q + 2 + endLine.length]) != null) {
                            break;
                        }
                        q++;
                    }
                    body = Arrays.copyOfRange(stream, bodyStart, q);
                    endAt = q + 2;
                    break;
                }
                String line = new String(stream, p, e - p, ISO_8859_1);
                int colon = line.indexOf(": ");
                headers.add(new MsrpHeader(line.substring(0, colon), line.substring(colon + 2)));
                p = e + 2;
            }
            ContinuationFlag flag = ContinuationFlag.of(stream[endAt + endLine.length]);
            int next = endAt + endLine.length + 3;
            if (stream[next - 2] != '\r' || stream[next - 1] != '\n') {
                throw new AssertionError("end-line of " + tid + " not followed by CRLF");
            }
            frames.add(new Frame(tid, startLine, headers, body, flag, new String(stream, at, next - at, ISO_8859_1)));
            at = next;
        }
        return frames;
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= hay.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean startsWith(byte[] hay, int at, byte[] prefix) {
        return at + prefix.length <= hay.length && indexOf(Arrays.copyOfRange(hay, at, at + prefix.length), prefix, 0) == 0;
    }
}
