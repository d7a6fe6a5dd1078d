package wstool.tui;

/**
 * Events per second over the last second and the last minute, from samples of a growing total taken by the render
 * loop (one per frame). Keeps one sample per 100 ms slot for 61 s: bounded memory at any frame rate.
 */
final class RateMeter {
    private static final long SLOT_NANOS = 100_000_000L;
    private static final int SLOTS = 611;

    private final long[] slotTime = new long[SLOTS];
    private final long[] slotCount = new long[SLOTS];
    private long newestSlot = Long.MIN_VALUE;

    public void sample(long nanos, long total) {
        long slot = Math.floorDiv(nanos, SLOT_NANOS);
        if (slot < newestSlot) return;
        int i = (int) Math.floorMod(slot, (long) SLOTS);
        slotTime[i] = nanos;
        slotCount[i] = total;
        if (newestSlot == Long.MIN_VALUE) {
            java.util.Arrays.fill(slotTime, Long.MIN_VALUE);
            slotTime[i] = nanos;
        }
        newestSlot = slot;
    }

    /** Average rate over the window ending at the newest sample (shorter at the start of a session); 0 without data. */
    public double perSecond(long windowNanos) {
        if (newestSlot == Long.MIN_VALUE) return 0;
        int newest = (int) Math.floorMod(newestSlot, (long) SLOTS);
        long tNow = slotTime[newest];
        long cNow = slotCount[newest];
        long bestT = tNow, bestC = cNow;
        for (int k = 0; k < SLOTS; k++) {
            long t = slotTime[k];
            if (t == Long.MIN_VALUE || t > tNow) continue;
            if (tNow - t <= windowNanos && t < bestT) {
                bestT = t;
                bestC = slotCount[k];
            }
        }
        if (bestT == tNow) return 0;
        return (cNow - bestC) * 1e9 / (tNow - bestT);
    }
}
