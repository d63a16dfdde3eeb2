package io.sipim.msrp.parse;

import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpHeader;
import io.sipim.msrp.message.MsrpMessage;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes MSRP frames (RFC 4975 §7, §9): start line, headers exactly as the message holds them
 * ({@code name: value}), the blank line and body when there is one, and the end-line. Lengths are
 * computed first, so a frame is written into exactly the bytes it needs with no intermediate text.
 * It does not check that a body is free of its end-line: that is the chunker's job (RFC 4975 §7.1.1),
 * with {@link #endLineIn}.
 */
public final class MsrpEncoder {

    private MsrpEncoder() {
    }

    /** The whole response: start line, headers, end-line with {@code $}. */
    public static byte[] encode(MsrpResponse response) {
        String tid = response.transactionId();
        int head = 5 + tid.length() + 4 + (response.comment() != null ? 1 + utf8Length(response.comment()) : 0) + 2
                + headersLength(response);
        byte[] out = new byte[head + endLineLength(tid, false)];
        ByteBuffer b = ByteBuffer.wrap(out);
        putAscii(b, "MSRP ");
        putAscii(b, tid);
        b.put((byte) ' ');
        int code = response.code();
        b.put((byte) ('0' + code / 100)).put((byte) ('0' + code / 10 % 10)).put((byte) ('0' + code % 10));
        if (response.comment() != null) {
            b.put((byte) ' ');
            putText(b, response.comment());
        }
        b.put((byte) '\r').put((byte) '\n');
        putHeaders(b, response);
        writeEndLine(tid, ContinuationFlag.END, false, b);
        return out;
    }

    /** A whole request: head, the body when {@code body} is not {@code null} (may be empty), and the end-line. */
    public static byte[] encode(MsrpRequest head, byte[] body, ContinuationFlag flag) {
        boolean hasBody = body != null;
        byte[] out = new byte[headLength(head, hasBody) + (hasBody ? body.length : 0)
                + endLineLength(head.transactionId(), hasBody)];
        ByteBuffer b = ByteBuffer.wrap(out);
        writeHead(head, hasBody, b);
        if (hasBody) {
            b.put(body);
        }
        writeEndLine(head.transactionId(), flag, hasBody, b);
        return out;
    }

    /** Bytes of the start line and headers, and of the blank line when {@code hasBody}. */
    public static int headLength(MsrpRequest head, boolean hasBody) {
        return 5 + head.transactionId().length() + 1 + head.method().length() + 2 + headersLength(head)
                + (hasBody ? 2 : 0);
    }

    /** Bytes of the end-line, with the CRLF before it when {@code afterBody}. */
    public static int endLineLength(String tid, boolean afterBody) {
        return (afterBody ? 2 : 0) + 7 + tid.length() + 1 + 2;
    }

    /**
     * Writes the start line and headers, and the blank line when {@code hasBody}.
     *
     * @return the bytes written
     * @throws BufferOverflowException when {@code out} lacks room (nothing is written then)
     */
    public static int writeHead(MsrpRequest head, boolean hasBody, ByteBuffer out) {
        int n = headLength(head, hasBody);
        if (out.remaining() < n) {
            throw new BufferOverflowException();
        }
        putAscii(out, "MSRP ");
        putAscii(out, head.transactionId());
        out.put((byte) ' ');
        putAscii(out, head.method());
        out.put((byte) '\r').put((byte) '\n');
        putHeaders(out, head);
        if (hasBody) {
            out.put((byte) '\r').put((byte) '\n');
        }
        return n;
    }

    /**
     * Writes {@code -------<tid>} and the flag, preceded by CRLF when {@code afterBody}.
     *
     * @return the bytes written
     * @throws BufferOverflowException when {@code out} lacks room (nothing is written then)
     */
    public static int writeEndLine(String tid, ContinuationFlag flag, boolean afterBody, ByteBuffer out) {
        int n = endLineLength(tid, afterBody);
        if (out.remaining() < n) {
            throw new BufferOverflowException();
        }
        if (afterBody) {
            out.put((byte) '\r').put((byte) '\n');
        }
        for (int i = 0; i < 7; i++) {
            out.put((byte) '-');
        }
        putAscii(out, tid);
        out.put((byte) flag.symbol()).put((byte) '\r').put((byte) '\n');
        return n;
    }

    /**
     * Where {@code body[from, to)} holds {@code CRLF -------<tid>} followed by a flag, which a
     * receiver would take for the end-line (RFC 4975 §7.1.1: the sender must then pick another
     * transaction id, or end the chunk before it); -1 if it does not.
     */
    public static int endLineIn(String tid, byte[] body, int from, int to) {
        int n = tid.length();
        for (int i = from; i + 10 + n <= to; i++) {
            if (body[i] != '\r' || body[i + 1] != '\n') {
                continue;
            }
            int k = i + 2;
            while (k < i + 9 && body[k] == '-') {
                k++;
            }
            if (k < i + 9) {
                continue;
            }
            int j = 0;
            while (j < n && body[k + j] == tid.charAt(j)) {
                j++;
            }
            if (j == n && ContinuationFlag.of(body[k + n]) != null) {
                return i;
            }
        }
        return -1;
    }

    private static int headersLength(MsrpMessage m) {
        List<MsrpHeader> headers = m.headers();
        int n = 0;
        for (int i = 0, size = headers.size(); i < size; i++) {
            MsrpHeader h = headers.get(i);
            n += h.name().length() + 2 + utf8Length(h.value()) + 2;
        }
        return n;
    }

    private static void putHeaders(ByteBuffer out, MsrpMessage m) {
        List<MsrpHeader> headers = m.headers();
        for (int i = 0, size = headers.size(); i < size; i++) {
            MsrpHeader h = headers.get(i);
            putAscii(out, h.name());
            out.put((byte) ':').put((byte) ' ');
            putText(out, h.value());
            out.put((byte) '\r').put((byte) '\n');
        }
    }

    /** For names, tids and methods, which are ASCII tokens by construction. */
    private static void putAscii(ByteBuffer out, String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            out.put((byte) s.charAt(i));
        }
    }

    private static void putText(ByteBuffer out, String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                out.put(s.substring(i).getBytes(StandardCharsets.UTF_8));
                return;
            }
            out.put((byte) c);
        }
    }

    static int utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return i + s.substring(i).getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }
}
