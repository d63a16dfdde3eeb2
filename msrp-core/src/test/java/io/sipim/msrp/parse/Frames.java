package io.sipim.msrp.parse;

import io.sipim.msrp.message.ByteRange;
import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.FailureReport;
import io.sipim.msrp.message.MsrpMessage;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.message.MsrpUri;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators of valid MSRP frames and what the parser must report for them. */
final class Frames {

    private Frames() {
    }

    /** A frame: a request with its body ({@code null}: none) and flag, or a response. */
    record Frame(MsrpMessage head, byte[] body, ContinuationFlag flag) {
        byte[] bytes() {
            return head instanceof MsrpResponse r ? MsrpEncoder.encode(r)
                    : MsrpEncoder.encode((MsrpRequest) head, body, flag);
        }

        List<String> events() {
            List<String> e = new ArrayList<>();
            if (head instanceof MsrpResponse r) {
                e.add("response " + r.code() + " " + r.transactionId());
                return e;
            }
            MsrpRequest q = (MsrpRequest) head;
            e.add("request " + q.method() + " " + q.transactionId() + (body != null ? " body" : ""));
            if (body != null && body.length > 0) {
                e.add("body " + new String(body, StandardCharsets.ISO_8859_1));
            }
            e.add("end " + flag.symbol());
            return e;
        }

        /** Whether the body holds its own end-line, which RFC 4975 §7.1.1 forbids the sender. */
        boolean bodyHoldsEndLine() {
            if (body == null) {
                return false;
            }
            String b = new String(body, StandardCharsets.ISO_8859_1) + "\r\n";
            String dashes = "\r\n-------" + head.transactionId();
            return b.contains(dashes + "$") || b.contains(dashes + "+") || b.contains(dashes + "#");
        }
    }

    static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    static Arbitrary<String> ident() {
        return Combinators.combine(Arbitraries.strings().withChars(ALNUM).ofLength(1),
                Arbitraries.strings().withChars(ALNUM + ".-+%=").ofMinLength(3).ofMaxLength(31)).as(String::concat);
    }

    static Arbitrary<MsrpUri> uri() {
        Arbitrary<String> host = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz-.").ofMinLength(1).ofMaxLength(20)
                        .map(s -> "h" + s),
                Arbitraries.integers().between(0, 255).list().ofSize(4)
                        .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3)),
                Arbitraries.integers().between(0, 0xffff).list().ofSize(8).map(l -> {
                    StringBuilder sb = new StringBuilder();
                    for (int g : l) {
                        sb.append(sb.length() > 0 ? ":" : "").append(Integer.toHexString(g));
                    }
                    return sb.toString();
                }),
                Arbitraries.of("::1", "2001:db8::7", "fe80::1:2", "::ffff:192.0.2.1"));
        Arbitrary<String> session = Arbitraries.strings().withChars(ALNUM + "-._~+=/").ofMinLength(1).ofMaxLength(24);
        return Combinators.combine(Arbitraries.of(true, false), host, Arbitraries.integers().between(-1, 65535),
                session.injectNull(0.2)).as((secure, h, port, sid) ->
                MsrpUri.builder().secure(secure).host(h).port(port).sessionId(sid).build());
    }

    static Arbitrary<List<MsrpUri>> path() {
        return uri().list().ofMinSize(1).ofMaxSize(3);
    }

    /** Bodies with the bytes of end-lines over-represented. */
    static Arbitrary<byte[]> body() {
        Arbitrary<Byte> b = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.bytes()),
                net.jqwik.api.Tuple.of(3, Arbitraries.of((byte) '-', (byte) '\r', (byte) '\n', (byte) '$')));
        return b.array(byte[].class).ofMaxSize(600);
    }

    static Arbitrary<String> extensionValue() {
        return Arbitraries.strings().withCharRange((char) 0x21, (char) 0x7e).withChars(" \u00e9\u263a").ofMaxLength(40)
                .map(String::strip);
    }

    static Arbitrary<Frame> request() {
        Arbitrary<String> method = Arbitraries.of("SEND", "REPORT", "AUTH", "NICKNAME", "X");
        Arbitrary<ByteRange> range = Arbitraries.longs().between(1, Long.MAX_VALUE - 1).flatMap(start ->
                Arbitraries.longs().between(start - 1, Long.MAX_VALUE - 1).injectNull(0.2).flatMap(end ->
                        Arbitraries.of(true, false).map(known -> new ByteRange(start,
                                end == null ? ByteRange.UNKNOWN : end,
                                known && end != null ? end + 1 : ByteRange.UNKNOWN))));
        Arbitrary<List<String>> extension = Combinators.combine(
                Arbitraries.strings().withChars(ALNUM + "-_").ofMinLength(1).ofMaxLength(12).map(s -> "X-" + s),
                extensionValue()).as((n, v) -> n + "\n" + v).list().ofMaxSize(3);
        return Combinators.combine(ident(), method, path(), path(), ident().injectNull(0.3), range.injectNull(0.3),
                extension, body().injectNull(0.3)).flatAs((tid, m, to, from, mid, br, ext, body) ->
                Combinators.combine(Arbitraries.of(ContinuationFlag.class),
                        Arbitraries.of(FailureReport.class).injectNull(0.5)).as((flag, fr) -> {
                            MsrpRequest.Builder b = MsrpRequest.builder(m).transactionId(tid).toPath(to).fromPath(from);
                            if (mid != null) {
                                b.messageId(mid);
                            }
                            if (br != null) {
                                b.byteRange(br);
                            }
                            if (fr != null) {
                                b.failureReport(fr);
                            }
                            for (String e : ext) {
                                b.header(e.substring(0, e.indexOf('\n')), e.substring(e.indexOf('\n') + 1));
                            }
                            if (body != null) {
                                b.contentType("application/octet-stream");
                            }
                            return new Frame(b.build(), body, flag);
                        }));
    }

    static Arbitrary<Frame> response() {
        return Combinators.combine(ident(), Arbitraries.integers().between(100, 999), extensionValue().injectNull(0.3),
                path(), path()).as((tid, code, comment, to, from) -> new Frame(MsrpResponse.builder(code)
                .transactionId(tid).comment(comment == null || comment.isEmpty() ? null : comment).toPath(to)
                .fromPath(from).build(), null, ContinuationFlag.END));
    }

    static Arbitrary<Frame> frame() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, request()), net.jqwik.api.Tuple.of(1, response()))
                .filter(f -> !f.bodyHoldsEndLine());
    }

    static byte[] concat(List<Frame> frames) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Frame f : frames) {
            out.writeBytes(f.bytes());
        }
        return out.toByteArray();
    }
}
