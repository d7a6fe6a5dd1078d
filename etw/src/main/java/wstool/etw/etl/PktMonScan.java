package wstool.etw.etl;

import wstool.etw.decode.EventDecoder;
import wstool.etw.decode.EventRecordView;
import wstool.etw.decode.PktMonComponents;
import wstool.etw.schema.PktMonSchemas;

import java.io.IOException;
import java.nio.file.Path;

/**
 * pktmon logs its component descriptions (event 20) and edge names (90) when the capture stops, after every packet:
 * to name the components of the packets as they are decoded, the file is read once ahead for just those events.
 */
final class PktMonScan {
    private PktMonScan() {}

    static void components(Path file, PktMonComponents into) throws IOException {
        EventDecoder names = new EventDecoder(wstool.etw.schema.SchemaRegistry.builtIn(),
                new wstool.etw.decode.AttributionState(), false);
        try (EtlReader r = EtlReader.open(file)) {
            EventRecordView v;
            while ((v = r.next()) != null) {
                if (!v.providerIs(EventDecoder.PKTMON)) continue;
                if (v.eventId() == PktMonSchemas.COMPONENT || v.eventId() == PktMonSchemas.EDGE_COUNTERS) names.decode(v);
            }
        } catch (EtlFormatException damaged) {
            // the main pass reports the damage; the names read before it are kept
        }
        names.pktmonComponents().copyInto(into);
    }
}
