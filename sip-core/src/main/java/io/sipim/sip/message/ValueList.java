package io.sipim.sip.message;

import io.sipim.sip.internal.Tokens;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.RandomAccess;

/**
 * The typed values of one header line as {@link Header#values()} answers them: an unmodifiable
 * list over the array the parser filled (one object and one array per line, where an ArrayList
 * wrapped unmodifiable takes three and regrows), or over a single value. One final class with its
 * own final iterator keeps a loop over {@code values()} monomorphic, so the JIT can drop the
 * iterator (and often the list) instead of allocating both per header.
 *
 * <p>A token list the parser checked (Allow, Supported, Require ...) keeps the tokens' places in
 * the message bytes and makes each String when it is first read, as parameters do: most tokens
 * are looked at by few messages, if any.
 */
final class ValueList extends AbstractList<Object> implements RandomAccess {
    /** The list of no values (an empty Allow, Supported ... line). */
    static final ValueList EMPTY = new ValueList(new Object[0], 0);

    /** The values, or null for a list of exactly {@link #single} or of tokens in {@link #src}. */
    private final Object[] values;
    private final Object single;
    private final int size;
    /** For a token list: the bytes, and two indexes per token (start, end) in {@link #at} from {@link #off}. */
    private final byte[] src;
    private final int[] at;
    private final int off;
    /** A token list's Strings, made on first read (racy but safe: Strings are immutable, equal tokens give equal Strings). */
    private Object[] cut;

    ValueList(Object[] values, int size) {
        this(values, null, size, null, null, 0);
    }

    /** A list of one value. */
    ValueList(Object single) {
        this(null, single, 1, null, null, 0);
    }

    /** A list of {@code size} checked tokens of {@code src} (see {@link #src}). */
    ValueList(byte[] src, int[] at, int off, int size) {
        this(null, null, size, src, at, off);
    }

    private ValueList(Object[] values, Object single, int size, byte[] src, int[] at, int off) {
        this.values = values;
        this.single = single;
        this.size = size;
        this.src = src;
        this.at = at;
        this.off = off;
    }

    @Override
    public Object get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        return at(index);
    }

    /** Value {@code i}, known to be in range. */
    private Object at(int i) {
        if (values != null) {
            return values[i];
        }
        return src == null ? single : token(i);
    }

    private Object token(int i) {
        Object[] c = cut;
        if (c == null) {
            c = cut = new Object[size];
        }
        Object t = c[i];
        if (t == null) {
            t = c[i] = Tokens.token(src, at[off + 2 * i], at[off + 2 * i + 1]);
        }
        return t;
    }

    /** True when the list holds the sentinel {@code o} itself (identity, no iterator). */
    boolean holds(Object o) {
        if (src != null) {
            return false; // a token list holds Strings only, never a sentinel
        }
        if (values == null) {
            return single == o;
        }
        for (int i = 0; i < size; i++) {
            if (values[i] == o) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Iterator<Object> iterator() {
        return new Itr();
    }

    private final class Itr implements Iterator<Object> {
        private int next;

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public Object next() {
            int i = next;
            if (i >= size) {
                throw new NoSuchElementException();
            }
            next = i + 1;
            return at(i);
        }
    }
}
