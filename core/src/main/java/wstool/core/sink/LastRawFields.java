package wstool.core.sink;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Whether an event's raw fields are the very strings of the last event's: a decoder shares its schema's names and
 * the texts of small numbers, so consecutive events of one kind often are, and a sink can then reuse the text it
 * made of them instead of formatting and checking it again. Compared by reference, so a false "unchanged" is
 * impossible. Not thread-safe: one per sink.
 */
final class LastRawFields implements BiConsumer<String, String> {
    private static final int MAX = 16;

    private final String[] keys = new String[MAX];
    private final String[] values = new String[MAX];
    private int count = -1;
    private int seen;
    private boolean same;

    /** Whether {@code raw} holds the same strings, in the same order, as the last map given; remembers this one. */
    boolean unchanged(Map<String, String> raw) {
        seen = 0;
        same = true;
        raw.forEach(this);
        if (seen != count || seen > MAX) same = false;
        count = seen;
        return same;
    }

    @Override
    public void accept(String k, String v) {
        int i = seen++;
        if (i >= MAX) return; // too many to remember: never the same (unchanged() checks the count)
        if (keys[i] != k || values[i] != v) {
            same = false;
            keys[i] = k;
            values[i] = v;
        }
    }
}
