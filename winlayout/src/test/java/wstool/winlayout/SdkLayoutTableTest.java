package wstool.winlayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SdkLayoutTableTest {

    @Test
    void readsTheSharedFixture() {
        SdkLayoutTable t = SdkLayoutTable.load();
        assertEquals(12, t.offset("EVENT_HEADER", "ProcessId", Arch.X64).getAsInt());
        assertEquals(112, t.size("EVENT_RECORD", Arch.X64).getAsInt());
        assertEquals(104, t.size("EVENT_RECORD", Arch.X86).getAsInt());
        assertEquals(116, t.offset("EVENT_TRACE_PROPERTIES", "LoggerNameOffset", Arch.X64).getAsInt());
        assertEquals(448, t.size("EVENT_TRACE_LOGFILEW", Arch.X64).getAsInt());
        assertTrue(t.offset("EVENT_HEADER", "SIZEOF", Arch.X64).isEmpty());
        assertTrue(t.types().contains("FWPM_NET_EVENT5"));
        assertEquals(7, t.fields("EVENT_DESCRIPTOR").size());
    }

    @Test
    void everyRowOfTheTableIsRead() {
        assertEquals(228, SdkLayoutTable.load().rows().size());
    }

    @Test
    void badRowsNameTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SdkLayoutTable.parse(
                List.of("type.field x64 x86", "A.SIZEOF 4 4", "A.b 4"), "t.txt"));
        assertTrue(e.getMessage().contains("t.txt line 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SdkLayoutTable.parse(
                List.of("A.b x 4"), "t.txt"));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("'x'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SdkLayoutTable.parse(
                List.of("A.b 1 1", "A.b 2 2"), "t.txt"));
        assertTrue(e.getMessage().contains("duplicate row A.b"), e.getMessage());
    }
}
