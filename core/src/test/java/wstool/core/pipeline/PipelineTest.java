package wstool.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wstool.core.Events;
import wstool.core.model.AutonomousSystem;
import wstool.core.model.GeoLocation;
import wstool.core.model.Enrichment;
import wstool.core.model.NetEvent;

@Timeout(60)
class PipelineTest {
    /** A sink that keeps events and can be made slow. */
    static final class CollectingSink implements EventSink {
        final List<NetEvent> events = new ArrayList<>();
        final long delayNanos;
        boolean flushed;
        boolean closed;

        CollectingSink(long delayNanos) { this.delayNanos = delayNanos; }

        @Override public void accept(NetEvent e) {
            if (delayNanos > 0) {
                long until = System.nanoTime() + delayNanos;
                while (System.nanoTime() < until) Thread.onSpinWait();
            }
            events.add(e);
        }
        @Override public void flush() { flushed = true; }
        @Override public void close() { flushed = true; closed = true; }
    }

    /** Emits a fixed number of events as fast as it can; records how long the emitting took. */
    static final class FloodSource implements EventSource {
        final int count;
        final boolean live;
        final AtomicLong accepted = new AtomicLong();
        volatile Pipeline pipeline;
        volatile long deliveredWhenDone = -1;

        FloodSource(int count, boolean live) {
            this.count = count;
            this.live = live;
        }

        @Override public String name() { return "flood"; }
        @Override public boolean live() { return live; }
        @Override public void stop() { }
        @Override public void run(Emitter emitter) {
            NetEvent e = Events.connect(1, "a.exe", "8.8.8.8", 443);
            for (int i = 0; i < count; i++) if (emitter.emit(e)) accepted.incrementAndGet();
            if (pipeline != null) deliveredWhenDone = pipeline.stats().delivered();
        }
    }

    @Test
    void liveSourceFloodingSlowSinkIsNeverBlockedAndOverflowIsCounted() {
        FloodSource source = new FloodSource(200_000, true);
        CollectingSink slow = new CollectingSink(TimeUnit.MICROSECONDS.toNanos(20));
        Pipeline p = Pipeline.builder().source(source).sink(slow).queueCapacity(64).build();
        source.pipeline = p;
        PipelineSummary s = p.run();

        assertEquals(200_000, s.received());
        assertTrue(s.dropped() > 0, "overflow must be counted");
        assertEquals(s.received(), s.delivered() + s.dropped(), "every event is either delivered or counted as dropped");
        assertEquals(source.accepted.get(), s.delivered(), "everything accepted into the queue reaches the sink");
        assertEquals(s.delivered(), slow.events.size());
        // A source that waited for the sink could only finish after the sink had taken all but a queue's worth.
        assertTrue(source.deliveredWhenDone >= 0 && source.deliveredWhenDone < 200_000 - 64 - 1000,
                "source finished only after the sink caught up: delivered " + source.deliveredWhenDone);
        assertTrue(slow.closed);
    }

    @Test
    void liveSourceThatWaitsForRoomLosesNothing() {
        EventSource paced = new EventSource() {
            @Override public String name() { return "paced"; }
            @Override public boolean live() { return true; }
            @Override public void stop() { }
            @Override public void run(Emitter emitter) throws InterruptedException {
                NetEvent e = Events.connect(1, "a.exe", "8.8.8.8", 443);
                boolean sawFull = false;
                for (int i = 0; i < 5_000; i++) {
                    while (!emitter.hasRoom()) {
                        sawFull = true;
                        Thread.sleep(0, 100_000);
                    }
                    emitter.emit(e);
                }
                if (!sawFull) throw new IllegalStateException("the queue never filled: the test proves nothing");
            }
        };
        CollectingSink slow = new CollectingSink(TimeUnit.MICROSECONDS.toNanos(20));
        PipelineSummary s = Pipeline.builder().source(paced).sink(slow).queueCapacity(16).build().run();
        assertEquals(null, s.failure());
        assertEquals(0, s.dropped());
        assertEquals(5_000, slow.events.size());
    }

    @Test
    void offlineSourceIsThrottledNotDropped() {
        FloodSource source = new FloodSource(20_000, false);
        CollectingSink slow = new CollectingSink(TimeUnit.MICROSECONDS.toNanos(5));
        PipelineSummary s = Pipeline.builder().source(source).sink(slow).queueCapacity(16).build().run();
        assertEquals(0, s.dropped());
        assertEquals(20_000, slow.events.size());
    }

    /** Two events, one naming its machine (a recording of another host), one not. */
    private static List<NetEvent> hostsDelivered(String host, boolean replace) {
        NetEvent named = Events.connect(1, "a.exe", "8.8.8.8", 443);
        named = named.withHeader(named.header().withHost("RECORDED"));
        NetEvent unnamed = Events.connect(2, "b.exe", "8.8.4.4", 443);
        List<NetEvent> in = List.of(named, unnamed);
        EventSource two = new EventSource() {
            @Override public String name() { return "two"; }
            @Override public boolean live() { return false; }
            @Override public void stop() { }
            @Override public void run(Emitter emitter) { for (NetEvent e : in) emitter.emit(e); }
        };
        CollectingSink sink = new CollectingSink(0);
        Pipeline.builder().source(two).sink(sink).host(host, replace).build().run();
        return sink.events;
    }

    @Test
    void hostFillsEventsThatNameNoneAndReplacesAllOnlyWhenAskedTo() {
        List<NetEvent> filled = hostsDelivered("HERE", false);
        assertEquals("RECORDED", filled.get(0).header().host());
        assertEquals("HERE", filled.get(1).header().host());
        List<NetEvent> replaced = hostsDelivered("OVERRIDE", true);
        assertEquals("OVERRIDE", replaced.get(0).header().host());
        assertEquals("OVERRIDE", replaced.get(1).header().host());
        List<NetEvent> kept = hostsDelivered(null, false);
        assertEquals("RECORDED", kept.get(0).header().host());
        assertNull(kept.get(1).header().host());
    }

    @Test
    void maxEventsStopsTheJobAndSinksAreClosed() {
        CollectingSink sink = new CollectingSink(0);
        PipelineSummary s = Pipeline.builder().source(new FloodSource(50_000, false)).sink(sink).maxEvents(1000).build().run();
        assertEquals(1000, s.delivered());
        assertEquals(1000, sink.events.size());
        assertTrue(sink.closed);
    }

    @Test
    void requestStopDeliversWhatWasQueuedThenFlushesAndCloses() throws Exception {
        CountDownLatch emitted = new CountDownLatch(1);
        EventSource endless = new EventSource() {
            volatile boolean stopped;
            @Override public String name() { return "endless"; }
            @Override public boolean live() { return true; }
            @Override public void stop() { stopped = true; }
            @Override public void run(Emitter emitter) throws InterruptedException {
                for (int i = 0; i < 100; i++) emitter.emit(Events.drop("1.2.3.4", 1000 + i, 22));
                emitted.countDown();
                while (!stopped) Thread.sleep(5);
            }
        };
        CollectingSink sink = new CollectingSink(0);
        Pipeline p = Pipeline.builder().source(endless).sink(sink).build();
        Thread stopper = new Thread(() -> {
            try {
                emitted.await();
            } catch (InterruptedException ignored) {
                return;
            }
            p.requestStop();
        });
        stopper.start();
        PipelineSummary s = p.run();
        assertTrue(p.awaitFinished(Duration.ofSeconds(1)));
        assertEquals(100, s.received());
        assertEquals(100, sink.events.size(), "events already accepted are not lost on stop");
        assertTrue(sink.closed);
    }

    /**
     * A failure the job reports from outside the pipeline (its full-screen view failed) ends the job as a failing
     * source does: what was queued is delivered, every sink is closed with closeAfterFailure() (an export with no
     * row then keeps the file it would have replaced), the summary carries the failure.
     */
    @Test
    void aFailureTheJobReportsClosesTheSinksAsAfterAFailingSource() throws Exception {
        CountDownLatch emitted = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        EventSource endless = new EventSource() {
            @Override public String name() { return "endless"; }
            @Override public boolean live() { return true; }
            @Override public void stop() { stopped.countDown(); }
            @Override public void run(Emitter emitter) throws InterruptedException {
                for (int i = 0; i < 100; i++) emitter.emit(Events.drop("1.2.3.4", 1000 + i, 22));
                emitted.countDown();
                stopped.await(30, TimeUnit.SECONDS);
            }
        };
        List<String> closed = new ArrayList<>();
        AtomicLong accepted = new AtomicLong();
        EventSink sink = new EventSink() {
            @Override public void accept(NetEvent e) { accepted.incrementAndGet(); }
            @Override public void flush() { }
            @Override public void close() { closed.add("close"); }
            @Override public void closeAfterFailure() { closed.add("closeAfterFailure"); }
        };
        Pipeline p = Pipeline.builder().source(endless).sink(sink).build();
        IOException viewFailed = new IOException("the full-screen view failed: the terminal is gone");
        Thread reporter = new Thread(() -> {
            try {
                if (emitted.await(30, TimeUnit.SECONDS)) p.reportFailure(viewFailed);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        reporter.start();
        PipelineSummary s = p.run();
        reporter.join(TimeUnit.SECONDS.toMillis(10));
        assertSame(viewFailed, s.failure());
        assertEquals(100, accepted.get(), "the events already queued are delivered");
        assertEquals(List.of("closeAfterFailure"), closed);
    }

    @Test
    void enrichmentIsAppliedToRemoteAddressesAndFiltersRunFirst() {
        CollectingSink sink = new CollectingSink(0);
        List<String> looked = new ArrayList<>();
        AddressEnricher enricher = a -> {
            looked.add(a.getHostAddress());
            return new Enrichment(new GeoLocation("US", null, null, null, null, null), new AutonomousSystem(15169L, "GOOGLE"), null, null, null);
        };
        EventSource two = new EventSource() {
            @Override public String name() { return "two"; }
            @Override public boolean live() { return false; }
            @Override public void stop() { }
            @Override public void run(Emitter emitter) {
                emitter.emit(Events.connect(1, "a.exe", "8.8.8.8", 53));
                emitter.emit(Events.connect(2, "b.exe", "9.9.9.9", 53));
            }
        };
        PipelineSummary s = Pipeline.builder().source(two).sink(sink).enricher(enricher)
                .filter(e -> e.header().pid() == 1).build().run();
        assertEquals(1, s.filteredOut());
        assertEquals(List.of("8.8.8.8"), looked);
        assertEquals(15169L, sink.events.get(0).header().enrichment().asn());
    }

    @Test
    void aFailingSourceEndsTheJobWithItsErrorAfterDeliveringEarlierEvents() {
        EventSource broken = new EventSource() {
            @Override public String name() { return "broken"; }
            @Override public boolean live() { return false; }
            @Override public void stop() { }
            @Override public void run(Emitter emitter) throws IOException {
                emitter.emit(Events.dns(1, "a.example"));
                throw new IOException("corrupt record at offset 4096");
            }
        };
        CollectingSink sink = new CollectingSink(0);
        PipelineSummary s = Pipeline.builder().source(broken).sink(sink).build().run();
        assertTrue(s.failed());
        assertInstanceOf(IOException.class, s.failure());
        assertEquals(1, sink.events.size());
        assertTrue(sink.closed);
    }

    @Test
    void aFailingSinkStopsTheJobButOtherSinksAreStillClosed() {
        EventSink failing = new EventSink() {
            @Override public void accept(NetEvent e) throws IOException { throw new IOException("disk full"); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        CollectingSink other = new CollectingSink(0);
        PipelineSummary s = Pipeline.builder().source(new FloodSource(10, false)).sink(failing).sink(other).build().run();
        assertEquals("disk full", s.failure().getMessage());
        assertTrue(other.closed);
        assertFalse(other.events.isEmpty());
    }

    /** A file job's memory must not grow with the file: its queue is short, a live job's is as configured. */
    @Test
    void fileSourcesGetAShortQueueLiveSourcesTheConfiguredOne() {
        assertEquals(Pipeline.OFFLINE_QUEUE, Pipeline.builder().source(new FloodSource(1, false)).build().queueCapacity());
        assertEquals(65_536, Pipeline.builder().source(new FloodSource(1, true)).build().queueCapacity());
        assertEquals(65_536, Pipeline.builder().source(new FloodSource(1, false)).source(new FloodSource(1, true)).build()
                .queueCapacity());
        assertEquals(64, Pipeline.builder().source(new FloodSource(1, false)).queueCapacity(64).build().queueCapacity());
    }

    /** Emits pids 0..count-1 as fast as it can, then optionally fails: a file read without pause. */
    private static EventSource unpaced(int count, IOException failAtEnd) {
        return new EventSource() {
            @Override public String name() { return "file"; }
            @Override public boolean live() { return false; }
            @Override public boolean unpaced() { return true; }
            @Override public void stop() { }
            @Override public void run(Emitter emitter) throws IOException {
                for (int i = 0; i < count; i++) if (!emitter.emit(Events.connect(i, "a.exe", "8.8.8.8", 443))) return;
                if (failAtEnd != null) throw failAtEnd;
            }
        };
    }

    private static List<Long> pids(List<NetEvent> events) { return events.stream().map(e -> e.header().pid()).toList(); }

    private static List<Long> upTo(int n) { return java.util.stream.LongStream.range(0, n).boxed().toList(); }

    /** 1,000 is no multiple of the hand-off batch: the last 40 arrive only because the source's end hands them over. */
    @Test
    void anUnpacedSourceIsHandedOverInBatchesInOrderAndTheRestWhenItEnds() {
        CollectingSink sink = new CollectingSink(0);
        PipelineSummary s = Pipeline.builder().source(unpaced(1_000, null)).sink(sink).build().run();
        assertEquals(upTo(1_000), pids(sink.events));
        assertEquals(1_000, s.received());
        assertEquals(1_000, s.delivered());
    }

    @Test
    void aFailingUnpacedSourceStillDeliversWhatItEmittedBefore() {
        CollectingSink sink = new CollectingSink(0);
        PipelineSummary s = Pipeline.builder().source(unpaced(3, new IOException("corrupt buffer"))).sink(sink).build().run();
        assertEquals("corrupt buffer", s.failure().getMessage());
        assertEquals(upTo(3), pids(sink.events));
        assertTrue(sink.closed);
    }

    @Test
    void maxEventsCutsAHandedOverBatch() {
        CollectingSink sink = new CollectingSink(0);
        Pipeline.builder().source(unpaced(1_000, null)).sink(sink).maxEvents(100).build().run();
        assertEquals(upTo(100), pids(sink.events));
    }

    /** Batches do not deepen the queue: a file job still holds at most OFFLINE_QUEUE events; a live job takes none. */
    @Test
    void batchesKeepTheQueueBounds() {
        assertEquals(Pipeline.OFFLINE_QUEUE, Pipeline.builder().source(unpaced(1, null)).build().queueCapacity());
        assertEquals(65_536, Pipeline.builder().source(unpaced(1, null)).source(new FloodSource(1, true)).build()
                .queueCapacity());
        assertEquals(16, Pipeline.builder().source(unpaced(1, null)).queueCapacity(16).build().queueCapacity());
    }
}
