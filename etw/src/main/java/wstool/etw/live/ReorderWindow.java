package wstool.etw.live;

import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Puts real-time records back into timestamp order within a short window. Real-time delivery is buffer by buffer
 * ("events are delivered when the buffers are flushed", logging mode constants); with per-CPU buffers events of
 * different CPUs arrive out of order. The session asks for EVENT_TRACE_NO_PER_PROCESSOR_BUFFERING (one shared
 * buffer, "simulates a single sequential processor" - krabsetw's UserTrace.hpp) and this window is the safety net
 * for whatever order that does not guarantee, as the offline reader orders across CPU buffers. A record is held
 * until the newest timestamp seen is {@code window} past it, until nothing has arrived for {@code window} of wall
 * time, or until more than {@code maxRecords} are held. A record older than one already passed on cannot be put
 * back in order: it is passed on at once and counted ({@link #late()}).
 *
 * <p>Used from one thread (the source thread).
 */
final class ReorderWindow {

    private record Held(LiveEventRecord record, long seq) {
    }

    private final long windowTicks;
    private final long windowNanos;
    private final int maxRecords;
    private final PriorityQueue<Held> held = new PriorityQueue<>((a, b) -> {
        int c = Long.compare(a.record.timestamp(), b.record.timestamp());
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private long seq;
    private long newest = Long.MIN_VALUE;
    private long lastReleased = Long.MIN_VALUE;
    private long lastArrivalNanos;
    private long late;

    /** @param windowMillis how far apart (event time, and wall time when idle) records may arrive swapped */
    ReorderWindow(long windowMillis, int maxRecords) {
        if (windowMillis < 0 || maxRecords < 1) {
            throw new IllegalArgumentException("reorder window " + windowMillis + " ms, " + maxRecords + " records");
        }
        this.windowTicks = windowMillis * 10_000L; // FILETIME: 100 ns ticks
        this.windowNanos = windowMillis * 1_000_000L;
        this.maxRecords = maxRecords;
    }

    /** Takes a record that arrived at {@code nowNanos} and passes on what is due. */
    void add(LiveEventRecord r, long nowNanos, Consumer<LiveEventRecord> out) {
        lastArrivalNanos = nowNanos;
        if (r.timestamp() < lastReleased) {
            late++;
            out.accept(r);
            return;
        }
        held.add(new Held(r, seq++));
        newest = Math.max(newest, r.timestamp());
        release(nowNanos, out);
    }

    /** Passes on what is due at {@code nowNanos} (call it also when nothing arrived). */
    void release(long nowNanos, Consumer<LiveEventRecord> out) {
        boolean idle = nowNanos - lastArrivalNanos >= windowNanos;
        while (!held.isEmpty()) {
            Held h = held.peek();
            if (!idle && held.size() <= maxRecords && h.record.timestamp() > newest - windowTicks) {
                break;
            }
            pass(held.poll(), out);
        }
    }

    /** Passes on everything held, in order (at the end of the trace). */
    void flush(Consumer<LiveEventRecord> out) {
        while (!held.isEmpty()) {
            pass(held.poll(), out);
        }
    }

    private void pass(Held h, Consumer<LiveEventRecord> out) {
        lastReleased = Math.max(lastReleased, h.record.timestamp());
        out.accept(h.record);
    }

    /** Records that arrived after a later-stamped one had been passed on, so went out of order. */
    long late() {
        return late;
    }

    int size() {
        return held.size();
    }
}
