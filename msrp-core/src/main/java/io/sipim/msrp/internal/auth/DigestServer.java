package io.sipim.msrp.internal.auth;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The relay side of MSRP AUTH digest authentication (RFC 4976 §5, RFC 7616 §3.3, §3.4): issues
 * challenges with nonces of 128 random bits from {@link SecureRandom}, one per configured
 * algorithm (strongest first, RFC 7616 §3.7), and verifies Authorization values.
 *
 * <p>Every issued nonce is remembered, with its issue time and the highest {@code nc} seen, in a
 * table bounded by {@code maxNonces} (the oldest go first). A response computed with the right
 * password is {@link Outcome#STALE} when its nonce has expired or been forgotten, so the client
 * retries with a new one without asking its user; an {@code nc} not above the highest seen for its
 * nonce is {@link Outcome#REPLAY} (RFC 7616 §3.4: nonce-count replay protection). Thread-safe.
 */
public final class DigestServer {

    /** What verification found. */
    public enum Outcome {
        /** The credentials are right. */
        OK,
        /** No Authorization value at all. */
        MISSING,
        /** Not a well-formed digest answer for this realm, method and URI. */
        MALFORMED,
        /** The password was right but the nonce is expired or unknown: challenge again with stale=true. */
        STALE,
        /** The nonce-count was used before. */
        REPLAY,
        /** Unknown user or wrong password. */
        BAD_CREDENTIALS
    }

    /**
     * The result of {@link #verify}.
     *
     * @param outcome what was found
     * @param username the user named in the credentials, or {@code null} when there were none
     */
    public record Result(Outcome outcome, String username) {
        public boolean ok() {
            return outcome == Outcome.OK;
        }
    }

    /** Default nonce lifetime: {@value} seconds. */
    public static final long DEFAULT_NONCE_SECONDS = 300;
    /** Default size of the nonce table: {@value}. */
    public static final int DEFAULT_MAX_NONCES = 4096;

    private static final class NonceState {
        final long issued;
        long highestNc;

        NonceState(long issued) {
            this.issued = issued;
        }
    }

    private final String realm;
    private final Function<String, String> passwords;
    private final List<DigestAlgorithm> algorithms;
    private final long nonceLifetimeNanos;
    private final LongSupplier clock;
    private final SecureRandom random;
    private final Map<String, NonceState> nonces;

    private DigestServer(Builder b) {
        this.realm = Objects.requireNonNull(b.realm, "realm");
        this.passwords = Objects.requireNonNull(b.passwords, "users");
        if (b.algorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one digest algorithm is needed");
        }
        this.algorithms = List.copyOf(b.algorithms);
        this.nonceLifetimeNanos = b.nonceLifetime.toNanos();
        this.clock = b.clock;
        this.random = b.random;
        int max = b.maxNonces;
        this.nonces = new LinkedHashMap<>(64, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, NonceState> eldest) {
                return size() > max;
            }
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    public String realm() {
        return realm;
    }

    /** WWW-Authenticate values for a 401: one per algorithm, strongest first, each with a fresh nonce. */
    public synchronized List<String> challenges(boolean stale) {
        List<String> out = new ArrayList<>(algorithms.size());
        for (DigestAlgorithm a : algorithms) {
            byte[] b = new byte[16];
            random.nextBytes(b);
            String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            nonces.put(nonce, new NonceState(clock.getAsLong()));
            Map<String, String> p = new LinkedHashMap<>();
            p.put("realm", realm);
            p.put("nonce", nonce);
            p.put("qop", "auth");
            p.put("algorithm", a.token());
            if (stale) {
                p.put("stale", "true");
            }
            out.add(new AuthParams("Digest", p).format());
        }
        return out;
    }

    /**
     * Checks an Authorization value.
     *
     * @param authorization the header value, or {@code null} when absent
     * @param method the request's method ({@code AUTH})
     * @param uri the relay URI the request was sent to; the credentials' {@code uri} must equal it
     */
    public synchronized Result verify(String authorization, String method, String uri) {
        if (authorization == null) {
            return new Result(Outcome.MISSING, null);
        }
        AuthParams p;
        try {
            p = AuthParams.parse(authorization);
        } catch (IllegalArgumentException e) {
            return new Result(Outcome.MALFORMED, null);
        }
        String user = p.get("username");
        DigestAlgorithm a = DigestAlgorithm.of(p.get("algorithm"));
        String nonce = p.get("nonce");
        String nc = p.get("nc");
        String cnonce = p.get("cnonce");
        String response = p.get("response");
        if (!p.scheme().equalsIgnoreCase("Digest") || user == null || a == null || !algorithms.contains(a)
                || !realm.equals(p.get("realm")) || nonce == null || response == null || !"auth".equals(p.get("qop"))
                || nc == null || cnonce == null || !uri.equals(p.get("uri"))) {
            return new Result(Outcome.MALFORMED, user);
        }
        long count;
        try {
            if (nc.length() != 8) {
                throw new NumberFormatException(nc);
            }
            count = Long.parseLong(nc, 16);
        } catch (NumberFormatException e) {
            return new Result(Outcome.MALFORMED, user);
        }
        String password = passwords.apply(user);
        // An unknown user is checked against a random password, so that timing does not tell users apart.
        String ha1 = a.ha1(user, realm, password != null ? password : Long.toString(random.nextLong()));
        String expected = a.response(ha1, nonce, nc, cnonce, "auth", method, uri);
        if (password == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return new Result(Outcome.BAD_CREDENTIALS, user);
        }
        NonceState state = nonces.get(nonce);
        if (state == null || clock.getAsLong() - state.issued > nonceLifetimeNanos) {
            nonces.remove(nonce);
            return new Result(Outcome.STALE, user);
        }
        if (count <= state.highestNc) {
            return new Result(Outcome.REPLAY, user);
        }
        state.highestNc = count;
        return new Result(Outcome.OK, user);
    }

    /** Builds a {@link DigestServer}; realm and users are required. */
    public static final class Builder {
        private String realm;
        private Function<String, String> passwords;
        private List<DigestAlgorithm> algorithms = List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
        private Duration nonceLifetime = Duration.ofSeconds(DEFAULT_NONCE_SECONDS);
        private int maxNonces = DEFAULT_MAX_NONCES;
        private LongSupplier clock = System::nanoTime;
        private SecureRandom random = new SecureRandom();

        private Builder() {
        }

        public Builder realm(String realm) {
            this.realm = realm;
            return this;
        }

        /** Passwords by user name. */
        public Builder users(Map<String, String> users) {
            Map<String, String> copy = Map.copyOf(users);
            this.passwords = copy::get;
            return this;
        }

        /** Algorithms to offer, strongest first (default SHA-256 then MD5). */
        public Builder algorithms(List<DigestAlgorithm> algorithms) {
            this.algorithms = List.copyOf(algorithms);
            return this;
        }

        public Builder nonceLifetime(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("nonce lifetime must be positive");
            }
            this.nonceLifetime = lifetime;
            return this;
        }

        public Builder maxNonces(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxNonces must be positive");
            }
            this.maxNonces = max;
            return this;
        }

        /** Monotonic nanoseconds (tests pass a virtual clock). */
        public Builder clock(LongSupplier nanoTime) {
            this.clock = Objects.requireNonNull(nanoTime);
            return this;
        }

        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        public DigestServer build() {
            return new DigestServer(this);
        }
    }
}
