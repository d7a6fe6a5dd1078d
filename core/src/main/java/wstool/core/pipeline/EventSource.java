package wstool.core.pipeline;

/**
 * Produces events. The pipeline calls {@link #run} on a thread of its own; a live source's native callbacks may
 * emit from any thread.
 */
public interface EventSource {
    /** Short name for summaries and the TUI header ("WFP", "ETW trace", "replay of x.jsonl"). */
    String name();

    /**
     * Live sources (kernel, ETW, WFP) must never be blocked: their events are dropped and counted when the queue is
     * full. Offline sources (files, replay) are throttled instead, so nothing in a file is lost.
     */
    boolean live();

    /**
     * Delivers events until the source is exhausted or {@link #stop()} is called; returns then. A live source starts
     * its session here and blocks until stopped. Exceptions end the job with a clear error; events already emitted
     * are still delivered and flushed.
     */
    void run(Emitter emitter) throws Exception;

    /**
     * Whether the source emits as fast as it reads a local file, never waiting between events (an .etl capture): a
     * job of offline sources then takes its events in batches, and an event emitted is seen only with the ones
     * after it or when {@link #run} returns. False for anything that may pause (a pipe, a paced replay, a live
     * session), whose events must show as soon as they are emitted.
     */
    default boolean unpaced() { return false; }

    /** Asks {@link #run} to return soon. Idempotent; may be called from any thread, also before run. */
    void stop();

    /** Events the source itself reports as lost (ETW EventsLost, NFLOG ENOBUFS, ...). */
    default long lostAtSource() { return 0; }

    /**
     * Whether the source can emit firewall verdicts ({@code FirewallEvent}s). Without any such source in a job the
     * correlation need not keep socket events for verdicts that will never come.
     */
    default boolean mayEmitVerdicts() { return true; }
}
