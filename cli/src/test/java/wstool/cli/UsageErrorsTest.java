package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageErrorsTest {
    @TempDir
    Path dir;

    private void assertUsage(String expected, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(expected), "stderr should say '" + expected + "' but was: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without -v: " + r.err());
    }

    @Test
    void parseErrorsExitTwoWithOneClearSentence() {
        assertUsage("Unknown option: '--bogus'", "replay", "x.jsonl", "--bogus");
        assertUsage("Missing required parameter: 'FILE'", "replay");
        assertUsage("'5 minutes' is not a duration", "replay", "x.jsonl", "--duration", "5 minutes");
        assertUsage("Unmatched argument at index 0: 'frobnicate'", "frobnicate");
        assertUsage("a command is required", new String[0]);
        assertUsage("-4, -6 are mutually exclusive", "replay", "x.jsonl", "-4", "-6");
    }

    @Test
    void badOptionValuesFoundAfterParsingAlsoExitTwo() throws Exception {
        Path f = Files.writeString(dir.resolve("empty.jsonl"), "");
        assertUsage("prefix length 99 out of range 0-32", "replay", f.toString(), "--exclude", "10.0.0.0/99", "--no-tui");
        assertUsage("unknown IP protocol 'tpc'", "replay", f.toString(), "--proto", "tpc", "--no-tui");
        assertUsage("'70000' is not a port 0-65535", "services", "70000");
        assertUsage("unknown transport 'xyz'", "services", "80/xyz");
    }

    @Test
    void runtimeFailuresExitOne() throws Exception {
        CliRun missing = CliRun.of("replay", dir.resolve("nope.jsonl").toString(), "--no-tui");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("ws_tool: error: file not found: "), missing.err());

        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"class\":\"DNS\",\"timestamp\":\"2026-01-01T00:00:00Z\","
                + "\"source\":\"ETW_DNS\",\"query\":\"a.example\"}\nnot json\n");
        Path csv = dir.resolve("out.csv");
        CliRun broken = CliRun.of("replay", bad.toString(), "--csv", csv.toString());
        assertEquals(1, broken.exitCode());
        assertTrue(broken.err().contains("bad.jsonl line 2: not valid JSON"), broken.err());
        assertEquals(2, Files.readAllLines(csv).size(), "the event before the bad line is still exported");
    }

    @Test
    void missingExplicitConfigIsAUsageError() {
        assertUsage("config file", "--config", dir.resolve("none.properties").toString(), "doctor");
    }

    @Test
    void helpAndVersionWork() {
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("replay") && help.out().contains("services") && help.out().contains("doctor"));
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("ws_tool "), version.out());
        assertEquals(0, CliRun.of("replay", "--help").exitCode());
    }

    /** The backends say what Windows refused; the command line adds whom to run as (issue 13: typed errors, cli words). */
    @Test
    void privilegeErrorsAreWordedAsAdviceByTheCommandLine() {
        var denied = wstool.win32.Win32Errors.failure(5, "StartTraceW", "cannot start the ETW session s",
                "Administrator or a member of Performance Log Users");
        assertEquals(denied.getMessage() + "; run ws_tool as Administrator or a member of Performance Log Users",
                ExitCodes.describe(denied));
        var other = wstool.win32.Win32Errors.failure(1450, "StartTraceW", "cannot start", "Administrator");
        assertEquals(other.getMessage(), ExitCodes.describe(other));
    }
}
