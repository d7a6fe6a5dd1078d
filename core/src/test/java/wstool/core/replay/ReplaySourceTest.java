package wstool.core.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.Events;
import wstool.core.model.NetEvent;
import wstool.core.sink.EventJson;

class ReplaySourceTest {
    @TempDir
    Path dir;

    @Test
    void badLineIsReportedWithFileAndLineAfterEarlierEventsWereEmitted() throws Exception {
        String good = json(Events.dns(1, "a.example"));
        Path f = dir.resolve("r.jsonl");
        Files.writeString(f, good + "\n\n" + good + "\n{\"class\":\"FIREWALL\"\n");
        List<NetEvent> got = new ArrayList<>();
        IOException e = assertThrows(IOException.class, () -> new ReplaySource(f, 0).run(got::add));
        assertEquals(2, got.size());
        assertTrue(e.getMessage().contains("r.jsonl line 4: not valid JSON"), e.getMessage());
    }

    /**
     * Each event is emitted when its recorded offset, divided by the speed, has passed since the replay started:
     * never earlier (lower bound, exact up to timer rounding) and not much later (upper bound with a generous 700 ms
     * margin for a loaded machine, below what the neighbouring speeds would give the last event, so wrong scaling fails).
     */
    @Test
    void pacingFollowsRecordedTimestampsScaledBySpeed() throws Exception {
        // recorded at 0, 2 s and 4 s; at speed 4 due after 500 and 1000 ms (speed 2 would be 1000 and 2000)
        assertPaced(4, new long[] {0, 2000, 4000}, new long[] {0, 500, 1000});
        // recorded at 0 and 300 ms; at speed 0.5 due after 600 ms (speed 1 would be 300)
        assertPaced(0.5, new long[] {0, 300}, new long[] {0, 600});
    }

    @Test
    void speedZeroReplaysAsFastAsPossible() throws Exception {
        long[] at = emissionMillis(0, new long[] {0, 3_600_000, 7_200_000});
        assertTrue(at[2] < 30_000, "two recorded hours at speed 0 take no waiting, took " + at[2] + " ms");
    }

    private void assertPaced(double speed, long[] recordedMillis, long[] dueMillis) throws Exception {
        long[] at = emissionMillis(speed, recordedMillis);
        for (int i = 0; i < at.length; i++) {
            String what = "event " + i + " recorded at +" + recordedMillis[i] + " ms, speed " + speed + ": emitted at +"
                    + at[i] + " ms, due at +" + dueMillis[i];
            assertTrue(at[i] >= dueMillis[i] - 2, what + " (too early)");
            assertTrue(at[i] <= dueMillis[i] + 700, what + " (too late)");
        }
    }

    /** Replays events recorded at the given offsets; returns when each was emitted, in ms after run() was called. */
    private long[] emissionMillis(double speed, long[] recordedMillis) throws Exception {
        Path f = dir.resolve("p" + speed + ".jsonl");
        NetEvent a = Events.dns(1, "a.example");
        StringBuilder lines = new StringBuilder();
        for (long ms : recordedMillis) {
            lines.append(json(a.withHeader(new wstool.core.model.EventHeader(a.header().timestamp().plusMillis(ms),
                    a.header().source(), 1, null, null, -1, null, null, null, null)))).append('\n');
        }
        Files.writeString(f, lines);
        EventJson.read(json(a)); // loads the JSON classes now, so that their first use is not timed
        long[] at = new long[recordedMillis.length];
        int[] n = {0};
        long t = System.nanoTime();
        new ReplaySource(f, speed).run(e -> {
            at[n[0]++] = (System.nanoTime() - t) / 1_000_000;
            return true;
        });
        assertEquals(recordedMillis.length, n[0], "every event replayed");
        return at;
    }

    private static String json(NetEvent e) throws IOException {
        java.io.StringWriter w = new java.io.StringWriter();
        try (var g = EventJson.FACTORY.createGenerator(w)) {
            EventJson.write(e, g);
        }
        return w.toString();
    }
}
