package wstool.etw.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Microsoft-Windows-PktMon, for which no manifest dump is public. The layouts are the provider's own: pktmon embeds
 * the TRACE_EVENT_INFO of every event it logged (KernelTraceControl MetaData, opcode 32) and its value maps
 * (EVENT_MAP_INFO, opcode 33) in the .etl; these are the ones of fixtures/etl/demikernel_PktMon.etl (Windows Server
 * 2022), which PktMonSchemasTest compares field by field with the file. Events:
 * <ul>
 * <li>20 component: Id, Type (ComponentType), Name, Description;</li>
 * <li>30, 40, 60, 65, 66, 70, 75 component properties (PropertyType): Value as UInt32, GUID, NdisMedium, IPv4,
 *     IPv6, binary (PhysAddress, with its Size), EtherType (IPv4 addresses are UInt32 with the IPv4 out-type, in
 *     network byte order);</li>
 * <li>80 drop counters, 90 flow counters (per edge, with EdgeName), 100 packet filter;</li>
 * <li>160 packet fragment and 170 dropped-packet fragment: PktGroupId, PktNumber, AppearanceCount, DirTag, PacketType,
 *     ComponentId, EdgeId, FilterId, DropReason, DropLocation, OriginalPayloadSize, LoggedPayloadSize, Payload
 *     (LoggedPayloadSize bytes). No 170 is in the fixture: its layout is 160's, as the provider's message table
 *     (pktmon.sys, "Drop: PktGroupId %1 … DropReason %9, DropLocation %10, OriginalSize %11, LoggedSize %12") numbers
 *     the same twelve fields; 240 (duplicate drop) likewise.</li>
 * </ul>
 */
public final class PktMonSchemas {
    public static final UUID PKTMON = UUID.fromString("4d4f80d9-c8bd-4d73-bb5b-19c90402c5ac");
    public static final String NAME = "Microsoft-Windows-PktMon";
    public static final int FRAGMENT = 160, DROP_FRAGMENT = 170, DUPLICATE_DROP = 240, COMPONENT = 20, EDGE_COUNTERS = 90;
    static final String MAPS = "/wstool/etw/schema/pktmon-maps.tsv";

    private PktMonSchemas() {}

    static ProviderSchemas schemas() {
        List<EventSchema> e = new ArrayList<>();
        e.add(event(COMPONENT, "Component", 2, List.of(u16("Id"), mapped("Type", InType.UINT16, "ComponentType"),
                string("Name"), string("Description"))));
        e.add(event(30, "Property", 2, property(u32("Value"))));
        e.add(event(40, "Property", 2, property(field("Value", InType.GUID))));
        e.add(event(60, "Property", 2, property(mapped("Value", InType.UINT16, "NdisMedium"))));
        e.add(event(65, "Property", 2, property(u32("IpAddress"))));
        e.add(event(66, "Property", 2, property(binary("IpAddress", 16))));
        e.add(event(70, "Property", 2, List.of(u16("ComponentId"), mapped("Type", InType.UINT16, "PropertyType"), u32("Size"),
                new FieldSchema("Value", InType.BINARY, 2, -1, -1, -1, null))));
        e.add(event(75, "Property", 2, property(mapped("EtherType", InType.UINT16, "EtherType"))));
        e.add(event(80, "DropCounters", 2, List.of(u16("ComponentId"), mapped("DirTagIn", InType.UINT16, "PacketDirectionTag"),
                u64("PacketsIn"), u64("BytesIn"), mapped("DirTagOut", InType.UINT16, "PacketDirectionTag"),
                u64("PacketsOut"), u64("BytesOut"))));
        e.add(event(EDGE_COUNTERS, "FlowCounters", 2, List.of(u16("ComponentId"), string("EdgeName"), u16("EdgeId"),
                mapped("DirTagIn", InType.UINT16, "PacketDirectionTag"), u64("PacketsIn"), u64("BytesIn"),
                mapped("DirTagOut", InType.UINT16, "PacketDirectionTag"), u64("PacketsOut"), u64("BytesOut"))));
        e.add(event(100, "PacketFilter", 2, List.of(u16("FilterId"), string("FilterName"), binary("MacAddress1", 6),
                binary("MacAddress2", 6), mapped("EtherType", InType.UINT16, "EtherType"), u16("VlanId"),
                u32("IpAddress1"), u32("IpAddress2"), mapped("Protocol", InType.UINT8, "IPProtocol"),
                u16("Port1"), u16("Port2"), mapped("TCPFlags", InType.UINT8, "TCPFlags"))));
        e.add(event(FRAGMENT, "PacketFragment", 0x10, fragment()));
        e.add(event(DROP_FRAGMENT, "DroppedPacketFragment", 0x10, fragment()));
        e.add(event(DUPLICATE_DROP, "DuplicateDrop", 0x10, fragment()));
        return new ProviderSchemas(PKTMON, NAME, e, maps());
    }

    private static List<FieldSchema> fragment() {
        return List.of(u64("PktGroupId"), u16("PktNumber"), u16("AppearanceCount"),
                mapped("DirTag", InType.UINT16, "PacketDirectionTag"), mapped("PacketType", InType.UINT16, "PacketType"),
                u16("ComponentId"), u16("EdgeId"), u16("FilterId"), mapped("DropReason", InType.UINT32, "DropReason"),
                field("DropLocation", InType.HEXINT32), u16("OriginalPayloadSize"), u16("LoggedPayloadSize"),
                new FieldSchema("Payload", InType.BINARY, 11, -1, -1, -1, null));
    }

    private static List<FieldSchema> property(FieldSchema value) {
        return List.of(u16("ComponentId"), mapped("Type", InType.UINT16, "PropertyType"), value);
    }

    /** The value maps, from {@value #MAPS}. */
    static Map<String, ValueMap> maps() {
        Map<String, Map<Long, String>> entries = new LinkedHashMap<>();
        Map<String, Boolean> bitmap = new LinkedHashMap<>();
        try (InputStream in = PktMonSchemas.class.getResourceAsStream(MAPS)) {
            if (in == null) throw new IllegalStateException("missing resource " + MAPS);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] c = line.split("\t", 4);
                entries.computeIfAbsent(c[0], k -> new LinkedHashMap<>()).put(Long.parseLong(c[2]), c[3]);
                bitmap.put(c[0], c[1].equals("bitmap"));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Map<String, ValueMap> maps = new LinkedHashMap<>();
        entries.forEach((name, m) -> maps.put(name, new ValueMap(name, bitmap.get(name), m)));
        return maps;
    }

    private static EventSchema event(int id, String name, long keyword, List<FieldSchema> fields) {
        return new EventSchema(PKTMON, NAME, id, 0, 0, name, 0, "", 4, keyword, fields);
    }

    private static FieldSchema field(String name, InType t) { return new FieldSchema(name, t, -1, -1, -1, -1, null); }
    private static FieldSchema u16(String name) { return field(name, InType.UINT16); }
    private static FieldSchema u32(String name) { return field(name, InType.UINT32); }
    private static FieldSchema u64(String name) { return field(name, InType.UINT64); }
    private static FieldSchema string(String name) { return field(name, InType.UNICODE_STRING); }
    private static FieldSchema mapped(String name, InType t, String map) { return new FieldSchema(name, t, -1, -1, -1, -1, map); }
    private static FieldSchema binary(String name, int len) { return new FieldSchema(name, InType.BINARY, -1, len, -1, -1, null); }
}
