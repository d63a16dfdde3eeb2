package io.sipim.msrp.sdp;

import io.sipim.msrp.message.MsrpParseException;
import java.util.Locale;

/**
 * The {@code a=file-disposition} attribute (RFC 5547 §6): what the receiver is meant to do with the
 * file, as the Content-Disposition types of RFC 2183 say: {@link #RENDER} or {@link #ATTACHMENT}.
 *
 * <pre>file-disposition-attr = "file-disposition" ":" file-disposition-value
 * file-disposition-value = token</pre>
 *
 * @param type the disposition type in lower case (disposition types are case-insensitive)
 */
public record FileDisposition(String type) {

    /** The attribute name, {@value}. */
    public static final String NAME = "file-disposition";

    /** {@code render}: show the file in the session. */
    public static final FileDisposition RENDER = new FileDisposition("render");
    /** {@code attachment}: store the file, do not show it. */
    public static final FileDisposition ATTACHMENT = new FileDisposition("attachment");

    /** Validates that {@code type} is an SDP token, and lower-cases it. */
    public FileDisposition {
        try {
            type = SdpText.requireSdpToken(type, "file-disposition").toLowerCase(Locale.ROOT);
        } catch (MsrpParseException e) {
            throw new IllegalArgumentException("not a file-disposition: " + type, e);
        }
    }

    /**
     * Parses the token after {@code a=file-disposition:}.
     *
     * @throws MsrpParseException 400 with the index of the offending character
     */
    public static FileDisposition parse(String value) {
        return new FileDisposition(SdpText.requireSdpToken(value, "file-disposition"));
    }

    /** The wire form, as {@link #toString()}. */
    public String value() {
        return type;
    }

    @Override
    public String toString() {
        return type;
    }
}
