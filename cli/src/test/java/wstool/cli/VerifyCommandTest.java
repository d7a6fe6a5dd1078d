package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.EventHeader;
import wstool.core.model.NetEvent;
import wstool.core.model.ProcessExit;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.core.sink.JsonLinesSink;

/** {@code replay --verify}: the verifier end to end through the CLI, the pipeline and the report files. */
class VerifyCommandTest {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;

    static SocketEvent ev(long ms, long pid, SocketOp op, CallPhase phase, long id, long status, String statusName) {
        EventHeader h = new EventHeader(T0.plusMillis(ms), Source.ETW_AFD, pid, "C:\\app\\client.exe", null, 6,
                null, null, null, null);
        return new SocketEvent(h, op, phase, Direction.OUT, id, 2, 1, -1, -1, status, statusName);
    }

    static SocketEvent ok(long ms, SocketOp op, CallPhase phase, long id) {
        return ev(ms, 100, op, phase, id, 0, "STATUS_SUCCESS");
    }

    private Path recording(String name, NetEvent... events) throws IOException {
        Path p = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8); JsonLinesSink sink = new JsonLinesSink(w)) {
            for (NetEvent e : events) sink.accept(e);
        }
        return p;
    }

    private Path cleanTrace() throws IOException {
        return recording("clean.jsonl",
                ok(0, SocketOp.CREATE, CallPhase.START, 0x10), ok(1, SocketOp.CREATE, CallPhase.COMPLETE, 0x10),
                ok(2, SocketOp.SEND, CallPhase.START, 0x10), ok(3, SocketOp.SEND, CallPhase.COMPLETE, 0x10),
                ok(4, SocketOp.CLOSE, CallPhase.START, 0x10), ok(5, SocketOp.CLOSE, CallPhase.COMPLETE, 0x10));
    }

    private Path useAfterCloseTrace() throws IOException {
        return recording("bad.jsonl",
                ok(0, SocketOp.CREATE, CallPhase.START, 0x10), ok(1, SocketOp.CREATE, CallPhase.COMPLETE, 0x10),
                ok(4, SocketOp.CLOSE, CallPhase.START, 0x10), ok(5, SocketOp.CLOSE, CallPhase.COMPLETE, 0x10),
                ok(6, SocketOp.SEND, CallPhase.START, 0x10),
                ok(7, SocketOp.CREATE, CallPhase.START, 0x20), ok(8, SocketOp.CREATE, CallPhase.COMPLETE, 0x20),
                ProcessExit.of(T0.plusMillis(9), Source.ETW_AFD, 100, "C:\\app\\client.exe", 0));
    }

    @Test
    void aCleanTraceExitsZero() throws Exception {
        CliRun r = CliRun.of("replay", cleanTrace().toString(), "--verify", "--no-tui");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("Socket verification: no findings"), r.err());
        assertTrue(r.err().contains("Checks that could not run for lack of events:"), r.err());
        assertTrue(r.err().contains("  WS008 DROP_LISTED_PEER: no event with a remote address"), r.err());
        assertFalse(r.err().contains("  WS002 USE_AFTER_CLOSE:"), "the lifecycle checks ran: " + r.err());
    }

    @Test
    void anErrorFindingExitsThreeAndIsPrintedAfterTheSummary() throws Exception {
        CliRun r = CliRun.of("replay", useAfterCloseTrace().toString(), "--verify", "--jsonl", dir.resolve("o.jsonl").toString());
        assertEquals(3, r.exitCode(), r.err());
        int summary = r.err().indexOf("events shown");
        int report = r.err().indexOf("Socket verification: 2 errors, 0 warnings, 0 info");
        assertTrue(summary >= 0 && report > summary, r.err());
        assertTrue(r.err().contains("pid 100 C:\\app\\client.exe"), r.err());
        assertTrue(r.err().contains("  WS001 LEAKED_SOCKET  error  0x20"), r.err());
        assertTrue(r.err().contains("  WS002 USE_AFTER_CLOSE  error  0x10"), r.err());
        assertEquals(8, Files.readAllLines(dir.resolve("o.jsonl")).size(), "the outputs still get every event");
    }

    @Test
    void verifyReportWritesJsonAndMarkdownAndImpliesVerify() throws Exception {
        Path json = dir.resolve("findings.json");
        CliRun r = CliRun.of("replay", useAfterCloseTrace().toString(), "--verify-report", json.toString(), "--no-tui");
        assertEquals(3, r.exitCode(), r.err());
        JsonNode n = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, n.at("/summary/errors").asInt());
        assertEquals("WS001", n.at("/processes/0/findings/0/code").asText());
        assertEquals("WS002", n.at("/processes/0/findings/1/code").asText());
        String md = Files.readString(dir.resolve("findings.md"));
        assertTrue(md.contains("### WS002 USE_AFTER_CLOSE (error)"), md);
        assertTrue(r.err().contains("verification report: " + json + " and " + dir.resolve("findings.md")), r.err());
    }

    @Test
    void filteredEventsAreNotedAndFailuresStillWin() throws Exception {
        CliRun r = CliRun.of("replay", useAfterCloseTrace().toString(), "--verify", "--no-tui", "--type", "socket");
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains("Note: 1 event was filtered out before the checks"), r.err());
        assertTrue(r.err().contains("WS002 USE_AFTER_CLOSE"), "the use after close is still found");
        assertFalse(r.err().contains("WS001 LEAKED_SOCKET  error"), "the exit signal was filtered: the leak is only a warning at trace end");

        Path broken = Files.writeString(dir.resolve("broken.jsonl"), Files.readString(useAfterCloseTrace()) + "not json\n");
        CliRun failed = CliRun.of("replay", broken.toString(), "--verify", "--no-tui");
        assertEquals(1, failed.exitCode(), "a failed job exits 1 even with error findings");
        assertTrue(failed.err().contains("Note: the trace ended early with an error"), failed.err());
    }

    @Test
    void aMarkdownReportNameIsAUsageError() throws Exception {
        CliRun r = CliRun.of("replay", cleanTrace().toString(), "--verify-report", dir.resolve("r.md").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--verify-report: the report is named by its JSON file"), r.err());
    }

    /** samples/verify-demo.jsonl: one of each finding, plus the address-reuse near miss (known answers). */
    @Test
    void theVerifyDemoHasOneOfEachFinding() throws Exception {
        Path json = dir.resolve("v.json");
        CliRun r = CliRun.of("replay", Path.of("..", "samples", "verify-demo.jsonl").toString(), "--verify-report",
                json.toString(), "--no-tui");
        assertEquals(3, r.exitCode(), r.err());
        JsonNode n = new ObjectMapper().readTree(json.toFile());
        StringBuilder got = new StringBuilder();
        for (JsonNode p : n.get("processes")) {
            for (JsonNode f : p.get("findings")) {
                got.append(p.get("pid").asLong()).append(' ').append(f.get("code").asText()).append(' ')
                   .append(f.get("severity").asText()).append(' ').append(f.get("count").asLong()).append('\n');
            }
        }
        assertEquals("""
                4242 WS001 error 1
                4242 WS002 error 1
                4242 WS004 warning 1
                4242 WS004 warning 3
                5150 WS001 warning 1
                5150 WS003 info 3
                5150 WS005 error 1
                5150 WS007 info 1
                5150 WS008 error 1
                5150 WS009 warning 1
                """, got.toString());
        for (JsonNode c : n.get("checks")) assertTrue(c.get("ran").asBoolean(), c.toString());
        assertEquals("SBL000001", n.at("/processes/1/findings/4/details/dropId").asText());
        assertEquals("0.0.0.0:8080", n.at("/processes/1/findings/5/details/local").asText());
        assertEquals("1024", n.at("/processes/1/findings/2/details/posted").asText());
        assertEquals("4096", n.at("/processes/1/findings/2/details/bytes").asText());
        assertEquals("STATUS_CONNECTION_REFUSED", n.at("/processes/0/findings/3/details/status").asText());
        assertEquals("200", n.at("/processes/0/findings/0/details/bytesSent").asText());
    }

    @Test
    void theDemoRecordingVerifies() {
        CliRun r = CliRun.of("replay", CommandsTest.demo().toString(), "--verify", "--no-tui");
        assertTrue(r.exitCode() == 0 || r.exitCode() == 3, r.err());
        assertTrue(r.err().contains("Socket verification: "), r.err());
        assertEquals(r.exitCode() == 3, r.err().contains(" error "), r.err());
    }
}
