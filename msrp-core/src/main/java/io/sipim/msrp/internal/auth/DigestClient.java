package io.sipim.msrp.internal.auth;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The client side of MSRP AUTH digest authentication (RFC 4976 §5, RFC 7616 §3.4): answers a 401's
 * WWW-Authenticate challenges with an Authorization value for {@code AUTH} and the relay's URI as
 * digest-uri. Picks the strongest algorithm offered that it knows, counts {@code nc} per nonce,
 * draws each {@code cnonce} from {@link SecureRandom}, and can answer again with the last nonce
 * (the next {@code nc}) so that a refresh needs no new challenge. Not thread-safe.
 */
public final class DigestClient {
    private final String username;
    private final String password;
    private final SecureRandom random;
    private AuthParams last;
    private DigestAlgorithm lastAlgorithm;
    private long nc;

    public DigestClient(String username, String password) {
        this(username, password, new SecureRandom());
    }

    public DigestClient(String username, String password, SecureRandom random) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.random = Objects.requireNonNull(random, "random");
    }

    public String username() {
        return username;
    }

    /** Whether any of the challenges says {@code stale=true}: the password was right, only the nonce old. */
    public static boolean stale(List<String> challenges) {
        for (String c : challenges) {
            try {
                if ("true".equalsIgnoreCase(AuthParams.parse(c).get("stale"))) {
                    return true;
                }
            } catch (IllegalArgumentException ignored) {
                // not ours to judge
            }
        }
        return false;
    }

    /**
     * The Authorization value answering the strongest usable challenge among {@code challenges}
     * (WWW-Authenticate values).
     *
     * @throws IllegalArgumentException if no challenge is a Digest challenge this client can answer
     */
    public String authorize(List<String> challenges, String method, String uri) {
        AuthParams best = null;
        DigestAlgorithm bestAlgorithm = null;
        List<String> problems = new ArrayList<>();
        for (String c : challenges) {
            AuthParams p;
            try {
                p = AuthParams.parse(c);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                continue;
            }
            DigestAlgorithm a = DigestAlgorithm.of(p.get("algorithm"));
            if (!p.scheme().equalsIgnoreCase("Digest") || a == null || p.get("realm") == null || p.get("nonce") == null) {
                problems.add("unusable challenge " + c);
                continue;
            }
            String qop = p.get("qop");
            if (qop != null && !hasToken(qop, "auth")) {
                problems.add("challenge without qop=auth " + c);
                continue;
            }
            if (bestAlgorithm == null || a.ordinal() > bestAlgorithm.ordinal()) {
                best = p;
                bestAlgorithm = a;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no usable digest challenge: " + problems);
        }
        if (last == null || !best.get("nonce").equals(last.get("nonce"))) {
            nc = 0;
        }
        last = best;
        lastAlgorithm = bestAlgorithm;
        return authorizeAgain(method, uri);
    }

    /**
     * The next Authorization value for the nonce last answered (its {@code nc} one higher), for a
     * refresh without a new challenge.
     *
     * @throws IllegalStateException if no challenge was answered yet
     */
    public String authorizeAgain(String method, String uri) {
        if (last == null) {
            throw new IllegalStateException("no challenge answered yet");
        }
        String ncValue = String.format("%08x", ++nc);
        String qop = last.get("qop") == null ? null : "auth";
        String cnonce = qop == null ? null : cnonce();
        String realm = last.get("realm");
        String nonce = last.get("nonce");
        String response = lastAlgorithm.response(lastAlgorithm.ha1(username, realm, password), nonce, ncValue, cnonce,
                qop, method, uri);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("username", username);
        out.put("realm", realm);
        out.put("nonce", nonce);
        out.put("uri", uri);
        out.put("response", response);
        out.put("algorithm", lastAlgorithm.token());
        if (qop != null) {
            out.put("qop", qop);
            out.put("nc", ncValue);
            out.put("cnonce", cnonce);
        }
        if (last.get("opaque") != null) {
            out.put("opaque", last.get("opaque"));
        }
        return new AuthParams("Digest", out).format();
    }

    /** Whether a challenge has been answered (so {@link #authorizeAgain} can be used). */
    public boolean hasNonce() {
        return last != null;
    }

    private String cnonce() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        StringBuilder sb = new StringBuilder(24);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }

    static boolean hasToken(String list, String token) {
        for (String t : list.split(",")) {
            if (t.strip().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }
}
