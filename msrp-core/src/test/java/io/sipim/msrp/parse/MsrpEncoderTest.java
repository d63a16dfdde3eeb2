package io.sipim.msrp.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sipim.msrp.message.ByteRange;
import io.sipim.msrp.message.ContinuationFlag;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.message.MsrpUri;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MsrpEncoderTest {

    private static final MsrpUri BOB = MsrpUri.parse("msrp://bob.example.com:8888/9di4eae923wzd;tcp");
    private static final MsrpUri ALICE = MsrpUri.parse("msrp://alicepc.example.com:7777/iau39soe2843z;tcp");

    private static MsrpRequest send() {
        return MsrpRequest.builder("SEND").transactionId("d93kswow").toPath(BOB).fromPath(ALICE)
                .messageId("12339sdqwer").byteRange(ByteRange.of(1, 16, 16)).contentType("text/plain").build();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void rfc4975_7_1_sendAsInTheRfcExample() {
        byte[] body = "Hi, I'm Alice!".getBytes(StandardCharsets.UTF_8);
        assertEquals("MSRP d93kswow SEND\r\n"
                + "To-Path: msrp://bob.example.com:8888/9di4eae923wzd;tcp\r\n"
                + "From-Path: msrp://alicepc.example.com:7777/iau39soe2843z;tcp\r\n"
                + "Message-ID: 12339sdqwer\r\n"
                + "Byte-Range: 1-16/16\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "Hi, I'm Alice!\r\n"
                + "-------d93kswow$\r\n", text(MsrpEncoder.encode(send(), body, ContinuationFlag.END)));
    }

    @Test
    void requestWithoutBody() {
        assertEquals("MSRP d93kswow SEND\r\n"
                + "To-Path: msrp://bob.example.com:8888/9di4eae923wzd;tcp\r\n"
                + "From-Path: msrp://alicepc.example.com:7777/iau39soe2843z;tcp\r\n"
                + "Message-ID: 12339sdqwer\r\n"
                + "Byte-Range: 1-16/16\r\n"
                + "Content-Type: text/plain\r\n"
                + "-------d93kswow+\r\n", text(MsrpEncoder.encode(send(), null, ContinuationFlag.MORE)));
    }

    @Test
    void rfc4975_7_2_response() {
        MsrpResponse ok = MsrpResponse.to(send(), 200).build();
        assertEquals("MSRP d93kswow 200 OK\r\n"
                + "To-Path: msrp://alicepc.example.com:7777/iau39soe2843z;tcp\r\n"
                + "From-Path: msrp://bob.example.com:8888/9di4eae923wzd;tcp\r\n"
                + "-------d93kswow$\r\n", text(MsrpEncoder.encode(ok)));
        assertEquals("MSRP d93kswow 299\r\n", text(MsrpEncoder.encode(MsrpResponse.to(send(), 299).build()))
                .substring(0, 19));
    }

    @Test
    void nonAsciiValuesAreUtf8() {
        MsrpRequest r = send().toBuilder().header("Content-Description", "caf\u00e9 \u263a").build();
        byte[] b = MsrpEncoder.encode(r, null, ContinuationFlag.END);
        assertEquals(MsrpEncoder.headLength(r, false) + MsrpEncoder.endLineLength("d93kswow", false), b.length);
        Recorder rec = Recorder.parse(b, 3);
        assertEquals("caf\u00e9 \u263a", ((MsrpRequest) rec.values.get(0)).header("Content-Description").orElseThrow());
    }

    @Test
    void writeHeadAndEndLineReportTheirLengthsAndNeverWritePartially() {
        MsrpRequest r = send();
        ByteBuffer out = ByteBuffer.allocate(1024);
        int n = MsrpEncoder.writeHead(r, true, out);
        assertEquals(MsrpEncoder.headLength(r, true), n);
        assertEquals(n, out.position());
        out.put("Hi, I'm Alice!".getBytes(StandardCharsets.UTF_8));
        assertEquals(2 + 7 + 8 + 1 + 2, MsrpEncoder.writeEndLine("d93kswow", ContinuationFlag.END, true, out));
        out.flip();
        byte[] all = new byte[out.remaining()];
        out.get(all);
        assertArrayEquals(MsrpEncoder.encode(r, "Hi, I'm Alice!".getBytes(StandardCharsets.UTF_8), ContinuationFlag.END),
                all);

        ByteBuffer small = ByteBuffer.allocate(10);
        assertThrows(BufferOverflowException.class, () -> MsrpEncoder.writeHead(r, false, small));
        assertThrows(BufferOverflowException.class,
                () -> MsrpEncoder.writeEndLine("d93kswow", ContinuationFlag.ABORT, false, small));
        assertEquals(0, small.position());
    }

    @Test
    void rfc4975_7_1_1_endLineIn() {
        byte[] b = "ab\r\n-------abcd$x\r\n-------abcd".getBytes(StandardCharsets.US_ASCII);
        assertEquals(2, MsrpEncoder.endLineIn("abcd", b, 0, b.length));
        assertEquals(-1, MsrpEncoder.endLineIn("abcd", b, 3, b.length));
        assertEquals(-1, MsrpEncoder.endLineIn("abce", b, 0, b.length));
        assertEquals(-1, MsrpEncoder.endLineIn("abcd", b, 0, 15));
        assertEquals(2, MsrpEncoder.endLineIn("abcd", b, 0, 16));
        byte[] c = "\r\n------abcd+".getBytes(StandardCharsets.US_ASCII);
        assertEquals(-1, MsrpEncoder.endLineIn("abcd", c, 0, c.length));
    }
}
