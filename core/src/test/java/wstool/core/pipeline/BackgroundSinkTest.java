package wstool.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wstool.core.Events;
import wstool.core.model.NetEvent;

@Timeout(60)
class BackgroundSinkTest {
    /** Records what it was given and by which thread, and fails if two threads ever use it at once. */
    static final class RecordingSink implements EventSink {
        final List<NetEvent> events = Collections.synchronizedList(new ArrayList<>());
        final List<String> flushedBy = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean busy = new AtomicBoolean();
        final AtomicInteger overlaps = new AtomicInteger();
        volatile String acceptedBy;
        volatile int closes;
        volatile int failAt = -1;
        private int calls;
        volatile CountDownLatch gate;

        private void enter() { if (!busy.compareAndSet(false, true)) overlaps.incrementAndGet(); }

        private void leave() { busy.set(false); }

        @Override public void accept(NetEvent e) throws IOException {
            enter();
            try {
                if (gate != null) gate.await(30, TimeUnit.SECONDS);
                if (calls++ == failAt) throw new IOException("disk full at event " + failAt);
                acceptedBy = Thread.currentThread().getName();
                events.add(e);
            } catch (InterruptedException ie) {
                throw new IOException(ie);
            } finally {
                leave();
            }
        }

        @Override public void flush() {
            enter();
            flushedBy.add(Thread.currentThread().getName() + ":" + events.size());
            leave();
        }

        @Override public void close() { closes++; }
    }

    private static List<NetEvent> events(int n) {
        List<NetEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Events.connect(i, "a.exe", "8.8.8.8", 1 + i % 60000));
        return out;
    }

    @Test
    void everyEventInOrderOnItsOwnThreadAndFlushWaitsForThem() throws IOException {
        RecordingSink sink = new RecordingSink();
        List<NetEvent> in = events(10_007); // not a multiple of the batch: the last one is partial
        BackgroundSink bg = new BackgroundSink(sink, "output test");
        for (NetEvent e : in.subList(0, 5_000)) bg.accept(e);
        bg.flush();
        String me = Thread.currentThread().getName();
        assertEquals(List.of(me + ":5000"), sink.flushedBy, "flush ran on the caller after all 5,000 were written");
        for (NetEvent e : in.subList(5_000, in.size())) bg.accept(e);
        bg.close();
        bg.close(); // a second close does nothing
        assertEquals(in, sink.events);
        assertEquals("output test", sink.acceptedBy);
        assertEquals(1, sink.closes);
        assertEquals(0, sink.overlaps.get(), "the sink was never used by two threads at once");
    }

    @Test
    void aFailureIsThrownByTheNextCallsAndTheSinkIsStillClosed() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.failAt = 300; // in the second batch
        sink.gate = new CountDownLatch(1); // the writer waits in its first event until three batches are queued
        BackgroundSink bg = new BackgroundSink(sink, "output test");
        for (NetEvent e : events(3 * BackgroundSink.BATCH + 232)) bg.accept(e);
        sink.gate.countDown();
        IOException flushed = assertThrows(IOException.class, bg::flush);
        assertEquals("disk full at event 300", flushed.getMessage());
        IOException next = assertThrows(IOException.class, () -> bg.accept(events(1).get(0)));
        assertSame(flushed, next);
        IOException closed = assertThrows(IOException.class, bg::close);
        assertSame(flushed, closed);
        assertEquals(300, sink.events.size(), "nothing after the failed event was written");
        assertEquals(1, sink.closes);
        assertTrue(sink.flushedBy.isEmpty(), "a failed sink is not flushed");
    }

    /** A stuck output stops the caller after a bounded number of events instead of queueing the whole input. */
    @Test
    void aSlowSinkHoldsTheCallerBackAfterAFewBatches() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.gate = new CountDownLatch(1);
        BackgroundSink bg = new BackgroundSink(sink, "output test");
        AtomicInteger handed = new AtomicInteger();
        List<NetEvent> in = events(20 * BackgroundSink.BATCH);
        Thread caller = new Thread(() -> {
            try {
                for (NetEvent e : in) {
                    bg.accept(e);
                    handed.incrementAndGet();
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        caller.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        // unbounded, the caller would hand over all 20 batches and end; bounded, it waits with at most one batch
        // being written, BATCHES queued and one being filled (its last event not yet handed over)
        int bound = (BackgroundSink.BATCHES + 2) * BackgroundSink.BATCH;
        while (!(caller.getState() == Thread.State.WAITING && handed.get() >= bound - BackgroundSink.BATCH)
                && caller.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(Thread.State.WAITING, caller.getState(), "the caller waits for room (" + handed.get() + " handed over)");
        assertTrue(handed.get() <= bound, handed.get() + " events handed over before the caller waited, more than " + bound);
        sink.gate.countDown();
        caller.join(30_000);
        bg.close();
        assertEquals(in, sink.events);
    }
}
