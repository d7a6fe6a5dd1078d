package wstool.core.pipeline;

import wstool.core.model.NetEvent;

/** Where a source hands its events. Never blocks a live source. */
@FunctionalInterface
public interface Emitter {
    /** @return false when the event was dropped (queue full, live source) or the pipeline is stopping */
    boolean emit(NetEvent event);
}
