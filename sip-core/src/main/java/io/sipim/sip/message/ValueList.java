package io.sipim.sip.message;

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
 */
final class ValueList extends AbstractList<Object> implements RandomAccess {
    /** The list of no values (an empty Allow, Supported ... line). */
    static final ValueList EMPTY = new ValueList(new Object[0], 0);

    /** The values, or null for a list of exactly {@link #single}. */
    private final Object[] values;
    private final Object single;
    private final int size;

    ValueList(Object[] values, int size) {
        this.values = values;
        this.single = null;
        this.size = size;
    }

    /** A list of one value. */
    ValueList(Object single) {
        this.values = null;
        this.single = single;
        this.size = 1;
    }

    @Override
    public Object get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        return values == null ? single : values[index];
    }

    /** True when the list holds {@code o} itself (identity, no iterator). */
    boolean holds(Object o) {
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
            return values == null ? single : values[i];
        }
    }
}
