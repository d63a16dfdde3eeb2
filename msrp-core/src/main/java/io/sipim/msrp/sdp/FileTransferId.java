package io.sipim.msrp.sdp;

import io.sipim.msrp.message.MsrpParseException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The {@code a=file-transfer-id} attribute (RFC 5547 §6, §8.1): a random identifier of one file
 * transfer, so that a re-offer can say whether it is the same transfer or a new one.
 *
 * <pre>file-transfer-id-attr = "file-transfer-id" ":" file-transfer-id-value
 * file-transfer-id-value = token</pre>
 *
 * @param id the identifier, an SDP token (RFC 8866 §9); compared with regard to case
 */
public record FileTransferId(String id) {

    /** The attribute name, {@value}. */
    public static final String NAME = "file-transfer-id";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Validates that {@code id} is an SDP token. */
    public FileTransferId {
        try {
            SdpText.requireSdpToken(id, "file-transfer-id");
        } catch (MsrpParseException e) {
            throw new IllegalArgumentException("not a file-transfer-id: " + id, e);
        }
    }

    /** A new identifier of 128 random bits from {@link SecureRandom}, as 32 hex digits. */
    public static FileTransferId random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new FileTransferId(HexFormat.of().formatHex(bytes));
    }

    /**
     * Parses the token after {@code a=file-transfer-id:}.
     *
     * @throws MsrpParseException 400 with the index of the offending character
     */
    public static FileTransferId parse(String value) {
        return new FileTransferId(SdpText.requireSdpToken(value, "file-transfer-id"));
    }

    /** The wire form, as {@link #toString()}. */
    public String value() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
