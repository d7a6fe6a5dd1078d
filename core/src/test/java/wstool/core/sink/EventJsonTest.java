package wstool.core.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import wstool.core.Events;
import wstool.core.model.NetEvent;

class EventJsonTest {
    @Test
    void jsonLinesRoundTripGivesEqualEvents() throws Exception {
        List<NetEvent> events = Events.everyKind();
        StringWriter w = new StringWriter();
        try (JsonLinesSink sink = new JsonLinesSink(w)) {
            for (NetEvent e : events) sink.accept(e);
        }
        String[] lines = w.toString().split("\n");
        assertEquals(events.size(), lines.length, "one object per line");
        List<NetEvent> back = new ArrayList<>();
        for (String line : lines) back.add(EventJson.read(line));
        assertEquals(events, back);
        assertEquals(events.get(0).header().timestamp().getNano(), back.get(0).header().timestamp().getNano(),
                "nanosecond precision kept");
    }

    @Test
    void badRecordsNameTheProblem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EventJson.read("{\"class\":\"DNS\"}"))
                .getMessage().contains("missing field 'timestamp'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EventJson.read("{\"class\":\"NOPE\",\"timestamp\":\"x\"}"))
                .getMessage().contains("unknown EventClass 'NOPE'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EventJson.read("{\"class\":"))
                .getMessage().startsWith("not valid JSON"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EventJson.read(
                "{\"class\":\"DNS\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"source\":\"ETW_DNS\",\"remote\":{\"address\":\"evil.example\"}}"))
                .getMessage().contains("not an IP address"), "addresses are literals only: a name is never resolved");
    }
}
