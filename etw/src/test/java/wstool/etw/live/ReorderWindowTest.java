package wstool.etw.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReorderWindowTest {

    private static final long MS = 10_000L; // FILETIME ticks per millisecond
    private static final long T0 = 133_000_000_000_000_000L;
    private final List<Long> out = new ArrayList<>();

    private static LiveEventRecord at(long ticks) {
        return new LiveEventRecord(UUID.randomUUID(), 1, 0, 0, 4, 0, 0, 0, 0, 0, 1, 1, ticks, new byte[0], List.of());
    }

    private void add(ReorderWindow w, long ticks, long nowNanos) {
        w.add(at(ticks), nowNanos, r -> out.add(r.timestamp()));
    }

    @Test
    void heldUntilTheNewestIsAWindowPastThem() {
        ReorderWindow w = new ReorderWindow(100, 1000);
        add(w, T0 + 50 * MS, 0);
        add(w, T0 + 10 * MS, 0);
        add(w, T0 + 100 * MS, 0);
        assertEquals(List.of(), out, "nothing is 100 ms older than the newest yet");
        add(w, T0 + 155 * MS, 0);
        assertEquals(List.of(T0 + 10 * MS, T0 + 50 * MS), out);
        w.flush(r -> out.add(r.timestamp()));
        assertEquals(List.of(T0 + 10 * MS, T0 + 50 * MS, T0 + 100 * MS, T0 + 155 * MS), out);
        assertEquals(0, w.late());
    }

    @Test
    void idleForAWindowReleasesEverything() {
        ReorderWindow w = new ReorderWindow(100, 1000);
        add(w, T0 + 2, 1_000_000L);
        add(w, T0 + 1, 1_000_000L);
        w.release(50_000_000L, r -> out.add(r.timestamp()));
        assertEquals(List.of(), out);
        w.release(101_000_000L, r -> out.add(r.timestamp()));
        assertEquals(List.of(T0 + 1, T0 + 2), out);
    }

    @Test
    void sizeBoundReleasesTheOldestAndLateOnesAreCounted() {
        ReorderWindow w = new ReorderWindow(1000, 2);
        add(w, T0 + 30, 0);
        add(w, T0 + 20, 0);
        add(w, T0 + 40, 0); // three held: the oldest goes
        assertEquals(List.of(T0 + 20), out);
        add(w, T0 + 10, 0); // older than one already passed on: cannot be put back
        assertEquals(List.of(T0 + 20, T0 + 10), out);
        assertEquals(1, w.late());
        assertEquals(2, w.size());
    }

    @Test
    void nonsenseBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ReorderWindow(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> new ReorderWindow(10, 0));
    }
}
