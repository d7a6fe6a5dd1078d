package wstool.verify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report's counters of what was seen, forgotten or suppressed, in the order they first occurred. */
final class Counters {
    private final Map<String, Long> counts = new LinkedHashMap<>();

    Counters() {
        for (String k : List.of("events", "socket events", "sockets created", "sockets closed",
                "sockets seen without create")) counts.put(k, 0L);
    }

    void bump(String counter, long n) {
        if (n != 0) counts.merge(counter, n, Long::sum);
    }

    /** A copy with the two totals the verifier keeps itself. */
    Map<String, Long> snapshot(long events, long socketEvents) {
        Map<String, Long> m = new LinkedHashMap<>(counts);
        m.put("events", events);
        m.put("socket events", socketEvents);
        return m;
    }
}
