package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.model.NetEvent;
import wstool.core.sink.EventJson;

class CommandsTest {
    @TempDir
    Path dir;

    static Path demo() {
        Path p = Path.of("..", "samples", "demo.jsonl");
        assertTrue(Files.isRegularFile(p), "samples/demo.jsonl is part of the repository");
        return p;
    }

    @Test
    void replayFiltersAndExportsBothFormats() throws Exception {
        Path csv = dir.resolve("drops.csv");
        Path jsonl = dir.resolve("drops.jsonl");
        CliRun r = CliRun.of("replay", demo().toString(), "--type", "drop", "--direction", "in",
                "--csv", csv.toString(), "--jsonl", jsonl.toString(), "--no-tui");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(jsonl);
        assertTrue(lines.size() > 10);
        for (String line : lines) {
            NetEvent e = EventJson.read(line);
            assertEquals("DROP", e.kind());
            assertEquals("IN", e.direction().name());
        }
        assertEquals(lines.size() + 1, Files.readAllLines(csv).size(), "header + one row per event");
        assertTrue(r.err().contains(lines.size() + " events shown"), r.err());
    }

    @Test
    void replayOfAnExportReproducesIt() throws Exception {
        Path first = dir.resolve("a.jsonl");
        Path second = dir.resolve("b.jsonl");
        assertEquals(0, CliRun.of("replay", demo().toString(), "--jsonl", first.toString()).exitCode());
        assertEquals(0, CliRun.of("replay", first.toString(), "--jsonl", second.toString()).exitCode());
        assertEquals(Files.readString(first), Files.readString(second));
    }

    @Test
    void replayKeepsTheRecordingsHostAndHostNameOverridesIt() throws Exception {
        Path plain = dir.resolve("plain.csv");
        Path named = dir.resolve("named.jsonl");
        Path renamed = dir.resolve("renamed.csv");
        assertEquals(0, CliRun.of("replay", demo().toString(), "--csv", plain.toString(), "--max-events", "5").exitCode());
        for (var row : de.siegmar.fastcsv.reader.CsvReader.builder().ofNamedCsvRecord(plain).stream().toList()) {
            assertEquals("", row.getField("host"), "a recording that names no machine: the replaying one is not claimed");
        }
        assertEquals(0, CliRun.of("replay", demo().toString(), "--jsonl", named.toString(), "--max-events", "5",
                "--host-name", "SENSOR-7").exitCode());
        List<String> lines = Files.readAllLines(named);
        assertEquals(5, lines.size());
        for (String l : lines) assertEquals("SENSOR-7", EventJson.read(l).header().host());
        assertEquals(0, CliRun.of("replay", named.toString(), "--csv", renamed.toString()).exitCode());
        for (var row : de.siegmar.fastcsv.reader.CsvReader.builder().ofNamedCsvRecord(renamed).stream().toList()) {
            assertEquals("SENSOR-7", row.getField("host"), "replay keeps the recorded host");
        }
    }

    @Test
    void ecsGoesToStdoutOnePerEventWithTheImportingMachineAsObserver() throws Exception {
        CliRun r = CliRun.of("replay", demo().toString(), "--ecs", "-", "--max-events", "7", "--host-name", "SENSOR-7");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(7, lines.size(), "only ECS on stdout, no text lines: " + r.out());
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String l : lines) {
            var d = json.readTree(l);
            assertEquals("9.4.0", d.at("/ecs/version").asText());
            assertEquals("SENSOR-7", d.at("/host/name").asText());
            assertEquals("ws_tool", d.at("/agent/type").asText());
            assertTrue(d.at("/observer/hostname").isTextual(), "a replay is observed, not this machine's own: " + l);
        }
    }

    @Test
    void syslogToACollectorThatIsDownKeepsTheMessagesInTheSpoolAndSaysSo() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path data = dir.resolve("data");
        CliRun r = CliRun.of("--data-dir", data.toString(), "replay", demo().toString(), "--max-events", "20",
                "--no-tui", "--syslog", "tcp://127.0.0.1:" + port);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("syslog tcp://127.0.0.1:" + port + ": 0 sent"), r.err());
        assertTrue(r.err().contains("0 lost"), r.err());
        Path spool = data.resolve("spool").resolve("syslog-tcp-127.0.0.1-" + port + ".spool");
        assertTrue(r.err().contains("left in " + spool), r.err());
        assertTrue(Files.size(spool) > 20 * 100, "20 messages wait for the next run");
        assertEquals(2, CliRun.of("replay", demo().toString(), "--syslog", "http://x").exitCode(), "a bad URL is a usage error");
    }

    @Test
    void servicesByPortProtoAndName() {
        CliRun r = CliRun.of("services", "3389/tcp", "53", "ssh", "1/dccp");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("3389/tcp     ms-wbt-server"), r.out());
        assertTrue(r.out().contains("53/udp       domain"), r.out());
        assertTrue(r.out().contains("22/tcp       ssh"), r.out());
        assertTrue(r.out().contains("1/dccp       (unassigned)"), r.out());
    }

    @Test
    void doctorReportsJavaOsPrivilegesAndConfig() throws Exception {
        Path cfg = Files.writeString(dir.resolve("c.properties"), "exclude = svchost.exe\n");
        CliRun r = CliRun.of("--config", cfg.toString(), "doctor");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Java         " + System.getProperty("java.version")), r.out());
        assertTrue(r.out().contains("privileges"), r.out());
        assertTrue(r.out().contains("config       " + cfg), r.out());
    }

    @Test
    void configFileGivesOptionDefaults() throws Exception {
        Path cfg = Files.writeString(dir.resolve("c.properties"), "type = dns\nmax-events = 3\n");
        Path out = dir.resolve("o.jsonl");
        CliRun r = CliRun.of("--config", cfg.toString(), "replay", demo().toString(), "--jsonl", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(3, lines.size());
        for (String l : lines) assertEquals("DNS", EventJson.read(l).kind());
    }
}
