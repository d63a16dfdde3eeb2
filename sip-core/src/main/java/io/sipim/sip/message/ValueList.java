package io.sipim.sip.message;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The typed values of one comma-separated header line: an unmodifiable list over the array the
 * parser filled (one object and one array per line, where an ArrayList wrapped unmodifiable takes
 * three and regrows).
 */
final class ValueList extends AbstractList<Object> implements RandomAccess {
    private final Object[] values;
    private final int size;

    ValueList(Object[] values, int size) {
        this.values = values;
        this.size = size;
    }

    @Override
    public Object get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        return values[index];
    }

    /** True when the list holds {@code o} itself (identity, no iterator). */
    boolean holds(Object o) {
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
}
