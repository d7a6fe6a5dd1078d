package wstool.core.pipeline;

import java.time.Instant;
import java.util.function.Consumer;
import wstool.core.model.NetEvent;

/**
 * A step between enrichment and the sinks that may change, hold back or add events (the correlation of a firewall
 * verdict with its socket event needs the socket events of the next seconds). It runs on the pipeline's consumer
 * thread; {@code next} hands an event on to the sinks.
 */
public interface EventStage {
    EventStage NONE = (e, next) -> next.accept(e);

    void accept(NetEvent event, Consumer<NetEvent> next);

    /**
     * The queue has been idle; {@code now} is the wall clock. Only called when a source is live (the events' times
     * are then this clock's), so a stage may release what it holds back for longer than its window.
     */
    default void idle(Instant now, Consumer<NetEvent> next) {}

    /** The sources have ended: release everything held back. */
    default void finish(Consumer<NetEvent> next) {}
}
