package wstool.etw.decode;

/**
 * Decimal texts of numbers, the small ones (ids, flags, zero counters: most raw field values) made once: every event
 * otherwise carries fresh copies of "0" and "27", which the export threads then read from another core's cache.
 */
final class Decimals {
    private static final String[] SMALL = new String[4096];

    static {
        for (int i = 0; i < SMALL.length; i++) SMALL[i] = Integer.toString(i);
    }

    private Decimals() {}

    static String of(long v) { return v >= 0 && v < SMALL.length ? SMALL[(int) v] : Long.toString(v); }
}
