package wstool.core.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import wstool.core.Events;
import wstool.core.model.EventClass;
import wstool.core.model.NetEvent;

class EventFieldsTest {
    /**
     * The sinks' fast paths read what the value functions read: a field another class's events cannot have is null
     * for them, and a whole-number field's primitive is its boxed value's number (NO_NUMBER for null), over every
     * kind of event and 20,000 random ones (unknown ports, unattributed pids, every class).
     */
    @Test
    void fastPathsAgreeWithTheValues() {
        List<NetEvent> events = new java.util.ArrayList<>(Events.everyKind());
        java.util.Random r = new java.util.Random(21);
        for (int i = 0; i < 20_000; i++) events.add(CsvSinkReferenceTest.random(r, i));
        int wholes = 0;
        for (NetEvent e : events) {
            for (EventField f : EventFields.ALL) {
                Object v = f.value(e);
                java.util.function.Supplier<String> what = () -> f.name() + " of " + e;
                if (!f.mayHave(e)) assertEquals(null, v, what);
                if (!f.hasWhole()) continue;
                wholes++;
                long n = f.whole(e);
                if (v == null) assertEquals(EventField.NO_NUMBER, n, what);
                else assertEquals(((Number) v).longValue(), n, what);
                assertEquals(f.known(v), f.knownWhole(n), what);
            }
        }
        assertTrue(wholes > 20_000 * 10, "whole-number fields were checked: " + wholes);
    }

    @Test
    void namesAreUniqueAndEveryFieldReachesAnExport() {
        Set<String> names = new HashSet<>();
        for (EventField f : EventFields.ALL) {
            assertTrue(names.add(f.name()), "one field per name: " + f.name());
            boolean json = false;
            for (EventClass c : EventClass.values()) json |= f.inJson(c);
            assertTrue(json || CsvSink.FIELDS.contains(f), f.name() + " is in no export");
        }
        assertTrue(EventFields.ALL.containsAll(CsvSink.FIELDS), "CSV columns are fields of the list");
        assertEquals(CsvSink.FIELDS.size(), Set.copyOf(CsvSink.FIELDS).size(), "no column twice");
    }

    /** The JSON keys an event of each class gets, in order: read off the written JSON, not off the field list. */
    @Test
    void jsonKeysPerClassAreTheDocumentedOnes() throws Exception {
        List<NetEvent> every = Events.everyKind();
        assertEquals(List.of("class", "timestamp", "source", "kind", "pid", "process", "user", "ip_protocol", "local",
                "remote", "type", "direction", "filter_id", "filter_name", "layer_id", "layer_name", "rule",
                "enrichment", "raw"), keys(every.get(0)));
        assertEquals(List.of("class", "timestamp", "source", "kind", "pid", "process", "user", "ip_protocol", "local",
                "remote", "op", "phase", "direction", "endpoint_id", "family", "socket_type", "buffer_length", "bytes",
                "status", "status_name", "raw"), keys(every.get(1)));
        assertEquals(List.of("class", "timestamp", "source", "kind", "pid", "process", "query", "query_type", "status",
                "status_name", "results"), keys(every.get(2)));
        assertEquals(List.of("class", "timestamp", "source", "kind", "provider", "event_id", "version", "payload"),
                keys(every.get(3)));
    }

    private static List<String> keys(NetEvent e) throws Exception {
        StringWriter w = new StringWriter();
        try (var g = EventJson.FACTORY.createGenerator(w)) { EventJson.write(e, g); }
        JsonNode n = new ObjectMapper().readTree(w.toString());
        List<String> out = new java.util.ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) out.add(it.next());
        return out;
    }
}
