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

    @Test
    void pacingFollowsRecordedTimestampsScaledBySpeed() throws Exception {
        Path f = dir.resolve("p.jsonl");
        NetEvent a = Events.dns(1, "a.example");
        NetEvent b = a.withHeader(new wstool.core.model.EventHeader(a.header().timestamp().plusMillis(400),
                a.header().source(), 1, null, null, -1, null, null, null, null));
        Files.writeString(f, json(a) + "\n" + json(b) + "\n");
        long t = System.nanoTime();
        new ReplaySource(f, 2).run(e -> true);
        long ms = (System.nanoTime() - t) / 1_000_000;
        assertTrue(ms >= 190, "400 ms recorded at speed 2 takes at least 200 ms, took " + ms);
    }

    private static String json(NetEvent e) throws IOException {
        java.io.StringWriter w = new java.io.StringWriter();
        try (var g = EventJson.FACTORY.createGenerator(w)) {
            EventJson.write(e, g);
        }
        return w.toString();
    }
}
