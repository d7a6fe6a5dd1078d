package wstool.cli;

import wstool.core.fixtures.Fixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class FirewallCommandTest {
    @TempDir
    Path dir;

    private static Path shared(String relative) {
        return Fixtures.path(relative);
    }

    @Test
    void importOfRealNetEventToJsonl() throws Exception {
        Path out = dir.resolve("fw.jsonl");
        CliRun r = CliRun.of("firewall", "--import", shared("wfp/quarantine_classifyDrop_netEvent_wfpdiag.xml").toString(),
                "--jsonl", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(1, lines.size());
        String line = lines.get(0);
        assertTrue(line.contains("\"source\":\"WFP_IMPORT\""), line);
        assertTrue(line.contains("\"filter_id\":66241"), line);
        assertTrue(line.contains("10.195.33.252"), line);
        assertTrue(line.contains("Quarantine Default"), line);
    }

    @Test
    void restoreOptionsIsValidated() throws Exception {
        CliRun r = CliRun.of("firewall", "--restore-options", "--all");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--restore-options takes no other firewall option"), r.err());
        assumeFalse(DataDirs.isWindows());
        r = CliRun.of("firewall", "--restore-options");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--restore-options writes back Windows Filtering Platform options; it needs Windows"),
                r.err());
    }

    @Test
    void importWithFiltersAndCsv() throws Exception {
        Path xml = dir.resolve("netevents.xml");
        Files.writeString(xml, """
                <netEvents>
                 <item><header><timeStamp>2026-01-01T00:00:00Z</timeStamp><flags><item>FWPM_NET_EVENT_FLAG_REMOTE_ADDR_SET</item><item>FWPM_NET_EVENT_FLAG_APP_ID_SET</item></flags>
                  <remoteAddrV4>192.0.2.1</remoteAddrV4><appId><data>61002e00650078006500</data></appId></header>
                  <type>FWPM_NET_EVENT_TYPE_CLASSIFY_DROP</type></item>
                 <item><header><timeStamp>2026-01-01T00:00:01Z</timeStamp><flags><item>FWPM_NET_EVENT_FLAG_REMOTE_ADDR_SET</item><item>FWPM_NET_EVENT_FLAG_APP_ID_SET</item></flags>
                  <remoteAddrV6.byteArray16>2001:db8::1</remoteAddrV6.byteArray16><appId><data>62002e00650078006500</data></appId></header>
                  <type>FWPM_NET_EVENT_TYPE_CLASSIFY_DROP</type></item>
                </netEvents>""");
        Path csv = dir.resolve("fw.csv");
        CliRun r = CliRun.of("firewall", "--import", xml.toString(), "-6", "--csv", csv.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(2, rows.size(), rows.toString()); // header + the IPv6 event
        assertTrue(rows.get(1).contains("2001:db8::1"), rows.get(1));
        r = CliRun.of("firewall", "--import", xml.toString(), "--program", "a.exe", "--csv", csv.toString());
        assertEquals(0, r.exitCode(), r.err());
        rows = Files.readAllLines(csv);
        assertEquals(2, rows.size(), rows.toString());
        assertTrue(rows.get(1).contains("192.0.2.1"), rows.get(1));
    }

    @Test
    void truncatedImportKeepsCompleteEventsAndFails() throws Exception {
        String one = Files.readString(shared("wfp/uwp_case1_classifyAllow_netEvent_wfpdiag.xml"));
        one = one.substring(one.indexOf("<netEvent>"));
        Path xml = dir.resolve("cut.xml");
        Files.writeString(xml, "<wfpdiag><events>" + one + one.substring(0, one.length() / 2));
        Path out = dir.resolve("fw.jsonl");
        CliRun r = CliRun.of("firewall", "--import", xml.toString(), "--jsonl", out.toString());
        assertEquals(1, r.exitCode());
        assertEquals(1, Files.readAllLines(out).size());
        assertTrue(r.err().contains("ws_tool: error: cut.xml: truncated or malformed XML at line"), r.err());
    }

    @Test
    void hostileImportRefused() throws Exception {
        Path xml = dir.resolve("xxe.xml");
        Files.writeString(xml, "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><netEvents>&e;</netEvents>");
        CliRun r = CliRun.of("firewall", "--import", xml.toString(), "--no-tui");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("a DOCTYPE/DTD is not allowed"), r.err());
        assertTrue(!r.out().contains("root:"), "entity must never be expanded");
    }

    @Test
    void usageErrors() {
        CliRun r = CliRun.of("firewall", "--import", "x.xml", "--recent");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--recent and --all are for this machine's firewall"), r.err());
        r = CliRun.of("firewall", "--import", dir.resolve("missing.xml").toString(), "--no-tui");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("file not found"), r.err());
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "checks the message off Windows")
    void windowsOnlyOptionsOnLinuxPointToImport() {
        CliRun r = CliRun.of("firewall", "--recent", "--no-tui");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--recent and --all are for the Windows firewall") && r.err().contains("--import FILE"), r.err());
        assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("ws_tool")).count(), r.err());
    }
}
