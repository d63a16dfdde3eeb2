package io.sipim.msrp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Requests and responses: typed headers checked at construction, builders' errors. */
class MsrpMessageTest {

    private static final MsrpUri BOB = MsrpUri.parse("msrp://bob.example.com:8888/9di4eae923wzd;tcp");
    private static final MsrpUri RELAY = MsrpUri.parse("msrps://relay.example.net;tcp");
    private static final MsrpUri ALICE = MsrpUri.parse("msrp://alicepc.example.com:7777/iau39soe2843z;tcp");

    private static MsrpRequest.Builder send() {
        return MsrpRequest.builder(MsrpRequest.SEND).transactionId("d93kswow").toPath(RELAY, BOB).fromPath(ALICE);
    }

    @Test
    void rfc4975_7_typedHeaders() {
        MsrpRequest r = send().messageId("12339sdqwer").byteRange(ByteRange.of(1, 16, 16)).successReport(true)
                .failureReport(FailureReport.PARTIAL).contentType("text/plain; charset=utf-8").build();
        assertEquals("SEND", r.method());
        assertEquals(List.of(RELAY, BOB), r.toPath());
        assertEquals(List.of(ALICE), r.fromPath());
        assertEquals("12339sdqwer", r.messageId());
        assertEquals(ByteRange.of(1, 16, 16), r.byteRange());
        assertTrue(r.successReport());
        assertEquals(FailureReport.PARTIAL, r.failureReport());
        assertEquals("text/plain; charset=utf-8", r.contentType());
        assertEquals("To-Path", r.headers().get(0).name());
        assertEquals("msrps://relay.example.net;tcp msrp://bob.example.com:8888/9di4eae923wzd;tcp",
                r.header("to-path").orElseThrow());
    }

    @Test
    void rfc4975_7_1_2_defaults() {
        MsrpRequest r = send().build();
        assertFalse(r.successReport());
        assertEquals(FailureReport.YES, r.failureReport());
        assertNull(r.messageId());
        assertNull(r.byteRange());
        assertNull(r.status());
        assertNull(r.contentType());
        assertEquals(List.of(), r.usePath());
        assertEquals(OptionalLong.empty(), r.expires());
    }

    @Test
    void rfc4976_relayHeaders() {
        MsrpRequest auth = MsrpRequest.builder(MsrpRequest.AUTH).transactionId("auth1").toPath(RELAY).fromPath(ALICE)
                .expires(900).build();
        assertEquals(OptionalLong.of(900), auth.expires());
        MsrpResponse ok = MsrpResponse.to(auth, 200).header(MsrpHeader.USE_PATH, RELAY.toString()).build();
        assertEquals(List.of(RELAY), ok.usePath());
        assertThrows(MsrpParseException.class,
                () -> MsrpResponse.to(auth, 423).header("Min-Expires", "x1").build().numericHeader("Min-Expires"));
    }

    @Test
    void reportWithStatus() {
        MsrpRequest report = MsrpRequest.builder(MsrpRequest.REPORT).transactionId("rep1").toPath(ALICE).fromPath(BOB)
                .messageId("12339sdqwer").byteRange(ByteRange.of(1, 16, 16)).status(Status.OK).build();
        assertEquals(Status.OK, report.status());
    }

    @Test
    void rfc4975_7_2_responseTo() {
        MsrpResponse ok = MsrpResponse.to(send().build(), 200).build();
        assertEquals("d93kswow", ok.transactionId());
        assertEquals(List.of(ALICE), ok.toPath());
        assertEquals(List.of(BOB), ok.fromPath());
        assertEquals("OK", ok.comment());
        assertTrue(ok.isSuccess());
        assertNull(MsrpResponse.builder(299).transactionId("abcd").toPath(ALICE).fromPath(BOB).build().comment());
        assertEquals("Nope", ok.toBuilder().comment("Nope").build().comment());
    }

    @Test
    void buildersFailFast() {
        assertThrows(IllegalStateException.class, () -> MsrpRequest.builder("SEND").transactionId("abcd").build());
        assertEquals("method must be upper-case letters",
                assertThrows(IllegalArgumentException.class,
                        () -> MsrpRequest.builder("send").transactionId("abcd").toPath(BOB).fromPath(ALICE).build())
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> send().transactionId("abc").build());
        assertThrows(IllegalArgumentException.class, () -> send().transactionId("a".repeat(33)).build());
        assertThrows(IllegalArgumentException.class, () -> send().transactionId("ab_c").build());
        assertThrows(IllegalArgumentException.class, () -> send().transactionId("-abc").build());
        assertThrows(IllegalArgumentException.class, () -> send().messageId("x").build());
        assertThrows(IllegalArgumentException.class, () -> send().header("Success-Report", "maybe").build());
        assertThrows(IllegalArgumentException.class, () -> send().contentType("text").build());
        assertThrows(IllegalArgumentException.class, () -> send().contentType("text/").build());
        assertThrows(IllegalArgumentException.class, () -> send().header("Byte-Range", "1-2").build());
        assertEquals("appears twice in header message-id", assertThrows(IllegalArgumentException.class,
                () -> send().header("Message-ID", "aaaa").header("message-id", "bbbb").build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> send().toPath(List.of()));
        assertThrows(IllegalArgumentException.class, () -> MsrpResponse.builder(99).transactionId("abcd").toPath(BOB)
                .fromPath(ALICE).build());
        assertThrows(IllegalArgumentException.class, () -> send().header("X", "a\r\nb"));
    }

    @Test
    void headerEditing() {
        MsrpRequest r = send().header("X-A", "1").header("X-B", "2").header("x-a", "3").setHeader("X-A", "4")
                .build();
        assertEquals(List.of("4"), r.headers("x-a"));
        assertEquals("X-B", r.headers().get(3).name());
        assertEquals(List.of(), r.toBuilder().removeHeader("X-A").build().headers("X-A"));
        assertEquals(r.headers(), r.toBuilder().build().headers());
    }

    @Test
    void ofChecksTheHeaderOrder() {
        MsrpHeader to = new MsrpHeader("To-Path", BOB.toString());
        MsrpHeader from = new MsrpHeader("From-Path", ALICE.toString());
        assertEquals("SEND", MsrpRequest.of("abcd", "SEND", List.of(to, from)).method());
        assertThrows(MsrpParseException.class, () -> MsrpRequest.of("abcd", "SEND", List.of(from, to)));
        assertThrows(MsrpParseException.class, () -> MsrpRequest.of("abcd", "SEND", List.of(to)));
        assertThrows(MsrpParseException.class, () -> MsrpRequest.of("abcd", "SEND", List.of(to, from, to)));
        assertThrows(MsrpParseException.class,
                () -> MsrpResponse.of("abcd", 200, null, List.of(new MsrpHeader("To-Path", "x"), from)));
        MsrpParseException e = assertThrows(MsrpParseException.class, () -> MsrpRequest.parsed("abcd", "SEND",
                List.of(to, from, new MsrpHeader("Byte-Range", "1-x/2")), null, null, new long[] {10, 40, 100}));
        assertEquals(102, e.offset());
        assertEquals("abcd", e.transactionId());
    }
}
