package io.sipim.msrp.parse;

import static io.sipim.msrp.parse.Recorder.bytes;
import static io.sipim.msrp.parse.Recorder.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipim.msrp.message.ByteRange;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser's states and branches on whole inputs; {@link MsrpParserSplitTest} covers read boundaries. */
class MsrpParserTest {

    static final String HEAD = "To-Path: msrp://bob.example.com:8888/9di4eae923wzd;tcp\n"
            + "From-Path: msrp://alicepc.example.com:7777/iau39soe2843z;tcp\n";

    static String send(String tid, String body, char flag) {
        return "MSRP " + tid + " SEND\n" + HEAD + "Message-ID: 12339sdqwer\nByte-Range: 1-" + body.length() + "/"
                + body.length() + "\nContent-Type: text/plain\n\n" + body + "\n-------" + tid + flag + "\n";
    }

    static final String OK = "MSRP d93kswow 200 OK\n" + HEAD + "-------d93kswow$\n";

    @Test
    void rfc4975_7_1_sendWithBody() {
        Recorder r = parse(send("d93kswow", "Hi, I'm Alice!", '$'));
        assertEquals(List.of("request SEND d93kswow body", "body Hi, I'm Alice!", "end $"), r.events());
        MsrpRequest req = (MsrpRequest) r.values.get(0);
        assertEquals(ByteRange.of(1, 14, 14), req.byteRange());
        assertEquals("text/plain", req.contentType());
        assertEquals("9di4eae923wzd", req.toPath().get(0).sessionId());
        assertEquals(1, r.bodyCalls);
    }

    @Test
    void everyFlag() {
        assertEquals("end +", parse(send("abcd", "x", '+')).events().get(2));
        assertEquals("end #", parse(send("abcd", "x", '#')).events().get(2));
    }

    @Test
    void rfc4975_7_1_sendWithoutBody() {
        Recorder r = parse("MSRP a786hjs2 SEND\n" + HEAD + "Message-ID: 87652491\nByte-Range: 1-0/0\n-------a786hjs2$\n");
        assertEquals(List.of("request SEND a786hjs2", "end $"), r.events());
    }

    @Test
    void rfc4975_7_2_responses() {
        Recorder r = parse(OK + "MSRP d93kswow 481\n" + HEAD + "-------d93kswow$\n");
        assertEquals(List.of("response 200 d93kswow", "response 481 d93kswow"), r.events());
        assertEquals("OK", ((MsrpResponse) r.values.get(0)).comment());
        assertEquals(null, ((MsrpResponse) r.values.get(1)).comment());
    }

    @Test
    void unknownMethodIsParsedForThe501() {
        Recorder r = parse("MSRP abcd NICKNAME\n" + HEAD + "-------abcd$\n");
        assertEquals(List.of("request NICKNAME abcd", "end $"), r.events());
    }

    @Test
    void rfc4975_9_emptyBodyStillHasTheCrlfBeforeItsEndLine() {
        String head = "MSRP abcd SEND\n" + HEAD + "Content-Type: text/plain\n\n";
        assertEquals(List.of("request SEND abcd body", "end $"), parse(head + "\n-------abcd$\n").events());
        // without that CRLF the dashes are body, and the frame goes on
        assertEquals(List.of("request SEND abcd body", "body -------abcd$\r\n", "end $"),
                parse(head + "-------abcd$\n\n-------abcd$\n").events());
        assertEquals(List.of("request SEND abcd body", "body \r\n", "end $"),
                parse(head + "\n\n-------abcd$\n").events());
    }

    @Test
    void rfc4975_7_1_1_bodiesHoldingPartialEndLines() {
        for (String body : List.of("\n-------other$\n", "-------abcd$", "x\n-------abcdX\n", "\n-------abcd",
                "\n-------abcde$", "\n------abcd$\n", "\r\r\n\n-------", "----------------", "\n-------abcd\n",
                "\n-------ab", "\r")) {
            String b = Recorder.crlf(body);
            Recorder r = parse(send("abcd", body, '$'));
            assertEquals(List.of("request SEND abcd body", "body " + b, "end $"), r.events(), body);
        }
    }

    @Test
    void bodyOfAnotherFrameWithItsEndLine() {
        String inner = send("zzzz", "hello", '$');
        Recorder r = parse(send("abcd", inner, '$'));
        assertEquals("body " + Recorder.crlf(inner), r.events().get(1));
    }

    @Test
    void binaryBodyIsByteExact() {
        byte[] body = new byte[256 * 4];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        MsrpRequest head = MsrpRequest.builder("SEND").transactionId("bin1").header("To-Path", "msrp://a/b;tcp")
                .header("From-Path", "msrp://c/d;tcp").contentType("application/octet-stream").build();
        byte[] frame = MsrpEncoder.encode(head, body, io.sipim.msrp.message.ContinuationFlag.END);
        for (int step : new int[] {1, 7, 100, frame.length}) {
            Recorder r = Recorder.parse(frame, step);
            assertEquals("body " + new String(body, java.nio.charset.StandardCharsets.ISO_8859_1), r.events().get(1));
        }
    }

    @Test
    void rfc4975_9_byteRangeBeyond32Bits() {
        Recorder r = parse("MSRP abcd SEND\n" + HEAD + "Byte-Range: 4294967297-5000000000/*\n-------abcd+\n");
        MsrpRequest req = (MsrpRequest) r.values.get(0);
        assertEquals(new ByteRange(4294967297L, 5000000000L, ByteRange.UNKNOWN), req.byteRange());
    }

    @Test
    void pipelinedFramesAndOffset() {
        String s = send("abcd", "one", '+') + OK + send("efgh", "two", '$');
        Recorder r = new Recorder();
        MsrpParser p = new MsrpParser(MsrpLimits.DEFAULT, r);
        byte[] b = bytes(s);
        p.parse(ByteBuffer.wrap(b));
        assertEquals(b.length, p.offset());
        assertTrue(p.atFrameBoundary());
        p.finish();
        assertEquals(List.of("request SEND abcd body", "body one", "end +", "response 200 d93kswow",
                "request SEND efgh body", "body two", "end $"), r.events());
    }

    @Test
    void directBuffersParseLikeHeapBuffers() {
        byte[] b = bytes(send("abcd", "direct body", '$'));
        Recorder r = new Recorder();
        ByteBuffer d = ByteBuffer.allocateDirect(b.length);
        d.put(b).flip();
        new MsrpParser(MsrpLimits.DEFAULT, r).parse(d);
        assertEquals(List.of("request SEND abcd body", "body direct body", "end $"), r.events());
        assertEquals(b.length, d.position());
    }

    @Test
    void repeatedPathsComeFromTheCache() {
        Recorder r = parse(send("abcd", "1", '+') + send("efgh", "2", '$'));
        MsrpRequest a = (MsrpRequest) r.values.get(0);
        MsrpRequest b = (MsrpRequest) r.values.get(1);
        assertSame(a.toPath(), b.toPath());
        assertSame(a.headers().get(1), b.headers().get(1));
    }

    @Test
    void headerNamesAreCaseInsensitiveAndKeptAsWritten() {
        Recorder r = parse("MSRP abcd SEND\nto-path: msrp://a/b;tcp\nFROM-PATH:msrp://c/d;tcp\nX-Ext: v a l\n"
                + "-------abcd$\n");
        MsrpRequest req = (MsrpRequest) r.values.get(0);
        assertEquals("to-path", req.headers().get(0).name());
        assertEquals("msrp://c/d;tcp", req.headers().get(1).value());
        assertEquals("v a l", req.header("x-ext").orElseThrow());
    }

    @Test
    void handlerExceptionsPropagateUnchangedAndKillTheParser() {
        IllegalStateException boom = new IllegalStateException("boom");
        MsrpParser p = new MsrpParser(MsrpLimits.DEFAULT, new Recorder() {
            @Override
            public void request(MsrpRequest request, boolean hasBody) {
                throw boom;
            }
        });
        assertSame(boom, assertThrows(IllegalStateException.class,
                () -> p.parse(ByteBuffer.wrap(bytes(send("abcd", "x", '$'))))));
        assertThrows(io.sipim.msrp.message.MsrpParseException.class, () -> p.parse(ByteBuffer.allocate(1)));
    }
}
