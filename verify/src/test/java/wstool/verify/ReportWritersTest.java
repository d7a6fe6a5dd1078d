package wstool.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wstool.core.model.SocketOp.CLOSE;
import static wstool.core.model.SocketOp.CONNECT;
import static wstool.core.model.SocketOp.CREATE;
import static wstool.core.model.SocketOp.SEND;
import static wstool.verify.Ev.at;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWritersTest {
    @TempDir
    Path dir;

    /** pid 100: a use after close and a leak at exit; pid 200: refused connects; no Kernel-Network style gaps. */
    static VerifyReport sample() {
        return SocketVerifierTest.run(SocketVerifierTest.seq(
                SocketVerifierTest.call(0, CREATE, 0x10L), SocketVerifierTest.call(10, CLOSE, 0x10L),
                at(20, SEND).id(0x10L).start().buffer(8),
                SocketVerifierTest.call(30, CREATE, 0x20L),
                at(40, CONNECT).pid(200).process("C:\\b|c*.exe").id(0x30L).complete().remote("192.0.2.5", 25)
                        .status(0xC0000236L, "STATUS_CONNECTION_REFUSED"),
                at(41, CONNECT).pid(200).process("C:\\b|c*.exe").id(0x30L).complete().remote("192.0.2.5", 25)
                        .status(0xC0000236L, "STATUS_CONNECTION_REFUSED"),
                SocketVerifierTest.exit(50, 100)));
    }

    @Test
    void jsonHasSummaryChecksProcessesFindingsAndEvidence() throws Exception {
        Path json = dir.resolve("report.json");
        Path md = ReportFiles.write(sample(), json);
        assertEquals(dir.resolve("report.md"), md);
        JsonNode n = new ObjectMapper().readTree(json.toFile());
        assertEquals(1, n.get("format_version").asInt());
        assertEquals(2, n.at("/summary/errors").asInt());
        assertEquals(1, n.at("/summary/warnings").asInt());
        assertEquals(1, n.at("/summary/infos").asInt(), "pid 200's socket 0x30 was never created in the trace");
        assertEquals(9, n.get("checks").size());
        assertEquals("WS001", n.at("/checks/0/code").asText());
        assertEquals("LEAKED_SOCKET", n.at("/checks/0/name").asText());
        assertTrue(n.at("/checks/0/ran").asBoolean());
        assertFalse(n.at("/checks/8/ran").asBoolean());
        assertEquals("no listen events with socket ids", n.at("/checks/8/reason").asText());

        assertEquals(2, n.get("processes").size());
        JsonNode p100 = n.at("/processes/0");
        assertEquals(100, p100.get("pid").asLong());
        assertEquals("C:\\app\\client.exe", p100.get("process").asText());
        assertEquals("WS001", p100.at("/findings/0/code").asText(), "ordered by code within a process");
        assertEquals("error", p100.at("/findings/0/severity").asText());
        assertEquals(0x20, p100.at("/findings/0/endpoint_id").asLong());
        assertEquals("2026-11-20T10:00:00.030Z", p100.at("/findings/0/details/created").asText());
        assertEquals("WS002", p100.at("/findings/1/code").asText());
        assertEquals("2026-11-20T10:00:00.010Z", p100.at("/findings/1/evidence/0/timestamp").asText());
        assertEquals("CLOSE START (socket closed)", p100.at("/findings/1/evidence/0/event").asText());
        assertEquals("SEND START after close", p100.at("/findings/1/evidence/1/event").asText());
        JsonNode p200 = n.at("/processes/1");
        assertEquals("WS003", p200.at("/findings/0/code").asText());
        JsonNode refused = p200.at("/findings/1");
        assertEquals("FAILED_OPERATIONS", refused.get("name").asText());
        assertEquals(2, refused.get("count").asInt());
        assertEquals("2026-11-20T10:00:00.040Z", refused.get("first").asText());
        assertEquals("2026-11-20T10:00:00.041Z", refused.get("last").asText());
        assertEquals("STATUS_CONNECTION_REFUSED", refused.at("/details/status").asText());
        assertTrue(n.at("/stats/events").asLong() >= 10);
    }

    @Test
    void markdownGroupsByProcessAndEscapesTables() throws Exception {
        Path md = ReportFiles.write(sample(), dir.resolve("verify"));
        assertEquals(dir.resolve("verify.md"), md);
        assertTrue(Files.exists(dir.resolve("verify")), "JSON written under the given name");
        String text = Files.readString(md);
        assertTrue(text.startsWith("# ws_tool socket verification\n\n**2 errors, 1 warning, 1 info**"), text);
        int p100 = text.indexOf("## pid 100 C:\\\\app\\\\client.exe");
        int p200 = text.indexOf("## pid 200 C:\\\\b|c\\*.exe");
        assertTrue(p100 > 0 && p200 > p100, text);
        assertTrue(text.indexOf("### WS001 LEAKED_SOCKET (error) `0x20") > p100);
        assertTrue(text.indexOf("### WS002 USE_AFTER_CLOSE (error)") > text.indexOf("### WS001"));
        assertTrue(text.contains("| 2026-11-20T10:00:00.020Z | SEND START after close |"), text);
        assertTrue(text.contains("| WS009 LISTEN_ALL_INTERFACES | warning | **no** | no listen events with socket ids |"), text);
        assertTrue(text.contains("- count: 2\n- first: 2026-11-20T10:00:00.040Z, last: 2026-11-20T10:00:00.041Z"), text);
    }

    @Test
    void textForTheTerminal() {
        VerifyReport r = sample();
        String text = new ReportText(ZoneOffset.UTC).render(r);
        String[] lines = text.split("\\R");
        assertEquals("Socket verification: 2 errors, 1 warning, 1 info (2026-11-20 10:00:00.000000Z .. 2026-11-20 10:00:00.050000Z)", lines[0]);
        assertTrue(text.contains("pid 100 C:\\app\\client.exe\n  WS001 LEAKED_SOCKET  error  0x20 TCP".replace("\n", System.lineSeparator())), text);
        assertTrue(text.contains("  WS004 FAILED_OPERATIONS  warning  x2"), text);
        assertTrue(text.contains(("      2026-11-20 10:00:00.010000Z  CLOSE START (socket closed)\n"
                + "      2026-11-20 10:00:00.020000Z  SEND START after close\n").replace("\n", System.lineSeparator())), text);
        assertTrue(text.contains("Checks that could not run for lack of events:"), text);
        assertTrue(text.contains("  WS009 LISTEN_ALL_INTERFACES: no listen events with socket ids"), text);
    }

    /** A process name with a newline and an escape sequence (from a capture) is shown escaped in both reports. */
    @Test
    void controlCharactersInTheCaptureAreEscapedInTheReports() {
        VerifyReport r = SocketVerifierTest.run(SocketVerifierTest.seq(
                at(40, CONNECT).pid(300).process("C:\\evil\n\u001b]0;owned\u0007.exe").id(0x30L).complete()
                        .remote("192.0.2.5", 25).status(0xC0000236L, "STATUS_CONNECTION_REFUSED\u001b[2J")));
        String text = new ReportText(ZoneOffset.UTC).render(r);
        String md = ReportMarkdown.render(r);
        assertTrue(text.contains("evil\\n\\x1b]0;owned\\x07.exe"), text);
        assertTrue(md.contains("evil\\\\n\\\\x1b]0;owned\\\\x07.exe"), "Markdown shows the backslash: " + md);
        for (String out : new String[] {text, md}) {
            assertFalse(out.contains("\u001b") || out.contains("\u0007") || out.contains("evil\n"), out);
        }
    }

    @Test
    void notesAddedAfterTheEndAppearInTheReport() {
        SocketVerifier v = new SocketVerifier();
        v.close();
        v.note("12 events were lost at the source: findings may be artefacts");
        assertEquals(1, v.report().notes().size());
        assertTrue(new ReportText(ZoneOffset.UTC).render(v.report()).contains("Note: 12 events were lost"));
        assertTrue(ReportMarkdown.render(v.report()).contains("## Notes\n\n- 12 events were lost"));
    }

    @Test
    void aMarkdownNameIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReportFiles.write(sample(), dir.resolve("r.md")));
        assertTrue(e.getMessage().contains("takes the JSON file name"));
    }
}
