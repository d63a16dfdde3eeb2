package io.sipim.msrp.sdp;

import io.sipim.msrp.message.MsrpParseException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code a=fingerprint} attribute (RFC 8122 §5): a hash of the certificate an endpoint will
 * present on its TLS connection ({@code msrps}, RFC 4975 §14.4), checked when the connection is up.
 *
 * <pre>fingerprint-attribute = "fingerprint" ":" hash-func SP fingerprint
 * hash-func = "sha-1" / "sha-224" / "sha-256" / "sha-384" / "sha-512" / "md5" / "md2" / token
 * fingerprint = 2UHEX *(":" 2UHEX)</pre>
 *
 * <p>The hash function name is kept in lower case (names are case-insensitive); the hex is written
 * in upper case as the grammar asks, and lower case is accepted when parsing.
 */
public final class Fingerprint {

    /** The attribute name, {@value}. */
    public static final String NAME = "fingerprint";

    private final String algorithm;
    private final byte[] hash;

    private Fingerprint(String algorithm, byte[] hash) {
        this.algorithm = algorithm;
        this.hash = hash;
    }

    /**
     * A fingerprint with a given hash value.
     *
     * @throws IllegalArgumentException if {@code algorithm} is not a token or {@code hash} is empty
     */
    public static Fingerprint ofHash(String algorithm, byte[] hash) {
        if (hash.length == 0) {
            throw new IllegalArgumentException("a fingerprint needs at least one byte");
        }
        return new Fingerprint(checkAlgorithm(algorithm), hash.clone());
    }

    /**
     * The fingerprint of a certificate: {@code algorithm} ({@code sha-256}, {@code sha-1},
     * {@code sha-224}, {@code sha-384}, {@code sha-512}) over its DER encoding (RFC 8122 §5).
     *
     * @throws IllegalArgumentException if the algorithm is not one of those
     */
    public static Fingerprint of(String algorithm, byte[] derCertificate) {
        String name = checkAlgorithm(algorithm);
        MessageDigest md = digest(name);
        if (md == null) {
            throw new IllegalArgumentException("unsupported fingerprint hash function: " + algorithm);
        }
        return new Fingerprint(name, md.digest(derCertificate));
    }

    /**
     * Parses the text after {@code a=fingerprint:}.
     *
     * @throws MsrpParseException 400 with the index of the offending character
     */
    public static Fingerprint parse(String value) {
        int sp = SdpText.sdpTokenEnd(value, 0);
        if (sp == 0) {
            throw SdpText.error("fingerprint needs a hash function name", 0);
        }
        if (sp == value.length() || value.charAt(sp) != ' ') {
            throw SdpText.error("fingerprint needs one space after the hash function", sp);
        }
        byte[] hash = SdpText.parseHexList(value, sp + 1, value.length(), "fingerprint");
        return new Fingerprint(value.substring(0, sp).toLowerCase(Locale.ROOT), hash);
    }

    /** The hash function name in lower case ({@code sha-256}). */
    public String algorithm() {
        return algorithm;
    }

    /** A copy of the hash value. */
    public byte[] hash() {
        return hash.clone();
    }

    /**
     * Whether {@code derCertificate} has this fingerprint. A hash function this JVM cannot compute
     * (or {@code md2}/{@code md5}, which RFC 8122 §5 forbids) never matches.
     */
    public boolean matches(byte[] derCertificate) {
        MessageDigest md = digest(algorithm);
        return md != null && MessageDigest.isEqual(md.digest(derCertificate), hash);
    }

    private static String checkAlgorithm(String algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        try {
            return SdpText.requireSdpToken(algorithm, "hash function name").toLowerCase(Locale.ROOT);
        } catch (MsrpParseException e) {
            throw new IllegalArgumentException("not a hash function name: " + algorithm, e);
        }
    }

    /** The digest for an RFC 8122 name, or null if unsupported. */
    private static MessageDigest digest(String name) {
        String jca;
        switch (name) {
            case "sha-1":
                jca = "SHA-1";
                break;
            case "sha-224":
                jca = "SHA-224";
                break;
            case "sha-256":
                jca = "SHA-256";
                break;
            case "sha-384":
                jca = "SHA-384";
                break;
            case "sha-512":
                jca = "SHA-512";
                break;
            default:
                return null;
        }
        try {
            return MessageDigest.getInstance(jca);
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** The wire form, as {@link #toString()}. */
    public String value() {
        return toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && algorithm.equals(f.algorithm) && Arrays.equals(hash, f.hash);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(hash);
    }

    /** {@code sha-256 4A:AD:…}. */
    @Override
    public String toString() {
        return algorithm + " " + SdpText.formatHexList(hash);
    }
}
