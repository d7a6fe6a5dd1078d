package wstool.winlayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Structure;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class WinLayoutTest {

    @Test
    void correctMirrorPasses() {
        WinLayout.TableCheck c = WinLayout.assertMatchesTable(new TestStructs.EventDescriptor(), "EVENT_DESCRIPTOR");
        assertTrue(c.ok());
        assertEquals(List.of(), c.uncoveredFields());
    }

    @Test
    void wrongOffsetNamesFieldAndBothOffsets() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> WinLayout.assertMatchesTable(new TestStructs.WrongWnodeHeader(), "WNODE_HEADER"));
        String m = e.getMessage();
        assertTrue(m.contains("WNODE_HEADER.TimeStamp: JNA offset 12, Windows x64 offset 16"), m);
        assertTrue(m.contains("WNODE_HEADER.Guid: JNA offset 16, Windows x64 offset 24"), m);
        assertTrue(m.contains("WNODE_HEADER.SIZEOF: JNA size 40, Windows x64 size 48"), m);
    }

    @Test
    void wrongSizeIsReported() {
        WinLayout.TableCheck c = WinLayout.checkTable(WinLayout.table(), new TestStructs.EventDescriptorIntKeyword(),
                "EVENT_DESCRIPTOR", Map.of());
        assertEquals(List.of("EVENT_DESCRIPTOR.SIZEOF: JNA size 12, Windows x64 size 16"), c.mismatches());
    }

    @Test
    void anonymousUnionMembersResolveByName() {
        WinLayout.TableCheck c = WinLayout.assertMatchesTable(new TestStructs.EventPropertyInfo(),
                "EVENT_PROPERTY_INFO");
        assertEquals(List.of(), c.uncoveredFields());
    }

    @Test
    void missingFieldAndMissingTypeAreMismatches() {
        WinLayout.TableCheck c = WinLayout.checkTable(WinLayout.table(), new TestStructs.EventDescriptor(),
                "EVENT_DESCRIPTOR", Map.of("Keyword", "NoSuchField"));
        assertEquals(List.of("EVENT_DESCRIPTOR.Keyword: no JNA field of that name (Windows x64 offset 8)"),
                c.mismatches());
        c = WinLayout.checkTable(WinLayout.table(), new TestStructs.CallerDeclared(), "NOT_A_TYPE", Map.of());
        assertFalse(c.ok());
        assertTrue(c.mismatches().get(0).contains("not in the SDK layout table"));
        assertEquals(List.of("head", "ptr", "tail"), c.uncoveredFields());
    }

    @Test
    void fieldsTheTableLacksAreListed() {
        WinLayout.TableCheck c = WinLayout.assertMatchesTable(new TestStructs.EventFilterDescriptor(),
                "EVENT_FILTER_DESCRIPTOR");
        assertEquals(List.of("Ptr", "Size", "Type"), c.uncoveredFields());
    }

    @Test
    void platformDependentTypesAreRejected() {
        assertRejected(TestStructs.WithNativeLong::new, "WithNativeLong.b", "NativeLong");
        assertRejected(TestStructs.WithWinLong::new, "WithWinLong.b", "IntegerType");
        assertRejected(TestStructs.WithWString::new, "WithWString.b", "WString");
        assertRejected(TestStructs.WithString::new, "WithString.b", "String");
        assertRejected(TestStructs.WithCharArray::new, "WithCharArray.b", "char[]");
        assertRejected(TestStructs.WithBoolean::new, "WithBoolean.b", "boolean");
        assertRejected(TestStructs.WithNestedNativeLong::new, "WithNestedNativeLong.inner.b", "NativeLong");
    }

    private static void assertRejected(Supplier<Structure> s, String field, String typeWord) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WinLayout.assertMatchesTable(s.get(), "EVENT_DESCRIPTOR"));
        assertTrue(e.getMessage().startsWith(field + ": field type"), e.getMessage());
        assertTrue(e.getMessage().contains(typeWord), e.getMessage());
    }

    @Test
    void win64ModelAgreesWithJnaOnThisHost() {
        StructLayout a = JnaLayouts.actual(new TestStructs.EventPropertyInfo());
        StructLayout w = JnaLayouts.expectedWin64(new TestStructs.EventPropertyInfo());
        assertEquals(24, a.size());
        assertEquals(w.size(), a.size());
        assertEquals(a.flatten().stream().map(StructLayout.FlatField::absoluteOffset).toList(),
                w.flatten().stream().map(StructLayout.FlatField::absoluteOffset).toList());
        StructLayout caller = JnaLayouts.expectedWin64(new TestStructs.CallerDeclared());
        assertEquals(List.of(0, 8, 16), caller.fields().stream().map(StructLayout.Field::offset).toList());
        assertEquals(24, caller.size());
    }
}
