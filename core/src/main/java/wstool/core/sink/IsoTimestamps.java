package wstool.core.sink;

import java.time.Instant;

/**
 * {@link Instant#toString()} output, faster: the "yyyy-MM-ddTHH:mm:ss" part is cached per second (64 seconds), since exports
 * format many events of the same second in a row. Not thread-safe: one instance per sink.
 */
final class IsoTimestamps {
    private static final int SLOTS = 64; // events of a few seconds interleave (ETW buffers of several CPUs)
    private final long[] seconds = new long[SLOTS];
    private final String[] prefixes = new String[SLOTS];
    private final CharRow sb = new CharRow(40);

    String format(Instant t) {
        sb.setLength(0);
        appendTo(sb, t);
        return sb.toString();
    }

    /** Appends {@link Instant#toString()}'s text of {@code t} without making a string. */
    void appendTo(CharRow out, Instant t) {
        long second = t.getEpochSecond();
        int slot = (int) (second & (SLOTS - 1));
        String prefix = prefixes[slot];
        if (prefix == null || seconds[slot] != second) {
            String full = Instant.ofEpochSecond(second).toString(); // "....:ssZ"
            prefixes[slot] = prefix = full.substring(0, full.length() - 1);
            seconds[slot] = second;
        }
        out.append(prefix);
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
        out.digits(value, digits).append('Z');
    }
}
