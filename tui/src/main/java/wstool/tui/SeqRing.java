package wstool.tui;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last {@code capacity} items, written by one thread (the pipeline's consumer) and read by another (the render
 * loop) without locks: the writer never waits. Every item gets a sequence number (0, 1, 2, ...); a reader asks for
 * an item by number and gets null once it has been overwritten.
 */
class SeqRing<T> {
    private final AtomicReferenceArray<T> slots;
    private final int capacity;
    private volatile long written;

    SeqRing(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("a ring holds at least one item");
        this.capacity = capacity;
        // one spare slot: the one being written is never one a reader may still trust
        this.slots = new AtomicReferenceArray<>(capacity + 1);
    }

    public int capacity() { return capacity; }

    /** Single writer only. */
    public void add(T item) {
        long seq = written;
        int i = (int) (seq % (capacity + 1));
        slots.lazySet(i, item);
        written = seq + 1;
    }

    /** Number of items ever added: the next sequence number. */
    public long written() { return written; }

    /** Sequence number of the oldest item still held. */
    public long oldest() { return Math.max(0, written - capacity); }

    /** The item with this sequence number, or null when it is not (or no longer) held. */
    public T get(long seq) {
        if (seq < 0 || seq >= written) return null;
        T e = slots.get((int) (seq % (capacity + 1)));
        // the writer may have lapped this slot while we read it: only trust it if it is still in the window
        return seq >= written - capacity ? e : null;
    }
}
