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

    /** Before the first event: the job's sources (what they can emit may make work unneeded). */
    default void sources(java.util.List<EventSource> sources) {}

    /** This stage, then {@code after} on what this one hands on. */
    default EventStage then(EventStage after) {
        EventStage first = this;
        return new EventStage() {
            @Override public void accept(NetEvent e, Consumer<NetEvent> next) {
                first.accept(e, x -> after.accept(x, next));
            }

            @Override public void idle(Instant now, Consumer<NetEvent> next) {
                first.idle(now, x -> after.accept(x, next));
                after.idle(now, next);
            }

            @Override public void finish(Consumer<NetEvent> next) {
                first.finish(x -> after.accept(x, next));
                after.finish(next);
            }

            @Override public void sources(java.util.List<EventSource> sources) {
                first.sources(sources);
                after.sources(sources);
            }
        };
    }

    /** A stage that changes each event on its own (one in, one out). */
    static EventStage map(java.util.function.UnaryOperator<NetEvent> f) {
        return (e, next) -> next.accept(f.apply(e));
    }
}
