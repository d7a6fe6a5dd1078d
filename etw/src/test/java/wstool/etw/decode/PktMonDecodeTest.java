package wstool.etw.decode;

import org.junit.jupiter.api.Test;
import wstool.etw.Fixtures;
import wstool.core.model.Direction;
import wstool.core.model.NetEvent;
import wstool.core.model.PacketEvent;
import wstool.core.model.RawEvent;
import wstool.core.model.Source;
import wstool.etw.etl.EtlEventSource;
import wstool.etw.schema.PktMonSchemas;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

}
