package io.sipim.sip.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Self-validating nonces (RFC 7616 §5.5 suggests time-stamp plus a hash with a private key):
 * {@code base64url(issued-nanos ‖ 8 random bytes ‖ HMAC-SHA256(secret, realm ‖ issued ‖ random)[0..16))}.
 * The server remembers nothing about the nonces it hands out, so a flood of challenges costs no
 * memory; a nonce it did not make, or one from before a restart, fails the MAC.
 */
final class NonceCodec {
    private static final String MAC = "HmacSHA256";
    private static final int RANDOM_BYTES = 8;
    private static final int MAC_BYTES = 16;
    private static final int NONCE_BYTES = Long.BYTES + RANDOM_BYTES + MAC_BYTES;
    /** Length of the base64url text, without padding. */
    static final int NONCE_LENGTH = (NONCE_BYTES * 4 + 2) / 3;

    private final SecretKeySpec key;
    private final byte[] realm;
    private final SecureRandom random;

    NonceCodec(String realm, SecureRandom random) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, MAC);
        this.realm = realm.getBytes(StandardCharsets.UTF_8);
        this.random = random;
    }

    /** A new nonce stamped with {@code nowNanos}. */
    String issue(long nowNanos) {
        ByteBuffer b = ByteBuffer.allocate(NONCE_BYTES);
        b.putLong(nowNanos);
        byte[] r = new byte[RANDOM_BYTES];
        random.nextBytes(r);
        b.put(r);
        b.put(mac(b.array(), Long.BYTES + RANDOM_BYTES));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /**
     * The time {@code nonce} was issued, or {@code null} when this codec did not make it (wrong
     * length, not base64url, or the MAC does not match).
     */
    Long issuedAt(String nonce) {
        if (nonce.length() != NONCE_LENGTH) {
            return null;
        }
        byte[] b;
        try {
            b = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return null;
        }
        // Base64 leaves spare bits in the last character: only the canonical spelling is the nonce.
        if (b.length != NONCE_BYTES || !Base64.getUrlEncoder().withoutPadding().encodeToString(b).equals(nonce)) {
            return null;
        }
        byte[] expected = mac(b, Long.BYTES + RANDOM_BYTES);
        byte[] got = new byte[MAC_BYTES];
        System.arraycopy(b, Long.BYTES + RANDOM_BYTES, got, 0, MAC_BYTES);
        if (!MessageDigest.isEqual(expected, got)) {
            return null;
        }
        return ByteBuffer.wrap(b).getLong();
    }

    private byte[] mac(byte[] data, int length) {
        try {
            Mac m = Mac.getInstance(MAC);
            m.init(key);
            m.update(realm);
            m.update(data, 0, length);
            byte[] full = m.doFinal();
            byte[] out = new byte[MAC_BYTES];
            System.arraycopy(full, 0, out, 0, MAC_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            // Java SE requires HmacSHA256 of every runtime.
            throw new IllegalStateException(e);
        }
    }
}
