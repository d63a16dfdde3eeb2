package io.sipim.sip.message;

import io.sipim.sip.internal.CharClass;
import io.sipim.sip.internal.UriAccess;
import io.sipim.sip.internal.UriCodec;
import io.sipim.sip.internal.UriParser;
import io.sipim.sip.parse.SipParseException;
import java.util.Objects;

/**
 * A tel URI (RFC 3966): a global number such as {@code tel:+1-201-555-0123;ext=1234}, or a local
 * number with its mandatory context such as {@code tel:7042;phone-context=example.com}.
 *
 * <p>{@link #number()} keeps the visual separators ({@code - . ( )}) as written; parameter values
 * are answered unescaped. {@link #toString()} of a parsed URI is exactly the parsed text.
 *
 * <p>{@link #equals} follows RFC 3966 §4: both global or both local; the same digits once visual
 * separators are removed; the same parameter names in any order with equal values, ignoring
 * case, phone-context and ext compared without visual separators.
 */
public final class TelUri implements Uri {
    private final String text;
    private final String number;
    private final boolean global;
    private final Parameters parameters;

    TelUri(UriAccess.TelParts t) {
        this.text = t.text;
        this.number = t.number;
        this.global = t.global;
        this.parameters = t.params.build();
    }

    /**
     * Parses a tel URI.
     *
     * @throws SipParseException with the index of the offending character
     */
    public static TelUri parse(String text) {
        Uri u = UriParser.parse(text);
        if (!(u instanceof TelUri)) {
            throw new SipParseException("not a tel URI", 400, 0);
        }
        return (TelUri) u;
    }

    /** A builder for a new tel URI. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this URI's number and parameters. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.number = number;
        b.parameters = parameters;
        return b;
    }

    /** {@code tel}. */
    @Override
    public String scheme() {
        return "tel";
    }

    /** The number as written, with its visual separators and, when global, its leading '+'. */
    public String number() {
        return number;
    }

    /** True for a global number ({@code +} and the E.164 digits); false for a local one. */
    public boolean isGlobal() {
        return global;
    }

    /** The parameters in order, values unescaped. */
    public Parameters parameters() {
        return parameters;
    }

    /** The unescaped value of the first parameter called {@code name}, or {@code null}. */
    public String parameter(String name) {
        return parameters.getRaw(name);
    }

    /** The {@code phone-context} (RFC 3966 §5.1.5), or {@code null} for a global number. */
    public String phoneContext() {
        return parameter("phone-context");
    }

    /** The extension ({@code ext}, RFC 3966 §5.3), or {@code null}. */
    public String extension() {
        return parameter("ext");
    }

    /** The ISDN subaddress ({@code isub}, RFC 3966 §5.2), or {@code null}. */
    public String isdnSubaddress() {
        return parameter("isub");
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TelUri)) {
            return false;
        }
        TelUri t = (TelUri) o;
        if (global != t.global || !digitsEqual(number, t.number)
                || parameters.size() != t.parameters.size()) {
            return false;
        }
        for (int i = 0; i < parameters.size(); i++) {
            String name = parameters.name(i);
            if (!t.parameters.has(name) || !valueEqual(name, parameters.rawValue(i), t.parameters.getRaw(name))) {
                return false;
            }
        }
        for (int i = 0; i < t.parameters.size(); i++) {
            if (!parameters.has(t.parameters.name(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean valueEqual(String name, String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (name.equalsIgnoreCase("ext") || name.equalsIgnoreCase("phone-context") && a.startsWith("+")) {
            return digitsEqual(a, b);
        }
        return a.equalsIgnoreCase(b);
    }

    /** RFC 3966 §4: digits compare with visual separators removed, hex digits ignoring case. */
    private static boolean digitsEqual(String a, String b) {
        int i = 0;
        int j = 0;
        while (true) {
            while (i < a.length() && isSeparator(a.charAt(i))) {
                i++;
            }
            while (j < b.length() && isSeparator(b.charAt(j))) {
                j++;
            }
            if (i == a.length() || j == b.length()) {
                return i == a.length() && j == b.length();
            }
            if (Character.toLowerCase(a.charAt(i++)) != Character.toLowerCase(b.charAt(j++))) {
                return false;
            }
        }
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '.' || c == '(' || c == ')';
    }

    private static int digitsHash(String s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isSeparator(c)) {
                h = 31 * h + Character.toLowerCase(c);
            }
        }
        return h;
    }

    @Override
    public int hashCode() {
        int h = (global ? 1 : 0) * 31 + digitsHash(number);
        int ps = 0;
        for (int i = 0; i < parameters.size(); i++) {
            String name = parameters.name(i);
            String v = parameters.rawValue(i);
            int vh;
            if (v == null) {
                vh = 0;
            } else if (name.equalsIgnoreCase("ext") || name.equalsIgnoreCase("phone-context") && v.startsWith("+")) {
                vh = digitsHash(v);
            } else {
                vh = UriCodec.hashIgnoreCase(v);
            }
            ps += UriCodec.hashIgnoreCase(name) ^ vh;
        }
        return 31 * h + ps;
    }

    /** The URI as written on the wire (for a parsed URI, exactly the parsed text). */
    @Override
    public String toString() {
        return text;
    }

    /** Builds a {@link TelUri}; parameter values are taken unescaped and escaped as needed. */
    public static final class Builder {
        private String number;
        private Parameters parameters = Parameters.EMPTY;

        private Builder() {}

        /** The number: {@code +} and digits for a global number, else a local one; visual separators allowed. */
        public Builder number(String number) {
            this.number = Objects.requireNonNull(number, "number");
            return this;
        }

        /** Sets {@code phone-context}: a domain name or a global number prefix; required for a local number. */
        public Builder phoneContext(String context) {
            return context == null ? removeParameter("phone-context") : parameter("phone-context", context);
        }

        /** Sets the extension, or removes it when {@code null}. */
        public Builder extension(String ext) {
            return ext == null ? removeParameter("ext") : parameter("ext", ext);
        }

        /** Sets the ISDN subaddress, or removes it when {@code null}. */
        public Builder isdnSubaddress(String isub) {
            return isub == null ? removeParameter("isub") : parameter("isub", isub);
        }

        /** Sets parameter {@code name} (letters, digits and '-') to the unescaped {@code value}, {@code null} for a flag. */
        public Builder parameter(String name, String value) {
            if (value != null && value.isEmpty()) {
                throw new IllegalArgumentException("empty value of tel URI parameter " + name);
            }
            parameters = parameters.with(name, value);
            return this;
        }

        /** Removes every parameter called {@code name}. */
        public Builder removeParameter(String name) {
            parameters = parameters.without(name);
            return this;
        }

        /**
         * The URI.
         *
         * @throws IllegalArgumentException when the number, a parameter name, the extension or the
         *     context is malformed, or a local number has no phone-context
         */
        public TelUri build() {
            if (number == null) {
                throw new IllegalStateException("number is required");
            }
            StringBuilder sb = new StringBuilder(32).append("tel:").append(number);
            for (int i = 0; i < parameters.size(); i++) {
                sb.append(';').append(parameters.name(i));
                String v = parameters.rawValue(i);
                if (v != null) {
                    UriCodec.escape(sb.append('='), v, CharClass.PARAM);
                }
            }
            String text = sb.toString();
            try {
                return parse(text);
            } catch (SipParseException e) {
                throw new IllegalArgumentException("invalid tel URI " + text + ": " + e.reason(), e);
            }
        }
    }
}
