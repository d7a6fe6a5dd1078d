package wstool.core.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * Where a decoder collects an event's raw fields: insertion-ordered like a LinkedHashMap, held in two arrays, so
 * that {@link EventHeader} copies them as they are instead of walking a hash map's nodes. A decoder makes one per
 * event; at a handful of fields a look-up by scanning is cheaper than hashing. No removal.
 */
public final class RawFieldMap extends AbstractMap<String, String> {
    private String[] keys;
    private String[] values;
    private int size;

    public RawFieldMap() { this(8); }

    public RawFieldMap(int capacity) {
        keys = new String[Math.max(1, capacity)];
        values = new String[keys.length];
    }

    private int indexOf(Object key) {
        for (int i = 0; i < size; i++) if (Objects.equals(keys[i], key)) return i;
        return -1;
    }

    @Override
    public String put(String key, String value) {
        int i = indexOf(key);
        if (i >= 0) {
            String old = values[i];
            values[i] = value;
            return old;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size++] = value;
        return null;
    }

    @Override
    public String get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override public boolean containsKey(Object key) { return indexOf(key) >= 0; }

    @Override public int size() { return size; }

    /** The fields as they are now, for {@link RawFields}. */
    String[] keysCopy() { return Arrays.copyOf(keys, size); }

    String[] valuesCopy() { return Arrays.copyOf(values, size); }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override public int size() { return size; }

            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override public boolean hasNext() { return next < size; }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= size) throw new NoSuchElementException();
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }
        };
    }
}
