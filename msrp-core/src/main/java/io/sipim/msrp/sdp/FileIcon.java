package io.sipim.msrp.sdp;

import io.sipim.msrp.message.MsrpParseException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code a=file-icon} attribute (RFC 5547 §6): a {@code cid:} URL (RFC 2392) naming the body
 * part of the SIP message that carries a small preview of the file.
 *
 * <pre>file-icon-attr = "file-icon" ":" file-icon-value
 * file-icon-value = cid-url</pre>
 *
 * <p>The URL is kept as written after the scheme, which is written in lower case.
 */
public final class FileIcon {

    /** The attribute name, {@value}. */
    public static final String NAME = "file-icon";

    private final String url;

    private FileIcon(String url) {
        this.url = url;
    }

    /**
     * The icon in the body part whose Content-ID is {@code <contentId>} ({@code id@host}); the URL
     * percent-encodes what RFC 2392 does not allow literally.
     *
     * @throws IllegalArgumentException if {@code contentId} is empty
     */
    public static FileIcon ofContentId(String contentId) {
        if (contentId.isEmpty()) {
            throw new IllegalArgumentException("empty Content-ID");
        }
        StringBuilder sb = new StringBuilder("cid:");
        for (byte b : contentId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (isUrlChar(c) && c != '%') {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return new FileIcon(sb.toString());
    }

    /**
     * Parses the URL after {@code a=file-icon:}.
     *
     * @throws MsrpParseException 400 with the index of the offending character
     */
    public static FileIcon parse(String value) {
        if (!value.regionMatches(true, 0, "cid:", 0, 4)) {
            throw SdpText.error("file-icon must be a cid: URL", 0);
        }
        if (value.length() == 4) {
            throw SdpText.error("cid: URL needs a Content-ID", 4);
        }
        for (int i = 4; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length() || !SdpText.isHex(value.charAt(i + 1)) || !SdpText.isHex(value.charAt(i + 2))) {
                    throw SdpText.error("'%' must be followed by two hex digits", i);
                }
                i += 2;
            } else if (!isUrlChar(c)) {
                throw SdpText.error("bad character in cid: URL", i);
            }
        }
        return new FileIcon("cid:" + value.substring(4));
    }

    /** RFC 2392 url-addr-spec characters: visible ASCII other than those URLs must escape. */
    private static boolean isUrlChar(char c) {
        return c > 0x20 && c < 0x7f && "\"<>\\^`{|}".indexOf(c) < 0;
    }

    /** The {@code cid:} URL. */
    public String url() {
        return url;
    }

    /** The Content-ID the URL names, percent-decoded (without the angle brackets of the header). */
    public String contentId() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(url.length());
        for (int i = 4; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '%') {
                out.write(Character.digit(url.charAt(i + 1), 16) << 4 | Character.digit(url.charAt(i + 2), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The wire form, as {@link #toString()}. */
    public String value() {
        return url;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileIcon f && url.equals(f.url);
    }

    @Override
    public int hashCode() {
        return url.hashCode();
    }

    @Override
    public String toString() {
        return url;
    }
}
