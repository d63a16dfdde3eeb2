package io.sipim.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest algorithms of RFC 7616 §3.3 that SIP may use (RFC 8760 §2.2), weakest hash first.
 * A {@code -sess} variant hashes the nonce and cnonce into A1 (RFC 7616 §3.4.2).
 */
public enum DigestAlgorithm {
    MD5("MD5", "MD5", 32, 0),
    MD5_SESS("MD5-sess", "MD5", 32, 0),
    SHA_256("SHA-256", "SHA-256", 64, 1),
    SHA_256_SESS("SHA-256-sess", "SHA-256", 64, 1),
    SHA_512_256("SHA-512-256", "SHA-512/256", 64, 2),
    SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", 64, 2);

    private static final HexFormat HEX = HexFormat.of();

    private final String token;
    private final String jdkName;
    private final int hexLength;
    private final int strength;

    DigestAlgorithm(String token, String jdkName, int hexLength, int strength) {
        this.token = token;
        this.jdkName = jdkName;
        this.hexLength = hexLength;
        this.strength = strength;
    }

    /** The name on the wire, e.g. {@code SHA-256-sess}. */
    public String token() {
        return token;
    }

    /** The algorithm called {@code token} (any case, RFC 7616 §3.3), or {@code null} when unknown. */
    public static DigestAlgorithm fromToken(String token) {
        if (token == null) {
            return null;
        }
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(token)) {
                return a;
            }
        }
        return null;
    }

    /** True for the {@code -sess} variants. */
    public boolean isSession() {
        return this == MD5_SESS || this == SHA_256_SESS || this == SHA_512_256_SESS;
    }

    /** The variant without {@code -sess}: the one whose H(username:realm:password) a user store keeps. */
    public DigestAlgorithm base() {
        return switch (this) {
            case MD5, MD5_SESS -> MD5;
            case SHA_256, SHA_256_SESS -> SHA_256;
            case SHA_512_256, SHA_512_256_SESS -> SHA_512_256;
        };
    }

    /**
     * How strong the hash is, for choosing among challenges (RFC 8760 §2.4): 0 for MD5, 1 for
     * SHA-256, 2 for SHA-512/256. A {@code -sess} variant is as strong as its base.
     */
    public int strength() {
        return strength;
    }

    /** Length of a hash in lower-case hex: 32 for MD5, 64 for the others. */
    public int hexLength() {
        return hexLength;
    }

    /** H(text) of RFC 7616 §3.4: the hash of the UTF-8 bytes of {@code text} in lower-case hex. */
    public String hash(String text) {
        return hash(text.getBytes(StandardCharsets.UTF_8));
    }

    /** H(data) in lower-case hex. */
    public String hash(byte[] data) {
        return HEX.formatHex(newDigest().digest(data));
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            // Java SE requires MD5 and SHA-256 of every runtime; OpenJDK's SUN provider has SHA-512/256 too.
            throw new IllegalStateException(jdkName + " missing from this JDK", e);
        }
    }
}
