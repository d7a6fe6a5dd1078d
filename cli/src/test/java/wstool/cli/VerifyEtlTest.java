package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trace --etl --verify} on the real Kernel-Network capture: no AFD events, so the report says what could not run. */
class VerifyEtlTest {
    @TempDir
    Path dir;

    @Test
    void kernelNetworkCaptureReportsWhichChecksCouldNotRun() throws Exception {
        Path json = dir.resolve("verify.json");
        CliRun r = CliRun.of("trace", "--etl", EtlCommandsTest.etl().toString(), "--all",
                "--verify-report", json.toString(), "--csv", dir.resolve("out.csv").toString(),
                "--data-dir", dir.resolve("empty-data").toString());   // embedded GeoLite2 only: no DROP list
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("8,923 events shown"), r.err());
        assertTrue(r.err().contains("Socket verification: no findings (2012-06-19 "), r.err());
        assertTrue(r.err().contains("WS001 LEAKED_SOCKET: no socket create/close events with socket ids"), r.err());
        JsonNode n = new ObjectMapper().readTree(json.toFile());
        assertEquals(0, n.at("/summary/findings").asInt());
        assertEquals("2012-06-19T20:33:53.013979527Z", n.get("trace_start").asText());
        for (JsonNode c : n.get("checks")) {
            assertFalse(c.get("ran").asBoolean(), c.toString());
            assertFalse(c.get("reason").asText().isBlank());
        }
        assertEquals("no event carries a call result (status)", n.at("/checks/3/reason").asText());
        assertTrue(n.at("/checks/7/reason").asText().startsWith("no Spamhaus DROP list loaded"), n.at("/checks/7").toString());
        assertEquals(8923, n.at("/stats/socket events").asLong());
        assertTrue(Files.readString(dir.resolve("verify.md")).contains("| WS001 LEAKED_SOCKET | error | **no** |"));
    }
}
