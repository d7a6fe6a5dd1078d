package wstool.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import wstool.core.filter.EventFilter;
import wstool.tui.EventRing;

/**
 * Option values checked where they are parsed (also config values, which go through the same converters): a bad
 * one is a usage error naming the option (picocli adds it) and the allowed range.
 */
final class Converters {
    private Converters() {}

    /** "500ms", "30s", "5m", "1h", "2d" or a plain number of seconds; from 1 ms to what a nanosecond clock holds. */
    static final class TimeSpan implements ITypeConverter<Duration> {
        private static final Pattern P = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)?");
        /** Long.MAX_VALUE nanoseconds, rounded down to whole days: 106,751 days (292 years). */
        static final long MAX_DAYS = Duration.ofNanos(Long.MAX_VALUE).toDays();

        @Override
        public Duration convert(String value) {
            Matcher m = P.matcher(value.trim());
            if (!m.matches()) throw new TypeConversionException("'" + value + "' is not a duration (use e.g. 30s, 5m, 1h, 500ms)");
            double n = Double.parseDouble(m.group(1));
            double millis = n * switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> 1;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                case "d" -> 86_400_000;
                default -> 1000;
            };
            if (!(millis >= 1 && millis <= MAX_DAYS * 86_400_000.0)) {
                throw new TypeConversionException("'" + value + "' is out of range: a duration is 1ms to " + MAX_DAYS + "d");
            }
            return Duration.ofMillis((long) millis);
        }
    }

    /** A count of 1 or more. */
    static final class Count implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long n = parseLong(value, "a count");
            if (n < 1) throw new TypeConversionException("'" + value + "' is out of range: 1 to " + Long.MAX_VALUE);
            return n;
        }
    }

    /** A process id: 1 to 4294967295 (a Windows DWORD; Linux ids are smaller). */
    static final class Pid implements ITypeConverter<Long> {
        static final long MAX = 0xFFFF_FFFFL;

        @Override
        public Long convert(String value) {
            long n = parseLong(value, "a process id");
            if (n < 1 || n > MAX) throw new TypeConversionException("'" + value + "' is not a process id (1 to " + MAX + ")");
            return n;
        }
    }

    /** Events the full-screen view keeps: the view's own range ({@link EventRing#checkCapacity}). */
    static final class ViewBuffer implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long n = parseLong(value, "a number of events");
            try {
                return EventRing.checkCapacity((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n)));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is out of range: " + e.getMessage());
            }
        }
    }

    /** A replay speed: 0 (as fast as possible) or a finite factor above 0. */
    static final class Speed implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d;
            try {
                d = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number");
            }
            if (!Double.isFinite(d) || d < 0) {
                throw new TypeConversionException("'" + value + "' is out of range: 0 (as fast as possible) or a finite factor"
                        + " above 0 (1 = recorded pace)");
            }
            return d;
        }
    }

    /** An event kind, class or firewall type ({@link EventFilter#TYPES}). */
    static final class EventType implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String t = value.trim().toLowerCase(Locale.ROOT);
            if (!EventFilter.TYPES.contains(t)) {
                throw new TypeConversionException("'" + value + "' is not an event type (use " + String.join(", ", EventFilter.TYPES) + ")");
            }
            return t;
        }
    }

    private static long parseLong(String value, String what) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not " + what + " (a whole number)");
        }
    }
}
