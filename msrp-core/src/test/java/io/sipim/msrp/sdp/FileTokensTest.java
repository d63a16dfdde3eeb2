package io.sipim.msrp.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** file-transfer-id, file-disposition and file-icon (RFC 5547 §6). */
class FileTokensTest {

    @Test
    void rfc5547FileTransferId() {
        FileTransferId id = FileTransferId.parse("vBnG916bdberum2fFEABR1FR3ExZMUrd");
        assertEquals("vBnG916bdberum2fFEABR1FR3ExZMUrd", id.toString());
        assertEquals("file-transfer-id", FileTransferId.NAME);
        FileTransferId r = FileTransferId.random();
        assertEquals(32, r.id().length());
        assertNotEquals(r, FileTransferId.random());
        assertEquals(r, FileTransferId.parse(r.value()));
        Checks.rejects(FileTransferId::parse, "", 0);
        Checks.rejects(FileTransferId::parse, "abc def", 3);
        Checks.rejects(FileTransferId::parse, "abc:def", 3);
        assertThrows(IllegalArgumentException.class, () -> new FileTransferId("a/b"));
    }

    @Test
    void rfc5547FileDisposition() {
        assertEquals(FileDisposition.RENDER, FileDisposition.parse("render"));
        assertEquals(FileDisposition.ATTACHMENT, FileDisposition.parse("Attachment"));
        assertEquals("attachment", FileDisposition.ATTACHMENT.toString());
        assertEquals("x-inline", FileDisposition.parse("x-inline").value());
        assertEquals("file-disposition", FileDisposition.NAME);
        Checks.rejects(FileDisposition::parse, "", 0);
        Checks.rejects(FileDisposition::parse, "render;x", 6);
    }

    @Test
    void rfc5547FileIconIsACidUrl() {
        FileIcon icon = FileIcon.parse("cid:id2@alicepc.example.com");
        assertEquals("cid:id2@alicepc.example.com", icon.url());
        assertEquals("id2@alicepc.example.com", icon.contentId());
        assertEquals(icon, FileIcon.parse("CID:id2@alicepc.example.com"));
        assertEquals(icon, FileIcon.ofContentId("id2@alicepc.example.com"));
        FileIcon odd = FileIcon.ofContentId("a b\"\u00e9@x");
        assertEquals("cid:a%20b%22%C3%A9@x", odd.toString());
        assertEquals("a b\"\u00e9@x", odd.contentId());
        assertEquals(odd, FileIcon.parse(odd.toString()));
        assertEquals("file-icon", FileIcon.NAME);
        Checks.rejects(FileIcon::parse, "", 0);
        Checks.rejects(FileIcon::parse, "http://x", 0);
        Checks.rejects(FileIcon::parse, "cid:", 4);
        Checks.rejects(FileIcon::parse, "cid:a b", 5);
        Checks.rejects(FileIcon::parse, "cid:a%2", 5);
        assertTrue(FileIcon.parse("cid:%41").contentId().equals("A"));
    }

    @Property(tries = 300)
    void tokensRoundTrip(@ForAll("tokens") String token) {
        assertEquals(new FileTransferId(token), FileTransferId.parse(token));
        assertEquals(new FileDisposition(token), FileDisposition.parse(new FileDisposition(token).toString()));
        FileIcon icon = FileIcon.ofContentId(token);
        assertEquals(icon, FileIcon.parse(icon.toString()));
        assertEquals(token, icon.contentId());
    }

    @Property(tries = 1000)
    void randomTextIsParsedOrRejected(@ForAll("noise") String s) {
        Checks.parsesOrRejects(FileTransferId::parse, s);
        Checks.parsesOrRejects(FileDisposition::parse, s);
        Checks.parsesOrRejects(FileIcon::parse, s);
        Checks.parsesOrRejects(FileIcon::parse, "cid:" + s);
    }

    @Provide
    Arbitrary<String> tokens() {
        return Generators.sdpTokens();
    }

    @Provide
    Arbitrary<String> noise() {
        return Checks.noise("cid:%@ aZ09/\"");
    }
}
