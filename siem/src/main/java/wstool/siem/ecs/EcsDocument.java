package wstool.siem.ecs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One ECS document being built: dotted field names become nested objects, in the order they are put. */
final class EcsDocument {
    private final Map<String, Object> root = new LinkedHashMap<>();

    /**
     * Dotted names split into their parts once: the mapper's names are constants or made of a few (splitting them
     * for every event cost ~15% of an ECS export in substrings and their hash codes). Bounded, in case a name is
     * ever made from data.
     */
    private static final Map<String, String[]> PATHS = new ConcurrentHashMap<>();
    private static final int MAX_PATHS = 4096;

    /** Sets {@code dotted} ("source.geo.city_name") unless the value is null, an empty text or an empty list. */
    EcsDocument put(String dotted, Object value) {
        if (value == null || (value instanceof String s ? s.isEmpty()
                : !(value instanceof Number) && value instanceof List<?> l && l.isEmpty())) {
            // Number first: a failing instanceof List scans the class's interfaces on JDK 17 (see core's ValueKind)
            return this;
        }
        String[] path = PATHS.get(dotted);
        if (path == null) {
            path = dotted.split("\\.", -1);
            if (PATHS.size() < MAX_PATHS) PATHS.put(dotted, path);
        }
        Map<String, Object> at = root;
        for (int i = 0; i < path.length - 1; i++) at = child(at, path[i]);
        at.put(path[path.length - 1], value);
        return this;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }

    Map<String, Object> asMap() { return root; }
}
