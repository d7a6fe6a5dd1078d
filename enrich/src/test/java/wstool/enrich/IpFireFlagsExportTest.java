package wstool.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wstool.core.model.Direction;
import wstool.core.model.Endpoint;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.NetEvent;
import wstool.core.model.Source;
import wstool.core.net.Addresses;
import wstool.core.pipeline.EventSink;
import wstool.core.sink.CsvSink;
import wstool.core.sink.EventJson;
import wstool.core.sink.JsonLinesSink;

/**
 * IPFire's network flags from Debian's real location.db reach the CSV columns and the JSON Lines enrichment object
 * (and read back). Known answers as in {@link LocationDbTest#debianLibLocDatabase} (checked with libloc's own
 * {@code location lookup}): 8.8.8.8 is in an anycast network, 1.10.16.0/20 is on IPFire's drop list, 81.2.69.142 has
 * no flag; 10.0.0.1 is answered by no location.db network, so its flag cells stay empty.
 */
class IpFireFlagsExportTest {
    private static final List<String> ADDRESSES = List.of("8.8.8.8", "1.10.16.1", "81.2.69.142", "10.0.0.1");

    private static List<NetEvent> events() {
        LocationDb db = LocationDb.open(DebianData.require(DebianData.LOCATION_DB, "libloc-database"));
        try (Enricher enricher = new Enricher(List.of(SpecialRanges.iana(), db))) {
            return ADDRESSES.stream().<NetEvent>map(a -> {
                Endpoint remote = Endpoint.of(Addresses.parse(a), 443);
                EventHeader h = new EventHeader(Instant.parse("2026-11-20T09:15:00Z"), Source.WFP, 4, "x.exe", null, 6,
                        Endpoint.of(Addresses.parse("192.168.1.10"), 50000), remote, Map.of(),
                        enricher.lookup(remote.address()), null);
                return new FirewallEvent(h, FirewallEventType.CLASSIFY_DROP, Direction.OUT, 1, "f", 2, "l", null);
            }).toList();
        }
    }

    private static String export(EventSink sink, StringWriter w, List<NetEvent> events) throws IOException {
        try (sink) {
            for (NetEvent e : events) sink.accept(e);
        }
        return w.toString();
    }

    @Test
    void csvCarriesTheFlags() throws IOException {
        StringWriter w = new StringWriter();
        String csv = export(new CsvSink(w), w, events());
        List<NamedCsvRecord> rows = CsvReader.builder().ofNamedCsvRecord(csv).stream().toList();
        assertEquals(List.of("false,false,true,false", "false,false,false,true", "false,false,false,false", ",,,"),
                rows.stream().map(r -> String.join(",", r.getField("anonymous_proxy"), r.getField("satellite_provider"),
                        r.getField("anycast"), r.getField("hostile_drop"))).toList());
        assertEquals("DROP (IPFire)", rows.get(1).getField("drop_id"));
        assertEquals("private", rows.get(3).getField("special"));
    }

    @Test
    void jsonLinesCarryTheFlagsAndReadThemBack() throws IOException {
        StringWriter w = new StringWriter();
        List<NetEvent> events = events();
        String[] lines = export(new JsonLinesSink(w), w, events).split("\n");
        JsonNode anycast = new ObjectMapper().readTree(lines[0]).get("enrichment");
        assertEquals(true, anycast.get("anycast").booleanValue());
        assertEquals(false, anycast.get("hostile_drop").booleanValue());
        assertEquals(true, new ObjectMapper().readTree(lines[1]).get("enrichment").get("hostile_drop").booleanValue());
        assertEquals(false, new ObjectMapper().readTree(lines[3]).get("enrichment").has("anycast"));
        for (int i = 0; i < lines.length; i++) assertEquals(events.get(i), EventJson.read(lines[i]));
    }
}
