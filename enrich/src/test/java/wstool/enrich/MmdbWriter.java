package wstool.enrich;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wstool.core.net.Cidr;

/**
 * Test-side writer of small MaxMind DB files (format spec: maxmind.github.io/MaxMind-DB), used to build DB-IP style
 * databases with flat records. 32-bit records; values: String, Float, Double, Integer (uint32), Long (uint64), Map.
 */
final class MmdbWriter {
    private final int ipVersion;
    private final String type;
    private final List<int[]> nodes = new ArrayList<>(); // [left, right], -1 empty, -(2+dataIndex) data
    private final List<Map<String, Object>> data = new ArrayList<>();

    MmdbWriter(int ipVersion, String type) {
        this.ipVersion = ipVersion;
        this.type = type;
        nodes.add(new int[] {-1, -1});
    }

    MmdbWriter put(String cidr, Map<String, Object> record) {
        Cidr c = Cidr.parse(cidr);
        byte[] net = c.network();
        int bits = c.prefixLength();
        if (ipVersion == 6 && net.length == 4) {
            byte[] v6 = new byte[16];
            System.arraycopy(net, 0, v6, 12, 4);
            net = v6;
            bits += 96;
        }
        data.add(record);
        int node = 0;
        for (int i = 0; i < bits - 1; i++) {
            int bit = (net[i >> 3] >> (7 - (i & 7))) & 1;
            if (nodes.get(node)[bit] < 0) {
                nodes.add(new int[] {-1, -1});
                nodes.get(node)[bit] = nodes.size() - 1;
            }
            node = nodes.get(node)[bit];
        }
        int last = bits - 1;
        nodes.get(node)[(net[last >> 3] >> (7 - (last & 7))) & 1] = -(2 + data.size() - 1);
        return this;
    }

    byte[] build() {
        ByteArrayOutputStream dataSection = new ByteArrayOutputStream();
        int[] offsets = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            offsets[i] = dataSection.size();
            encode(dataSection, data.get(i));
        }
        int n = nodes.size();
        ByteBuffer tree = ByteBuffer.allocate(n * 8);
        for (int[] node : nodes) {
            for (int r : node) {
                long v = r == -1 ? n : r >= 0 ? r : (long) n + 16 + offsets[-(r + 2)];
                tree.putInt((int) v);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tree.array());
        out.writeBytes(new byte[16]);
        out.writeBytes(dataSection.toByteArray());
        out.writeBytes(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
        out.writeBytes("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("node_count", n);
        meta.put("record_size", (short) 32);
        meta.put("ip_version", (short) ipVersion);
        meta.put("database_type", type);
        meta.put("languages", List.of("en"));
        meta.put("binary_format_major_version", (short) 2);
        meta.put("binary_format_minor_version", (short) 0);
        meta.put("build_epoch", 1_700_000_000L);
        meta.put("description", Map.of("en", "ws_tool test database"));
        encode(out, meta);
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static void encode(ByteArrayOutputStream out, Object v) {
        if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            control(out, 2, b.length);
            out.writeBytes(b);
        } else if (v instanceof Double d) {
            control(out, 3, 8);
            out.writeBytes(ByteBuffer.allocate(8).putDouble(d).array());
        } else if (v instanceof Float f) {
            control(out, 15, 4);
            out.writeBytes(ByteBuffer.allocate(4).putFloat(f).array());
        } else if (v instanceof Short s) {
            control(out, 5, 2);
            out.writeBytes(ByteBuffer.allocate(2).putShort(s).array());
        } else if (v instanceof Integer i) {
            control(out, 6, 4);
            out.writeBytes(ByteBuffer.allocate(4).putInt(i).array());
        } else if (v instanceof Long l) {
            control(out, 9, 8);
            out.writeBytes(ByteBuffer.allocate(8).putLong(l).array());
        } else if (v instanceof Map<?, ?> m) {
            control(out, 7, m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                encode(out, e.getKey());
                encode(out, e.getValue());
            }
        } else if (v instanceof List<?> list) {
            control(out, 11, list.size());
            for (Object o : list) encode(out, o);
        } else {
            throw new IllegalArgumentException("cannot encode " + v);
        }
    }

    private static void control(ByteArrayOutputStream out, int type, int size) {
        int sizeBits = size < 29 ? size : size < 285 ? 29 : 30;
        out.write(((type > 7 ? 0 : type) << 5) | sizeBits);
        if (type > 7) out.write(type - 7);
        if (sizeBits == 29) out.write(size - 29);
        if (sizeBits == 30) {
            out.write((size - 285) >> 8);
            out.write(size - 285);
        }
    }
}
