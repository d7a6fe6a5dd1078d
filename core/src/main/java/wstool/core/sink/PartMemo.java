package wstool.core.sink;

import wstool.core.model.EventHeader;

/**
 * The text a sink rendered a run of fields of one {@link EventField.Part} to, with the objects it was rendered from:
 * while the next event has the very same (immutable) objects, the text is copied instead of rendered again.
 */
final class PartMemo {
    private final EventField.Part part;
    final CharRow.Kept text = new CharRow.Kept();
    private boolean kept;
    private Object first;
    private Object second;
    private int protocol;

    PartMemo(EventField.Part part) {
        if (part == EventField.Part.EVENT) throw new IllegalArgumentException("an event's own fields have no part to memo");
        this.part = part;
    }

    /** Whether {@code h} has the objects {@link #text} was rendered from. */
    boolean repeats(EventHeader h) {
        if (!kept) return false;
        if (part == EventField.Part.ENRICHMENT) return first == h.enrichment();
        return first == h.local() && second == h.remote() && protocol == h.ipProtocol();
    }

    /** Keeps the text of {@code row} from {@code start} on, rendered from {@code h}'s part. */
    void keep(CharRow row, int start, EventHeader h) {
        text.keep(row, start);
        kept = true;
        if (part == EventField.Part.ENRICHMENT) {
            first = h.enrichment();
        } else {
            first = h.local();
            second = h.remote();
            protocol = h.ipProtocol();
        }
    }
}
