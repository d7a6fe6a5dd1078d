package wstool.etw.decode;

import wstool.etw.schema.EventSchema;
import wstool.etw.schema.FieldSchema;
import wstool.etw.schema.InType;
import wstool.etw.schema.SchemaRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Test payloads built by property name against the event's schema, in the way of krabsetw's
 * {@code testing::record_builder}: values are laid out in schema order with each field's wire type, a name the
 * schema lacks or a value of the wrong kind is refused, {@link #pack()} refuses when a field was left unset
 * ({@link #packIncomplete()} zero-fills it). A length field (AddressLen) left unset gets its Binary's length; bytes
 * given for a fixed-size field must have its size.
 */
final class RecordBuilder {
    private final EventSchema schema;
    private final Object[] values;
    private int pointerSize = 8;
    private boolean classic;

    private RecordBuilder(EventSchema schema) {
        this.schema = schema;
        this.values = new Object[schema.fieldCount()];
    }

    static RecordBuilder of(EventSchema schema) { return new RecordBuilder(schema); }

    /** The built-in schema of this event; fails when there is none. */
    static RecordBuilder of(UUID provider, int id, int version) {
        EventSchema s = SchemaRegistry.builtIn().lookup(provider, id, version);
        if (s == null) throw new IllegalArgumentException("no built-in schema for " + provider + " id " + id + " v" + version);
        return new RecordBuilder(s);
    }

    EventSchema schema() { return schema; }

    RecordBuilder pointerSize(int bytes) {
        this.pointerSize = bytes;
        return this;
    }

    /**
     * Makes {@link #view} a classic record as ProcessTrace and the .etl reader deliver kernel-logger events:
     * EVENT_HEADER_FLAG_CLASSIC_HEADER, event id 0, the event type (schema id) in the opcode.
     */
    RecordBuilder classic() {
        this.classic = true;
        return this;
    }

    RecordBuilder set(String name, long value) { return put(name, value, true); }

    RecordBuilder set(String name, String value) { return put(name, value, false); }

    RecordBuilder set(String name, byte[] value) { return put(name, value.clone(), false); }

    private RecordBuilder put(String name, Object value, boolean integer) {
        int i = schema.indexOf(name);
        if (i < 0) throw new IllegalArgumentException(schema + " has no field " + name);
        FieldSchema f = schema.field(i);
        InType t = f.type();
        boolean string = t == InType.UNICODE_STRING || t == InType.ANSI_STRING;
        // bytes fit any non-string field: a Binary, a GUID, or an integer logged in network order (daddr)
        boolean ok = integer ? t.isInteger() : value instanceof String ? string : !string;
        if (!ok || f.isArray()) throw new IllegalArgumentException(schema + ": field " + name + " is " + t
                + (f.isArray() ? "[]" : "") + ", not given as " + value.getClass().getSimpleName());
        values[i] = value;
        return this;
    }

    /** The payload; fails naming the fields that were not set. */
    byte[] pack() {
        List<String> unset = new ArrayList<>();
        Object[] v = withLengths();
        for (int i = 0; i < v.length; i++) if (v[i] == null) unset.add(schema.field(i).name());
        if (!unset.isEmpty()) throw new IllegalStateException(schema + ": fields not set: " + unset);
        return write(v);
    }

    /** The payload with unset fields zero (strings empty, Binary of its declared length or none). */
    byte[] packIncomplete() { return write(withLengths()); }

    /** A view of the packed event: descriptor from the schema, header PID, pointer size in the header flags. */
    EventRecordView view(long headerPid) { return view(headerPid, pack()); }

    /** A view of this event with another payload (e.g. a cut one). */
    EventRecordView view(long headerPid, byte[] p) {
        int flags = (pointerSize == 4 ? EventRecordView.FLAG_32_BIT_HEADER : EventRecordView.FLAG_64_BIT_HEADER)
                | (classic ? EventRecordView.FLAG_CLASSIC_HEADER : 0);
        return new EventRecordView().provider(schema.provider())
                .descriptor(classic ? 0 : schema.id(), schema.version(), 0, schema.level(),
                        classic ? schema.id() : schema.opcode(), schema.task(), schema.keywords())
                .flags(flags, 0)
                .process(headerPid, 1).time(0, Instant.parse("2024-01-01T00:00:00Z")).payload(p, 0, p.length);
    }

    private Object[] withLengths() {
        Object[] v = values.clone();
        for (int i = 0; i < v.length; i++) {
            int lf = schema.field(i).lengthField();
            if (lf >= 0 && v[lf] == null && v[i] != null) {
                v[lf] = (long) (v[i] instanceof String s ? s.length() : ((byte[]) v[i]).length);
            }
        }
        return v;
    }

    private byte[] write(Object[] v) {
        PayloadBuilder b = new PayloadBuilder();
        for (int i = 0; i < v.length; i++) {
            FieldSchema f = schema.field(i);
            InType t = f.type();
            Object x = v[i];
            if (t.isInteger() || t.size(pointerSize) > 0) {
                int size = t.size(pointerSize);
                if (x instanceof byte[] bytes) {
                    if (bytes.length != size) throw new IllegalArgumentException(schema + ": field " + f.name()
                            + " takes " + size + " bytes, not " + bytes.length);
                    b.bytes(bytes);
                } else {
                    long n = x == null ? 0 : (Long) x;
                    for (int k = 0; k < size; k++) b.u8(n >>> (8 * k));
                }
            } else if (t == InType.UNICODE_STRING || t == InType.ANSI_STRING) {
                String s = x == null ? "" : (String) x;
                byte[] bytes = s.getBytes(t == InType.UNICODE_STRING ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
                b.bytes(bytes);
                boolean counted = f.lengthField() >= 0 || f.fixedLength() >= 0;
                if (!counted) b.bytes(new byte[t == InType.UNICODE_STRING ? 2 : 1]);
            } else {
                byte[] bytes = x != null ? (byte[]) x : new byte[Math.max(0, f.fixedLength())];
                b.bytes(bytes);
            }
        }
        return b.build();
    }
}
