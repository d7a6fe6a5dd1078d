package wstool.etw.decode;

import org.junit.jupiter.api.Test;
import wstool.etw.Fixtures;
import wstool.core.model.Direction;
import wstool.core.model.NetEvent;
import wstool.core.model.PacketEvent;
import wstool.core.model.RawEvent;
import wstool.core.model.Source;
import wstool.etw.etl.EtlEventSource;
import wstool.etw.etl.EtlReader;
import wstool.etw.schema.FieldSchema;
import wstool.etw.schema.InType;
import wstool.etw.schema.PktMonSchemas;
import wstool.etw.schema.ProviderSchemas;
import wstool.etw.schema.EventSchema;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Microsoft-Windows-PktMon on the real Server 2022 capture. Known answers read by hand from the payload bytes of the
 * first fragment (hex of its 132 bytes): 265a100000000000 PktGroupId 0x105a26 = 1071654 | 0100 PktNumber 1 |
 * 0100 AppearanceCount 1 | 0300 DirTag 3 (Rx) | 0100 PacketType 1 (Ethernet) | 3b00 ComponentId 59 | 0100 EdgeId 1 |
 * 0000 FilterId | 00000000 DropReason | 00000000 DropLocation | 6200 OriginalPayloadSize 98 | 6200 LoggedPayloadSize
 * 98 | 98 bytes: Ethernet 94:8e:d3:c5:f7:48 -> 00:22:48:7b:b3:80, IPv4 10.9.1.14 -> 10.9.1.22, ICMP echo request.
 * Component 59 is "Microsoft Hyper-V Network Adapter #3" (netvsc.sys), 61 "XDP Lightweight Filter" (xdp.sys), per
 * their event 20 at the end of the file; pktmon's own flow counters (event 90) say 19 packets in and 19 out.
 */
class PktMonDecodeTest {
    static final Path FILE = Fixtures.etl("demikernel_PktMon.etl");
    /** KernelTraceControl's MetaData provider: TRACE_EVENT_INFO (opcode 32) and EVENT_MAP_INFO (33) of logged events. */
    static final UUID METADATA = UUID.fromString("bbccf6c1-6cd1-48c4-80ff-839482e37671");

    static List<NetEvent> events(boolean allComponents) throws Exception {
        List<NetEvent> got = new ArrayList<>();
        new EtlEventSource(FILE, Set.of(PktMonSchemas.PKTMON), null).allComponents(allComponents).run(got::add);
        return got;
    }

    static List<PacketEvent> packets(List<NetEvent> events) {
        return events.stream().filter(e -> e instanceof PacketEvent).map(e -> (PacketEvent) e).toList();
    }

    @Test
    void everyFragmentDecodesAndTheFirstIsWhatTheBytesSay() throws Exception {
        List<NetEvent> all = events(true);
        assertEquals(403, all.size());
        List<PacketEvent> p = packets(all);
        assertEquals(114, p.size(), "every event 160 becomes a packet");
        PacketEvent first = p.get(0);
        assertEquals(1071654, first.packetGroup());
        assertEquals(1, first.packetNumber());
        assertEquals(Direction.IN, first.direction());
        assertEquals(Source.ETW_PKTMON, first.header().source());
        assertEquals(1, first.header().ipProtocol());
        assertEquals("10.9.1.22", first.header().local().addressText());
        assertEquals("10.9.1.14", first.header().remote().addressText());
        assertEquals(98, first.length());
        assertEquals(98, first.originalLength());
        assertEquals(1, first.linkType());
        assertEquals("Microsoft Hyper-V Network Adapter #3", first.component());
        assertEquals("Upper", first.header().raw().get("edgeName"));
        assertEquals("8/0", first.header().raw().get("icmpType"));
        assertEquals("0022487bb380948ed3c5f7480800", HexFormat.of().formatHex(first.frame(), 0, 14));
        assertEquals("PACKET", first.kind());
        assertFalse(first.dropped());
        assertEquals(EventHeaderPid.NONE, first.header().pid(), "a packet's header PID is no process");
        // the echo reply leaves: Tx, from the local address
        PacketEvent reply = p.get(2);
        assertEquals(Direction.OUT, reply.direction());
        assertEquals("10.9.1.22", reply.header().local().addressText());
        assertEquals("0/0", reply.header().raw().get("icmpType"));
        assertEquals(19, p.stream().filter(x -> x.direction() == Direction.IN && x.component().startsWith("Microsoft Hyper-V")).count(),
                "pktmon's flow counter for component 59 says 19 packets in");
    }

    interface EventHeaderPid { long NONE = -1; }

    @Test
    void appearancesOfOnePacketBecomeOnePacketWithItsPath() throws Exception {
        List<PacketEvent> p = packets(events(false));
        assertEquals(38, p.size(), "19 echo requests and 19 replies");
        assertEquals(List.of("Microsoft Hyper-V Network Adapter #3", "XDP Lightweight Filter"), p.get(0).path());
        assertEquals(List.of("XDP Lightweight Filter", "Microsoft Hyper-V Network Adapter #3", "NETVSCVFPP",
                "Mellanox ConnectX-4 Lx Virtual Ethernet Adapter #2"), p.get(1).path());
        assertEquals(19, p.stream().filter(x -> x.direction() == Direction.OUT).count());
    }

    @Test
    void componentEventsNameComponentsAndStayRaw() throws Exception {
        List<RawEvent> comps = events(true).stream().filter(e -> e instanceof RawEvent r && r.eventId() == 20)
                .map(e -> (RawEvent) e).toList();
        assertEquals(44, comps.size());
        Map<String, String> mlx = comps.stream().filter(r -> "48".equals(r.header().raw().get("Id"))).findFirst()
                .orElseThrow().header().raw();
        assertEquals("mlx5.sys", mlx.get("Name"));
        assertEquals("2 (Miniport)", mlx.get("Type"));
        assertEquals("Mellanox ConnectX-4 Lx Virtual Ethernet Adapter #2", mlx.get("Description"));
    }

    /** The hand-written schemas and the maps resource are what the capture's own embedded metadata says. */
    @Test
    void schemasMatchTheMetadataPktmonEmbeds() throws Exception {
        Map<Integer, List<String>> embedded = new TreeMap<>();
        Map<String, Map<Long, String>> maps = new LinkedHashMap<>();
        try (EtlReader r = EtlReader.openTimeOrdered(FILE)) {
            EventRecordView v;
            while ((v = r.next()) != null) {
                if (!v.providerIs(METADATA)) continue;
                ByteBuffer b = ByteBuffer.wrap(v.data(), v.payloadOffset(), v.payloadLength()).slice().order(ByteOrder.LITTLE_ENDIAN);
                if (!new UUID(b.order(ByteOrder.BIG_ENDIAN).getLong(0), b.getLong(8)).equals(swapped(PktMonSchemas.PKTMON))) {
                    b.order(ByteOrder.LITTLE_ENDIAN);
                    continue;
                }
                b.order(ByteOrder.LITTLE_ENDIAN);
                if (v.opcode() == 32) embedded.put(b.getShort(32) & 0xFFFF, properties(b));
                if (v.opcode() == 33) {
                    Map<Long, String> m = new TreeMap<>();
                    int n = b.getInt(24);
                    for (int i = 0; i < n; i++) m.put(b.getInt(32 + i * 8 + 4) & 0xFFFFFFFFL, str(b, 16 + b.getInt(32 + i * 8)).strip());
                    maps.put(str(b, 16 + b.getInt(16)), m);
                }
            }
        }
        assertEquals(Set.of(20, 30, 40, 60, 65, 66, 70, 75, 80, 90, 100, 160), embedded.keySet());
        ProviderSchemas ours = PktMonSchemas.schemas();
        for (var en : embedded.entrySet()) {
            EventSchema s = ours.events().stream().filter(e -> e.id() == en.getKey()).findFirst().orElseThrow();
            List<String> mine = s.fields().stream().map(PktMonDecodeTest::describe).toList();
            assertEquals(en.getValue(), mine, "event " + en.getKey());
        }
        assertEquals(9, maps.size());
        for (var en : maps.entrySet()) assertEquals(en.getValue(), ours.maps().get(en.getKey()).entries(), en.getKey());
        assertEquals("INET: transport endpoint was not found", ours.maps().get("DropReason").lookup(1204));
    }

    /** name:tdhInType[:map], the TDH in-type numbers (TDH_INTYPE_UNICODESTRING 1 … GUID 15). */
    private static String describe(FieldSchema f) {
        int t = switch (f.type()) {
            case UNICODE_STRING -> 1; case UINT8 -> 4; case UINT16 -> 6; case UINT32 -> 8; case UINT64 -> 10;
            case BINARY -> 14; case GUID -> 15; case HEXINT32 -> 8; default -> -1;
        };
        return f.name() + ":" + t + (f.map() == null ? "" : ":" + f.map());
    }

    /** EVENT_PROPERTY_INFO (24 bytes each, after TRACE_EVENT_INFO's 112): Flags, NameOffset, InType, OutType, MapNameOffset. */
    private static List<String> properties(ByteBuffer b) {
        List<String> out = new ArrayList<>();
        int n = b.getInt(100);
        for (int i = 0; i < n; i++) {
            int p = 112 + i * 24;
            int map = b.getInt(p + 12);
            int in = b.getShort(p + 8) & 0xFFFF;
            // HexInt32 is InType UInt32 with OutType Hex (18 = TDH_OUTTYPE_HEXINT32): the out-type is checked apart
            out.add(str(b, b.getInt(p + 4)) + ":" + in + (map == 0 ? "" : ":" + str(b, map)));
        }
        return out;
    }

    private static String str(ByteBuffer b, int off) {
        StringBuilder s = new StringBuilder();
        for (int i = off; i + 1 < b.limit(); i += 2) {
            char c = b.getChar(i);
            if (c == 0) break;
            s.append(c);
        }
        return s.toString();
    }

    /** The GUID as its 16 little-endian-first bytes read big-endian (how it lies in the payload). */
    private static UUID swapped(UUID g) {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.putLong(g.getMostSignificantBits()).putLong(g.getLeastSignificantBits());
        byte[] a = b.array();
        byte[] le = {a[3], a[2], a[1], a[0], a[5], a[4], a[7], a[6], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15]};
        ByteBuffer r = ByteBuffer.wrap(le);
        return new UUID(r.getLong(), r.getLong());
    }
}
