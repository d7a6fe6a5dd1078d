package wstool.etw.decode;

import org.junit.jupiter.api.Test;
import wstool.core.model.DnsEvent;
import wstool.core.model.Source;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Hand-built Winsock-NameResolution payloads. */
class DnsDecodeTest {
    private static DnsEvent decode(EventDecoder d, int id, long pid, byte[] payload) {
        EventRecordView v = new EventRecordView().provider(EventDecoder.NAME_RESOLUTION).descriptor(id, 0, 0, 4, 0, 1000, 0)
                .process(pid, 3).time(0, Instant.parse("2024-05-01T10:00:00Z")).payload(payload, 0, payload.length);
        return assertInstanceOf(DnsEvent.class, d.decode(v));
    }

    @Test
    void queryAndResult() {
        EventDecoder d = new EventDecoder();
        // 1000 WinsockGai: NodeName ServiceName Location Flags Family SocketType Protocol
        DnsEvent q = decode(d, 1000, 4321, new PayloadBuilder().utf16z("example.com").utf16z("https").u32(1).u32(0)
                .u32(23).u32(1).u32(6).build());
        assertEquals("example.com", q.queryName());
        assertEquals(28, q.queryType());
        assertEquals(4321, q.header().pid());
        assertEquals(Source.ETW_DNS, q.header().source());
        assertEquals("https", q.header().raw().get("ServiceName"));

        // 1001: NodeName Status Result
        DnsEvent r = decode(d, 1001, 4321, new PayloadBuilder().utf16z("example.com").u32(0)
                .utf16z("93.184.216.34;2606:2800:220:1::248;").build());
        assertEquals(List.of("93.184.216.34", "2606:2800:220:1::248"), r.results());
        assertEquals(0, r.status());
        assertEquals("SUCCESS", r.statusName());

        DnsEvent nx = decode(d, 1001, 4321, new PayloadBuilder().utf16z("nope.invalid").u32(11001).utf16z("").build());
        assertEquals(11001, nx.status());
        assertEquals("WSAHOST_NOT_FOUND", nx.statusName());
        assertTrue(nx.results().isEmpty());
    }

    @Test
    void truncatedPayloadStillNamesTheQueryAndTheProblem() {
        byte[] full = new PayloadBuilder().utf16z("example.com").u32(0).utf16z("1.2.3.4;").build();
        DnsEvent e = decode(new EventDecoder(), 1001, 1, java.util.Arrays.copyOf(full, 28));
        assertEquals("example.com", e.queryName());
        assertTrue(e.header().raw().get("decodeProblem").contains("Result"), e.header().raw().toString());
        assertEquals(-1, e.header().pid(), "header pid 1 is not a plausible caller");
    }
}
