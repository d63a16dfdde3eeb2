package io.sipim.sip.auth;

import io.sipim.sip.auth.DigestResult.Status;
import io.sipim.sip.internal.Lexer;
import io.sipim.sip.message.Challenge;
import io.sipim.sip.message.Credentials;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.Parameters;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.Uri;
import io.sipim.sip.parse.SipParseException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The registrar or proxy side of digest authentication (RFC 3261 §22.1, §22.3): issues challenges
 * for one realm and verifies the credentials that come back.
 *
 * <pre>{@code
 * DigestServer auth = DigestServer.builder("example.com", UserStore.inMemory(Map.of("alice", "secret")))
 *         .clock(scheduler::nanoTime).build();
 * DigestResult r = auth.verify(request, HeaderName.AUTHORIZATION);
 * if (!r.isOk()) {
 *     send(auth.reject(request, r, HeaderName.AUTHORIZATION).toTag(tag).build());
 * }
 * }</pre>
 *
 * <p>Nonces are self-validating ({@code NonceCodec}: issue time, randomness and an HMAC under a
 * secret drawn at construction), so handing out challenges costs no memory; nonces do not survive
 * a restart, and clients then get {@code stale=true} and retry silently. Accepted nonce-counts
 * are kept per nonce in a table of at most {@link Builder#maxNonceCounts} nonces for replay
 * protection; verify each request once per server transaction (the transaction layer absorbs
 * retransmissions, which would otherwise look like replays).
 *
 * <p>The {@code uri} parameter must name the Request-URI: the same text, or a URI equal to it by
 * the rules of RFC 3261 §19.1.4, since a proxy on the way may re-escape or reorder parameters.
 * The digest covers the {@code uri} as sent, so this tolerance does not weaken it. URIs that
 * {@link Builder#sameResource} names as this server are accepted too.
 *
 * <p>Not thread-safe: like all protocol state it belongs to the stack's
 * {@link io.sipim.sip.loop.Scheduler} thread.
 */
public final class DigestServer {
    /** Default nonce lifetime: 5 minutes. */
    public static final Duration DEFAULT_NONCE_LIFETIME = Duration.ofMinutes(5);
    /** Default bound on the nonces whose counts are remembered (about 200 bytes each). */
    public static final int DEFAULT_MAX_NONCE_COUNTS = 100_000;

    private final String realm;
    private final UserStore users;
    private final LongSupplier clock;
    private final long lifetimeNanos;
    private final List<DigestAlgorithm> algorithms;
    private final boolean authInt;
    private final String qopOptions;
    private final NonceCodec nonces;
    private final NonceCounts counts;
    private final java.util.function.Predicate<Uri> sameResource;

    private DigestServer(Builder b) {
        this.realm = b.realm;
        this.users = b.users;
        this.sameResource = b.sameResource;
        this.clock = b.clock;
        this.lifetimeNanos = b.nonceLifetime.toNanos();
        this.algorithms = List.copyOf(b.algorithms);
        this.authInt = b.authInt;
        this.qopOptions = b.authInt ? "auth,auth-int" : "auth";
        this.nonces = new NonceCodec(b.realm, b.random == null ? new SecureRandom() : b.random);
        this.counts = new NonceCounts(b.maxNonceCounts);
    }

    /** A builder for a server of {@code realm} (RFC 3261 §22.1: usually the domain) and its users. */
    public static Builder builder(String realm, UserStore users) {
        return new Builder(realm, users);
    }

    /** Configures a {@link DigestServer}; every setting has a safe default. */
    public static final class Builder {
        private final String realm;
        private final UserStore users;
        private java.util.function.Predicate<Uri> sameResource = u -> false;
        private LongSupplier clock = System::nanoTime;
        private SecureRandom random;
        private Duration nonceLifetime = DEFAULT_NONCE_LIFETIME;
        private List<DigestAlgorithm> algorithms = List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
        private boolean authInt;
        private int maxNonceCounts = DEFAULT_MAX_NONCE_COUNTS;

        private Builder(String realm, UserStore users) {
            if (Objects.requireNonNull(realm, "realm").isEmpty()) {
                throw new IllegalArgumentException("empty realm");
            }
            this.realm = realm;
            this.users = Objects.requireNonNull(users, "users");
        }

        /** Monotonic nanoseconds, e.g. {@code scheduler::nanoTime}; {@code System::nanoTime} by default. */
        public Builder clock(LongSupplier nanoTime) {
            this.clock = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /** Where the nonce secret and nonces come from; a new {@link SecureRandom} by default. */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** How long a nonce stays valid; {@link #DEFAULT_NONCE_LIFETIME} by default. */
        public Builder nonceLifetime(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("nonce lifetime must be positive: " + lifetime);
            }
            this.nonceLifetime = lifetime;
            return this;
        }

        /**
         * The algorithms to offer, one challenge each, preferred first (RFC 8760 §2.4); by default
         * SHA-256 then MD5, which SIP clients such as SIPp still need. Credentials using any other
         * algorithm are refused as malformed.
         */
        public Builder algorithms(DigestAlgorithm... algorithms) {
            if (algorithms.length == 0) {
                throw new IllegalArgumentException("no algorithm");
            }
            this.algorithms = List.of(algorithms);
            return this;
        }

        /** Also offer {@code qop=auth-int} (the body is then hashed too); only {@code auth} by default. */
        public Builder offerAuthInt(boolean authInt) {
            this.authInt = authInt;
            return this;
        }

        /** The most nonces whose counts are remembered; {@link #DEFAULT_MAX_NONCE_COUNTS} by default. */
        public Builder maxNonceCounts(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxNonceCounts must be positive: " + max);
            }
            this.maxNonceCounts = max;
            return this;
        }

        /**
         * Other URIs that name the same resource as any Request-URI this server verifies: for a
         * registrar, its own addresses and domain. Some clients put the server's address in the
         * digest {@code uri} instead of the Request-URI (SIPp writes {@code sip:IP:port}); RFC 2617
         * §3.2.2.5 asks only that the URI refer to the same resource. Default: none.
         */
        public Builder sameResource(java.util.function.Predicate<Uri> sameResource) {
            this.sameResource = Objects.requireNonNull(sameResource, "sameResource");
            return this;
        }

        public DigestServer build() {
            return new DigestServer(this);
        }
    }

    public String realm() {
        return realm;
    }

    /**
     * One challenge per offered algorithm, preferred first, sharing a fresh nonce (RFC 8760 §2.4),
     * for WWW-Authenticate or Proxy-Authenticate. {@code stale} tells the client its password was
     * right and only the nonce needs renewing (RFC 7616 §3.3).
     */
    public List<Challenge> challenges(boolean stale) {
        String nonce = nonces.issue(clock.getAsLong());
        List<Challenge> out = new ArrayList<>(algorithms.size());
        for (DigestAlgorithm a : algorithms) {
            Parameters.Builder p = Parameters.builder()
                    .add("realm", Lexer.quote(realm))
                    .add("nonce", Lexer.quote(nonce))
                    .add("algorithm", a.token())
                    .add("qop", Lexer.quote(qopOptions));
            if (stale) {
                p.add("stale", "TRUE");
            }
            out.add(new Challenge("Digest", p.build()));
        }
        return out;
    }

    /**
     * The answer to a request that failed {@link #verify}: 400 for {@link Status#MALFORMED}, else
     * 401 with WWW-Authenticate (for {@code AUTHORIZATION}) or 407 with Proxy-Authenticate (for
     * {@code PROXY_AUTHORIZATION}) carrying fresh challenges, stale when {@code result} says so.
     * The caller adds a To tag (RFC 3261 §8.2.6.2).
     */
    public SipResponse.Builder reject(SipRequest request, DigestResult result, HeaderName<Credentials> which) {
        if (result.isOk()) {
            throw new IllegalArgumentException("nothing to reject: " + result);
        }
        if (result.status() == Status.MALFORMED) {
            // RFC 3261 §21.4.1: the reason phrase says what is wrong.
            return SipResponse.to(request, 400).reason("Bad credentials: " + result.detail());
        }
        boolean proxy = isProxy(which);
        SipResponse.Builder b = SipResponse.to(request, proxy ? 407 : 401);
        for (Challenge c : challenges(result.stale())) {
            b.header(proxy ? HeaderName.PROXY_AUTHENTICATE : HeaderName.WWW_AUTHENTICATE, c);
        }
        return b;
    }

    /**
     * Checks the Digest credentials for this realm in the {@code which} headers of {@code request}
     * (RFC 3261 §22.3: a proxy looks only at Proxy-Authorization for its own realm).
     *
     * @param which {@link HeaderName#AUTHORIZATION} for a registrar or UAS,
     *     {@link HeaderName#PROXY_AUTHORIZATION} for a proxy
     */
    public DigestResult verify(SipRequest request, HeaderName<Credentials> which) {
        isProxy(which); // refuses a header that holds no credentials
        Credentials c = null;
        for (Credentials x : request.values(which)) {
            if (x.isDigest() && realm.equals(x.realm())) {
                c = x;
                break;
            }
        }
        if (c == null) {
            return new DigestResult(Status.MISSING, null, "no Digest credentials for realm \"" + realm + '"');
        }
        String user = c.username();
        String nonce = c.nonce();
        String uri = c.uri();
        String response = c.response();
        String cnonce = c.cnonce();
        String nc = c.parameters().get("nc");
        String qop = c.qop();
        if (user == null || nonce == null || uri == null || response == null) {
            return malformed(user, "username, nonce, uri and response are required");
        }
        DigestAlgorithm alg = DigestAlgorithm.fromToken(c.algorithm());
        if (alg == null || !algorithms.contains(alg)) {
            return malformed(user, "algorithm " + c.algorithm() + " was not offered");
        }
        if ("true".equalsIgnoreCase(c.parameters().get("userhash"))) {
            return malformed(user, "userhash was not offered");
        }
        // RFC 7616 §3.4: a client answering a challenge with qop must use one of the offered qops.
        if (qop == null || !(qop.equals("auth") || authInt && qop.equals("auth-int"))) {
            return malformed(user, "qop " + qop + " was not offered (" + qopOptions + ")");
        }
        long count = parseNonceCount(nc);
        if (count <= 0) {
            return malformed(user, "nc must be 8 hex digits above 0: " + nc);
        }
        if (cnonce == null || cnonce.isEmpty()) {
            return malformed(user, "cnonce is required with qop");
        }
        if (response.length() != alg.hexLength() || !isHex(response)) {
            return malformed(user, "response is not " + alg.hexLength() + " hex digits");
        }
        if (!sameUri(uri, request.requestUri()) && !otherNameOfUs(uri)) {
            return malformed(user, "uri \"" + uri + "\" is not the Request-URI " + request.requestUri());
        }
        String ha1 = users.ha1(user, realm, alg.base());
        if (ha1 == null) {
            return new DigestResult(Status.BAD_RESPONSE, user, "unknown user");
        }
        String expected = RequestDigest.response(alg, ha1, nonce, nc, cnonce, qop, request.method(), uri,
                request.body());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return new DigestResult(Status.BAD_RESPONSE, user, "response digest does not match");
        }
        // The digest is right, so the client knows the password: a bad nonce only makes it stale
        // (RFC 2617 §3.2.1), and is checked after the digest so strangers learn nothing from it.
        Long issued = nonces.issuedAt(nonce);
        long now = clock.getAsLong();
        if (issued == null) {
            return new DigestResult(Status.STALE, user, "nonce not issued by this server");
        }
        if (now - issued > lifetimeNanos || now - issued < 0) {
            return new DigestResult(Status.STALE, user, "nonce expired");
        }
        return switch (counts.check(nonce, issued, count, now, lifetimeNanos)) {
            case FRESH -> new DigestResult(Status.OK, user, "");
            case REPLAY -> new DigestResult(Status.REPLAY, user, "nc " + nc + " already used with this nonce");
            case FORGOTTEN -> new DigestResult(Status.STALE, user, "nonce-count state dropped under load");
        };
    }

    /** How many nonces have their counts remembered now. */
    int trackedNonces() {
        return counts.size();
    }

    private static DigestResult malformed(String user, String detail) {
        return new DigestResult(Status.MALFORMED, user, detail);
    }

    private static boolean isProxy(HeaderName<Credentials> which) {
        if (which == HeaderName.PROXY_AUTHORIZATION) {
            return true;
        }
        if (which == HeaderName.AUTHORIZATION) {
            return false;
        }
        throw new IllegalArgumentException("not a credentials header: " + which);
    }

    /** RFC 7616 §3.4: nc-value is exactly 8 hex digits; -1 otherwise. */
    private static long parseNonceCount(String nc) {
        if (nc == null || nc.length() != 8 || !isHex(nc)) {
            return -1;
        }
        return Long.parseLong(nc, 16);
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private boolean otherNameOfUs(String digestUri) {
        try {
            return sameResource.test(Uri.parse(digestUri));
        } catch (SipParseException e) {
            return false;
        }
    }

    private static boolean sameUri(String digestUri, Uri requestUri) {
        if (digestUri.equals(requestUri.toString())) {
            return true;
        }
        try {
            return Uri.parse(digestUri).equals(requestUri);
        } catch (SipParseException e) {
            return false;
        }
    }
}
