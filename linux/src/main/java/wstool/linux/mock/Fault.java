package wstool.linux.mock;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One fault as the user asked for it: its kind, its amount (parsed into numbers) and the traffic it applies to.
 *
 * @param amount milliseconds of delay, hundredths of a percent of loss, bits per second of rate, or bytes before a
 *               reset (0 for refuse / blackhole / unreachable)
 * @param jitter milliseconds of delay variation (delay only)
 */
public record Fault(FaultKind kind, long amount, long jitter, FaultScope scope) {
    private static final Pattern DELAY = Pattern.compile("(\\d{1,6})(ms|s)(?:(?:±|~|\\+-)(\\d{1,6})(ms|s))?");
    private static final Pattern LOSS = Pattern.compile("(\\d{1,3})(?:\\.(\\d{1,2}))?%?");
    private static final Pattern RATE = Pattern.compile("(\\d{1,9})(bit|kbit|mbit|gbit|bps|kbps|mbps|gbps)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,9})(b|kb|kib|mb|mib|gb|gib)?");

    /**
     * Parses an option's value: for refuse / blackhole / unreachable the scope alone (may be null), for the others
     * {@code AMOUNT[,SCOPE]} such as {@code 200ms±50ms,10.0.0.2:443}.
     *
     * @throws IllegalArgumentException naming the option and what is wrong
     */
    public static Fault parse(FaultKind kind, String value) {
        try {
            if (!kind.takesValue()) return new Fault(kind, 0, 0, FaultScope.parse(value));
            if (value == null || value.isBlank()) throw new IllegalArgumentException("needs an amount");
            int comma = value.indexOf(',');
            String amount = (comma < 0 ? value : value.substring(0, comma)).trim().toLowerCase(Locale.ROOT);
            FaultScope scope = FaultScope.parse(comma < 0 ? null : value.substring(comma + 1));
            Fault f = switch (kind) {
                case DELAY -> delay(amount, scope);
                case LOSS -> loss(amount, scope);
                case RATE -> rate(amount, scope);
                case RESET_AFTER -> resetAfter(amount, scope);
                default -> throw new IllegalStateException(kind.name());
            };
            if (kind == FaultKind.LOSS && scope.percent() > 0) throw new IllegalArgumentException("is a probability already; drop p=");
            return f;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(kind.option() + (value == null ? "" : " " + value) + ": " + e.getMessage(), e);
        }
    }

    private static Fault delay(String text, FaultScope scope) {
        Matcher m = DELAY.matcher(text);
        if (!m.matches()) throw new IllegalArgumentException("the delay must look like 200ms or 200ms±50ms (also 200ms~50ms, 1s)");
        long ms = millis(m.group(1), m.group(2));
        long jitter = m.group(3) == null ? 0 : millis(m.group(3), m.group(4));
        if (ms < 1 || ms > 60_000) throw new IllegalArgumentException("the delay must be 1ms to 60s");
        if (jitter > ms) throw new IllegalArgumentException("the variation must not exceed the delay");
        return new Fault(FaultKind.DELAY, ms, jitter, scope);
    }

    private static Fault loss(String text, FaultScope scope) {
        Matcher m = LOSS.matcher(text);
        if (!m.matches()) throw new IllegalArgumentException("the loss must look like 10% or 0.5%");
        String frac = m.group(2) == null ? "00" : (m.group(2) + "0").substring(0, 2);
        long hundredths = Long.parseLong(m.group(1)) * 100 + Long.parseLong(frac);
        if (hundredths < 1 || hundredths > 10_000) throw new IllegalArgumentException("the loss must be 0.01% to 100%");
        return new Fault(FaultKind.LOSS, hundredths, 0, scope);
    }

    private static Fault rate(String text, FaultScope scope) {
        Matcher m = RATE.matcher(text);
        if (!m.matches()) throw new IllegalArgumentException("the rate must look like 64kbit, 2mbit or 100kbps (bytes)");
        long n = Long.parseLong(m.group(1));
        long bits = switch (m.group(2)) {
            case "bit" -> n;
            case "kbit" -> n * 1_000;
            case "mbit" -> n * 1_000_000;
            case "gbit" -> n * 1_000_000_000;
            case "bps" -> n * 8;
            case "kbps" -> n * 8_000;
            case "mbps" -> n * 8_000_000;
            default -> n * 8_000_000_000L;
        };
        if (bits < 8_000 || bits > 100_000_000_000L) throw new IllegalArgumentException("the rate must be 8kbit to 100gbit");
        return new Fault(FaultKind.RATE, bits, 0, scope);
    }

    private static Fault resetAfter(String text, FaultScope scope) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) throw new IllegalArgumentException("the size must look like 10KB, 1MB or 500 (bytes; KB = 1024)");
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long bytes = switch (unit) {
            case "b" -> n;
            case "kb", "kib" -> n << 10;
            case "mb", "mib" -> n << 20;
            default -> n << 30;
        };
        if (bytes < 1 || bytes > (4L << 30)) throw new IllegalArgumentException("the size must be 1 byte to 4GB");
        if ("udp".equals(scope.protocol())) throw new IllegalArgumentException("resets TCP connections; udp cannot be reset");
        return new Fault(FaultKind.RESET_AFTER, bytes, 0, scope);
    }

    private static long millis(String n, String unit) {
        return Long.parseLong(n) * (unit.equals("s") ? 1000 : 1);
    }

    /** This fault with the --host default applied to its scope. */
    public Fault withDefaultHost(java.util.List<java.net.InetAddress> host) {
        return new Fault(kind, amount, jitter, scope.withDefaultHost(host));
    }

    /** How the summary names it: {@code delay 200ms±50ms (10.0.0.2 port 443)}. */
    public String describe() {
        String what = switch (kind) {
            case REFUSE -> "refuse";
            case BLACKHOLE -> "blackhole";
            case UNREACHABLE -> "unreachable";
            case DELAY -> "delay " + amount + "ms" + (jitter > 0 ? "±" + jitter + "ms" : "");
            case LOSS -> "loss " + (amount / 100) + (amount % 100 == 0 ? "" : String.format(".%02d", amount % 100)) + "%";
            case RATE -> "rate " + amount + "bit/s";
            case RESET_AFTER -> "reset after " + amount + " bytes";
        };
        return what + " (" + scope + ")";
    }
}
