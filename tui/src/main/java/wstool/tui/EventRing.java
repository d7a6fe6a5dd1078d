package wstool.tui;

import java.util.concurrent.atomic.AtomicReferenceArray;
import wstool.core.model.NetEvent;

/**
 * The last {@code capacity} events, written by one thread (the pipeline's consumer) and read by another (the render
 * loop) without locks: the writer never waits. Every event gets a sequence number (0, 1, 2, ...); a reader asks for
 * an event by number and gets null once it has been overwritten.
 */
public final class EventRing {
    /** Beyond this the ring alone would need gigabytes. */
    static final int MAX_CAPACITY = 10_000_000;

    private final AtomicReferenceArray<NetEvent> slots;
    private final int capacity;
    private volatile long written;

    public EventRing(int capacity) {
        this.capacity = checkCapacity(capacity);
        // one spare slot: the one being written is never one a reader may still trust
        this.slots = new AtomicReferenceArray<>(capacity + 1);
    }

    /**
     * The view's own check of how many events it may keep, for callers that validate before opening it.
     *
     * @throws IllegalArgumentException with the allowed range
     */
    public static int checkCapacity(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException(String.format("the view keeps 1 to %,d events, not %,d", MAX_CAPACITY, capacity));
        }
        return capacity;
    }

    public int capacity() { return capacity; }

    /** Single writer only. */
    public void add(NetEvent e) {
        long seq = written;
        int i = (int) (seq % (capacity + 1));
        slots.lazySet(i, e);
        written = seq + 1;
    }

    /** Number of events ever added: the next sequence number. */
    public long written() { return written; }

    /** Sequence number of the oldest event still held. */
    public long oldest() { return Math.max(0, written - capacity); }

    /** The event with this sequence number, or null when it is not (or no longer) held. */
    public NetEvent get(long seq) {
        if (seq < 0 || seq >= written) return null;
        NetEvent e = slots.get((int) (seq % (capacity + 1)));
        // the writer may have lapped this slot while we read it: only trust it if it is still in the window
        return seq >= written - capacity ? e : null;
    }

}
