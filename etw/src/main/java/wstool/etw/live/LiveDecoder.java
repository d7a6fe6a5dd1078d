package wstool.etw.live;

import java.util.UUID;
import java.util.function.Consumer;
import wstool.core.model.NetEvent;

/**
 * Turns copied event records into {@link NetEvent}s. {@link #decode} runs on one thread only (it may keep state);
 * {@link #knows} is also called from the ETW callback thread and must be safe there once {@link #prepare} ran.
 */
public interface LiveDecoder {

    /** Called on the source thread before the callback thread starts (Thread.start publishes what it did). */
    default void prepare() {
    }

    /** Whether the decoder has its own (manifest) schema for the event; if not, the TDH schema is fetched. */
    boolean knows(UUID provider, int eventId, int version);

    /**
     * Decodes one record, handing zero or more events to {@code out}.
     *
     * @param tdh the TDH fallback schema of the event, or null when there is none (or the decoder knows it)
     */
    void decode(LiveEventRecord record, TdhSchema tdh, Consumer<NetEvent> out);
}
