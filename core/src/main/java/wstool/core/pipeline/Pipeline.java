package wstool.core.pipeline;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import wstool.core.model.Enrichment;
import wstool.core.model.NetEvent;

/**
 * Moves events from sources to sinks. Sources hand events to one bounded queue (a live source is never blocked;
 * overflow is counted in {@link PipelineStats#dropped()}; a job of file sources only keeps a short queue, since its
 * sources wait for room, so its memory does not grow with the file); the thread that calls {@link #run()} is the single
 * consumer that filters, enriches and fans out to the sinks in order. {@link #requestStop()} (Ctrl-C) ends the job:
 * sources are stopped, every event already queued is delivered, and every sink is flushed and closed. When a source
 * or a sink has failed by then, or the job has reported a failure of its own ({@link #reportFailure}), the sinks are
 * closed with {@link EventSink#closeAfterFailure()}.
 */
public final class Pipeline {
    private static final long IDLE_FLUSH_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int BATCH = 256;
    /**
     * Queue depth when no source is live: a file source waits for room, so a deep queue would only hold memory
     * (65,536 decoded events are ~45 MB, most of a small heap) without making the job faster. Short, because
     * queued events outlive young collections: 4,096 of them overflowed the survivor space of the launcher's heap
     * into the old generation and cost full collections (issue 21: 512 measured ~15% faster end to end than 4,096).
     */
    static final int OFFLINE_QUEUE = 512;
    /**
     * Events of an {@link EventSource#unpaced} source handed over together: one queue hand-off (a lock, and often a
     * wake-up of the consumer) per event cost its reader and the consumer ~0.25 µs each; 128 rather than 64 halves
     * the sleeps and wake-ups left, which on a VM cost tens of µs each (issue 21). {@link #OFFLINE_QUEUE} still
     * bounds the events queued.
     */
    static final int HANDOFF_BATCH = 128;

    private final List<EventSource> sources;
    private final List<EventSink> sinks;
    private final Predicate<NetEvent> filter;
    private final AddressEnricher enricher;
    private final EventStage stage;
    private final boolean anyLive;
    private final String host;
    private final boolean replaceHost;
    private final long maxEvents;
    private final Duration duration;
    /** Events in arrays: one event each, or up to {@link #HANDOFF_BATCH} of an unpaced source in a file-only job. */
    private final BlockingQueue<NetEvent[]> queue;
    private final int handoffBatch;
    private final PipelineStats stats = new PipelineStats();
    private final AtomicInteger sourcesRunning = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile boolean closed;
    /** An output failed (disk full, stdout closed): the job ends at once, without delivering what is queued. */
    private boolean sinkFailed;
    /** Delivered so far; the consumer's own count (the shared stats are for other threads). */
    private long delivered;

    private Pipeline(Builder b) {
        this.sources = List.copyOf(b.sources);
        this.sinks = List.copyOf(b.sinks);
        this.filter = b.filter;
        this.enricher = b.enricher;
        this.stage = b.stage;
        this.anyLive = b.sources.stream().anyMatch(EventSource::live);
        this.host = b.host;
        this.replaceHost = b.replaceHost;
        this.maxEvents = b.maxEvents;
        this.duration = b.duration;
        int capacity = anyLive ? b.queueCapacity : Math.min(b.queueCapacity, OFFLINE_QUEUE);
        this.handoffBatch = !anyLive && sources.stream().anyMatch(EventSource::unpaced)
                ? Math.min(HANDOFF_BATCH, capacity) : 1;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity / handoffBatch));
    }

    public static Builder builder() { return new Builder(); }

    public PipelineStats stats() { return stats; }

    /** How many events the queue holds at most. */
    int queueCapacity() { return (queue.size() + queue.remainingCapacity()) * handoffBatch; }

    public List<EventSource> sources() { return sources; }

    /** Events lost inside the sources (OS-level), summed. */
    public long lostAtSource() {
        long n = 0;
        for (EventSource s : sources) n += s.lostAtSource();
        return n;
    }

    /** Asks the job to end: safe from any thread, including a shutdown hook. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Ends the job as failed, from any thread: for a part of the job outside the pipeline that fails while it runs
     * (the full-screen view). As after a failing source: the sources are stopped, the events already queued are
     * delivered, the sinks are closed with {@link EventSink#closeAfterFailure()} and the summary carries the failure
     * (the first one, when a source or a sink failed before).
     */
    public void reportFailure(Throwable cause) {
        failure.compareAndSet(null, Objects.requireNonNull(cause));
        stopRequested = true;
    }

    /** Waits until {@link #run()} has flushed and closed every sink. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs the job on the calling thread until sources end, the limits are reached or a stop is requested. */
    public PipelineSummary run() {
        long start = System.nanoTime();
        long deadline = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
        stage.sources(sources);
        List<Thread> threads = startSources();
        try {
            consume(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
            sources.forEach(Pipeline::stopQuietly);
            joinAll(threads);
            drainRemaining();
            closeSinks();
            finished.countDown();
        }
        return new PipelineSummary(stats.received(), stats.delivered(), stats.filteredOut(), stats.dropped(),
                lostAtSource(), stats.byKind(), Duration.ofNanos(System.nanoTime() - start), failure.get());
    }

    private List<Thread> startSources() {
        List<Thread> threads = new ArrayList<>();
        sourcesRunning.set(sources.size());
        for (EventSource s : sources) {
            Handoff batch = handoffBatch > 1 && s.unpaced() ? new Handoff(handoffBatch) : null; // a file-only job
            Emitter emitter = s.live() ? new Emitter() {
                @Override public boolean emit(NetEvent e) { return offerLive(e); }
                @Override public boolean hasRoom() { return !closed && queue.remainingCapacity() > 0; }
            } : batch != null ? batch : e -> putOffline(new NetEvent[]{e});
            Thread t = new Thread(() -> {
                try {
                    s.run(emitter);
                } catch (Throwable e) {
                    reportFailure(e);
                } finally {
                    if (batch != null) batch.handOver(); // before the count: the consumer ends when it reaches 0
                    sourcesRunning.decrementAndGet();
                }
            }, "source-" + s.name());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return threads;
    }

    private boolean offerLive(NetEvent e) {
        stats.received.increment();
        if (closed || !queue.offer(new NetEvent[]{e})) {
            stats.dropped.increment();
            return false;
        }
        return true;
    }

    /** Waits for room (a file source loses nothing); false when the job is ending. */
    private boolean putOffline(NetEvent[] events) {
        stats.received.add(events.length);
        try {
            while (!closed) {
                if (queue.offer(events, 50, TimeUnit.MILLISECONDS)) return true;
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void consume(long deadline) throws InterruptedException {
        List<NetEvent[]> batch = new ArrayList<>(BATCH);
        long lastFlush = System.nanoTime();
        boolean dirty = false;
        while (!stopRequested && !limitReached()) {
            NetEvent[] first = queue.poll(50, TimeUnit.MILLISECONDS);
            long now = System.nanoTime();
            if (now >= deadline) {
                if (first != null) deliver(first);
                return;
            }
            if (first == null) {
                if (sourcesRunning.get() == 0 && queue.isEmpty()) return;
                if (anyLive) stage.idle(java.time.Instant.now(), this::fanOut);
                if (dirty && now - lastFlush > IDLE_FLUSH_NANOS) {
                    flushSinks();
                    lastFlush = now;
                    dirty = false;
                }
                continue;
            }
            deliver(first);
            queue.drainTo(batch, Math.max(1, BATCH / handoffBatch));
            for (NetEvent[] events : batch) deliver(events);
            batch.clear();
            dirty = true;
        }
    }

    private boolean limitReached() { return maxEvents > 0 && delivered >= maxEvents; }

    private void drainRemaining() {
        for (NetEvent[] events; !sinkFailed && !limitReached() && (events = queue.poll()) != null; ) deliver(events);
        queue.clear();
        try {
            stage.finish(this::fanOut);
        } catch (RuntimeException ex) {
            failure.compareAndSet(null, ex);
        }
    }

    private void deliver(NetEvent[] events) {
        for (NetEvent e : events) {
            if (limitReached() || sinkFailed) return;
            deliver(e);
        }
    }

    private void deliver(NetEvent e) {
        // with a stage, the filters apply to what it hands on: it must see every event (a DNS answer that --type
        // hides still names a connection, a verdict gets the pid that --pid selects by only there)
        if (stage == EventStage.NONE && !filter.test(e)) {
            stats.filteredOut.increment();
            return;
        }
        if (host != null && (replaceHost || e.header().host() == null)) e = e.withHeader(e.header().withHost(host));
        if (e.header().remote().address() != null && e.header().enrichment().isEmpty()) {
            Enrichment found = enricher.lookup(e.header().remote().address());
            if (!found.isEmpty()) e = e.withEnrichment(found);
        }
        try {
            stage.accept(e, this::fanOut);
        } catch (RuntimeException ex) {
            fail(ex);
        }
    }

    /** After the stage: counted and handed to every sink (past --max-events an event is no longer shown). */
    private void fanOut(NetEvent e) {
        if (limitReached()) return;
        if (stage != EventStage.NONE && !filter.test(e)) {
            stats.filteredOut.increment();
            return;
        }
        delivered++;
        stats.delivered.increment();
        stats.countKind(e.kind());
        for (EventSink sink : sinks) {
            try {
                sink.accept(e);
            } catch (IOException | RuntimeException ex) {
                fail(ex);
            }
        }
    }

    private void flushSinks() {
        for (EventSink sink : sinks) {
            try {
                sink.flush();
            } catch (IOException | RuntimeException ex) {
                fail(ex);
            }
        }
    }

    /** Closes every sink, each as the job ended by then: failed ({@link EventSink#closeAfterFailure()}) or not. */
    private void closeSinks() {
        for (EventSink sink : sinks) {
            try {
                if (failure.get() != null) sink.closeAfterFailure();
                else sink.close();
            } catch (IOException | RuntimeException ex) {
                failure.compareAndSet(null, ex);
            }
        }
    }

    private void fail(Exception ex) {
        sinkFailed = true;
        reportFailure(ex);
    }

    private static void stopQuietly(EventSource s) {
        try {
            s.stop();
        } catch (RuntimeException ignored) {
            // a failing stop must not prevent the sinks from being flushed
        }
    }

    private static void joinAll(List<Thread> threads) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The emitter of an unpaced source: collects its events and hands them over {@link #HANDOFF_BATCH} at a time,
     * and the rest when the source's {@code run} returns. Used by the source's thread only.
     */
    private final class Handoff implements Emitter {
        private NetEvent[] events;
        private int size;

        Handoff(int batch) { events = new NetEvent[batch]; }

        @Override
        public boolean emit(NetEvent e) {
            if (closed) {
                stats.received.increment();
                return false;
            }
            events[size++] = e;
            return size < events.length || handOver();
        }

        boolean handOver() {
            if (size == 0) return true;
            NetEvent[] full = size == events.length ? events : Arrays.copyOf(events, size);
            events = new NetEvent[events.length];
            size = 0;
            return putOffline(full);
        }
    }

    /** Configures a {@link Pipeline}. */
    public static final class Builder {
        private final List<EventSource> sources = new ArrayList<>();
        private final List<EventSink> sinks = new ArrayList<>();
        private Predicate<NetEvent> filter = e -> true;
        private AddressEnricher enricher = AddressEnricher.NONE;
        private EventStage stage = EventStage.NONE;
        private int queueCapacity = 65_536;
        private long maxEvents;
        private Duration duration;
        private String host;
        private boolean replaceHost;

        public Builder source(EventSource s) { sources.add(Objects.requireNonNull(s)); return this; }
        public Builder sink(EventSink s) { sinks.add(Objects.requireNonNull(s)); return this; }
        public Builder filter(Predicate<NetEvent> f) { filter = Objects.requireNonNull(f); return this; }
        public Builder enricher(AddressEnricher e) { enricher = Objects.requireNonNull(e); return this; }
        /** What runs between enrichment and the sinks (correlation); none by default. */
        public Builder stage(EventStage s) { stage = Objects.requireNonNull(s); return this; }
        public Builder queueCapacity(int n) {
            if (n < 1) throw new IllegalArgumentException("queue capacity must be positive");
            queueCapacity = n;
            return this;
        }
        /** 0 = no limit. */
        public Builder maxEvents(long n) { maxEvents = n; return this; }
        /** null = until the sources end or a stop is requested. */
        public Builder duration(Duration d) { duration = d; return this; }
        /**
         * The machine the events happened on: given to events that do not name one (live sources), or to every event
         * when {@code replace} (an explicit --host-name). null = leave each event's own (imports, replays).
         */
        public Builder host(String name, boolean replace) {
            host = name == null || name.isEmpty() ? null : name;
            replaceHost = replace;
            return this;
        }
        public Pipeline build() { return new Pipeline(this); }
    }
}
