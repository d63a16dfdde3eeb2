package io.sipim.msrp.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An MSRP URI (RFC 4975 §6, §9): {@code msrp://host:port/session-id;tcp} or {@code msrps://…}, with
 * optional userinfo, an IPv6 reference in brackets, the transport and extension parameters.
 *
 * <p>Equality follows RFC 4975 §6.1: the scheme, the transport and the host compare without regard
 * to case, the session-id with regard to case; the port must be given in both and equal, or in
 * neither; the userinfo and the URI parameters are not compared. Host names are never resolved
 * for comparison. {@link #toString()} gives the URI as it was parsed or built.
 */
public final class MsrpUri {

    /** A URI parameter ({@code ;name} or {@code ;name=value}); {@code value} is {@code null} when absent. */
    public record Parameter(String name, String value) {
        public Parameter {
            Objects.requireNonNull(name, "name");
        }
    }

    private final boolean secure;
    private final String userinfo;
    private final String host;
    private final int port;
    private final String sessionId;
    private final String transport;
    private final List<Parameter> parameters;
    private final String text;
    /** The host as RFC 4975 §6.1 compares it: percent-decoded and lower-cased, an IPv6 address canonical. */
    private final String hostKey;

    private MsrpUri(boolean secure, String userinfo, String host, int port, String sessionId, String transport,
                    List<Parameter> parameters, String text) {
        this.secure = secure;
        this.userinfo = userinfo;
        this.host = host;
        this.port = port;
        this.sessionId = sessionId;
        this.transport = transport;
        this.parameters = parameters;
        this.text = text != null ? text : format();
        this.hostKey = hostKey(host);
    }

    private static String hostKey(String host) {
        if (host == null) {
            return null;
        }
        if (host.indexOf(':') >= 0) {
            byte[] a = ipv6(host);
            if (a != null) {
                StringBuilder sb = new StringBuilder(32);
                for (byte b : a) {
                    sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
                }
                return sb.toString();
            }
        }
        if (host.indexOf('%') < 0) {
            return host.toLowerCase(Locale.ROOT);
        }
        StringBuilder sb = new StringBuilder(host.length());
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '%' && isPctEncoded(host, i)) {
                sb.append((char) Integer.parseInt(host, i + 1, i + 3, 16));
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isPctEncoded(String s, int i) {
        return i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2));
    }

    /** RFC 3986 IPv6address (hex groups, one "::", an optional dotted IPv4 tail) as 16 bytes, or {@code null}. */
    static byte[] ipv6(String s) {
        byte[] out = new byte[16];
        int n = s.length();
        int groups = 0;
        int gap = -1;
        int i = 0;
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (s.startsWith(":")) {
            return null;
        }
        while (i < n) {
            if (groups == 8) {
                return null;
            }
            int start = i;
            int v = 0;
            while (i < n && i - start < 5 && isHex(s.charAt(i))) {
                v = v * 16 + Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                // dotted IPv4 in the last 32 bits
                if (groups > 6 || !ipv4(s, start, out, groups * 2)) {
                    return null;
                }
                groups += 2;
                i = n;
                break;
            }
            if (i == start || i - start > 4) {
                return null;
            }
            out[groups * 2] = (byte) (v >> 8);
            out[groups * 2 + 1] = (byte) v;
            groups++;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = groups;
                i++;
            } else if (i == n) {
                return null;
            }
        }
        if (gap < 0) {
            return groups == 8 ? out : null;
        }
        if (groups == 8) {
            return null;
        }
        int tail = groups - gap;
        byte[] r = new byte[16];
        System.arraycopy(out, 0, r, 0, gap * 2);
        System.arraycopy(out, gap * 2, r, 16 - tail * 2, tail * 2);
        return r;
    }

    private static boolean ipv4(String s, int from, byte[] out, int at) {
        String[] parts = s.substring(from).split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (int k = 0; k < 4; k++) {
            String p = parts[k];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return false;
            }
            for (int c = 0; c < p.length(); c++) {
                if (p.charAt(c) < '0' || p.charAt(c) > '9') {
                    return false;
                }
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return false;
            }
            out[at + k] = (byte) v;
        }
        return true;
    }

    /**
     * Parses an MSRP URI.
     *
     * @throws MsrpParseException 400, with the index of the offending character
     */
    public static MsrpUri parse(CharSequence input) {
        String s = input.toString();
        int n = s.length();
        boolean secure;
        int i;
        if (startsWithIgnoreCase(s, "msrps://")) {
            secure = true;
            i = 8;
        } else if (startsWithIgnoreCase(s, "msrp://")) {
            secure = false;
            i = 7;
        } else {
            throw new MsrpParseException("MSRP URI must start with msrp:// or msrps://", 400, 0);
        }
        String userinfo = null;
        // '@' can appear nowhere but after the userinfo, which may itself hold ';' and '/' (RFC 3986 sub-delims)
        int at = s.indexOf('@', i);
        if (at >= i) {
            for (int k = i; k < at; k++) {
                if (!isUserinfoChar(s.charAt(k)) || (s.charAt(k) == '%' && !isPctEncoded(s, k))) {
                    throw new MsrpParseException("bad character in MSRP URI userinfo", 400, k);
                }
            }
            userinfo = s.substring(i, at);
            i = at + 1;
        }
        int authorityEnd = i;
        while (authorityEnd < n && s.charAt(authorityEnd) != '/' && s.charAt(authorityEnd) != ';') {
            authorityEnd++;
        }
        String host;
        if (i < authorityEnd && s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            if (close < 0 || close > authorityEnd) {
                throw new MsrpParseException("IPv6 reference in MSRP URI lacks ']'", 400, i);
            }
            for (int k = i + 1; k < close; k++) {
                char c = s.charAt(k);
                if (!(isHex(c) || c == ':' || c == '.')) {
                    throw new MsrpParseException("bad character in IPv6 reference", 400, k);
                }
            }
            host = s.substring(i + 1, close);
            if (ipv6(host) == null) {
                throw new MsrpParseException("not an IPv6 address", 400, i + 1);
            }
            i = close + 1;
        } else {
            int k = i;
            while (k < authorityEnd && s.charAt(k) != ':') {
                if (!isRegNameChar(s.charAt(k)) || (s.charAt(k) == '%' && !isPctEncoded(s, k))) {
                    throw new MsrpParseException("bad character in MSRP URI host", 400, k);
                }
                k++;
            }
            if (k == i) {
                throw new MsrpParseException("MSRP URI has no host", 400, i);
            }
            host = s.substring(i, k);
            i = k;
        }
        int port = -1;
        if (i < authorityEnd) {
            if (s.charAt(i) != ':') {
                throw new MsrpParseException("expected ':' before port", 400, i);
            }
            i++;
            if (i == authorityEnd) {
                throw new MsrpParseException("empty port", 400, i);
            }
            port = 0;
            for (; i < authorityEnd; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    throw new MsrpParseException("bad character in port", 400, i);
                }
                port = port * 10 + (c - '0');
                if (port > 65535) {
                    throw new MsrpParseException("port above 65535", 400, i);
                }
            }
        }
        String sessionId = null;
        if (i < n && s.charAt(i) == '/') {
            int k = ++i;
            while (k < n && s.charAt(k) != ';') {
                if (!isSessionIdChar(s.charAt(k))) {
                    throw new MsrpParseException("bad character in session-id", 400, k);
                }
                k++;
            }
            if (k == i) {
                throw new MsrpParseException("empty session-id", 400, i);
            }
            sessionId = s.substring(i, k);
            i = k;
        }
        if (i >= n || s.charAt(i) != ';') {
            throw new MsrpParseException("MSRP URI needs a transport (;tcp)", 400, i);
        }
        int k = ++i;
        while (k < n && s.charAt(k) != ';') {
            if (!isAlphanum(s.charAt(k))) {
                throw new MsrpParseException("bad character in transport", 400, k);
            }
            k++;
        }
        if (k == i) {
            throw new MsrpParseException("empty transport", 400, i);
        }
        String transport = s.substring(i, k);
        i = k;
        List<Parameter> parameters = new ArrayList<>(0);
        while (i < n) {
            // i is at ';'
            int nameStart = ++i;
            while (i < n && isToken(s.charAt(i))) {
                i++;
            }
            if (i == nameStart) {
                throw new MsrpParseException("empty URI parameter name", 400, i);
            }
            String name = s.substring(nameStart, i);
            String value = null;
            if (i < n && s.charAt(i) == '=') {
                int valueStart = ++i;
                while (i < n && isToken(s.charAt(i))) {
                    i++;
                }
                if (i == valueStart) {
                    throw new MsrpParseException("empty URI parameter value", 400, i);
                }
                value = s.substring(valueStart, i);
            }
            if (i < n && s.charAt(i) != ';') {
                throw new MsrpParseException("bad character in URI parameter", 400, i);
            }
            parameters.add(new Parameter(name, value));
        }
        return new MsrpUri(secure, userinfo, host, port, sessionId, transport, List.copyOf(parameters), s);
    }

    /** A builder for {@code msrp://host:port/sessionId;tcp}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this URI's parts. */
    public Builder toBuilder() {
        Builder b = new Builder().secure(secure).userinfo(userinfo).host(host).port(port).sessionId(sessionId)
                .transport(transport);
        b.parameters.addAll(parameters);
        return b;
    }

    /** This URI with another session-id. */
    public MsrpUri withSessionId(String sessionId) {
        return toBuilder().sessionId(sessionId).build();
    }

    /** {@code true} for {@code msrps} (TLS). */
    public boolean secure() {
        return secure;
    }

    /** {@code msrp} or {@code msrps}. */
    public String scheme() {
        return secure ? "msrps" : "msrp";
    }

    /** The userinfo before {@code @}, or {@code null}. */
    public String userinfo() {
        return userinfo;
    }

    /** The host: a name, an IPv4 address, or an IPv6 address without brackets. */
    public String host() {
        return host;
    }

    /** The port, or -1 if the URI has none. */
    public int port() {
        return port;
    }

    /** The port, or 2855 (RFC 4975 §15.4) when the URI has none. */
    public int portOrDefault() {
        return port >= 0 ? port : 2855;
    }

    /** The session-id, or {@code null} (a relay's URI may have none). */
    public String sessionId() {
        return sessionId;
    }

    /** The transport, as written ({@code tcp}). */
    public String transport() {
        return transport;
    }

    /** URI parameters after the transport, in order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The value of a parameter (case-insensitive name); empty if absent, {@code ""} for a parameter without value. */
    public Optional<String> parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name().equalsIgnoreCase(name)) {
                return Optional.of(p.value() == null ? "" : p.value());
            }
        }
        return Optional.empty();
    }

    /** {@code host:port} with brackets around an IPv6 address (the port defaulted to 2855). */
    public String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + portOrDefault();
    }

    private String format() {
        StringBuilder sb = new StringBuilder(64).append(scheme()).append("://");
        if (userinfo != null) {
            sb.append(userinfo).append('@');
        }
        sb.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        if (sessionId != null) {
            sb.append('/').append(sessionId);
        }
        sb.append(';').append(transport);
        for (Parameter p : parameters) {
            sb.append(';').append(p.name());
            if (p.value() != null) {
                sb.append('=').append(p.value());
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MsrpUri u && secure == u.secure && port == u.port && hostKey.equals(u.hostKey)
                && Objects.equals(sessionId, u.sessionId) && transport.equalsIgnoreCase(u.transport);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secure, port, hostKey, sessionId, transport.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return text;
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    static boolean isAlphanum(char c) {
        return c < 128 && ALPHANUM[c];
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isUnreserved(char c) {
        return isAlphanum(c) || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean isSubDelim(char c) {
        return "!$&'()*+,;=".indexOf(c) >= 0;
    }

    private static boolean isUserinfoChar(char c) {
        return isUnreserved(c) || c == '%' || isSubDelim(c) || c == ':';
    }

    private static boolean isRegNameChar(char c) {
        return isUnreserved(c) || c == '%' || (isSubDelim(c) && c != ';');
    }

    private static boolean isSessionIdChar(char c) {
        return isUnreserved(c) || c == '+' || c == '=' || c == '/';
    }

    private static final boolean[] TOKEN = new boolean[128];
    private static final boolean[] ALPHANUM = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ALPHANUM[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        for (char c = 0x21; c < 0x7f; c++) {
            TOKEN[c] = "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
        }
    }

    /** RFC 4975 token: visible ASCII except separators. */
    static boolean isToken(char c) {
        return c < 128 && TOKEN[c];
    }

    /** Builds an {@link MsrpUri}; host is required, transport defaults to {@code tcp}. */
    public static final class Builder {
        private boolean secure;
        private String userinfo;
        private String host;
        private int port = -1;
        private String sessionId;
        private String transport = "tcp";
        private final List<Parameter> parameters = new ArrayList<>();

        private Builder() {
        }

        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        public Builder userinfo(String userinfo) {
            this.userinfo = userinfo;
            return this;
        }

        /** A host name or address; an IPv6 address without brackets. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The port, or -1 for none. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Builder transport(String transport) {
            this.transport = transport;
            return this;
        }

        public Builder parameter(String name, String value) {
            parameters.add(new Parameter(name, value));
            return this;
        }

        /**
         * Builds the URI and checks it by parsing its text.
         *
         * @throws IllegalArgumentException if a part breaks RFC 4975's grammar
         */
        public MsrpUri build() {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(transport, "transport");
            if (port < -1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            MsrpUri u = new MsrpUri(secure, userinfo, host, port, sessionId, transport, List.copyOf(parameters), null);
            try {
                parse(u.text);
            } catch (MsrpParseException e) {
                throw new IllegalArgumentException("not a valid MSRP URI: " + u.text + ": " + e.getMessage(), e);
            }
            return u;
        }
    }
}
