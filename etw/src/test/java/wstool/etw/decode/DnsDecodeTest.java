package wstool.etw.decode;

import org.junit.jupiter.api.Test;
import wstool.core.model.DnsEvent;
import wstool.core.model.Source;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Winsock-NameResolution payloads built by field name. */
class DnsDecodeTest {
    private static DnsEvent decode(EventDecoder d, RecordBuilder b, long pid) {
        return assertInstanceOf(DnsEvent.class, d.decode(b.view(pid)));
    }

    private static RecordBuilder event(int id) { return RecordBuilder.of(EventDecoder.NAME_RESOLUTION, id, 0); }

    @Test
    void queryAndResult() {
        EventDecoder d = new EventDecoder();
        // 1000 WinsockGai
        DnsEvent q = decode(d, event(1000).set("NodeName", "example.com").set("ServiceName", "https").set("Location", 1)
                .set("Flags", 0).set("Family", 23).set("SocketType", 1).set("Protocol", 6), 4321);
        assertEquals("example.com", q.queryName());
        assertEquals(28, q.queryType());
        assertEquals(4321, q.header().pid());
        assertEquals(Source.ETW_DNS, q.header().source());
        assertEquals("https", q.header().raw().get("ServiceName"));

        DnsEvent r = decode(d, event(1001).set("NodeName", "example.com").set("Status", 0)
                .set("Result", "93.184.216.34;2606:2800:220:1::248;"), 4321);
        assertEquals(List.of("93.184.216.34", "2606:2800:220:1::248"), r.results());
        assertEquals(0, r.status());
        assertEquals("SUCCESS", r.statusName());

        DnsEvent nx = decode(d, event(1001).set("NodeName", "nope.invalid").set("Status", 11001).set("Result", ""), 4321);
        assertEquals(11001, nx.status());
        assertEquals("WSAHOST_NOT_FOUND", nx.statusName());
        assertTrue(nx.results().isEmpty());
    }

    @Test
    void truncatedPayloadStillNamesTheQueryAndTheProblem() {
        RecordBuilder b = event(1001).set("NodeName", "example.com").set("Status", 0).set("Result", "1.2.3.4;");
        byte[] cut = java.util.Arrays.copyOf(b.pack(), 28); // NodeName (24 bytes) and Status only
        DnsEvent e = assertInstanceOf(DnsEvent.class, new EventDecoder().decode(b.view(1, cut)));
        assertEquals("example.com", e.queryName());
        assertTrue(e.header().raw().get("decodeProblem").contains("Result"), e.header().raw().toString());
        assertEquals(-1, e.header().pid(), "header pid 1 is not a plausible caller");
    }
}
