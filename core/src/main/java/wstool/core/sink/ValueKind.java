package wstool.core.sink;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The kinds of value an {@link EventField} gives, for the sinks that write each kind their own way, and a field's
 * kind remembered for the class of its last value ({@link Cache}).
 * <p>
 * Why remembered: on JDK 17 an {@code instanceof} against an interface that the value's class does not implement
 * (a String tested for Map or List) is a linear scan of the class's secondary supers every time (HotSpot's
 * check_klass_subtype_slow_path, {@code repne scas} on x86; hashed in JDK 23 and backported to 21u by JDK-8180450,
 * openjdk/jdk#18309). A chain of such tests per value was ~40% of the JSON Lines and ~30% of the CSV formatting
 * (SinkCpuTime, issue 21). The classes of a field's values rarely change.
 */
final class ValueKind {
    static final int STRING = 0, ENUM = 1, INTEGER = 2, LONG = 3, ADDRESS = 4, INSTANT = 5, MAP = 6, DOUBLE = 7,
            BOOLEAN = 8, LIST = 9, OTHER = 10;

    private ValueKind() {}

    static int of(Object v) {
        return v instanceof String ? STRING
                : v instanceof Enum<?> ? ENUM
                : v instanceof Integer ? INTEGER
                : v instanceof Long ? LONG
                : v instanceof InetAddress ? ADDRESS
                : v instanceof Instant ? INSTANT
                : v instanceof Map<?, ?> ? MAP
                : v instanceof Double ? DOUBLE
                : v instanceof Boolean ? BOOLEAN
                : v instanceof List<?> ? LIST
                : OTHER;
    }

    /** One field's kind for the class of its last value. Not thread-safe: one per sink and field. */
    static final class Cache {
        private Class<?> type;
        private int kind;

        int of(Object v) {
            Class<?> c = v.getClass();
            if (c != type) {
                kind = ValueKind.of(v);
                type = c;
            }
            return kind;
        }
    }
}
