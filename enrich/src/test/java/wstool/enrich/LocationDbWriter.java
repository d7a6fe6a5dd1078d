package wstool.enrich;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import wstool.core.net.Cidr;

/** Test-side writer of small libloc v1 databases (layout per libloc's format.h). */
final class LocationDbWriter {
    private record Net(Cidr cidr, String cc, long asn, int flags) {}

    private final List<Net> nets = new ArrayList<>();
    private final TreeMap<Long, String> ases = new TreeMap<>();
    private final TreeMap<String, String> countries = new TreeMap<>();

    LocationDbWriter network(String cidr, String cc, long asn, int flags) {
        nets.add(new Net(Cidr.parse(cidr), cc, asn, flags));
        return this;
    }

    LocationDbWriter as(long number, String name) { ases.put(number, name); return this; }

    LocationDbWriter country(String code, String name) { countries.put(code, name); return this; }

    byte[] build() {
        ByteArrayOutputStream pool = new ByteArrayOutputStream();
        Map<String, Integer> strings = new java.util.HashMap<>();
        java.util.function.Function<String, Integer> str = s -> strings.computeIfAbsent(s, k -> {
            int at = pool.size();
            pool.writeBytes(k.getBytes(StandardCharsets.UTF_8));
            pool.write(0);
            return at;
        });
        int vendor = str.apply("ws_tool tests");
        int description = str.apply("test database");
        int license = str.apply("CC0");
        // tree: nodes as int[3] {zero, one, network}
        List<int[]> nodes = new ArrayList<>();
        nodes.add(new int[] {0, 0, -1});
        for (int i = 0; i < nets.size(); i++) {
            Cidr c = nets.get(i).cidr();
            byte[] a = c.network();
            int bits = c.prefixLength();
            if (a.length == 4) {
                byte[] m = new byte[16];
                m[10] = (byte) 0xff;
                m[11] = (byte) 0xff;
                System.arraycopy(a, 0, m, 12, 4);
                a = m;
                bits += 96;
            }
            int node = 0;
            for (int d = 0; d < bits; d++) {
                int bit = (a[d >> 3] >> (7 - (d & 7))) & 1;
                if (nodes.get(node)[bit] == 0) {
                    nodes.add(new int[] {0, 0, -1});
                    nodes.get(node)[bit] = nodes.size() - 1;
                }
                node = nodes.get(node)[bit];
            }
            nodes.get(node)[2] = i;
        }
        ByteBuffer as = ByteBuffer.allocate(ases.size() * 8);
        ases.forEach((n, name) -> as.putInt(n.intValue()).putInt(str.apply(name)));
        ByteBuffer ctry = ByteBuffer.allocate(countries.size() * 8);
        countries.forEach((code, name) -> ctry.put(code.getBytes(StandardCharsets.US_ASCII)).put("EU".getBytes(StandardCharsets.US_ASCII)).putInt(str.apply(name)));
        ByteBuffer networks = ByteBuffer.allocate(nets.size() * 12);
        for (Net n : nets) {
            networks.put(n.cc().getBytes(StandardCharsets.US_ASCII)).putShort((short) 0).putInt((int) n.asn())
                    .putShort((short) n.flags()).putShort((short) 0);
        }
        ByteBuffer tree = ByteBuffer.allocate(nodes.size() * 12);
        for (int[] n : nodes) tree.putInt(n[0]).putInt(n[1]).putInt(n[2]);
        byte[][] sections = {as.array(), networks.array(), tree.array(), ctry.array(), pool.toByteArray()};
        int off = LocationDb.HEADER_END;
        int[] offsets = new int[5];
        for (int i = 0; i < 5; i++) {
            offsets[i] = off;
            off += sections[i].length;
        }
        ByteBuffer out = ByteBuffer.allocate(off);
        out.put("LOCDBXX".getBytes(StandardCharsets.US_ASCII)).put((byte) 1);
        out.putLong(1_667_023_194L).putInt(vendor).putInt(description).putInt(license);
        for (int i = 0; i < 5; i++) out.putInt(offsets[i]).putInt(sections[i].length);
        out.position(LocationDb.HEADER_END);
        for (byte[] s : sections) out.put(s);
        return out.array();
    }
}
