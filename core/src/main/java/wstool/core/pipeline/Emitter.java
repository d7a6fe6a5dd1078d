package wstool.core.pipeline;

import wstool.core.model.NetEvent;

/** Where a source hands its events. Never blocks a live source. */
@FunctionalInterface
public interface Emitter {
    /** @return false when the event was dropped (queue full, live source) or the pipeline is stopping */
    boolean emit(NetEvent event);

    /**
     * Whether {@link #emit} would accept an event now. A live source whose kernel keeps a buffer of its own (NFLOG's
     * socket buffer, with exact loss accounting there) may wait while this is false instead of reading more, so a
     * burst waits in the kernel rather than being dropped here. Always true unless the pipeline says otherwise.
     */
    default boolean hasRoom() { return true; }
}
