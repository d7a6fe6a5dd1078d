package wstool.etw.etl;

import java.time.Duration;
import java.time.Instant;

/**
 * TRACE_LOGFILE_HEADER facts of a .etl file (the first record of the first buffer) and the clock that turns raw
 * record timestamps into UTC instants.
 *
 * @param clockType ReservedFlags: 1 = QPC, 2 = system time (FILETIME), 3 = CPU cycle counter
 * @param startQpc raw timestamp of the header record itself, the clock reading that corresponds to {@code startTime}
 */
public record LogfileHeader(int bufferSize, int majorVersion, int minorVersion, int providerVersion,
                            int numberOfProcessors, Instant endTime, int timerResolution100ns, int maximumFileSizeMb,
                            int logFileMode, int buffersWritten, int pointerSize, int eventsLost, int cpuSpeedMhz,
                            Instant bootTime, long perfFreq, Instant startTime, int clockType, int buffersLost,
                            long startQpc, String loggerName, String logFileName) {

    public static final int CLOCK_QPC = 1, CLOCK_SYSTEM_TIME = 2, CLOCK_CPU_CYCLE = 3;

    /** 100-ns intervals between 1601-01-01 and 1970-01-01. */
    private static final long FILETIME_EPOCH_DIFF = 116444736000000000L;

    public static Instant fromFiletime(long ft) {
        long sinceEpoch = ft - FILETIME_EPOCH_DIFF;
        return Instant.ofEpochSecond(Math.floorDiv(sinceEpoch, 10_000_000L), Math.floorMod(sinceEpoch, 10_000_000L) * 100);
    }

    /** Ticks per second of the raw timestamps. */
    public long ticksPerSecond() {
        switch (clockType) {
            case CLOCK_SYSTEM_TIME: return 10_000_000L;
            case CLOCK_CPU_CYCLE: return cpuSpeedMhz > 0 ? cpuSpeedMhz * 1_000_000L : 0;
            default: return perfFreq;
        }
    }

    /** Converts a raw record timestamp to UTC, keeping sub-microsecond precision (exact to the nanosecond). */
    public Instant toInstant(long raw) {
        if (clockType == CLOCK_SYSTEM_TIME) return fromFiletime(raw);
        long freq = ticksPerSecond();
        if (freq <= 0) return startTime;
        long delta = raw - startQpc;
        long secs = Math.floorDiv(delta, freq);
        long rem = Math.floorMod(delta, freq);
        long nanos = Math.multiplyHigh(rem, 1_000_000_000L) == 0 ? rem * 1_000_000_000L / freq
                : java.math.BigInteger.valueOf(rem).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
                        .divide(java.math.BigInteger.valueOf(freq)).longValue();
        long nano = startTime.getNano() + nanos;
        return Instant.ofEpochSecond(startTime.getEpochSecond() + secs + nano / 1_000_000_000L, nano % 1_000_000_000L);
    }

    public Duration duration() { return Duration.between(startTime, endTime); }
}
