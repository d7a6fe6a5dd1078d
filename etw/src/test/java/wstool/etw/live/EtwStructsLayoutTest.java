package wstool.etw.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Structure;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import wstool.winlayout.MingwProbe;
import wstool.winlayout.WinLayout;

/**
 * Every ETW/TDH structure the live consumer uses, checked against Windows x64: the SDK layout table first (size and
 * every listed offset), then the mingw-w64 compile-only probe for all fields (which covers the ones the table lacks).
 */
class EtwStructsLayoutTest {

    private record Case(Supplier<Structure> make, String cType, Map<String, String> cNames) {
    }

    private static final Map<String, String> EPI_UNIONS = Map.of("types", "", "countUnion", "", "lengthUnion", "");

    private static final List<Case> TABLE = List.of(
            new Case(EtwStructs.GUID::new, "GUID", Map.of()),
            new Case(EtwStructs.EVENT_DESCRIPTOR::new, "EVENT_DESCRIPTOR", Map.of()),
            new Case(EtwStructs.EVENT_HEADER::new, "EVENT_HEADER", Map.of("ProcessorTime", "ProcessorTime")),
            new Case(EtwStructs.ETW_BUFFER_CONTEXT::new, "ETW_BUFFER_CONTEXT", Map.of()),
            new Case(EtwStructs.EVENT_RECORD::new, "EVENT_RECORD", Map.of()),
            new Case(EtwStructs.EVENT_HEADER_EXTENDED_DATA_ITEM::new, "EVENT_HEADER_EXTENDED_DATA_ITEM", Map.of()),
            new Case(EtwStructs.WNODE_HEADER::new, "WNODE_HEADER", Map.of()),
            new Case(EtwStructs.EVENT_TRACE_PROPERTIES::new, "EVENT_TRACE_PROPERTIES", Map.of()),
            new Case(EtwStructs.EVENT_TRACE_HEADER::new, "EVENT_TRACE_HEADER", Map.of()),
            new Case(EtwStructs.EVENT_TRACE::new, "EVENT_TRACE", Map.of()),
            new Case(EtwStructs.TRACE_LOGFILE_HEADER::new, "TRACE_LOGFILE_HEADER", Map.of()),
            new Case(EtwStructs.EVENT_TRACE_LOGFILEW::new, "EVENT_TRACE_LOGFILEW", Map.of()),
            new Case(EtwStructs.ENABLE_TRACE_PARAMETERS::new, "ENABLE_TRACE_PARAMETERS", Map.of()),
            new Case(EtwStructs.EVENT_FILTER_DESCRIPTOR::new, "EVENT_FILTER_DESCRIPTOR", Map.of()),
            new Case(EtwStructs.TRACE_EVENT_INFO::new, "TRACE_EVENT_INFO", Map.of()),
            new Case(EtwStructs.EVENT_PROPERTY_INFO::new, "EVENT_PROPERTY_INFO", EPI_UNIONS));

    @Test
    void everyStructureMatchesTheSdkTable() {
        for (Case c : TABLE) {
            WinLayout.assertMatchesTable(c.make().get(), c.cType());
        }
    }

    @Test
    void sizesAsWindowsX64() {
        assertEquals(112, new EtwStructs.EVENT_RECORD().size());
        assertEquals(448, new EtwStructs.EVENT_TRACE_LOGFILEW().size());
        assertEquals(120, new EtwStructs.EVENT_TRACE_PROPERTIES().size());
        assertEquals(48, new EtwStructs.ENABLE_TRACE_PARAMETERS().size());
        assertEquals(136, new EtwStructs.TRACE_EVENT_INFO().size());
    }

    @Test
    void everyFieldMatchesMingwHeaders() {
        assumeTrue(MingwProbe.compiler().isPresent(), MingwProbe.missingMessage());
        MingwProbe probe = MingwProbe.create()
                .declarations("typedef struct _WL_EVENT_FILTER_EVENT_ID { BOOLEAN FilterIn; UCHAR Reserved;"
                        + " USHORT Count; USHORT Events[1]; } WL_EVENT_FILTER_EVENT_ID;");
        for (Case c : TABLE) {
            if (c.cType().equals("EVENT_HEADER_EXTENDED_DATA_ITEM")) {
                // LinkageBits is a bit-field in C: offsetof cannot name it (bracketed by ExtType and DataSize)
                probe.expectFields(c.make().get(), c.cType(), List.of("Reserved1", "ExtType", "DataSize", "DataPtr"),
                        Map.of());
                continue;
            }
            probe.expect(c.make().get(), c.cType(), cNames(c));
        }
        probe.expect(new EtwStructs.EVENT_FILTER_EVENT_ID(), "WL_EVENT_FILTER_EVENT_ID");
        probe.assertPasses();
    }

    private static Map<String, String> cNames(Case c) {
        return switch (c.cType()) {
            case "EVENT_HEADER" -> Map.of("ProcessorTime", "ProcessorTime");
            case "EVENT_PROPERTY_INFO" -> EPI_UNIONS;
            case "TRACE_EVENT_INFO" -> Map.of("EventPropertyInfoArray.types", "",
                    "EventPropertyInfoArray.countUnion", "", "EventPropertyInfoArray.lengthUnion", "");
            default -> Map.of();
        };
    }
}
