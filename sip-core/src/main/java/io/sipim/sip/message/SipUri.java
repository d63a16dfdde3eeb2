package io.sipim.sip.message;

import io.sipim.sip.internal.CharClass;
import io.sipim.sip.internal.HostParser;
import io.sipim.sip.internal.Lexer;
import io.sipim.sip.internal.UriAccess;
import io.sipim.sip.internal.UriCodec;
import io.sipim.sip.internal.UriParser;
import io.sipim.sip.parse.SipParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A SIP or SIPS URI (RFC 3261 §19.1): {@code sip:user:password@host:port;uri-parameters?headers}.
 *
 * <p>Accessors answer components unescaped: {@code sip:%75se%72@example.com} has the user
 * {@code user}. The host is answered as written, an IPv6 reference with its brackets
 * ({@code [2001:db8::10]}, RFC 5118). {@link #toString()} is the wire form: a parsed URI answers
 * exactly the text it was parsed from; a built one is escaped per RFC 3261 §25.1.
 *
 * <p>{@link #equals} follows RFC 3261 §19.1.4, which is not transitive:
 * {@code sip:carol@chicago.com} equals both {@code sip:carol@chicago.com;security=on} and
 * {@code sip:carol@chicago.com;security=off}, which differ.
 *
 * <p>Immutable; {@link #toBuilder()} makes modified copies.
 */
public final class SipUri implements Uri {
    static {
        UriAccess.install(new UriFactory());
    }

    /** RFC 3261 §19.1.4: present in only one of two URIs, these make them unequal. */
    private static final String[] DECISIVE_PARAMETERS = {"user", "ttl", "method", "maddr", "transport"};

    // text, host and user are cut from source on first use: a parsed URI allocates only what is read.
    // The racy single-check caching is safe because Strings are immutable.
    private String text;
    private final byte[] source;
    private final int start;
    private final int end;
    private final boolean secure;
    private String user;
    private String rawUser;
    private final int userStart;
    private final int userEnd;
    private final String password;
    private final String rawPassword;
    private String host;
    private final int hostStart;
    private final int hostEnd;
    private final int port;
    private final Parameters parameters;
    private final Parameters rawParameters;
    private final List<Map.Entry<String, String>> headers;

    SipUri(UriAccess.SipParts p) {
        this.text = p.text;
        this.source = p.source;
        this.start = p.start;
        this.end = p.end;
        this.secure = p.secure;
        this.user = p.user;
        this.rawUser = p.rawUser;
        this.userStart = p.userStart;
        this.userEnd = p.userEnd;
        this.password = p.password;
        this.rawPassword = p.rawPassword;
        this.host = p.host;
        this.hostStart = p.hostStart;
        this.hostEnd = p.hostEnd;
        this.port = p.port;
        if (p.rangeCount > 0) {
            // no escapes: one list serves both forms, its strings cut from the source on first use
            this.parameters = Parameters.parsed(p.source, p.paramRanges, p.rangeBase, p.rangeCount);
            this.rawParameters = parameters;
        } else if (p.paramCount == 0) {
            this.parameters = Parameters.EMPTY;
            this.rawParameters = Parameters.EMPTY;
        } else {
            this.parameters = Parameters.ofInterleaved(p.params, p.paramCount);
            this.rawParameters = p.rawParams != null ? Parameters.ofInterleaved(p.rawParams, p.paramCount) : parameters;
        }
        if (p.headerCount == 0) {
            this.headers = List.of();
        } else {
            List<Map.Entry<String, String>> h = new ArrayList<>(p.headerCount);
            for (int i = 0; i < p.headerCount; i++) {
                h.add(Map.entry(p.headerNames[i], p.headerValues[i]));
            }
            this.headers = Collections.unmodifiableList(h);
        }
    }

    /**
     * Parses a sip or sips URI.
     *
     * @throws SipParseException with the index of the offending character
     */
    public static SipUri parse(String text) {
        return UriParser.parseSip(text);
    }

    /** A builder for a new {@code sip:} URI. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this URI's components. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@code sip} or {@code sips}. */
    @Override
    public String scheme() {
        return secure ? "sips" : "sip";
    }

    /** True for a SIPS URI (RFC 3261 §19.1: TLS on every hop). */
    public boolean isSecure() {
        return secure;
    }

    /** The user (or telephone-subscriber) unescaped, or {@code null}. */
    public String user() {
        String u = user;
        if (u == null && userEnd > userStart) {
            u = user = rawUser();
        }
        return u;
    }

    /** The user as written (escapes kept), or {@code null}. */
    private String rawUser() {
        String r = rawUser;
        if (r == null && userEnd > userStart) {
            r = rawUser = Lexer.ascii(source, userStart, userEnd);
        }
        return r;
    }

    /** The password unescaped, or {@code null}. RFC 3261 §19.1.1: its use is NOT RECOMMENDED. */
    public String password() {
        return password;
    }

    /** The host as written: a host name, an IPv4 address or a bracketed IPv6 reference. */
    public String host() {
        String h = host;
        if (h == null) {
            h = host = Lexer.ascii(source, hostStart, hostEnd);
        }
        return h;
    }

    /** The port, or -1 when the URI has none. */
    public int port() {
        return port;
    }

    /** The uri-parameters in order, names and values unescaped (a flag such as {@code lr} has a null value). */
    public Parameters parameters() {
        return parameters;
    }

    /** The unescaped value of the first parameter called {@code name}; {@code null} when absent or a flag. */
    public String parameter(String name) {
        return parameters.getRaw(name);
    }

    /** The {@code transport} parameter, or {@code null}. */
    public String transport() {
        return parameter("transport");
    }

    /** The {@code user} parameter ({@code phone}, {@code ip} ...), or {@code null}. */
    public String userParam() {
        return parameter("user");
    }

    /** The {@code maddr} parameter, or {@code null}. */
    public String maddr() {
        return parameter("maddr");
    }

    /** The {@code method} parameter, or {@code null}. */
    public String method() {
        return parameter("method");
    }

    /** True when the URI has the {@code lr} parameter (RFC 3261 §19.1.1: a loose router). */
    public boolean lr() {
        return parameters.has("lr");
    }

    /** The headers ({@code ?name=value&...}) in order, unescaped; names may repeat. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** True when the URI has headers (RFC 3261 §19.1.5: not allowed in a Request-URI). */
    public boolean hasHeaders() {
        return !headers.isEmpty();
    }

    /** The unescaped value of the first header called {@code name} (ignoring case), or {@code null}. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /**
     * RFC 3261 §19.1.4: same scheme; same userinfo, case-sensitive; same host ignoring case (IPv6
     * as an address); same port, an absent port not being the default one; every parameter present
     * in both equal ignoring case, and user, ttl, method, maddr and transport in both or in neither;
     * the same headers in any order. Characters other than reserved ones equal their escapes.
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SipUri)) {
            return false;
        }
        SipUri u = (SipUri) o;
        return secure == u.secure && port == u.port
                && UriCodec.equivalent(rawUser(), u.rawUser(), false)
                && UriCodec.equivalent(rawPassword, u.rawPassword, false)
                && HostParser.equal(host(), u.host())
                && parametersMatch(this, u) && parametersMatch(u, this)
                && headersMatch(u);
    }

    /** Every parameter of {@code a} is in {@code b} with an equal value, or is ignorable. */
    private static boolean parametersMatch(SipUri a, SipUri b) {
        for (int i = 0; i < a.parameters.size(); i++) {
            String name = a.parameters.name(i);
            int j = b.indexOfParameter(name);
            if (j < 0) {
                if (isDecisive(name)) {
                    return false;
                }
            } else if (!UriCodec.equivalent(a.rawParameters.rawValue(i), b.rawParameters.rawValue(j), true)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDecisive(String name) {
        for (String d : DECISIVE_PARAMETERS) {
            if (d.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private int indexOfParameter(String name) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.name(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * RFC 3261 §19.1.4: "Any present header component MUST be present in both URIs and match";
     * header names compare ignoring case, values as unescaped text.
     */
    private boolean headersMatch(SipUri u) {
        int n = headers.size();
        if (n != u.headers.size()) {
            return false;
        }
        if (n == 0) {
            return true;
        }
        boolean[] used = new boolean[n];
        outer:
        for (Map.Entry<String, String> h : headers) {
            for (int j = 0; j < n; j++) {
                Map.Entry<String, String> k = u.headers.get(j);
                if (!used[j] && h.getKey().equalsIgnoreCase(k.getKey()) && h.getValue().equals(k.getValue())) {
                    used[j] = true;
                    continue outer;
                }
            }
            return false;
        }
        return true;
    }

    /** Consistent with {@link #equals}: parameters that may be ignored do not count. */
    @Override
    public int hashCode() {
        int h = secure ? 1 : 0;
        h = 31 * h + UriCodec.hash(rawUser(), false);
        h = 31 * h + UriCodec.hash(rawPassword, false);
        h = 31 * h + HostParser.hash(host());
        h = 31 * h + port;
        for (String d : DECISIVE_PARAMETERS) {
            int i = indexOfParameter(d);
            if (i >= 0) {
                h = 31 * h + UriCodec.hash(rawParameters.rawValue(i), true) + d.hashCode();
            }
        }
        int hs = 0;
        for (Map.Entry<String, String> e : headers) {
            hs += UriCodec.hashIgnoreCase(e.getKey()) ^ e.getValue().hashCode();
        }
        return 31 * h + hs;
    }

    /** The URI as written on the wire (for a parsed URI, exactly the parsed text). */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = text = Lexer.ascii(source, start, end);
        }
        return t;
    }

    /**
     * Builds a {@link SipUri}, escaping each component as RFC 3261 §25.1 requires. Setters take
     * unescaped values.
     */
    public static final class Builder {
        private boolean secure;
        private String user;
        private String password;
        private String host;
        private int port = -1;
        private Parameters parameters = Parameters.EMPTY;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();

        private Builder() {}

        private Builder(SipUri u) {
            secure = u.secure;
            user = u.user();
            password = u.password;
            host = u.host();
            port = u.port;
            parameters = u.parameters;
            headers.addAll(u.headers);
        }

        /** {@code sips} when true, {@code sip} when false (the default). */
        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        /** The user, unescaped; {@code null} for none. */
        public Builder user(String user) {
            if (user != null && user.isEmpty()) {
                throw new IllegalArgumentException("empty user");
            }
            this.user = user;
            return this;
        }

        /** The password, unescaped; {@code null} for none. Needs a user. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /**
         * The host: a host name, an IPv4 address, or an IPv6 address with or without its brackets.
         *
         * @throws IllegalArgumentException when it is none of these
         */
        public Builder host(String host) {
            Objects.requireNonNull(host, "host");
            String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
            SipUri probe;
            try {
                probe = UriParser.parseSip("sip:" + h);
            } catch (SipParseException e) {
                throw new IllegalArgumentException("invalid host " + host + ": " + e.reason(), e);
            }
            if (!probe.host().equals(h)) {
                throw new IllegalArgumentException("invalid host " + host);
            }
            this.host = h;
            return this;
        }

        /** The port, 0 to 65535, or -1 for none. */
        public Builder port(int port) {
            if (port < -1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " out of range");
            }
            this.port = port;
            return this;
        }

        /** Sets parameter {@code name} to the unescaped {@code value} ({@code null}: a flag such as {@code lr}). */
        public Builder parameter(String name, String value) {
            if (value != null && value.isEmpty()) {
                throw new IllegalArgumentException("empty value of URI parameter " + name);
            }
            parameters = parameters.with(name, value);
            return this;
        }

        /** Removes every parameter called {@code name}. */
        public Builder removeParameter(String name) {
            parameters = parameters.without(name);
            return this;
        }

        /** Removes all parameters. */
        public Builder clearParameters() {
            parameters = Parameters.EMPTY;
            return this;
        }

        /** Sets {@code transport}, or removes it when {@code null}. */
        public Builder transport(String transport) {
            return transport == null ? removeParameter("transport") : parameter("transport", transport);
        }

        /** Sets the {@code user} parameter ({@code phone}, {@code ip} ...), or removes it when {@code null}. */
        public Builder userParam(String userParam) {
            return userParam == null ? removeParameter("user") : parameter("user", userParam);
        }

        /** Sets {@code maddr}, or removes it when {@code null}. */
        public Builder maddr(String maddr) {
            return maddr == null ? removeParameter("maddr") : parameter("maddr", maddr);
        }

        /** Sets {@code method}, or removes it when {@code null}. */
        public Builder method(String method) {
            return method == null ? removeParameter("method") : parameter("method", method);
        }

        /** Adds or removes the {@code lr} flag. */
        public Builder lr(boolean lr) {
            return lr ? parameter("lr", null) : removeParameter("lr");
        }

        /** Appends header {@code name=value}, both unescaped; a name may repeat. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(value, "value");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty header name");
            }
            headers.add(Map.entry(name, value));
            return this;
        }

        /** Removes every header called {@code name} (ignoring case). */
        public Builder removeHeader(String name) {
            headers.removeIf(e -> e.getKey().equalsIgnoreCase(name));
            return this;
        }

        /** Removes all headers. */
        public Builder clearHeaders() {
            headers.clear();
            return this;
        }

        /**
         * The URI.
         *
         * @throws IllegalStateException when no host was set, or a password without a user
         */
        public SipUri build() {
            if (host == null) {
                throw new IllegalStateException("host is required");
            }
            if (password != null && user == null) {
                throw new IllegalStateException("password without user");
            }
            StringBuilder sb = new StringBuilder(64).append(secure ? "sips:" : "sip:");
            if (user != null) {
                UriCodec.escape(sb, user, CharClass.USER);
                if (password != null) {
                    UriCodec.escape(sb.append(':'), password, CharClass.PASSWORD);
                }
                sb.append('@');
            }
            sb.append(host);
            if (port >= 0) {
                sb.append(':').append(port);
            }
            for (int i = 0; i < parameters.size(); i++) {
                UriCodec.escape(sb.append(';'), parameters.name(i), CharClass.PARAM);
                String v = parameters.rawValue(i);
                if (v != null) {
                    UriCodec.escape(sb.append('='), v, CharClass.PARAM);
                }
            }
            char sep = '?';
            for (Map.Entry<String, String> h : headers) {
                UriCodec.escape(sb.append(sep), h.getKey(), CharClass.HNV);
                UriCodec.escape(sb.append('='), h.getValue(), CharClass.HNV);
                sep = '&';
            }
            String text = sb.toString();
            try {
                return UriParser.parseSip(text);
            } catch (SipParseException e) {
                // every component is escaped or checked on the way in; this is a bug, not bad input
                throw new IllegalStateException("built an invalid SIP URI " + text + ": " + e.reason(), e);
            }
        }
    }
}
