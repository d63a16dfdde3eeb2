package io.sipim.sip.message;

import io.sipim.sip.internal.Lexer;
import io.sipim.sip.internal.Tokens;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
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
    public static final Parameters EMPTY = new Parameters(NONE);

    /** Names at even indexes, values (null for flags) at odd ones: one array per parameter list; null when parsed. */
    private final String[] nv;
    /** For a parsed list: the bytes it was parsed from (never changed afterwards), else null. */
    private final byte[] src;
    /**
     * For a parsed list, three indexes into {@link #src} per parameter from {@link #off}: name start,
     * name end, value end; the value is {@code [name end + 1, value end)}, and a flag has value end
     * == name end. The array is shared with the other lists of the same message and never changes.
     */
    private final int[] at;
    private final int off;
    /** Number of parameters of a parsed list. */
    private final int count;
    /**
     * A parsed list's names and values as {@link #nv} holds them, cut from {@link #src} on first
     * use: most parameters (tags, branches, received ...) are checked at parse time and never read.
     * Written with release and read with acquire semantics, so a thread that sees the array sees it filled.
     */
    @SuppressWarnings("unused") // through CUT
    private String[] cut;

    private static final VarHandle CUT;

    static {
        try {
            CUT = MethodHandles.lookup().findVarHandle(Parameters.class, "cut", String[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Parameters(String[] nv) {
        this.nv = nv;
        this.src = null;
        this.at = null;
        this.off = 0;
        this.count = nv.length >> 1;
    }

    private Parameters(byte[] src, int[] at, int off, int count) {
        this.nv = null;
        this.src = src;
        this.at = at;
        this.off = off;
        this.count = count;
    }

    /** The names and values (see {@link #nv}). */
    private String[] nv() {
        String[] v = nv;
        return v != null ? v : cut();
    }

    private String[] cut() {
        String[] v = (String[]) CUT.getAcquire(this);
        if (v == null) {
            int n = count;
            int[] at = this.at;
            int k = off;
            v = new String[2 * n];
            for (int i = 0; i < n; i++, k += 3) {
                int ns = at[k];
                int ne = at[k + 1];
                int ve = at[k + 2];
                v[2 * i] = Tokens.token(src, ns, ne);
                v[2 * i + 1] = ve == ne ? null : Tokens.value(src, ne + 1, ve);
            }
            CUT.setRelease(this, v);
        }
        return v;
    }

    /**
     * A parsed list (see {@link #at}) of {@code 3 * count} indexes from {@code at[off]} into
     * {@code src}, whose names and values are ASCII; neither {@code src} nor those indexes may
     * change afterwards (both are kept, not copied).
     */
    static Parameters parsed(byte[] src, int[] at, int off, int count) {
        return count == 0 ? EMPTY : new Parameters(src, at, off, count);
    }

    /** Parameters from the first {@code count} name/value pairs of an interleaved array (copied). */
    static Parameters ofInterleaved(String[] nv, int count) {
        return count == 0 ? EMPTY : new Parameters(Arrays.copyOf(nv, 2 * count));
    }

    /** A builder that appends parameters in order (duplicates allowed, as on the wire). */
    public static Builder builder() {
        return new Builder();
    }

    /** Appends parameters in order; reusable: {@link #build()} empties it. */
    public static final class Builder {
        private String[] nv = new String[8];
        private int size;

        private Builder() {}

        /** Appends {@code ;name[=value]}; a {@code null} value makes a flag. Values are kept as given. */
        public Builder add(String name, String value) {
            Objects.requireNonNull(name, "name");
            if (size == nv.length) {
                nv = Arrays.copyOf(nv, size * 2);
            }
            nv[size++] = name;
            nv[size++] = value;
            return this;
        }

        /** Forgets what was added (the slots are overwritten by later adds, never read). */
        public Builder clear() {
            size = 0;
            return this;
        }

        /** The parameters added so far; the builder starts empty again and may be reused. */
        public Parameters build() {
            if (size == 0) {
                return EMPTY;
            }
            Parameters p = new Parameters(Arrays.copyOf(nv, size));
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
        return count;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    public String name(int i) {
        return nv()[2 * i];
    }

    /** The value at {@code i} as written (quotes kept), {@code null} for a flag. */
    public String rawValue(int i) {
        return nv()[2 * i + 1];
    }

    /** Index of the first parameter called {@code name} (any case), or -1. */
    private int indexOf(String name) {
        String[] nv = nv();
        for (int i = 0; i < nv.length; i += 2) {
            if (nv[i].equalsIgnoreCase(name)) {
                return i >> 1;
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
        return i < 0 ? null : Lexer.unquote(nv()[2 * i + 1]);
    }

    /** The value as written (quotes kept); {@code null} when absent or a flag. */
    public String getRaw(String name) {
        int i = indexOf(name);
        return i < 0 ? null : nv()[2 * i + 1];
    }

    /** A copy with {@code name} set to {@code value} (replacing the first one of that name, else appended). */
    public Parameters with(String name, String value) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty parameter name");
        }
        String[] nv = nv();
        int i = indexOf(name);
        String[] copy;
        if (i >= 0) {
            copy = nv.clone();
            copy[2 * i] = name;
            copy[2 * i + 1] = value;
        } else {
            copy = Arrays.copyOf(nv, nv.length + 2);
            copy[nv.length] = name;
            copy[nv.length + 1] = value;
        }
        return new Parameters(copy);
    }

    /** A copy without any parameter called {@code name}. */
    public Parameters without(String name) {
        if (indexOf(name) < 0) {
            return this;
        }
        String[] nv = nv();
        String[] copy = new String[nv.length];
        int n = 0;
        for (int i = 0; i < nv.length; i += 2) {
            if (!nv[i].equalsIgnoreCase(name)) {
                copy[n++] = nv[i];
                copy[n++] = nv[i + 1];
            }
        }
        return n == 0 ? EMPTY : new Parameters(Arrays.copyOf(copy, n));
    }

    /** Appends {@code ;name[=value]} for each parameter. */
    public StringBuilder appendTo(StringBuilder sb) {
        String[] nv = nv();
        for (int i = 0; i < nv.length; i += 2) {
            sb.append(';').append(nv[i]);
            if (nv[i + 1] != null) {
                sb.append('=').append(nv[i + 1]);
            }
        }
        return sb;
    }

    /**
     * Same names (case-insensitive) with the same values in the same order. Values compare exactly;
     * protocol-specific rules (URI comparison, §19.1.4) live with the types that own the parameters.
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Parameters p) || p.size() != size()) {
            return false;
        }
        String[] nv = nv();
        String[] other = p.nv();
        for (int i = 0; i < nv.length; i += 2) {
            if (!nv[i].equalsIgnoreCase(other[i]) || !Objects.equals(nv[i + 1], other[i + 1])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        String[] nv = nv();
        int h = 1;
        for (int i = 0; i < nv.length; i += 2) {
            h = 31 * h + nv[i].toLowerCase(Locale.ROOT).hashCode();
            h = 31 * h + Objects.hashCode(nv[i + 1]);
        }
        return h;
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder()).toString();
    }
}
