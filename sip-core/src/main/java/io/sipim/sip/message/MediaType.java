package io.sipim.sip.message;

import io.sipim.sip.internal.CharClass;
import io.sipim.sip.internal.Lexer;
import io.sipim.sip.internal.ValueParsers;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * A media type with parameters (RFC 3261 §20.15 Content-Type, §20.1 Accept media-range),
 * e.g. {@code text/plain;charset=UTF-8} or {@code application/*}. Type and subtype compare
 * case-insensitively.
 *
 * @param type the top-level type ({@code *} in an Accept wildcard)
 * @param subtype the subtype ({@code *} in an Accept wildcard)
 * @param parameters m-parameters (and accept-params such as {@code q} in Accept)
 */
public record MediaType(String type, String subtype, Parameters parameters) {

    public static final MediaType TEXT_PLAIN = of("text", "plain");
    public static final MediaType APPLICATION_SDP = of("application", "sdp");
    public static final MediaType APPLICATION_PIDF_XML = of("application", "pidf+xml");
    public static final MediaType MESSAGE_CPIM = of("message", "cpim");
    public static final MediaType MULTIPART_MIXED = of("multipart", "mixed");

    /** Validating constructor: type and subtype must be tokens. */
    public MediaType {
        Objects.requireNonNull(parameters, "parameters");
        if (!CharClass.isToken(Objects.requireNonNull(type, "type"))
                || !CharClass.isToken(Objects.requireNonNull(subtype, "subtype"))) {
            throw new IllegalArgumentException("media type '" + type + "/" + subtype + "' is not token/token");
        }
    }

    public static MediaType of(String type, String subtype) {
        return new MediaType(type, subtype, Parameters.EMPTY);
    }

    /** Parses {@code type/subtype;params}. */
    public static MediaType parse(String text) {
        Lexer lx = new Lexer(text);
        MediaType m = ValueParsers.mediaType(lx);
        lx.expectEnd("media type");
        return m;
    }

    /** A copy with a parameter set. */
    public MediaType withParameter(String name, String value) {
        return new MediaType(type, subtype, parameters.with(name, value));
    }

    /** The charset parameter, or UTF-8 (the default for SIP text bodies, RFC 3261 §7.4.1... and RFC 3428). */
    public Charset charset() {
        String cs = parameters.get("charset");
        if (cs == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(cs);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** True when type and subtype match, ignoring case and parameters; {@code *} in this one matches anything. */
    public boolean matches(MediaType other) {
        return ("*".equals(type) || type.equalsIgnoreCase(other.type))
                && ("*".equals(subtype) || subtype.equalsIgnoreCase(other.subtype));
    }

    /** {@code type/subtype} in lower case. */
    public String essence() {
        return (type + '/' + subtype).toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaType m && type.equalsIgnoreCase(m.type) && subtype.equalsIgnoreCase(m.subtype)
                && parameters.equals(m.parameters);
    }

    @Override
    public int hashCode() {
        return essence().hashCode() * 31 + parameters.hashCode();
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder(32).append(type).append('/').append(subtype)).toString();
    }
}
