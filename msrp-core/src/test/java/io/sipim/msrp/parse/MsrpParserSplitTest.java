package io.sipim.msrp.parse;

import static io.sipim.msrp.parse.MsrpParserTest.HEAD;
import static io.sipim.msrp.parse.MsrpParserTest.OK;
import static io.sipim.msrp.parse.MsrpParserTest.send;
import static io.sipim.msrp.parse.Recorder.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Read boundaries anywhere, including inside every partial end-line a body can hold. */
class MsrpParserSplitTest {

    private static final String STREAM = send("abcd", "x\n-------abcdy+\n-------abc\n-------other$\n-------abcd", '+')
            + OK
            + "MSRP efgh SEND\n" + HEAD + "-------efgh$\n"
            + "MSRP bad1 send\n" + HEAD + "Content-Type: a/b\n\nbody\n-------bad1$\n"
            + send("ijkl", "", '$')
            + send("mnop", "\n\n\r\r--------------", '#');

    @Test
    void everyTwoWaySplitGivesTheSameEvents() {
        byte[] b = bytes(STREAM);
        List<String> expected = Recorder.parse(b, b.length).events();
        assertEquals(12, expected.size(), expected.toString());
        for (int cut = 0; cut <= b.length; cut++) {
            Recorder r = new Recorder();
            MsrpParser p = new MsrpParser(MsrpLimits.DEFAULT, r);
            p.parse(ByteBuffer.wrap(b, 0, cut));
            p.parse(ByteBuffer.wrap(b, cut, b.length - cut));
            p.finish();
            assertEquals(expected, r.events(), "cut at " + cut);
            assertEquals(b.length, p.offset());
        }
    }

    @Test
    void smallReadsGiveTheSameEvents() {
        byte[] b = bytes(STREAM);
        List<String> expected = Recorder.parse(b, b.length).events();
        for (int step = 1; step < 20; step++) {
            assertEquals(expected, Recorder.parse(b, step).events(), "step " + step);
        }
    }

    @Test
    void bodyEndingRightBeforeAReadBoundary() {
        byte[] b = bytes(send("abcd", "0123456789", '$'));
        int bodyEnd = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).lastIndexOf("9") + 1;
        Recorder r = new Recorder();
        MsrpParser p = new MsrpParser(MsrpLimits.DEFAULT, r);
        p.parse(ByteBuffer.wrap(b, 0, bodyEnd));
        assertEquals(List.of("request SEND abcd body", "body 0123456789"), r.events());
        p.parse(ByteBuffer.wrap(b, bodyEnd, b.length - bodyEnd));
        assertEquals(List.of("request SEND abcd body", "body 0123456789", "end $"), r.events());
    }
}
