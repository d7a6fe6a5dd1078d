package wstool.etw.live;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Walks an event payload along a {@link TdhSchema}: the scalar and string TDH in-types, counts and lengths given
 * by earlier properties. Stops at structures and unknown types, keeping the rest as {@code _undecoded} hex; never
 * reads past the payload.
 */
final class TdhPayload {

    private static final int MAX_COUNT = 4096;

    private TdhPayload() {
    }

    /** Field name to rendered value, in payload order. */
    public static Map<String, String> decode(TdhSchema schema, byte[] p, int pointerSize) {
        Map<String, String> out = new LinkedHashMap<>();
        long[] numeric = new long[schema.properties().size()];
        int pos = 0;
        for (int i = 0; i < schema.topLevelCount() && i < schema.properties().size(); i++) {
            TdhSchema.Property prop = schema.properties().get(i);
            if ((prop.flags() & TdhSchema.PROPERTY_STRUCT) != 0) {
                break;
            }
            int count = (prop.flags() & TdhSchema.PROPERTY_PARAM_COUNT) != 0
                    ? (int) Math.min(MAX_COUNT, ref(numeric, prop.count(), i)) : Math.max(1, prop.count());
            int length = (prop.flags() & TdhSchema.PROPERTY_PARAM_LENGTH) != 0
                    ? (int) Math.min(Integer.MAX_VALUE, ref(numeric, prop.length(), i)) : prop.length();
            StringBuilder value = new StringBuilder();
            for (int k = 0; k < count; k++) {
                int size = size(prop.inType(), length, p, pos, pointerSize);
                if (size < 0 || pos + size > p.length) {
                    return rest(out, p, pos);
                }
                if (k > 0) {
                    value.append(',');
                }
                value.append(render(prop.inType(), p, pos, size, length));
                if (k == 0) {
                    numeric[i] = number(p, pos, size);
                }
                pos += size;
            }
            out.put(prop.name() == null ? "field" + i : prop.name(), value.toString());
        }
        return rest(out, p, pos);
    }

    private static long ref(long[] numeric, int index, int current) {
        return index >= 0 && index < current ? Math.max(0, numeric[index]) : 0;
    }

    private static Map<String, String> rest(Map<String, String> out, byte[] p, int pos) {
        if (pos < p.length) {
            out.put("_undecoded", HexFormat.of().formatHex(p, pos, p.length));
        }
        return out;
    }

    /** Bytes taken by one value, -1 when unknown. */
    static int size(int inType, int length, byte[] p, int pos, int pointerSize) {
        switch (inType) {
            case 1: // UnicodeString
                if (length > 0) {
                    return 2 * length;
                }
                for (int i = pos; i + 1 < p.length; i += 2) {
                    if (p[i] == 0 && p[i + 1] == 0) {
                        return i - pos + 2;
                    }
                }
                return -1;
            case 2: // AnsiString
                if (length > 0) {
                    return length;
                }
                for (int i = pos; i < p.length; i++) {
                    if (p[i] == 0) {
                        return i - pos + 1;
                    }
                }
                return -1;
            case 3: case 4: return 1;
            case 5: case 6: return 2;
            case 7: case 8: case 11: case 13: case 20: return 4;
            case 9: case 10: case 12: case 17: case 21: return 8;
            case 14: return length; // Binary
            case 15: return 16; // GUID
            case 16: return pointerSize; // Pointer
            case 18: return 16; // SYSTEMTIME
            case 19: // SID: 8 + 4 * SubAuthorityCount
                return pos + 2 <= p.length ? 8 + 4 * (p[pos + 1] & 0xFF) : -1;
            default: return -1;
        }
    }

    private static long number(byte[] p, int pos, int size) {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            return 0;
        }
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (p[pos + i] & 0xFF);
        }
        return v;
    }

    private static String render(int inType, byte[] p, int pos, int size, int length) {
        switch (inType) {
            case 1: {
                int n = length > 0 ? size : size - 2;
                return new String(p, pos, n, StandardCharsets.UTF_16LE);
            }
            case 2: {
                int n = length > 0 ? size : size - 1;
                return new String(p, pos, n, StandardCharsets.ISO_8859_1);
            }
            case 3: return Byte.toString(p[pos]);
            case 5: return Short.toString((short) number(p, pos, 2));
            case 7: return Integer.toString((int) number(p, pos, 4));
            case 4: case 6: case 8: return Long.toString(number(p, pos, size));
            case 9: return Long.toString(number(p, pos, 8));
            case 10: return Long.toUnsignedString(number(p, pos, 8));
            case 11: return Float.toString(Float.intBitsToFloat((int) number(p, pos, 4)));
            case 12: return Double.toString(Double.longBitsToDouble(number(p, pos, 8)));
            case 13: return number(p, pos, 4) != 0 ? "true" : "false";
            case 15: return Guids.fromBytes(p, pos).toString();
            case 16: case 20: case 21: return "0x" + Long.toHexString(number(p, pos, size));
            case 17: {
                long t = number(p, pos, 8) - LiveEventRecord.FILETIME_UNIX_EPOCH;
                return Instant.ofEpochSecond(Math.floorDiv(t, 10_000_000L), Math.floorMod(t, 10_000_000L) * 100)
                        .toString();
            }
            default: return HexFormat.of().formatHex(p, pos, pos + size);
        }
    }
}
