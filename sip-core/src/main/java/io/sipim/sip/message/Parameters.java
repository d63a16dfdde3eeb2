package io.sipim.sip.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An ordered list of {@code ;name[=value]} parameters (RFC 3261 §25.1 generic-param, uri-parameter,
 * via-params …). Names compare case-insensitively; a parameter without value (a flag such as
 * {@code ;lr} or {@code ;rport}) has a {@code null} value. Values are kept as written on the wire,
 * so a quoted-string keeps its quotes; {@link #get} removes them.
 *
 * <p>Immutable; {@link #with} and {@link #without} return copies.
 */
public final class Parameters {
    private static final String[] NONE = new String[0];
    /** No parameters. */
    public static final Parameters EMPTY = new Parameters(NONE, NONE);

    private final String[] names;
    private final String[] values;

    private Parameters(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /** Wraps arrays the caller (in this package) hands over and never touches again. */
    static Parameters ofTrusted(String[] names, String[] values, int count) {
        if (count == 0) {
            return EMPTY;
        }
        return new Parameters(count == names.length ? names : Arrays.copyOf(names, count),
                count == values.length ? values : Arrays.copyOf(values, count));
    }

    /** A builder that appends parameters in order (duplicates allowed, as on the wire). */
    public static Builder builder() {
        return new Builder();
    }

    /** Appends parameters in order; {@link #build()} may be called once per batch. */
    public static final class Builder {
        private String[] names = new String[4];
        private String[] values = new String[4];
        private int count;

        private Builder() {}

        /** Appends {@code ;name[=value]}; a {@code null} value makes a flag. Values are kept as given. */
        public Builder add(String name, String value) {
            Objects.requireNonNull(name, "name");
            if (count == names.length) {
                names = Arrays.copyOf(names, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            names[count] = name;
            values[count] = value;
            count++;
            return this;
        }

        /** Forgets what was added. */
        public Builder clear() {
            Arrays.fill(names, 0, count, null);
            Arrays.fill(values, 0, count, null);
            count = 0;
            return this;
        }

        /** The parameters added so far; the builder starts empty again and may be reused. */
        public Parameters build() {
            if (count == 0) {
                return EMPTY;
            }
            Parameters p = new Parameters(Arrays.copyOf(names, count), Arrays.copyOf(values, count));
            clear();
            return p;
        }
    }

    /** Parameters from alternating names and values ({@code null} value = flag). */
    public static Parameters of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        Parameters p = EMPTY;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            p = p.with(namesAndValues[i], namesAndValues[i + 1]);
        }
        return p;
    }

    public int size() {
        return names.length;
    }

    public boolean isEmpty() {
        return names.length == 0;
    }

    public String name(int i) {
        return names[i];
    }

    /** The value at {@code i} as written (quotes kept), {@code null} for a flag. */
    public String rawValue(int i) {
        return values[i];
    }

    private int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The value of the first parameter called {@code name}, unquoted; {@code null} when absent or a flag. */
    public String get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : io.sipim.sip.internal.Lexer.unquote(values[i]);
    }

    /** The value as written (quotes kept); {@code null} when absent or a flag. */
    public String getRaw(String name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    /** A copy with {@code name} set to {@code value} (replacing the first one of that name, else appended). */
    public Parameters with(String name, String value) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty parameter name");
        }
        int i = indexOf(name);
        if (i >= 0) {
            String[] v = values.clone();
            v[i] = value;
            String[] n = names.clone();
            n[i] = name;
            return new Parameters(n, v);
        }
        String[] n = Arrays.copyOf(names, names.length + 1);
        String[] v = Arrays.copyOf(values, values.length + 1);
        n[names.length] = name;
        v[values.length] = value;
        return new Parameters(n, v);
    }

    /** A copy without any parameter called {@code name}. */
    public Parameters without(String name) {
        if (indexOf(name) < 0) {
            return this;
        }
        List<String> n = new ArrayList<>();
        List<String> v = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (!names[i].equalsIgnoreCase(name)) {
                n.add(names[i]);
                v.add(values[i]);
            }
        }
        return n.isEmpty() ? EMPTY : new Parameters(n.toArray(NONE), v.toArray(NONE));
    }

    /** Appends {@code ;name[=value]} for each parameter. */
    public StringBuilder appendTo(StringBuilder sb) {
        for (int i = 0; i < names.length; i++) {
            sb.append(';').append(names[i]);
            if (values[i] != null) {
                sb.append('=').append(values[i]);
            }
        }
        return sb;
    }

    /**
     * Same names (case-insensitive) with the same values in the same order. Values compare exactly,
     * except that a quoted value compares as written; protocol-specific rules (URI comparison,
     * §19.1.4) live with the types that own the parameters.
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Parameters)) {
            return false;
        }
        Parameters p = (Parameters) o;
        if (p.names.length != names.length) {
            return false;
        }
        for (int i = 0; i < names.length; i++) {
            if (!names[i].equalsIgnoreCase(p.names[i]) || !Objects.equals(values[i], p.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < names.length; i++) {
            h = 31 * h + names[i].toLowerCase(Locale.ROOT).hashCode();
            h = 31 * h + Objects.hashCode(values[i]);
        }
        return h;
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder()).toString();
    }
}
