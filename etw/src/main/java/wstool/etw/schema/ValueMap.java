package wstool.etw.schema;

import java.util.Map;
import java.util.TreeMap;

/** A manifest valueMap or bitMap. */
public record ValueMap(String name, boolean bitMap, Map<Long, String> entries) {
    public ValueMap {
        entries = java.util.Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    /** The name for a value ("|"-joined names for a bit map), or null when nothing matches. */
    public String lookup(long value) {
        if (!bitMap) return entries.get(value);
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Long, String> e : entries.entrySet()) {
            long bit = e.getKey();
            if (bit != 0 && (value & bit) == bit) {
                if (sb.length() > 0) sb.append('|');
                sb.append(e.getValue());
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
