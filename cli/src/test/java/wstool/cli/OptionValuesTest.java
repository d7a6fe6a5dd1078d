package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.sink.EventJson;

/** Option and config values are checked where they are parsed: a bad one is exit 2 with the allowed range. */
class OptionValuesTest {
    @TempDir
    Path dir;

    private static CliRun usage(String expected, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(expected), "stderr should say '" + expected + "' but was: " + r.err());
        assertTrue(r.err().startsWith("ws_tool: error: "), "one message format: " + r.err());
        assertTrue(r.err().contains("Try 'ws_tool "), "usage errors point to --help: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        return r;
    }

    private static String demo() { return CommandsTest.demo().toString(); }

    @Test
    void countsPidsTypesSpeedsBuffersAndDurationsOutOfRangeAreUsageErrors() {
        usage("'0' is out of range: 1 to 9223372036854775807", "replay", demo(), "--max-events", "0", "--no-tui");
        usage("'-3' is out of range: 1 to 9223372036854775807", "replay", demo(), "--max-events", "-3", "--no-tui");
        usage("'-5' is not a process id (1 to 4294967295)", "replay", demo(), "--pid", "-5", "--no-tui");
        CliRun type = usage("'bogus' is not an event type (use ", "replay", demo(), "--type", "bogus", "--no-tui");
        assertTrue(type.err().contains("allow") && type.err().contains("connect") && type.err().contains("dns"), type.err());
        for (String speed : List.of("Infinity", "NaN", "-1")) {
            usage("'" + speed + "' is out of range: 0 (as fast as possible) or a finite factor", "replay", demo(), "--speed", speed);
        }
        usage("'0' is out of range: the view keeps 1 to 10,000,000 events", "replay", demo(), "--buffer", "0", "--no-tui");
        usage("'99999999999h' is out of range: a duration is 1ms to 106751d", "replay", demo(), "--duration", "99999999999h");
    }

    @Test
    void updateOnlyIsRepeatableAsTheReadmeShows() {
        CliRun r = CliRun.of("--data-dir", dir.toString(), "update", "--offline", "--only", "dbip-city", "--only", "spamhaus-drop-v4");
        assertEquals(0, r.exitCode(), r.err());
        List<String> feeds = r.out().lines().filter(l -> !l.startsWith("data dir")).map(l -> l.split("\\s+")[0]).toList();
        assertEquals(List.of("dbip-city", "spamhaus-drop-v4"), feeds, r.out());
        usage("--only: no data feed named 'nope'", "--data-dir", dir.toString(), "update", "--offline", "--only", "dbip-city", "--only", "nope");
    }

    @Test
    void configKeysTakeTheCommandPrefixTheReadmeDocuments() throws Exception {
        Path cfg = Files.writeString(dir.resolve("c.properties"), "# replay only\nreplay.max-events = 2\ntrace.max-events = 9\n");
        Path out = dir.resolve("o.jsonl");
        CliRun r = CliRun.of("--config", cfg.toString(), "replay", demo(), "--jsonl", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(2, Files.readAllLines(out).size());
        for (String l : Files.readAllLines(out)) EventJson.read(l);
        CliRun speed = CliRun.of("--config", Files.writeString(dir.resolve("s.properties"), "replay.speed = 1\n").toString(),
                "replay", demo(), "--max-events", "1", "--jsonl", out.toString());
        assertEquals(0, speed.exitCode(), speed.err());
    }

    @Test
    void unknownConfigKeysAndBadValuesNameTheFileAndLine() throws Exception {
        Path typo = Files.writeString(dir.resolve("typo.properties"), "exclude = svchost.exe\n\n# speed\nreplay.spede = 1\n");
        usage("config file " + typo + " line 4: 'replay.spede' is not an option", "--config", typo.toString(), "replay", demo());
        Path cmd = Files.writeString(dir.resolve("cmd.properties"), "replya.speed = 1\n");
        usage("line 1: 'replya.speed' is not an option ('replya' is not a command)", "--config", cmd.toString(), "doctor");
        Path bad = Files.writeString(dir.resolve("bad.properties"), "exclude = svchost.exe\nreplay.speed = NaN\n");
        CliRun r = usage("config file " + bad + " line 2: replay.speed = NaN: ", "--config", bad.toString(), "replay", demo(), "--no-tui");
        assertTrue(r.err().contains("'NaN' is out of range"), r.err());
        Path max = Files.writeString(dir.resolve("max.properties"), "max-events = 0\n");
        usage("config file " + max + " line 1: max-events = 0: ", "--config", max.toString(), "replay", demo(), "--no-tui");
    }

    @Test
    void exitCodesComeFromOneMap() throws Exception {
        assertEquals(ExitCodes.USAGE, ExitCodes.of(new UsageException("x")));
        assertEquals(ExitCodes.VERIFY_ERRORS, ExitCodes.of(new ExitCodes.VerifyErrorsFound()));
        assertEquals(ExitCodes.STDOUT_CLOSED, ExitCodes.of(new ExitCodes.StdoutClosed()));
        assertEquals(ExitCodes.FAILURE, ExitCodes.of(new java.io.IOException("disk")));
        // a failed update is a runtime failure with one sentence, not a literal status in the command
        Path notDir = Files.writeString(dir.resolve("file"), "x");
        CliRun r = CliRun.of("--data-dir", notDir.resolve("sub").toString(), "update", "--only", "dbip-city");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().startsWith("ws_tool: error: "), r.err());
    }
}
