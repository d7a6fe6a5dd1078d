package wstool.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import wstool.core.model.Enrichment;
import wstool.core.model.NetEvent;

class TuiModelTest {
    static TuiModel withEvents(int capacity, int n) {
        TuiModel m = new TuiModel(new EventRing(capacity), new Aggregates());
        add(m, 0, n);
        return m;
    }

    static void add(TuiModel m, int from, int n) {
        for (int i = from; i < from + n; i++) {
            NetEvent e = i % 2 == 0 ? Events.drop(i, Events.CN) : Events.connect(i, Events.DE);
            m.ring().add(e);
            m.aggregates().add(e);
        }
        m.refresh();
    }

    static long pid(NetEvent e) { return e.header().pid() - 4000; }

    @Test
    void ringKeepsTheLastNAndForgetsOlder() {
        EventRing r = new EventRing(3);
        for (int i = 0; i < 5; i++) r.add(Events.dns(i));
        assertEquals(5, r.written());
        assertEquals(2, r.oldest());
        assertNull(r.get(1), "overwritten");
        assertEquals(Events.T0.plusMillis(2), r.get(2).header().timestamp());
        assertEquals(Events.T0.plusMillis(4), r.get(4).header().timestamp());
        assertNull(r.get(5), "not written yet");
    }

    @Test
    void followShowsTheNewestAndScrollingStopsFollowing() {
        TuiModel m = withEvents(1000, 50);
        List<NetEvent> rows = m.visibleRows(10);
        assertEquals(10, rows.size());
        assertEquals(49, pid(rows.get(9)));
        assertEquals(9, m.selectedRow());
        m.move(-15);
        assertFalse(m.following());
        rows = m.visibleRows(10);
        assertEquals(34, pid(m.selectedEvent()));
        assertTrue(rows.contains(m.selectedEvent()), "the selection is kept on screen");
        add(m, 50, 20);
        assertEquals(34, pid(m.selectedEvent()), "new events do not move a scrolled view");
        m.home();
        assertEquals(0, pid(m.visibleRows(10).get(0)));
        m.end();
        assertTrue(m.following());
        assertEquals(69, pid(m.selectedEvent()));
        m.move(-1);
        m.move(+1);
        assertTrue(m.following(), "moving down onto the newest follows again");
    }

    @Test
    void pauseFreezesTheViewWhileEventsKeepArriving() {
        TuiModel m = withEvents(1000, 10);
        m.togglePause();
        add(m, 10, 5);
        assertEquals(10, m.size(), "paused: new events are buffered, not shown");
        assertEquals(15, m.ring().written());
        assertEquals(15, m.aggregates().processes().top(1000).stream().mapToLong(Counter.Entry::count).sum(), "and counted");
        m.togglePause();
        m.refresh();
        assertEquals(15, m.size());
        assertTrue(m.following(), "a view that followed before the pause follows again");
        assertEquals(14, pid(m.selectedEvent()));
    }

    @Test
    void filterAndClear() {
        TuiModel m = withEvents(1000, 10);
        m.setFilter(ViewFilter.parse("drop"));
        assertEquals(5, m.size());
        add(m, 10, 4);
        assertEquals(7, m.size(), "new events are filtered too");
        m.clearFilter();
        assertEquals(14, m.size());
        m.clear();
        assertEquals(0, m.size());
        assertNull(m.selectedEvent());
        add(m, 14, 3);
        assertEquals(3, m.size(), "after clear only new events");
        assertEquals(14, m.aggregates().processes().top(1000).stream().mapToLong(Counter.Entry::count).sum() - 3, "aggregates keep the session");
    }

    @Test
    void ringWrapDropsOldRowsFromTheView() {
        TuiModel m = withEvents(20, 15);
        m.home();
        add(m, 15, 30);
        assertEquals(20, m.size());
        assertEquals(25, pid(m.selectedEvent()), "a selection that fell out of the ring moves to the oldest held");
        assertEquals(20, m.viewEvents().size());
    }

    @Test
    void rowsOverwrittenBetweenRefreshAndDrawingAreLeftOut() {
        TuiModel m = withEvents(20, 20);
        m.home();
        for (int i = 20; i < 30; i++) m.ring().add(Events.dns(i)); // the pipeline runs on, no refresh yet
        List<NetEvent> rows = m.visibleRows(15);
        assertEquals(5, rows.size(), "10 of the 15 rows on screen were overwritten");
        assertFalse(rows.contains(null));
        assertEquals(-1, m.selectedRow(), "the selected (oldest) row is gone too");
        m.refresh();
        assertEquals(15, m.visibleRows(15).size());
    }

    @Test
    void filterInputKeepsTheOldFilterUntilAValidOneIsApplied() {
        TuiModel m = withEvents(100, 6);
        m.startFilterInput();
        for (char c : "connect".toCharArray()) m.typed(c);
        m.submitInput();
        assertFalse(m.editingFilter());
        assertEquals(3, m.size());
        m.startFilterInput();
        assertEquals("connect", m.inputText(), "editing starts from the current filter");
        m.backspace();
        m.cancelInput();
        assertEquals("connect", m.filter().text());
    }

    @Test
    void rateMeterAveragesOverOneSecondAndOneMinute() {
        RateMeter r = new RateMeter();
        long s = TimeUnit.SECONDS.toNanos(1);
        assertEquals(0, r.perSecond(s));
        long total = 0;
        for (int frame = 0; frame <= 600; frame++) {           // 60 s at 10 fps: 1000/s, then 5000/s in the last second
            total += frame > 590 ? 500 : 100;
            r.sample(frame * s / 10, total);
        }
        assertEquals(5000, r.perSecond(s), 1);
        assertEquals((59 * 1000 + 5000) / 60.0, r.perSecond(60 * s), 2);
    }

    @Test
    void counterCapsDistinctKeys() {
        Counter<String> c = new Counter<>(3, s -> s);
        for (String k : List.of("a", "b", "c", "d", "e", "a")) c.add(k);
        assertEquals(4, c.size());
        assertEquals(List.of(new Counter.Entry("(other)", 2), new Counter.Entry("a", 2), new Counter.Entry("b", 1),
                new Counter.Entry("c", 1)), c.top(10), "d and e went to (other); ties sorted by key");
    }

    @Test
    void sinkFillsRingAndAggregates() {
        EventRing ring = new EventRing(10);
        Aggregates agg = new Aggregates();
        TuiSink sink = new TuiSink(ring, agg);
        NetEvent e = Events.drop(1, Events.CN);
        sink.accept(e);
        sink.accept(Events.connect(2, Enrichment.NONE));
        assertSame(e, ring.get(0));
        assertEquals(List.of(new Counter.Entry("SBL123456", 1)), agg.dropHits().top(5));
        assertEquals(List.of(new Counter.Entry("Block SMB inbound", 1)), agg.filters().top(5));
        sink.close();
        assertTrue(sink.closed());
    }
}
