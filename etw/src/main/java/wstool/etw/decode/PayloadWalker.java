package wstool.etw.decode;

import wstool.etw.schema.EventSchema;
import wstool.etw.schema.FieldSchema;
import wstool.etw.schema.InType;

/**
 * The one generic payload walker: finds every field of an event from its {@link EventSchema}, never reading outside
 * the payload. Fields that a short payload lacks are reported missing (older builds often log fewer trailing fields).
 * <p>
 * Length rules: fixed types by size (Pointer from the event's pointer size, Boolean 4 bytes); strings by a length
 * field (characters) or up to their NUL; Binary by its length field, constant length, else lengthless Binary fields
 * share equally what the fixed-size fields after them leave (e.g. Kernel-Network's two 16-byte IPv6 addresses);
 * SID by its sub-authority count; arrays by count field or constant count.
 */
final class PayloadWalker {
    private PayloadWalker() {}

    public static void walk(EventSchema s, EventRecordView v, DecodedFields out) {
        walk(s, v.data(), v.payloadOffset(), v.payloadLength(), v.pointerSize(), out);
    }

    public static void walk(EventSchema s, byte[] d, int start, int len, int ptr, DecodedFields out) {
        out.reset(s, d, ptr);
        int end = start + len;
        int p = start;
        int n = s.fieldCount();
        for (int i = 0; i < n; i++) {
            FieldSchema f = s.field(i);
            int count = 1;
            if (f.countField() >= 0) count = (int) Math.min(Integer.MAX_VALUE, Math.max(0, out.number[f.countField()]));
            else if (f.fixedCount() >= 0) count = f.fixedCount();
            int fieldStart = p;
            for (int k = 0; k < count; k++) {
                int size = elementSize(s, f, i, d, p, end, ptr, out);
                if (size < 0 || size > end - p) {
                    out.problem = "payload of " + len + " bytes ends inside field " + f.name();
                    return;
                }
                if (!f.isArray() && f.type().isInteger()) out.number[i] = integer(f.type(), d, p, size);
                p += size + terminator(f, s, i, out);
            }
            out.offset[i] = fieldStart;
            out.length[i] = p - fieldStart - (f.isArray() ? 0 : terminator(f, s, i, out));
            out.count = i + 1;
        }
    }

    private static int terminator(FieldSchema f, EventSchema s, int i, DecodedFields out) {
        if (f.lengthField() >= 0 || f.fixedLength() >= 0) return 0;
        return f.type() == InType.UNICODE_STRING ? 2 : f.type() == InType.ANSI_STRING ? 1 : 0;
    }

    /** Bytes of one element (without a string terminator), -1 when it cannot fit. */
    private static int elementSize(EventSchema s, FieldSchema f, int i, byte[] d, int p, int end, int ptr, DecodedFields out) {
        InType t = f.type();
        int fixed = t.size(ptr);
        if (fixed > 0) return fixed;
        long declared = f.lengthField() >= 0 ? out.number[f.lengthField()] : f.fixedLength();
        switch (t) {
            case UNICODE_STRING: {
                if (declared >= 0) return declared > (end - p) / 2 ? -1 : (int) declared * 2;
                int q = p;
                while (q + 1 < end && (d[q] != 0 || d[q + 1] != 0)) q += 2;
                return q + 1 < end ? q - p : -1;
            }
            case ANSI_STRING: {
                if (declared >= 0) return declared > end - p ? -1 : (int) declared;
                int q = p;
                while (q < end && d[q] != 0) q++;
                return q < end ? q - p : -1;
            }
            case SID: {
                if (p + 8 > end) return -1;
                return 8 + 4 * (d[p + 1] & 0xFF);
            }
            case BINARY: {
                if (declared >= 0) return declared > end - p ? -1 : (int) declared;
                int trailing = 0, shares = 1;
                for (int j = i + 1; j < s.fieldCount(); j++) {
                    FieldSchema g = s.field(j);
                    if (g.isArray()) return end - p;
                    if (g.type() == InType.BINARY && g.lengthField() < 0 && g.fixedLength() < 0) { shares++; continue; }
                    int gs = g.type().size(ptr);
                    if (gs <= 0) return Math.max(0, end - p) / shares; // variable tail: best effort
                    trailing += gs;
                }
                int left = end - p - trailing;
                return left < 0 ? -1 : left / shares;
            }
            default:
                return -1;
        }
    }

    private static long integer(InType t, byte[] d, int p, int size) {
        switch (size) {
            case 1: return t.isSigned() ? d[p] : d[p] & 0xFF;
            case 2: return t.isSigned() ? (short) Bytes.u16(d, p) : Bytes.u16(d, p);
            case 4: return t.isSigned() ? (int) Bytes.u32(d, p) : Bytes.u32(d, p);
            default: return Bytes.u64(d, p);
        }
    }
}
