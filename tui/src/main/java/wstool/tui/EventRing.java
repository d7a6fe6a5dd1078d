package wstool.tui;

import wstool.core.model.NetEvent;

/** The view's recent events (see {@link SeqRing}: one writer, lock-free readers). */
public final class EventRing extends SeqRing<NetEvent> {
    /** Beyond this the ring alone would need gigabytes. */
    static final int MAX_CAPACITY = 10_000_000;

    public EventRing(int capacity) {
        super(checkCapacity(capacity));
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
}
