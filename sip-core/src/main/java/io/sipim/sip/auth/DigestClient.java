package io.sipim.sip.auth;

import io.sipim.sip.internal.Lexer;
import io.sipim.sip.message.CSeq;
import io.sipim.sip.message.Challenge;
import io.sipim.sip.message.Credentials;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.Parameters;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The user-agent side of digest authentication (RFC 3261 §22.2–§22.4): answers the challenges
 * of a 401 or 407 and reuses what it learnt for later requests.
 *
 * <p>{@link #authorize} turns the request that was challenged into the one to send again: the
 * same request with the given CSeq and one Authorization (for each WWW-Authenticate realm) or
 * Proxy-Authorization (for each Proxy-Authenticate realm) header, replacing older credentials for
 * those realms. The caller still gives the retried request a new Via branch, since it is a new
 * transaction (RFC 3261 §8.1.3.5), and caps the rounds per request: a server that answers
 * {@code stale=true} with a fresh nonce every time is indistinguishable from one with a short
 * nonce lifetime.
 *
 * <p>When the server refuses credentials it asked for, {@link #authorize} throws an
 * {@link AuthenticationException} with reason {@code REJECTED} instead of trying again, so a
 * wrong password fails the operation rather than looping.
 *
 * <p>Per realm the client keeps the chosen challenge and a nonce-count, so that
 * {@link #authorizePreemptively} can add credentials to a new request (a REGISTER refresh, the
 * next MESSAGE) without waiting for another challenge; each use of a nonce sends the next
 * {@code nc} (RFC 7616 §3.4). Use one client per account and next hop: it adds credentials for
 * every realm it has learnt.
 *
 * <p>Supports MD5, SHA-256 and SHA-512-256 and their {@code -sess} variants, {@code qop=auth}
 * and {@code qop=auth-int} (auth preferred when both are offered), the RFC 2069 form when no qop
 * is offered, and {@code userhash} (RFC 7616 §3.4.4). Not thread-safe: like all protocol state
 * it belongs to the stack's {@link io.sipim.sip.loop.Scheduler} thread.
 */
public final class DigestClient {
    /** Bytes of randomness in a cnonce: 128 bits, well over the 64 RFC 7616 §5.12 asks of a nonce. */
    private static final int CNONCE_BYTES = 16;
    private static final long MAX_NONCE_COUNT = 0xFFFF_FFFFL;
    private static final HexFormat HEX = HexFormat.of();

    private final CredentialsProvider credentials;
    private final SecureRandom random;
    private final Map<Space, Session> sessions = new LinkedHashMap<>();

    /** A client with its own {@link SecureRandom}. */
    public DigestClient(CredentialsProvider credentials) {
        this(credentials, new SecureRandom());
    }

    /** A client that draws cnonces from {@code random}. */
    public DigestClient(CredentialsProvider credentials, SecureRandom random) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A protection space: the realm, and whether it belongs to a proxy (RFC 3261 §22.3) or the UAS. */
    private record Space(boolean proxy, String realm) {
        HeaderName<Credentials> header() {
            return proxy ? HeaderName.PROXY_AUTHORIZATION : HeaderName.AUTHORIZATION;
        }
    }

    /** A challenge chosen for a realm and how often its nonce has been used. */
    private static final class Session {
        final Challenge challenge;
        final DigestAlgorithm algorithm;
        final String qop;
        long uses;

        Session(Challenge challenge, DigestAlgorithm algorithm, String qop) {
            this.challenge = challenge;
            this.algorithm = algorithm;
            this.qop = qop;
        }
    }

    /**
     * The request to send in answer to a 401 or 407: {@code challenged} with CSeq
     * {@code newCseq} and credentials for every challenged realm this client can answer.
     * Credentials for other realms that this client made earlier are renewed (next nonce-count).
     *
     * @param challenged the request that drew {@code response}, as sent: the credentials it carried
     *     are how a rejection is recognised
     * @param response a 401 or 407 for it
     * @param newCseq the CSeq number of the retried request (RFC 3261 §22.2: incremented)
     * @throws AuthenticationException when the credentials were rejected, none are known for the
     *     challenged realms, or no challenge is supported
     * @throws IllegalArgumentException when {@code response} is neither 401 nor 407
     */
    public SipRequest authorize(SipRequest challenged, SipResponse response, long newCseq) {
        if (response.status() != 401 && response.status() != 407) {
            throw new IllegalArgumentException("not a challenge: " + response.status());
        }
        Map<Space, Session> offered = new LinkedHashMap<>();
        collectOffers(response.values(HeaderName.WWW_AUTHENTICATE), false, offered);
        collectOffers(response.values(HeaderName.PROXY_AUTHENTICATE), true, offered);
        if (offered.isEmpty()) {
            throw new AuthenticationException(AuthenticationException.Reason.UNSUPPORTED_CHALLENGE, null,
                    "no supported Digest challenge in " + response.startLine());
        }
        for (Map.Entry<Space, Session> e : offered.entrySet()) {
            Space space = e.getKey();
            Credentials sent = sentFor(challenged, space);
            if (sent != null && rejected(sent, e.getValue().challenge, sessions.get(space))) {
                sessions.remove(space);
                throw new AuthenticationException(AuthenticationException.Reason.REJECTED, space.realm(),
                        "credentials for realm \"" + space.realm() + "\" rejected");
            }
        }
        List<Space> answerable = new ArrayList<>();
        for (Map.Entry<Space, Session> e : offered.entrySet()) {
            if (credentials.credentials(e.getKey().realm()) != null) {
                sessions.put(e.getKey(), e.getValue());
                answerable.add(e.getKey());
            }
        }
        if (answerable.isEmpty()) {
            throw new AuthenticationException(AuthenticationException.Reason.NO_CREDENTIALS,
                    offered.size() == 1 ? offered.keySet().iterator().next().realm() : null,
                    "no credentials for realm(s) " + offered.keySet().stream().map(Space::realm).toList());
        }
        SipRequest.Builder b = challenged.toBuilder().cseq(new CSeq(newCseq, challenged.method()));
        addCredentials(challenged, b, answerable);
        return b.build();
    }

    /**
     * {@code request} with credentials for every realm this client has answered before, reusing
     * the last nonce with the next nonce-count (RFC 7616 §3.4; RFC 3261 §22.3 lets a UAC reuse
     * credentials for a realm). Returns {@code request} itself when nothing is known yet. If the
     * server has since dropped the nonce it challenges again, usually with {@code stale=true}.
     */
    public SipRequest authorizePreemptively(SipRequest request) {
        if (sessions.isEmpty()) {
            return request;
        }
        SipRequest.Builder b = request.toBuilder();
        return addCredentials(request, b, List.copyOf(sessions.keySet())) ? b.build() : request;
    }

    /** Forgets every challenge learnt, e.g. when the account's password changes. */
    public void reset() {
        sessions.clear();
    }

    /**
     * Keeps, per realm and header, the strongest Digest challenge this client can answer (RFC 8760
     * §2.4: a server may offer one challenge per algorithm). Unknown algorithms and qops are skipped;
     * among equally strong ones the first listed, the server's preference, wins.
     */
    private static void collectOffers(List<Challenge> challenges, boolean proxy, Map<Space, Session> out) {
        for (Challenge c : challenges) {
            DigestAlgorithm alg = DigestAlgorithm.fromToken(c.algorithm());
            if (!c.isDigest() || alg == null || c.realm() == null || c.nonce() == null) {
                continue;
            }
            String qop = chooseQop(c.qop());
            // RFC 2617 §3.2.2.2: the session key needs a cnonce, which only exists with a qop.
            if (qop == null && (c.qop() != null || alg.isSession())) {
                continue;
            }
            Space space = new Space(proxy, c.realm());
            Session known = out.get(space);
            if (known == null || alg.strength() > known.algorithm.strength()) {
                out.put(space, new Session(c, alg, qop));
            }
        }
    }

    /** {@code auth} when offered, else {@code auth-int}, else null (none offered, or only unknown ones). */
    private static String chooseQop(String options) {
        if (options == null) {
            return null;
        }
        boolean authInt = false;
        for (String o : options.split(",")) {
            String t = o.trim();
            if (t.equalsIgnoreCase("auth")) {
                return "auth";
            }
            authInt |= t.equalsIgnoreCase("auth-int");
        }
        return authInt ? "auth-int" : null;
    }

    private static Credentials sentFor(SipRequest request, Space space) {
        for (Credentials c : request.values(space.header())) {
            if (c.isDigest() && space.realm().equals(c.realm())) {
                return c;
            }
        }
        return null;
    }

    /**
     * True when the server refused what we sent (RFC 3261 §22.2; RFC 7616 §3.3: without
     * {@code stale=true} the username or password is wrong). A challenge repeating the nonce we
     * used is a refusal even when marked stale, since answering it again cannot change anything.
     * One exception keeps refreshes working with servers that forget nonces without saying
     * stale: credentials sent preemptively (not a first answer to a challenge) earn one fresh try.
     */
    private static boolean rejected(Credentials sent, Challenge challenge, Session session) {
        if (challenge.nonce().equals(sent.nonce())) {
            return true;
        }
        if (challenge.stale()) {
            return false;
        }
        long nc = sent.nonceCount();
        if (nc >= 0) {
            return nc == 1;
        }
        // RFC 2069 form has no nc: ask our own count for that nonce.
        return session == null || !sent.nonce().equals(session.challenge.nonce()) || session.uses <= 1;
    }

    /**
     * Puts fresh credentials for {@code spaces} into {@code b}, and renews credentials of
     * {@code request} that this client made earlier; other credentials stay as they are.
     *
     * @return whether anything was added or renewed
     */
    private boolean addCredentials(SipRequest request, SipRequest.Builder b, List<Space> spaces) {
        boolean changed = false;
        for (boolean proxy : new boolean[] {false, true}) {
            HeaderName<Credentials> name = proxy ? HeaderName.PROXY_AUTHORIZATION : HeaderName.AUTHORIZATION;
            List<Credentials> existing = request.values(name);
            List<Credentials> out = new ArrayList<>(existing.size() + 1);
            List<Space> done = new ArrayList<>();
            for (Credentials c : existing) {
                Space space = new Space(proxy, c.realm() == null ? "" : c.realm());
                Credentials fresh = c.isDigest() && !done.contains(space) ? answer(space, request) : null;
                if (fresh != null) {
                    done.add(space);
                    out.add(fresh);
                } else if (!c.isDigest() || !done.contains(space)) {
                    out.add(c);
                }
            }
            for (Space space : spaces) {
                if (space.proxy() == proxy && !done.contains(space)) {
                    Credentials fresh = answer(space, request);
                    if (fresh != null) {
                        done.add(space);
                        out.add(fresh);
                    }
                }
            }
            if (!done.isEmpty()) {
                b.remove(name);
                for (Credentials c : out) {
                    b.header(name, c);
                }
                changed = true;
            }
        }
        return changed;
    }

    /** Credentials answering the session of {@code space} for {@code request}, or null when there is no session or password. */
    private Credentials answer(Space space, SipRequest request) {
        Session s = sessions.get(space);
        PasswordCredentials user = s == null ? null : credentials.credentials(space.realm());
        if (user == null) {
            return null;
        }
        if (s.uses == MAX_NONCE_COUNT) {
            // RFC 7616 §3.4: nc is 8 hex digits; a worn-out nonce is dropped and the server asked again.
            sessions.remove(space);
            return null;
        }
        s.uses++;
        Challenge c = s.challenge;
        DigestAlgorithm alg = s.algorithm;
        String realm = c.realm();
        String nonce = c.nonce();
        String uri = request.requestUri().toString();
        String nc = s.qop == null ? null : HEX.toHexDigits((int) s.uses);
        String cnonce = s.qop == null ? null : cnonce();
        String ha1 = RequestDigest.ha1(alg, user.username(), realm, user.password());
        String response = RequestDigest.response(alg, ha1, nonce, nc, cnonce, s.qop, request.method(), uri,
                request.body());
        boolean userhash = "true".equalsIgnoreCase(c.parameters().get("userhash"));
        String username = userhash ? alg.hash(user.username() + ':' + realm) : user.username();

        // Parameter order of the RFC 3261 §22.4 and RFC 7616 §3.9 examples.
        Parameters.Builder p = Parameters.builder()
                .add("username", Lexer.quote(username))
                .add("realm", Lexer.quote(realm))
                .add("nonce", Lexer.quote(nonce))
                .add("uri", Lexer.quote(uri))
                .add("response", Lexer.quote(response));
        if (c.parameters().has("algorithm")) {
            p.add("algorithm", alg.token());
        }
        if (cnonce != null) {
            p.add("cnonce", Lexer.quote(cnonce));
        }
        if (c.opaque() != null) {
            p.add("opaque", Lexer.quote(c.opaque()));
        }
        if (s.qop != null) {
            p.add("qop", s.qop).add("nc", nc);
        }
        if (userhash) {
            p.add("userhash", "true");
        }
        return new Credentials("Digest", p.build());
    }

    private String cnonce() {
        byte[] b = new byte[CNONCE_BYTES];
        random.nextBytes(b);
        return HEX.formatHex(b);
    }
}
