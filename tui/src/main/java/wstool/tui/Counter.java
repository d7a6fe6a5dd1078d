package wstool.tui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Counts per key, written by the pipeline's consumer thread and read by the render loop. The number of distinct
 * keys is capped so that a flood of random values (e.g. spoofed sources) cannot grow memory without bound: keys
 * beyond the cap are counted under {@link #OTHER}.
 */
final class Counter<K> {
    public static final String OTHER = "(other)";

    /** One row of a top list, with the key as people read it. */
    public record Entry(String key, long count) {}

    private final Map<Object, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<Object, String> labels = new ConcurrentHashMap<>();
    private final Function<K, String> label;
    private final int maxKeys;

    /** @param label turns a key into text; applied once per distinct key, on the render thread */
    public Counter(int maxKeys, Function<K, String> label) {
        this.maxKeys = maxKeys;
        this.label = label;
    }

    /** Consumer thread: a map lookup and an increment, no allocation for keys already seen. */
    public void add(K key) {
        if (key == null) return;
        LongAdder a = counts.get(key);
        if (a == null) {
            Object k = counts.size() >= maxKeys ? OTHER : key;
            a = counts.computeIfAbsent(k, x -> new LongAdder());
        }
        a.increment();
    }

    /** The n largest counts, largest first, ties by label. */
    @SuppressWarnings("unchecked")
    public List<Entry> top(int n) {
        List<Entry> all = new ArrayList<>(counts.size());
        counts.forEach((k, v) -> all.add(new Entry(k == OTHER ? OTHER : labels.computeIfAbsent(k, x -> label.apply((K) x)), v.sum())));
        all.sort(Comparator.comparingLong(Entry::count).reversed().thenComparing(Entry::key));
        return all.size() > n ? all.subList(0, n) : all;
    }

    public int size() { return counts.size(); }
}
