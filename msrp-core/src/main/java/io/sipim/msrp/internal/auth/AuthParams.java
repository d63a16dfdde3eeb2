package io.sipim.msrp.internal.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The value of a WWW-Authenticate or Authorization header (RFC 4976 §5, RFC 7235 §2.1): an auth
 * scheme followed by comma-separated {@code name=token} or {@code name="quoted string"} parameters.
 * Names are kept lower-case; quoted values are unescaped.
 *
 * @param scheme the auth scheme as written ({@code Digest})
 * @param params parameter values by lower-case name, in order
 */
public record AuthParams(String scheme, Map<String, String> params) {

    /** Parameters whose values are quoted strings on the wire (RFC 7616 §3.3, §3.4). */
    private static final java.util.Set<String> QUOTED = java.util.Set.of("realm", "nonce", "opaque", "qop",
            "username", "uri", "response", "cnonce", "domain", "nextnonce", "rspauth");

    /** The value of a parameter (lower-case name), or {@code null}. */
    public String get(String name) {
        return params.get(name);
    }

    /**
     * Parses {@code scheme param=value, param="value"}.
     *
     * @throws IllegalArgumentException with the index of what is wrong
     */
    public static AuthParams parse(String value) {
        String s = value.strip();
        int i = 0;
        int n = s.length();
        while (i < n && s.charAt(i) != ' ') {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("no auth scheme");
        }
        String scheme = s.substring(0, i);
        Map<String, String> params = new LinkedHashMap<>();
        while (true) {
            i = skipSpace(s, i);
            if (i >= n) {
                break;
            }
            int nameStart = i;
            while (i < n && s.charAt(i) != '=' && s.charAt(i) != ' ' && s.charAt(i) != ',') {
                i++;
            }
            String name = s.substring(nameStart, i).toLowerCase(Locale.ROOT);
            i = skipSpace(s, i);
            if (name.isEmpty() || i >= n || s.charAt(i) != '=') {
                throw new IllegalArgumentException("expected name=value at " + nameStart);
            }
            i = skipSpace(s, i + 1);
            String v;
            if (i < n && s.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated quoted string in " + name);
                    }
                    char c = s.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\' && i < n) {
                        c = s.charAt(i++);
                    }
                    sb.append(c);
                }
                v = sb.toString();
            } else {
                int start = i;
                while (i < n && s.charAt(i) != ',' && s.charAt(i) != ' ') {
                    i++;
                }
                v = s.substring(start, i);
                if (v.isEmpty()) {
                    throw new IllegalArgumentException("empty value for " + name + " at " + start);
                }
            }
            if (params.putIfAbsent(name, v) != null) {
                throw new IllegalArgumentException("parameter " + name + " appears twice");
            }
            i = skipSpace(s, i);
            if (i < n) {
                if (s.charAt(i) != ',') {
                    throw new IllegalArgumentException("expected ',' at " + i);
                }
                i++;
            }
        }
        return new AuthParams(scheme, params);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Formats the value: known string parameters quoted (with {@code \} escapes), the others as tokens. */
    public String format() {
        StringBuilder sb = new StringBuilder(128).append(scheme);
        boolean first = true;
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(first ? " " : ", ").append(e.getKey()).append('=');
            first = false;
            if (QUOTED.contains(e.getKey())) {
                sb.append('"');
                for (int i = 0; i < e.getValue().length(); i++) {
                    char c = e.getValue().charAt(i);
                    if (c == '"' || c == '\\') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                sb.append('"');
            } else {
                sb.append(e.getValue());
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
