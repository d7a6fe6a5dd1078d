package wstool.core.sink;

import java.time.Instant;

/**
 * {@link Instant#toString()} output, faster: the "yyyy-MM-ddTHH:mm:ss" part is cached per second, since exports
 * format many events of the same second in a row. Not thread-safe: one instance per sink.
 */
final class IsoTimestamps {
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix;
    private final CharRow sb = new CharRow(40);

    String format(Instant t) {
        sb.setLength(0);
        appendTo(sb, t);
        return sb.toString();
    }

    /** Appends {@link Instant#toString()}'s text of {@code t} without making a string. */
    void appendTo(CharRow out, Instant t) {
        long second = t.getEpochSecond();
        if (second != cachedSecond || cachedPrefix == null) {
            String full = Instant.ofEpochSecond(second).toString(); // "....:ssZ"
            cachedPrefix = full.substring(0, full.length() - 1);
            cachedSecond = second;
        }
        out.append(cachedPrefix);
        int nanos = t.getNano();
        if (nanos == 0) {
            out.append('Z');
            return;
        }
        out.append('.');
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
        for (int d = digits - 1; d > 0 && value < POWERS[d]; d--) out.append('0');
        out.append((long) value).append('Z');
    }

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
}
