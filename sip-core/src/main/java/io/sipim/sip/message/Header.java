package io.sipim.sip.message;

import io.sipim.sip.internal.HeaderCodec;
import io.sipim.sip.internal.Lexer;
import io.sipim.sip.internal.ValueParsers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One header field line: its name, its value as text and its typed values. A line of a
 * {@link HeaderName.Kind#LIST} header may hold several comma-separated values, so
 * {@link #values()} is a list. Extension headers have one value, their text.
 *
 * <p>The name keeps the spelling it had on the wire ({@link #spelledName()}, e.g. {@code v} or
 * {@code VIA}) so a parsed message is written back as received; equality uses the canonical name
 * and the value text.
 */
public final class Header {
    private final HeaderName<?> name;
    private final String spelled;
    /** The value text; for a parsed header decoded lazily from {@code source[start, end)} (racy single-check, safe for Strings). */
    private String value;
    /** The value as bytes on the wire: UTF-8, or ASCII when {@link #ascii}. */
    private final byte[] source;
    private final int start;
    private final int end;
    /**
     * null (value did not parse, partial message), one typed value, or an unmodifiable List of them.
     * {@link Lexer#WHOLE_VALUE} stands for the value text itself (Call-ID, Subject, extension headers).
     */
    private final Object typed;
    /** True when {@link #typed} is a List of values (a LIST header): decided once, not on every read. */
    private final boolean list;
    private final boolean ascii;

    Header(HeaderName<?> name, String spelled, String value, Object typed, boolean ascii) {
        this.name = name;
        this.spelled = spelled;
        this.value = value;
        this.source = ascii ? value.getBytes(StandardCharsets.ISO_8859_1) : value.getBytes(StandardCharsets.UTF_8);
        this.start = 0;
        this.end = source.length;
        this.typed = typed;
        this.list = typed instanceof ValueList;
        this.ascii = ascii;
    }

    /** A parsed header whose value is the UTF-8 (ASCII when {@code ascii}) bytes {@code source[start, end)}. */
    Header(HeaderName<?> name, String spelled, byte[] source, int start, int end, Object typed, boolean ascii) {
        this.name = name;
        this.spelled = spelled;
        this.source = source;
        this.start = start;
        this.end = end;
        this.typed = typed;
        this.list = typed instanceof ValueList;
        this.ascii = ascii;
    }

    /** A header from text; a known header's value is parsed and checked. */
    public static Header of(String name, String value) {
        HeaderName<?> n = HeaderName.of(name);
        return parsed(n, n.isKnown() ? n.name() : name, value);
    }

    /** A header with one typed value. */
    public static <T> Header of(HeaderName<T> name, T value) {
        Objects.requireNonNull(value, "value");
        StringBuilder sb = new StringBuilder(64);
        name.codec().format(value, sb);
        String text = sb.toString();
        return new Header(name, name.name(), text, value, isAscii(text));
    }

    /** A header line with several typed values, comma-separated ({@link HeaderName.Kind#LIST} headers only). */
    public static <T> Header of(HeaderName<T> name, List<T> values) {
        if (values.size() == 1) {
            return of(name, values.get(0));
        }
        if (name.kind() != HeaderName.Kind.LIST) {
            throw new IllegalArgumentException(name + " does not take a comma-separated list");
        }
        StringBuilder sb = new StringBuilder(64 * values.size());
        for (T v : values) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            name.codec().format(Objects.requireNonNull(v, "value"), sb);
        }
        String text = sb.toString();
        return new Header(name, name.name(), text, new ValueList(values.toArray(), values.size()), isAscii(text));
    }

    static <T> Header parsed(HeaderName<T> name, String spelled, String value) {
        return new Header(name, spelled, value, parseValue(name, new Lexer(value)), isAscii(value));
    }

    /** Parses a whole header value: one element, or a comma-separated list for LIST headers. */
    static Object parseValue(HeaderName<?> name, Lexer lx) {
        HeaderCodec<?> codec = name.codec();
        lx.skipWs();
        if (name.kind() != HeaderName.Kind.LIST) {
            Object v = codec.parse(lx);
            lx.expectEnd(name.name());
            return v;
        }
        if (lx.atEnd()) {
            // Empty lists are legal for Accept, Allow, Supported ... (RFC 3261 §20.1, §20.5).
            return ValueList.EMPTY;
        }
        if (codec == ValueParsers.TOKEN) {
            Object tokens = ValueParsers.tokenList(lx);
            if (tokens instanceof Object[] list) {
                int n = 2; // an array holds two tokens or more (one comes back as itself)
                while (n < list.length && list[n] != null) {
                    n++;
                }
                return new ValueList(list, n);
            }
            if (tokens != null) {
                return tokens;
            }
        }
        Object first = codec.parse(lx);
        if (!lx.acceptSep(',')) {
            lx.expectEnd(name.name());
            return first;
        }
        Object[] values = new Object[8];
        values[0] = first;
        int n = 1;
        do {
            if (n == values.length) {
                values = java.util.Arrays.copyOf(values, n * 2);
            }
            values[n++] = codec.parse(lx);
        } while (lx.acceptSep(','));
        lx.expectEnd(name.name());
        return new ValueList(values, n);
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    public HeaderName<?> name() {
        return name;
    }

    /** The name as written ({@code v}, {@code VIA}, {@code Via} ...). */
    public String spelledName() {
        return spelled;
    }

    /** The value text, trimmed, with line folding replaced by white space. */
    public String value() {
        String v = value;
        if (v == null) {
            v = value = new String(source, start, end - start, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        }
        return v;
    }

    /** Length of the value in bytes on the wire. */
    int valueLength() {
        return end - start;
    }

    /** Copies the value's wire bytes into {@code out} at {@code pos}; answers the position after it. */
    int writeValue(byte[] out, int pos) {
        System.arraycopy(source, start, out, pos, end - start);
        return pos + end - start;
    }

    private Object resolve(Object o) {
        return o == Lexer.WHOLE_VALUE ? value() : o;
    }

    /** The typed values of this line; empty when the line had none or its value did not parse. */
    public List<?> values() {
        if (typed == null) {
            return List.of();
        }
        if (list) {
            ValueList l = (ValueList) typed;
            // Identity suffices (no list element can spell "<whole value>"); a ValueList looks without an iterator.
            if (!l.holds(Lexer.WHOLE_VALUE)) {
                return l;
            }
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(resolve(o));
            }
            return Collections.unmodifiableList(out);
        }
        return new ValueList(resolve(typed));
    }

    /** Number of typed values on this line: {@code values().size()} without making the list. */
    public int valueCount() {
        return typed == null ? 0 : list ? ((ValueList) typed).size() : 1;
    }

    /** The typed value at {@code index}: {@code values().get(index)} without making the list. */
    public Object valueAt(int index) {
        if (index < 0 || index >= valueCount()) {
            throw new IndexOutOfBoundsException("index " + index + " of " + valueCount());
        }
        return resolve(list ? ((ValueList) typed).get(index) : typed);
    }

    /** Appends the typed values that are of {@code name} to {@code out}. */
    @SuppressWarnings("unchecked")
    <T> void collect(HeaderName<T> n, List<T> out) {
        if (typed == null) {
            return;
        }
        if (list) {
            for (Object o : (ValueList) typed) {
                out.add((T) resolve(o));
            }
        } else {
            out.add((T) resolve(typed));
        }
    }

    /** The first typed value, or {@code null}. */
    @SuppressWarnings("unchecked")
    <T> T first() {
        if (list) {
            ValueList l = (ValueList) typed;
            return l.isEmpty() ? null : (T) resolve(l.get(0));
        }
        return (T) resolve(typed);
    }

    boolean ascii() {
        return ascii;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Header h && h.name.equals(name) && h.value().equals(value());
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + value().hashCode();
    }

    @Override
    public String toString() {
        return spelled + ": " + value();
    }
}
