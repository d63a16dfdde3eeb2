package io.sipim.msrp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** ByteRange, Status, FailureReport, ContinuationFlag, MsrpHeader. */
class ValuesTest {

    @Test
    void rfc4975_9_byteRange() {
        assertEquals(new ByteRange(1, 10, 20), ByteRange.parse("1-10/20"));
        assertEquals(new ByteRange(11, ByteRange.UNKNOWN, ByteRange.UNKNOWN), ByteRange.parse("11-*/*"));
        assertEquals("11-*/*", ByteRange.parse("11-*/*").toString());
        assertFalse(ByteRange.parse("1-*/9").endKnown());
        assertTrue(ByteRange.parse("1-*/9").totalKnown());
        assertEquals(ByteRange.of(1, 0, 0), ByteRange.whole(0));
        assertEquals("1-0/0", ByteRange.whole(0).toString());
    }

    @Test
    void byteRangeBeyond32And63Bits() {
        ByteRange r = ByteRange.parse("4294967297-8589934592/9223372036854775807");
        assertEquals(4294967297L, r.start());
        assertEquals(Long.MAX_VALUE, r.total());
        assertEquals("4294967297-8589934592/9223372036854775807", r.toString());
        assertThrows(MsrpParseException.class, () -> ByteRange.parse("1-2/9223372036854775808"));
        assertEquals(23, assertThrows(MsrpParseException.class,
                () -> ByteRange.parse("1-2/92233720368547758070")).offset());
    }

    @Test
    void byteRangeErrors() {
        assertEquals(0, assertThrows(MsrpParseException.class, () -> ByteRange.parse("")).offset());
        assertEquals(0, assertThrows(MsrpParseException.class, () -> ByteRange.parse("*-1/2")).offset());
        assertEquals(1, assertThrows(MsrpParseException.class, () -> ByteRange.parse("1/2")).offset());
        assertEquals(2, assertThrows(MsrpParseException.class, () -> ByteRange.parse("1-/2")).offset());
        assertEquals(3, assertThrows(MsrpParseException.class, () -> ByteRange.parse("1-2")).offset());
        assertEquals(4, assertThrows(MsrpParseException.class, () -> ByteRange.parse("1-2/")).offset());
        assertEquals(5, assertThrows(MsrpParseException.class, () -> ByteRange.parse("1-2/3 ")).offset());
        assertThrows(MsrpParseException.class, () -> ByteRange.parse("0-2/3"));
        assertThrows(MsrpParseException.class, () -> ByteRange.parse("5-3/9"));
        assertThrows(MsrpParseException.class, () -> ByteRange.parse("1-9/5"));
        assertThrows(IllegalArgumentException.class, () -> ByteRange.of(1, 2, -5));
        assertEquals(new ByteRange(5, 4, 9), ByteRange.parse("5-4/9"));
    }

    @Test
    void rfc4975_9_status() {
        Status s = Status.parse("000 200 OK");
        assertEquals(new Status(0, 200, "OK"), s);
        assertTrue(s.isSuccess());
        assertEquals("000 200 OK", s.toString());
        assertEquals("000 413", Status.parse("000 413").toString());
        assertNull(Status.parse("000 413").comment());
        assertEquals("001 481 Session Does Not Exist", new Status(1, 481, "Session Does Not Exist").toString());
        assertEquals(Status.of(408), new Status(0, 408, "Request Timeout"));
        assertFalse(Status.of(408).isSuccess());
        assertThrows(MsrpParseException.class, () -> Status.parse("200 OK"));
        assertThrows(MsrpParseException.class, () -> Status.parse("000 099"));
        assertEquals(7, assertThrows(MsrpParseException.class, () -> Status.parse("000 200OK")).offset());
        assertThrows(MsrpParseException.class, () -> Status.parse("0a0 200"));
        assertThrows(IllegalArgumentException.class, () -> new Status(1000, 200, null));
        assertThrows(IllegalArgumentException.class, () -> new Status(0, 99, null));
        assertThrows(IllegalArgumentException.class, () -> new Status(0, 200, "a\nb"));
    }

    @Test
    void reportsAndFlags() {
        assertEquals(FailureReport.PARTIAL, FailureReport.of("Partial"));
        assertNull(FailureReport.of("maybe"));
        assertEquals("no", FailureReport.NO.token());
        assertEquals(ContinuationFlag.END, ContinuationFlag.of('$'));
        assertEquals(ContinuationFlag.MORE, ContinuationFlag.of('+'));
        assertEquals(ContinuationFlag.ABORT, ContinuationFlag.of('#'));
        assertNull(ContinuationFlag.of('x'));
        assertEquals('#', ContinuationFlag.ABORT.symbol());
    }

    @Test
    void headerValidation() {
        MsrpHeader h = new MsrpHeader("X-Thing", "a b:c");
        assertTrue(h.is("x-thing"));
        assertEquals("X-Thing: a b:c", h.toString());
        assertThrows(IllegalArgumentException.class, () -> new MsrpHeader("", "v"));
        assertEquals("bad character 0x20 at 1 in header name a b",
                assertThrows(IllegalArgumentException.class, () -> new MsrpHeader("a b", "v")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MsrpHeader("a:", "v"));
        assertThrows(IllegalArgumentException.class, () -> new MsrpHeader("a", "x\r\ny"));
        assertThrows(IllegalArgumentException.class, () -> new MsrpHeader("a", "x\0"));
        assertThrows(NullPointerException.class, () -> new MsrpHeader("a", null));
    }
}
