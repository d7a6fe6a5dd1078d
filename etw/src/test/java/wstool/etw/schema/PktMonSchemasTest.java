package wstool.etw.schema;

import org.junit.jupiter.api.Test;
import wstool.etw.Fixtures;
import wstool.etw.decode.EventRecordView;
import wstool.etw.etl.EtlReader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** PktMon's hand-written schemas against the metadata pktmon embeds in the real capture. */
class PktMonSchemasTest {
    static final Path FILE = Fixtures.etl("demikernel_PktMon.etl");
    /** KernelTraceControl's MetaData provider: TRACE_EVENT_INFO (opcode 32) and EVENT_MAP_INFO (33) of logged events. */
    static final UUID METADATA = UUID.fromString("bbccf6c1-6cd1-48c4-80ff-839482e37671");

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
            List<String> mine = s.fields().stream().map(PktMonSchemasTest::describe).toList();
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
