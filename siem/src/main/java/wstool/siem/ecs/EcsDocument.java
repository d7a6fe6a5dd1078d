package wstool.siem.ecs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One ECS document being built: dotted field names become nested objects, in the order they are put. */
final class EcsDocument {
    private final Map<String, Object> root = new LinkedHashMap<>();

    /** Sets {@code dotted} ("source.geo.city_name") unless the value is null, an empty text or an empty list. */
    EcsDocument put(String dotted, Object value) {
        if (value == null || value instanceof String s && s.isEmpty() || value instanceof List<?> l && l.isEmpty()) return this;
        Map<String, Object> at = root;
        int from = 0;
        for (int dot; (dot = dotted.indexOf('.', from)) >= 0; from = dot + 1) {
            at = child(at, dotted.substring(from, dot));
        }
        at.put(dotted.substring(from), value);
        return this;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }

    Map<String, Object> asMap() { return root; }
}
