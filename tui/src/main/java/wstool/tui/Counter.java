package wstool.tui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts per key, written by the pipeline's consumer thread and read by the render loop. The number of distinct
 * keys is capped so that a flood of random values (e.g. spoofed sources) cannot grow memory without bound: keys
 * beyond the cap are counted under {@link #OTHER}.
 */
public final class Counter {
    public static final String OTHER = "(other)";

    /** One row of a top list. */
    public record Entry(String key, long count) {}

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final int maxKeys;

    public Counter(int maxKeys) { this.maxKeys = maxKeys; }

    public void add(String key) {
        if (key == null) return;
        LongAdder a = counts.get(key);
        if (a == null) {
            if (counts.size() >= maxKeys) key = OTHER;
            a = counts.computeIfAbsent(key, k -> new LongAdder());
        }
        a.increment();
    }

    /** The n largest counts, largest first, ties by key. */
    public List<Entry> top(int n) {
        List<Entry> all = new ArrayList<>(counts.size());
        counts.forEach((k, v) -> all.add(new Entry(k, v.sum())));
        all.sort(Comparator.comparingLong(Entry::count).reversed().thenComparing(Entry::key));
        return all.size() > n ? all.subList(0, n) : all;
    }

    public int size() { return counts.size(); }
}
