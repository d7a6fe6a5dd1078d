package wstool.core.sink;

import java.time.Instant;

/**
 * {@link Instant#toString()} output, faster: the "yyyy-MM-ddTHH:mm:ss" part is cached per second, since exports
 * format many events of the same second in a row. Not thread-safe: one instance per sink.
 */
final class IsoTimestamps {
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix;
    private final StringBuilder sb = new StringBuilder(32);

    String format(Instant t) {
        long second = t.getEpochSecond();
        if (second != cachedSecond || cachedPrefix == null) {
            String full = Instant.ofEpochSecond(second).toString(); // "....:ssZ"
            cachedPrefix = full.substring(0, full.length() - 1);
            cachedSecond = second;
        }
        int nanos = t.getNano();
        if (nanos == 0) return cachedPrefix + 'Z';
        sb.setLength(0);
        sb.append(cachedPrefix).append('.');
        int digits;
        int value;
        if (nanos % 1_000_000 == 0) {
            value = nanos / 1_000_000;
            digits = 3;
        } else if (nanos % 1000 == 0) {
            value = nanos / 1000;
            digits = 6;
        } else {
            value = nanos;
            digits = 9;
        }
        String v = Integer.toString(value);
        for (int i = v.length(); i < digits; i++) sb.append('0');
        return sb.append(v).append('Z').toString();
    }
}
