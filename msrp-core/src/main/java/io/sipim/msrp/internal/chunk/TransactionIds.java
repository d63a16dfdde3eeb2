package io.sipim.msrp.internal.chunk;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Transaction ids for one connection or session: {@value #LENGTH} characters from {@code a-z2-7},
 * a valid RFC 4975 ident (ALPHANUM first, 4 to 32 characters). Ids must be unique among a
 * sender's open transactions and hard to guess for a body's author (RFC 4975 §7.1.1 asks the
 * sender to pick another id when the body contains the end-line, which an attacker could otherwise
 * plant), but do not need a {@link SecureRandom} draw each: one draw seeds a 64-bit key, then each id
 * is a bijective mix (SplitMix64's finaliser) of key and counter, so ids do not repeat for 2^60 calls
 * and cost a few multiplications.
 */
public final class TransactionIds {
    /** Characters in an id. */
    public static final int LENGTH = 12;

    private static final byte[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom SEEDS = new SecureRandom();

    private final long key;
    private long counter;

    /** A generator keyed from {@link SecureRandom}. */
    public TransactionIds() {
        this(seed());
    }

    /** A generator with a fixed key: the same key gives the same ids (for tests). */
    public TransactionIds(long key) {
        this.key = key;
    }

    private static long seed() {
        synchronized (SEEDS) {
            return SEEDS.nextLong();
        }
    }

    /** Writes the next id into {@code dst[offset .. offset + LENGTH)}. */
    public void next(byte[] dst, int offset) {
        long z = key + (++counter) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        for (int i = 0; i < LENGTH; i++) {
            dst[offset + i] = ALPHABET[(int) (z >>> (5 * i)) & 31];
        }
    }

    /** The next id as a string. */
    public String next() {
        byte[] b = new byte[LENGTH];
        next(b, 0);
        return new String(b, StandardCharsets.US_ASCII);
    }
}
