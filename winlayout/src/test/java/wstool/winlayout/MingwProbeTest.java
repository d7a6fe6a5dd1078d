package wstool.winlayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MingwProbeTest {

    @BeforeAll
    static void needsCompiler() {
        assumeTrue(MingwProbe.compiler().isPresent(), MingwProbe.missingMessage());
    }

    @Test
    void sourceHasStaticAssertsFromJnaOffsets() {
        String src = MingwProbe.create().expect(new TestStructs.EventFilterDescriptor(), "EVENT_FILTER_DESCRIPTOR")
                .source();
        assertTrue(src.contains("_Static_assert(sizeof(EVENT_FILTER_DESCRIPTOR) == 16,"), src);
        assertTrue(src.contains("_Static_assert(offsetof(EVENT_FILTER_DESCRIPTOR, Type) == 12,"), src);
        assertTrue(src.contains("#include <evntcons.h>"), src);
    }

    @Test
    void correctStructuresPass() {
        MingwProbe.create()
                .expect(new TestStructs.EventFilterDescriptor(), "EVENT_FILTER_DESCRIPTOR")
                .expect(new TestStructs.EventDescriptor(), "EVENT_DESCRIPTOR")
                .expect(new TestStructs.EventPropertyInfo(), "EVENT_PROPERTY_INFO",
                        Map.of("u1", "", "u2", "", "u3", ""))
                .assertPasses();
    }

    @Test
    void wrongStructureFailsNamingFieldAndBothOffsets() {
        MingwProbe.Result r = MingwProbe.create()
                .expect(new TestStructs.WrongEventFilterDescriptor(), "EVENT_FILTER_DESCRIPTOR").run();
        assertFalse(r.ok());
        assertEquals(List.of("EVENT_FILTER_DESCRIPTOR.SIZEOF: JNA size 24, Windows x64 (mingw-w64) size 16",
                "EVENT_FILTER_DESCRIPTOR.Type: JNA offset 16, Windows x64 (mingw-w64) offset 12"), r.failures());
        assertTrue(r.source().contains("_Static_assert(offsetof(EVENT_FILTER_DESCRIPTOR, Type) == 16,"));
    }

    @Test
    void callerSuppliedDeclarationsAreCompiled() {
        String decl = "typedef struct CALLER_T_ { SHORT head; void *ptr; BYTE tail; } CALLER_T;";
        MingwProbe.create().declarations(decl).expect(new TestStructs.CallerDeclared(), "CALLER_T").assertPasses();
        AssertionError e = assertThrows(AssertionError.class, () -> MingwProbe.create()
                .declarations("typedef struct CALLER_T_ { SHORT head; BYTE tail; void *ptr; } CALLER_T;")
                .expect(new TestStructs.CallerDeclared(), "CALLER_T").assertPasses());
        assertFalse(e.getMessage().contains("CALLER_T.ptr"), e.getMessage());
        assertTrue(e.getMessage().contains("CALLER_T.tail: JNA offset 16, Windows x64 (mingw-w64) offset 2"),
                e.getMessage());
    }

    @Test
    void wfpHeadersCanBeIncluded() {
        MingwProbe.create().include("fwpmu.h").expect(new TestStructs.FwpByteBlob(), "FWP_BYTE_BLOB").assertPasses();
        WinLayout.assertMatchesTable(new TestStructs.FwpByteBlob(), "FWP_BYTE_BLOB");
    }

    @Test
    void unknownMemberIsACompileFailure() {
        MingwProbe.Result r = MingwProbe.create().expect(new TestStructs.CallerDeclared(), "EVENT_DESCRIPTOR").run();
        assertFalse(r.ok());
        assertEquals(1, r.failures().size());
        assertTrue(r.failures().get(0).startsWith("probe did not compile"), r.failures().toString());
        assertTrue(r.failures().get(0).contains("has no member named 'head'"), r.failures().toString());
    }
}
