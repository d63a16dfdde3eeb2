package io.sipim.sip.sdp;

import java.util.ArrayList;
import java.util.List;

import java.util.Objects;

/**
 * One {@code a=} line (RFC 8866 §5.13): a name and, for a value attribute, the text after the
 * first colon.
 *
 * <p>A property attribute such as {@code a=sendrecv} has a {@code null} value; {@code a=name:}
 * has the empty value, so that every line is written back as it was read. The value is kept
 * verbatim: this class does not know the grammar of any particular attribute.
 */
public final class Attribute {
    private final String name;
    private final String value;

    private Attribute(String name, String value) {
        // RFC 8866 §9: attribute = (attribute-name ":" attribute-value) / attribute-name, name a token.
        this.name = Syntax.token("attribute name", name);
        this.value = Syntax.text("attribute value", value);
    }

    /**
     * A property attribute, {@code a=name}.
     *
     * @throws IllegalArgumentException if {@code name} is not a token
     */
    public static Attribute of(String name) {
        return new Attribute(name, null);
    }

    /**
     * A value attribute, {@code a=name:value}; a {@code null} value makes a property attribute.
     *
     * @throws IllegalArgumentException if {@code name} is not a token or {@code value} holds CR, LF or NUL
     */
    public static Attribute of(String name, String value) {
        return new Attribute(name, value);
    }

    /**
     * Reads the text after {@code a=}: the name runs to the first colon.
     *
     * @throws IllegalArgumentException if the name is not a token or the text holds CR, LF or NUL
     */
    public static Attribute parse(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? new Attribute(text, null) : new Attribute(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The attribute name, case as received (RFC 8866 §5.13 gives names no case folding). */
    public String name() {
        return name;
    }

    /** The text after the first colon, {@code null} for a property attribute. */
    public String value() {
        return value;
    }

    /** Whether this is a property attribute (no colon, no value). */
    public boolean isProperty() {
        return value == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attribute a && name.equals(a.name) && Objects.equals(value, a.value);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Objects.hashCode(value);
    }

    /** The line body as on the wire, without {@code a=}: {@code name} or {@code name:value}. */
    @Override
    public String toString() {
        return value == null ? name : name + ':' + value;
    }

    /** The first of {@code attributes} called {@code name} (case-sensitive), or {@code null}. */
    static Attribute first(List<Attribute> attributes, String name) {
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** Every one of {@code attributes} called {@code name}, in order. */
    static List<Attribute> all(List<Attribute> attributes, String name) {
        List<Attribute> found = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                found.add(a);
            }
        }
        return List.copyOf(found);
    }
}
