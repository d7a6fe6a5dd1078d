package wstool.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decoders' raw-field map must behave as the LinkedHashMap it replaced, and the header must not share it. */
class RawFieldMapTest {
    @Test
    void behavesAsALinkedHashMapThroughGrowthReplacementAndNullValues() {
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> actual = new RawFieldMap(2);
        String[][] puts = {{"event", "TcpIp/Send"}, {"eventId", "26"}, {"size", "37"}, {"eventId", "27"},
                {"daddr", null}, {"saddr", "10.0.0.1"}, {"size", "38"}, {"connid", "0"}};
        for (String[] p : puts) assertEquals(expected.put(p[0], p[1]), actual.put(p[0], p[1]), "put " + p[0]);
        assertEquals(expected, actual);
        assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(actual.entrySet()), "same order");
        assertEquals(expected.hashCode(), actual.hashCode());
        assertEquals("27", actual.get("eventId"));
        assertTrue(actual.containsKey("daddr"));
        assertNull(actual.get("daddr"));
        assertFalse(actual.containsKey("missing"));
    }

    @Test
    void aHeaderKeepsTheFieldsAsTheyWereWhenItWasMade() {
        RawFieldMap m = new RawFieldMap();
        m.put("event", "TcpIp/Recv");
        m.put("size", "37");
        EventHeader h = new EventHeader(Instant.EPOCH, Source.ETW_KERNEL_NETWORK, 4, null, null, 6, null, null, m, null);
        m.put("size", "99");
        m.put("later", "x");
        assertEquals(Map.of("event", "TcpIp/Recv", "size", "37"), h.raw());
        List<String> keys = new ArrayList<>();
        h.raw().forEach((k, v) -> keys.add(k));
        assertEquals(List.of("event", "size"), keys);
    }
}
