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
