package wstool.etw.decode;

import org.junit.jupiter.api.Test;
import wstool.etw.schema.EventSchema;
import wstool.etw.schema.FieldSchema;
import wstool.etw.schema.InType;
import wstool.etw.schema.ValueMap;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** The walker on in-types and layouts the network manifests do not use: arrays, SID, FILETIME, GUID, ANSI, HexInt. */
class PayloadWalkerTest {
    private static FieldSchema f(String name, InType t) { return new FieldSchema(name, t, -1, -1, -1, -1, null); }

    private static final EventSchema SCHEMA = new EventSchema(UUID.randomUUID(), "Test", 1, 0, 0, "t", 0, "", 4, 0, List.of(
            f("Count", InType.UINT16),                                             // 0
            new FieldSchema("Ports", InType.UINT16, -1, -1, 0, -1, null),          // 1: Count elements
            new FieldSchema("Pair", InType.INT32, -1, -1, -1, 2, null),            // 2: fixed count 2
            f("User", InType.SID),                                                 // 3
            f("When", InType.FILETIME),                                            // 4
            f("Id", InType.GUID),                                                  // 5
            f("Name", InType.ANSI_STRING),                                         // 6
            f("Flags", InType.HEXINT32),                                           // 7
            f("Ok", InType.BOOLEAN),                                               // 8
            new FieldSchema("Len", InType.UINT8, -1, -1, -1, -1, null),            // 9
            new FieldSchema("Text", InType.UNICODE_STRING, 9, -1, -1, -1, null),   // 10: Len characters, no NUL
            new FieldSchema("Kind", InType.INT8, -1, -1, -1, -1, "KindMap"),       // 11
            f("Ptr", InType.POINTER)));                                            // 12

    private static byte[] payload() {
        return new PayloadBuilder().u16(3).u16(80).u16(443).u16(8080).u32(-5).u32(7)
                .u8(1).u8(2).bytes(new byte[]{0, 0, 0, 0, 0, 5}).u32(21).u32(1001)           // S-1-5-21-1001
                .u64(116444736000000000L + 10_000_000L)                                      // 1970-01-01T00:00:01Z
                .u32(0x12345678).u16(0x9abc).u16(0xdef0).bytes(new byte[]{1, 2, 3, 4, 5, 6, 7, 8})
                .ansiz("svc.exe").u32(0xbeef).u32(1).u8(2).bytes("hi".getBytes(java.nio.charset.StandardCharsets.UTF_16LE))
                .u8(-2).u32(0xdeadbeefL).build();
    }

    @Test
    void everyKindFoundAndFormatted() {
        byte[] p = payload();
        DecodedFields d = new DecodedFields();
        PayloadWalker.walk(SCHEMA, p, 0, p.length, 4, d);
        assertTrue(d.complete(), d.problem());
        assertEquals(13, d.count());
        assertEquals(6, d.length(1));
        assertEquals("5000bb01901f", d.format(1, null), "array bytes as hex");
        assertEquals(8, d.length(2));
        assertEquals(16, d.length(3), "SID: 8 + 4 per sub-authority");
        assertEquals("1970-01-01T00:00:01Z", d.format(4, null));
        assertEquals("{12345678-9abc-def0-0102-030405060708}", d.format(5, null));
        assertEquals("svc.exe", d.string(6));
        assertEquals("0xbeef", d.format(7, null));
        assertEquals("true", d.format(8, null));
        assertEquals("hi", d.string(10));
        assertEquals(-2, d.number(11, 0));
        assertEquals("-2 (minus two)", d.format(11, new ValueMap("KindMap", false, Map.of(-2L, "minus two"))));
        assertEquals(0xdeadbeefL, d.number(12, 0), "4-byte pointer");
        assertEquals(p.length, d.offset(12) + d.length(12));
    }

    @Test
    void everyTruncationStopsCleanlyAtTheFieldItCuts() {
        byte[] p = payload();
        DecodedFields d = new DecodedFields();
        for (int len = 0; len < p.length; len++) {
            PayloadWalker.walk(SCHEMA, p, 0, len, 4, d);
            assertFalse(d.complete(), "length " + len);
            assertTrue(d.count() < 13);
            String cut = SCHEMA.field(d.count()).name();
            assertTrue(d.problem().endsWith("field " + cut), d.problem());
            for (int i = 0; i < d.count(); i++) assertTrue(d.offset(i) + d.length(i) <= len);
        }
    }
}
