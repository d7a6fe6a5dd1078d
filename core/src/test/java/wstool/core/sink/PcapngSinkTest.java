package wstool.core.sink;

import org.junit.jupiter.api.Test;
import wstool.core.model.AutonomousSystem;
import wstool.core.model.Direction;
import wstool.core.model.DropListing;
import wstool.core.model.Endpoint;
import wstool.core.model.Enrichment;
import wstool.core.model.EventHeader;
import wstool.core.model.GeoLocation;
import wstool.core.model.PacketEvent;
import wstool.core.model.Source;
import wstool.core.net.Addresses;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Block structure of the pcapng export, read back here; PktMonPcapngTest has tshark read a real capture's. */
class PcapngSinkTest {
    static PacketEvent drop(long pid, String process, boolean matched, Enrichment en) {
        EventHeader h = new EventHeader(Instant.parse("2026-01-02T03:04:05.123456789Z"), Source.ETW_PKTMON, pid, process,
                null, 6, Endpoint.of(Addresses.parse("10.0.0.2"), 50000), Endpoint.of(Addresses.parse("81.2.69.142"), 443),
                Map.of(), en);
        PacketEvent p = new PacketEvent(h, Direction.OUT, "TCP/IPv4 - L3/L4", List.of("TCP/IPv4 - L3/L4"), 7, 1, 5, 60,
                0x02, "INET: transport endpoint was not found", 1204, "0xE0004A5D", false, 101, new byte[]{0x45, 0, 0, 60, 0});
        return matched ? p.withMatchedProcess(pid, process) : p;
    }

    @Test
    void commentCarriesWhatIsKnown() {
        Enrichment en = new Enrichment(new GeoLocation("GB", "United Kingdom", "London", null, null, null),
                new AutonomousSystem(1221L, "Telstra"), new DropListing("SBL123"), null, null);
        assertEquals("ws_tool: direction OUT; path TCP/IPv4 - L3/L4; tcp SYN; dropped: INET: transport endpoint was not "
                        + "found (1204) at 0xE0004A5D; pid 42 C:\\app.exe (matched by 5-tuple); country GB; AS1221 Telstra; "
                        + "Spamhaus DROP SBL123", PcapngSink.comment(drop(42, "C:\\app.exe", true, en)));
        assertEquals("ws_tool: direction OUT; path TCP/IPv4 - L3/L4; tcp SYN; dropped: INET: transport endpoint was not "
                + "found (1204) at 0xE0004A5D", PcapngSink.comment(drop(-1, null, false, Enrichment.NONE)));
    }

    @Test
    void blocksAreWellFormed() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapngSink s = new PcapngSink(bytes)) {
            s.accept(drop(-1, null, false, Enrichment.NONE));
            s.accept(drop(-1, null, false, Enrichment.NONE));
            assertEquals(2, s.written());
        }
        ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> types = new ArrayList<>();
        while (b.hasRemaining()) {
            int start = b.position(), type = b.getInt(), len = b.getInt();
            assertEquals(0, len % 4, "blocks are 32-bit aligned");
            assertEquals(len, b.getInt(start + len - 4), "trailing length repeats the leading one");
            types.add(type);
            if (type == 0x0A0D0D0A) assertEquals(0x1A2B3C4D, b.getInt(start + 8));
            if (type == 1) assertEquals(101, b.getShort(start + 8), "raw IP link type");
            if (type == 6) {
                assertEquals(0, b.getInt(start + 8), "interface 0");
                long ns = (long) b.getInt(start + 12) << 32 | b.getInt(start + 16) & 0xFFFFFFFFL;
                assertEquals(Instant.parse("2026-01-02T03:04:05.123456789Z"), Instant.ofEpochSecond(0, ns));
                assertEquals(5, b.getInt(start + 20));
                assertEquals(60, b.getInt(start + 24), "original length");
                String block = new String(bytes.toByteArray(), start, len, StandardCharsets.UTF_8);
                assertTrue(block.contains("ws_tool: direction OUT"));
            }
            b.position(start + len);
        }
        assertEquals(List.of(0x0A0D0D0A, 1, 6, 6), types, "one section, one interface for the component, two packets");
    }
}
