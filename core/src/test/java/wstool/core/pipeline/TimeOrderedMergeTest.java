package wstool.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import wstool.core.model.EventHeader;
import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;
import wstool.core.model.Source;

class TimeOrderedMergeTest {
    private static NetEvent at(long ms, String tag) {
        return new RawEvent(new EventHeader(Instant.EPOCH.plusMillis(ms), Source.SYNTHETIC, -1, null, null, -1, null, null,
                null, null), tag, 0, 0, "");
    }

    private static EventSource offline(String name, List<NetEvent> events, Exception failure) {
        return new EventSource() {
            @Override public String name() { return name; }
            @Override public boolean live() { return false; }
            @Override public void run(Emitter emitter) throws Exception {
                for (NetEvent e : events) emitter.emit(e);
                if (failure != null) throw failure;
            }
            @Override public void stop() { }
        };
    }

    @Test
    void emitsTheEarliestHeadFirstKeepingEachSourcesOrderAndTiesToTheFirstSource() throws Exception {
        List<NetEvent> a = new ArrayList<>();
        List<NetEvent> b = new ArrayList<>();
        for (int i = 0; i < 3000; i++) a.add(at(i * 2L, "a"));      // more than the per-source buffer
        for (int i = 0; i < 3000; i++) b.add(at(i * 3L, "b"));
        List<NetEvent> out = new ArrayList<>();
        new TimeOrderedMerge(List.of(offline("a", a, null), offline("b", b, null))).run(e -> out.add(e));
        assertEquals(6000, out.size());
        for (int i = 1; i < out.size(); i++) {
            Instant prev = out.get(i - 1).header().timestamp();
            Instant cur = out.get(i).header().timestamp();
            assertEquals(true, !cur.isBefore(prev), "out of order at " + i);
            if (cur.equals(prev)) assertEquals("b", ((RawEvent) out.get(i)).provider(), "a tie goes to the first source");
        }
    }

    @Test
    void aFailingSourceEndsTheMergeWithItsError() {
        Exception boom = new java.io.IOException("b.xml: truncated");
        TimeOrderedMerge m = new TimeOrderedMerge(List.of(offline("a", List.of(at(1, "a")), null),
                offline("b", List.of(at(0, "b")), boom)));
        assertEquals(boom, assertThrows(java.io.IOException.class, () -> m.run(e -> true)));
    }

    @Test
    void liveSourcesAreNotMerged() {
        EventSource live = new EventSource() {
            @Override public String name() { return "live"; }
            @Override public boolean live() { return true; }
            @Override public void run(Emitter emitter) { }
            @Override public void stop() { }
        };
        assertThrows(IllegalArgumentException.class, () -> new TimeOrderedMerge(List.of(live)));
    }
}
