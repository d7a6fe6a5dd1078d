package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.fixtures.Fixtures;
import wstool.core.model.NetEvent;
import wstool.core.sink.EventJson;

/**
 * {@code monitor} offline, end to end. samples/demo.jsonl's verdicts carry no pid (as WFP's); the script that wrote
 * it also wrote samples/demo.expected.json: which pid each verdict belongs to, and every connection's flow with its
 * bytes, outcome, hostname and Community ID (computed by the script, apart from ws_tool).
 */
class MonitorCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void demoRecordingGivesTheKnownCorrelations() throws Exception {
        Path events = dir.resolve("events.jsonl");
        Path flows = dir.resolve("flows.jsonl");
        CliRun r = CliRun.of("monitor", "--replay", CommandsTest.demo().toString(), "--jsonl", events.toString(),
                "--flows", flows.toString(), "--no-tui");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode expected = JSON.readTree(CommandsTest.demo().resolveSibling("demo.expected.json").toFile());

        Map<String, NetEvent> verdicts = new HashMap<>();
        for (String line : Files.readAllLines(events)) {
            NetEvent e = EventJson.read(line);
            if (e.eventClass() == wstool.core.model.EventClass.FIREWALL) verdicts.put(e.header().timestamp().toString(), e);
        }
        assertEquals(expected.get("verdicts").size(), verdicts.size());
        int correlated = 0;
        for (JsonNode v : expected.get("verdicts")) {
            NetEvent e = verdicts.get(java.time.Instant.parse(v.get("timestamp").asText()).toString());
            assertNotNull(e, "verdict at " + v.get("timestamp"));
            if (v.get("pid").isNull()) {
                assertFalse(e.header().attributed(), "no socket event, no pid: " + v);
                assertNull(e.header().correlation().pidSource());
            } else {
                assertEquals(v.get("pid").asLong(), e.header().pid(), "verdict at " + v.get("timestamp"));
                assertEquals(wstool.core.model.PidSource.CORRELATED, e.header().correlation().pidSource());
                correlated++;
            }
        }
        assertEquals(139, correlated);

        Map<String, JsonNode> byTuple = new HashMap<>();
        List<String> lines = Files.readAllLines(flows);
        for (String line : lines) {
            JsonNode f = JSON.readTree(line);
            byTuple.put(f.path("local_port").asText() + " " + f.get("remote_address").asText() + " "
                    + f.get("remote_port").asText(), f);
        }
        assertEquals(expected.get("flows").size() + expected.get("firewall_only_flows").asInt(), lines.size());
        for (JsonNode x : expected.get("flows")) {
            String key = x.get("local_port").asText() + " " + wstool.core.net.Addresses.text(wstool.core.net.Addresses
                    .parse(x.get("remote_address").asText())) + " " + x.get("remote_port").asText();
            JsonNode f = byTuple.get(key);
            assertNotNull(f, "flow " + key);
            assertEquals(x.get("pid").asLong(), f.get("pid").asLong(), key);
            assertEquals(x.get("out_bytes").asLong(), f.get("out_bytes").asLong(), key);
            assertEquals(x.get("in_bytes").asLong(), f.get("in_bytes").asLong(), key);
            assertEquals(x.get("outcome").asText(), f.get("outcome").asText(), key);
            assertEquals(x.get("hostname").asText(), f.get("hostname").asText(), key);
            assertEquals(x.get("community_id").asText(), f.get("community_id").asText(), key);
            assertEquals(1, f.get("verdicts").asInt(), key);
            if (!x.get("filter_id").isNull()) assertEquals(x.get("filter_id").asLong(), f.get("filter_id").asLong(), key);
            assertEquals("OUT", f.get("direction").asText());
        }
        assertTrue(r.err().contains("correlation: 139 firewall verdicts matched to their socket event, 101 not; 240 flows"), r.err());
    }

    @Test
    void flowsCsvAndItsColumns() throws Exception {
        Path flows = dir.resolve("flows.csv");
        CliRun r = CliRun.of("monitor", "--replay", CommandsTest.demo().toString(), "--flows", flows.toString(),
                "--no-tui", "--csv", dir.resolve("e.csv").toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(flows);
        assertEquals(String.join(",", wstool.correlate.FlowFields.NAMES), lines.get(0));
        assertEquals(241, lines.size());
    }

    @Test
    void aStateDumpGivenAsImportSaysWhatItIs() {
        Path state = Fixtures.path("wfp/keploy_wfpstate.xml");
        CliRun r = CliRun.of("firewall", "--import", state.toString(), "--no-tui");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("keploy_wfpstate.xml is a 'netsh wfp show state' dump"), r.err());
        r = CliRun.of("monitor", "--import", state.toString(), "--no-tui");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("Give it as --wfp-state keploy_wfpstate.xml"), r.err());
    }

    /**
     * netsh writes its XML in UTF-8 or UTF-16: the input check of --import (firewall and monitor alike) and
     * --wfp-state takes a UTF-16 file by its byte order mark, as the XML reader does.
     */
    @Test
    void utf16NetshXmlPassesTheInputCheck() throws Exception {
        String events = Files.readString(Fixtures.path("wfp/quarantine_classifyDrop_netEvent_wfpdiag.xml"));
        String filters = Files.readString(Fixtures.path("wfp/libgrabber_wfpfilters.xml")).replace("\ufeff", "")
                .replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
        for (java.nio.charset.Charset cs : List.of(java.nio.charset.StandardCharsets.UTF_16LE,
                java.nio.charset.StandardCharsets.UTF_16BE)) {
            Path xml = Files.write(dir.resolve("netevents-" + cs + ".xml"), ("\ufeff" + events).getBytes(cs));
            Path state = Files.write(dir.resolve("filters-" + cs + ".xml"), ("\ufeff" + filters).getBytes(cs));
            CliRun f = CliRun.of("firewall", "--import", xml.toString(), "--no-tui");
            assertEquals(0, f.exitCode(), f.err());
            assertTrue(f.err().contains("1 events shown of 1 received"), f.err());
            CliRun m = CliRun.of("monitor", "--import", xml.toString(), "--wfp-state", state.toString(), "--no-tui");
            assertEquals(0, m.exitCode(), m.err());
            assertTrue(m.err().contains("1 flow written"), m.err());
        }
    }

    @Test
    void importWithAStateDumpAndAFlowsFileThatIsAnInputIsRefused() throws Exception {
        Path events = Fixtures.path("wfp/quarantine_classifyDrop_netEvent_wfpdiag.xml");
        CliRun r = CliRun.of("monitor", "--import", events.toString(), "--wfp-state",
                Fixtures.path("wfp/libgrabber_wfpfilters.xml").toString(), "--no-tui", "--jsonl", dir.resolve("x.jsonl").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("1 flow written"), r.err());
        r = CliRun.of("monitor", "--import", events.toString(), "--flows", events.toString(), "--no-tui");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--flows " + events + " is the input " + events + " itself"), r.err());
        r = CliRun.of("monitor", "--import", events.toString(), "--wfp-state", events.toString(), "--no-tui");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("quarantine_classifyDrop_netEvent_wfpdiag.xml: not netsh wfp state or filters XML"), r.err());
    }
}
