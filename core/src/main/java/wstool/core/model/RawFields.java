package wstool.core.model;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The immutable, insertion-ordered copy of an event's raw fields. {@link EventHeader} copies a caller's map once;
 * copies of a header (enrichment, process attribution) share this instance instead of copying again.
 */
final class RawFields extends AbstractMap<String, String> {
    private final Map<String, String> fields;

    private RawFields(Map<String, String> fields) { this.fields = fields; }

    static Map<String, String> freeze(Map<String, String> raw) {
        if (raw == null || raw.isEmpty()) return Map.of();
        if (raw instanceof RawFields) return raw;
        return new RawFields(Collections.unmodifiableMap(new LinkedHashMap<>(raw)));
    }

    @Override public Set<Entry<String, String>> entrySet() { return fields.entrySet(); }
    @Override public String get(Object key) { return fields.get(key); }
    @Override public boolean containsKey(Object key) { return fields.containsKey(key); }
    @Override public int size() { return fields.size(); }
}
