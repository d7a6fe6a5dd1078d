package wstool.core.sink;

import java.net.InetAddress;

/**
 * The texts of values that repeat from event to event (addresses, coordinates), each made once per cache slot:
 * the exporters' per-event cost is otherwise dominated by {@code getHostAddress} and {@code Double.toString}.
 * Direct-mapped (a newer value overwrites an older one in its slot). Not thread-safe: one per sink.
 */
final class ValueTexts {
    private static final int BITS = 12;

    private final InetAddress[] addressKeys = new InetAddress[1 << BITS];
    private final String[] addressTexts = new String[1 << BITS];
    private final long[] doubleKeys = new long[1 << BITS];
    private final String[] doubleTexts = new String[1 << BITS];
    final IsoTimestamps timestamps = new IsoTimestamps();

    /** {@code f.text(a)}, cached. */
    String address(EventField f, InetAddress a) {
        int slot = (a.hashCode() * 0x9E3779B9) >>> (32 - BITS);
        if (a.equals(addressKeys[slot])) return addressTexts[slot];
        String t = f.text(a);
        addressKeys[slot] = a;
        addressTexts[slot] = t;
        return t;
    }

    /** {@code f.text(d)}, cached. */
    String number(EventField f, Double d) {
        long bits = Double.doubleToRawLongBits(d);
        int slot = (int) ((bits ^ (bits >>> 29)) * 0x9E3779B97F4A7C15L >>> (64 - BITS));
        String t = doubleTexts[slot];
        if (t != null && doubleKeys[slot] == bits) return t;
        t = f.text(d);
        doubleKeys[slot] = bits;
        doubleTexts[slot] = t;
        return t;
    }
}
