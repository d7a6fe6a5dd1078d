package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16, end to end: outputs that must not mislead or act on the terminal. */
class MisleadCasesTest {
    @TempDir
    Path dir;

    private static final String DNS = "{\"class\":\"DNS\",\"timestamp\":\"2026-11-20T09:15:00.680345Z\",\"source\":\"ETW_DNS\","
            + "\"kind\":\"DNS\",\"pid\":7720,\"process\":\"cu\\nrl\\r.exe\",\"query\":\"evil\\u001b[2J.example\\u001b]0;owned\\u0007\","
            + "\"query_type\":1,\"status\":0,\"status_name\":\"SUCCESS\",\"results\":[\"93.184.216.34\"]}\n";

    private Path recording() throws Exception {
        Path rec = dir.resolve("hostile.jsonl");
        Files.writeString(rec, DNS);
        return rec;
    }

    /** Escape sequences and line breaks from a recording are shown escaped in the text output, never written raw. */
    @Test
    void controlCharactersOfARecordingNeverReachTheTerminal() throws Exception {
        CliRun r = CliRun.of("--data-dir", dir.resolve("data").toString(), "replay", recording().toString(), "--no-tui");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(1, lines.size(), "one event, one line: " + lines);
        assertTrue(lines.get(0).contains("evil\\x1b[2J.example\\x1b]0;owned\\x07 = 93.184.216.34"), lines.get(0));
        assertTrue(lines.get(0).contains("cu\\nrl\\r.exe[7720]"), lines.get(0));
        assertFalse(r.out().contains("\u001b") || r.err().contains("\u001b") || r.out().contains("\u0007"), r.out());
    }

    /** An error naming a file whose name holds escape sequences shows them escaped, both for usage and for runtime errors. */
    @Test
    void errorLinesNeverWriteAFileNamesControlCharactersRaw() throws Exception {
        CliRun missing = CliRun.of("--data-dir", dir.resolve("data").toString(), "replay",
                dir.resolve("gone\u001b[2J.jsonl").toString(), "--no-tui");
        assertEquals(1, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("gone\\x1b[2J.jsonl"), missing.err());
        assertFalse(missing.err().contains("\u001b"), missing.err());
        CliRun badOption = CliRun.of("replay", "--speed", "fast\u001b]0;owned\u0007");
        assertEquals(2, badOption.exitCode(), badOption.err());
        assertFalse(badOption.err().contains("\u001b") || badOption.err().contains("\u0007"), badOption.err());
    }

    /** Text lines say their zone; --utc puts them (and nothing else) in UTC, while CSV stays UTC anyway. */
    @Test
    void textTimesCarryTheirZoneAndUtcIsAnOption() throws Exception {
        CliRun utc = CliRun.of("--data-dir", dir.resolve("data").toString(), "--utc", "replay", recording().toString(), "--no-tui");
        assertEquals(0, utc.exitCode(), utc.err());
        assertTrue(utc.out().startsWith("2026-11-20 09:15:00.680345Z  DNS"), utc.out());
        CliRun local = CliRun.of("--data-dir", dir.resolve("data").toString(), "replay", recording().toString(), "--no-tui");
        String offset = java.time.format.DateTimeFormatter.ofPattern("XXX")
                .format(java.time.Instant.parse("2026-11-20T09:15:00.680345Z").atZone(java.time.ZoneId.systemDefault()));
        assertTrue(local.out().lines().findFirst().orElse("").substring(0, 40).contains(".680345" + offset + "  DNS"),
                "local time with its offset " + offset + ": " + local.out());
    }

    /** The job summary says when addresses were not checked against DROP, and says nothing when they were. */
    @Test
    void summarySaysDropWasNotChecked() throws Exception {
        CliRun r = CliRun.of("--data-dir", dir.resolve("data").toString(), "replay", recording().toString(), "--no-tui");
        assertTrue(r.err().contains("DROP: not checked: no DROP list loaded (run `ws_tool update` or pass --drop)"), r.err());
        Path drop = dir.resolve("drop.txt");
        Files.writeString(drop, "1.10.16.0/20 ; SBL256894\n");
        CliRun d = CliRun.of("--data-dir", dir.resolve("data").toString(), "replay", recording().toString(), "--no-tui",
                "--drop", drop.toString());
        assertEquals(0, d.exitCode(), d.err());
        assertFalse(d.err().contains("not checked"), d.err());
    }

    /** A colour value that is not one is a usage error naming the file and the key, also when output is not a terminal. */
    @Test
    void badColourInTheConfigIsAUsageError() throws Exception {
        Path cfg = dir.resolve("ws_tool.properties");
        Files.writeString(cfg, "color.allow = 31m\\u001b[2J\n");
        CliRun r = CliRun.of("--config", cfg.toString(), "--data-dir", dir.resolve("data").toString(), "replay",
                recording().toString(), "--no-tui");
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains(cfg.toString()) && r.err().contains("color.allow = '31m\\x1b[2J' is not a colour"), r.err());
        assertFalse(r.err().contains("\u001b"), r.err());
        Files.writeString(cfg, "color.allow = bold green\n");
        CliRun ok = CliRun.of("--config", cfg.toString(), "--data-dir", dir.resolve("data").toString(), "replay",
                recording().toString(), "--no-tui");
        assertEquals(0, ok.exitCode(), ok.err());
    }

    /** doctor lists the data dir's files: a name with an escape sequence is shown escaped. */
    @Test
    void doctorEscapesFileNames() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("evil\u001b]0;owned\u0007.txt"), "x");
        CliRun r = CliRun.of("--data-dir", data.toString(), "doctor");
        assertTrue(r.out().contains("evil\\x1b]0;owned\\x07.txt"), r.out());
        assertFalse(r.out().contains("\u001b") || r.out().contains("\u0007"), r.out());
    }
}
