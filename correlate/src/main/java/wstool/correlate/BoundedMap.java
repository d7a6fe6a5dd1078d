package wstool.correlate;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map of at most {@code cap} entries that forgets the least recently used one first and counts what it forgot. */
final class BoundedMap<K, V> extends LinkedHashMap<K, V> {
    private final int cap;
    private long evicted;

    BoundedMap(int cap) {
        super(16, 0.75f, true);
        this.cap = cap;
    }

    long evicted() { return evicted; }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        if (size() <= cap) return false;
        evicted++;
        return true;
    }
}
