package wstool.core.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The immutable, insertion-ordered copy of an event's raw fields. {@link EventHeader} copies a caller's map once;
 * copies of a header (enrichment, process attribution) share this instance instead of copying again. Held as two
 * arrays (events carry a handful of fields): one copy per event instead of a hash map's nodes, and
 * {@link #forEach} walks them without making entries, which is how the exports read them.
 */
final class RawFields extends AbstractMap<String, String> {
    private final String[] keys;
    private final String[] values;

    private RawFields(String[] keys, String[] values) {
        this.keys = keys;
        this.values = values;
    }

    static Map<String, String> freeze(Map<String, String> raw) {
        if (raw == null || raw.isEmpty()) return Map.of();
        if (raw instanceof RawFields) return raw;
        if (raw instanceof RawFieldMap m) return new RawFields(m.keysCopy(), m.valuesCopy());
        String[] k = new String[raw.size()];
        String[] v = new String[k.length];
        int i = 0;
        for (Map.Entry<String, String> en : raw.entrySet()) {
            k[i] = en.getKey();
            v[i++] = en.getValue();
        }
        return new RawFields(k, v);
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < keys.length; i++) action.accept(keys[i], values[i]);
    }

    @Override
    public String get(Object key) {
        for (int i = 0; i < keys.length; i++) if (java.util.Objects.equals(keys[i], key)) return values[i];
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        for (String k : keys) if (java.util.Objects.equals(k, key)) return true;
        return false;
    }

    @Override public int size() { return keys.length; }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override public int size() { return keys.length; }

            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override public boolean hasNext() { return next < keys.length; }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= keys.length) throw new NoSuchElementException();
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }
        };
    }
}
