package wstool.etw.decode;

import wstool.etw.schema.EventSchema;
import wstool.etw.schema.FieldSchema;
import wstool.etw.schema.InType;
import wstool.etw.schema.ValueMap;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Where each field of one event lies in the payload, as {@link PayloadWalker} found it: offset, length and, for
 * integers, the value. Reused between events (arrays grow, never shrink). Valid until the next walk.
 */
final class DecodedFields {
    private static final HexFormat HEX = HexFormat.of();
    EventSchema schema;
    byte[] data;
    int count;          // fields decoded (fields after a short payload are missing)
    int pointerSize;
    int[] offset = new int[16];
    int[] length = new int[16];
    long[] number = new long[16];
    /** Why walking stopped early, or null when every field was found. */
    String problem;

    void reset(EventSchema s, byte[] d, int ptr) {
        schema = s;
        data = d;
        pointerSize = ptr;
        count = 0;
        problem = null;
        int n = s.fieldCount();
        if (offset.length < n) {
            offset = new int[n];
            length = new int[n];
            number = new long[n];
        }
    }

    public EventSchema schema() { return schema; }
    public int count() { return count; }
    public boolean complete() { return problem == null; }
    public String problem() { return problem; }
    public byte[] data() { return data; }

    // ---- positional access, for the walker and its tests; decoders use the name-keyed access below ----

    boolean present(int i) { return i >= 0 && i < count; }
    int offset(int i) { return offset[i]; }
    int length(int i) { return length[i]; }

    /** Integer value of field i (unsigned types zero-extended), or {@code dflt} when absent or not an integer. */
    long number(int i, long dflt) {
        return present(i) && schema.field(i).type().isInteger() && !schema.field(i).isArray() ? number[i] : dflt;
    }

    // ---- name-keyed access: fails on a field that is not there (krabsetw's parse<T>(name) / try_parse) ----

    /** Whether the event has this field: declared by its schema and inside the payload. */
    public boolean has(Field f) { return present(f.index); }

    public boolean has(String name) { return present(schema.indexOf(name)); }

    /** The integer value of the field (unsigned types zero-extended). */
    public long number(Field f) {
        int i = require(f.index, f.name);
        if (!schema.field(i).type().isInteger() || schema.field(i).isArray()) {
            throw new MissingFieldException(schema + ": field " + f.name + " is not an integer");
        }
        return number[i];
    }

    public long number(String name) { return number(Field.of(schema, name)); }

    /** The field as text ({@link #string(int)}). */
    public String string(Field f) { return string(require(f.index, f.name)); }

    public String string(String name) { return string(Field.of(schema, name)); }

    /** Offset of the field in {@link #data()}. */
    public int offset(Field f) { return offset[require(f.index, f.name)]; }

    /** Length in bytes of the field. */
    public int length(Field f) { return length[require(f.index, f.name)]; }

    private int require(int i, String name) {
        if (present(i)) return i;
        if (i < 0) throw new MissingFieldException(schema + " has no field " + name);
        throw new MissingFieldException(problem != null ? problem : schema + ": field " + name + " missing");
    }

    String string(int i) {
        if (!present(i)) return null;
        InType t = schema.field(i).type();
        if (t == InType.UNICODE_STRING) return new String(data, offset[i], length[i], StandardCharsets.UTF_16LE);
        if (t == InType.ANSI_STRING) return new String(data, offset[i], length[i], StandardCharsets.ISO_8859_1);
        return format(i, null);
    }

    /** The field rendered as text: numbers decimal (hex for pointers/HexInt), GUIDs braced, binaries hex. */
    String format(int i, ValueMap map) {
        if (!present(i)) return null;
        FieldSchema f = schema.field(i);
        int o = offset[i], len = length[i];
        if (f.isArray()) return HEX.formatHex(data, o, o + len);
        switch (f.type()) {
            case POINTER: case HEXINT8: case HEXINT16: case HEXINT32: case HEXINT64:
                return "0x" + Long.toHexString(number[i]);
            case BOOLEAN: return number[i] != 0 ? "true" : "false";
            case UNICODE_STRING: case ANSI_STRING: return string(i);
            case GUID: return "{" + guid(data, o) + "}";
            case FLOAT: return Float.toString(Float.intBitsToFloat((int) Bytes.u32(data, o)));
            case DOUBLE: return Double.toString(Double.longBitsToDouble(Bytes.u64(data, o)));
            case FILETIME: return wstool.etw.etl.LogfileHeader.fromFiletime(Bytes.u64(data, o)).toString();
            case BINARY: case SID: case SYSTEMTIME: return HEX.formatHex(data, o, o + len);
            default:
                String v = f.type() == InType.UINT64 ? Long.toUnsignedString(number[i]) : Decimals.of(number[i]);
                if (map != null) {
                    String name = map.lookup(number[i]);
                    if (name != null) return v + " (" + name + ")";
                }
                return v;
        }
    }

    static UUID guid(byte[] d, int o) {
        long msb = Bytes.u32(d, o) << 32 | (long) Bytes.u16(d, o + 4) << 16 | Bytes.u16(d, o + 6);
        long lsb = 0;
        for (int k = 8; k < 16; k++) lsb = lsb << 8 | (d[o + k] & 0xFF);
        return new UUID(msb, lsb);
    }
}
