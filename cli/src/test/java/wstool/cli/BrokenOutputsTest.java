package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.sink.CsvSink;

/** Outputs that break while the job runs: a full disk, a closed stdout. */
@Timeout(180)
class BrokenOutputsTest {
    @TempDir
    Path dir;

    private Path recording(int events) throws IOException {
        Path p = dir.resolve("rec.jsonl");
        StringBuilder sb = new StringBuilder();
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        for (int i = 0; i < events; i++) {
            sb.append("{\"class\":\"FIREWALL\",\"timestamp\":\"").append(t.plusMillis(i))
              .append("\",\"source\":\"WFP\",\"kind\":\"DROP\",\"pid\":4,\"process\":\"C:\\\\Windows\\\\System32\\\\svchost.exe\",")
              .append("\"ip_protocol\":6,\"remote\":{\"address\":\"203.0.113.").append(i % 250).append("\",\"port\":")
              .append(1024 + i % 60000).append("},\"type\":\"CLASSIFY_DROP\",\"direction\":\"IN\"}\n");
        }
        return Files.writeString(p, sb);
    }

    @Test
    void aFullDiskNamesTheFileAndLeavesOnlyCompleteRows() throws Exception {
        assumeTrue(!DataDirs.isWindows() && new File("/bin/mount").canExecute(), "SKIPPED LOUDLY: needs mount(8)");
        Path small = Files.createDirectories(dir.resolve("small"));
        Process m = new ProcessBuilder("/bin/mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", small.toString())
                .redirectErrorStream(true).start();
        String mountOut = new String(m.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(m.waitFor(10, TimeUnit.SECONDS) && m.exitValue() == 0,
                "SKIPPED LOUDLY: mounting a small tmpfs needs root: " + mountOut);
        try {
            Path rec = recording(5000);
            Path csv = small.resolve("out.csv");
            CliRun r = CliRun.of("replay", rec.toString(), "--csv", csv.toString());
            assertEquals(1, r.exitCode(), r.err());
            Matcher w = Pattern.compile("ws_tool: error: cannot write " + Pattern.quote(csv.toString())
                    + ": No space left on device \\(([\\d,]+) events written to it\\)").matcher(r.err());
            assertTrue(w.find(), "the error names the file and says what was written: " + r.err());
            long written = Long.parseLong(w.group(1).replace(",", ""));
            String text = Files.readString(csv, StandardCharsets.UTF_8);
            assertTrue(text.endsWith("\r\n"), "the last row is complete");
            List<NamedCsvRecord> rows = CsvReader.builder().ofNamedCsvRecord(text).stream().toList();
            assertTrue(written > 100 && written < 5000, "part of the job was written: " + written);
            assertEquals(written, rows.size(), "the count in the message is the rows in the file");
            for (NamedCsvRecord row : rows) assertEquals(CsvSink.COLUMNS.size(), row.getFieldCount());
            try (var left = Files.list(small)) {
                assertEquals(List.of(csv), left.toList(), "no temporary file left on the full disk");
            }
        } finally {
            new ProcessBuilder("/bin/umount", small.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClosedStdoutEndsTheJobAtOnceQuietly() throws Exception {
        assumeTrue(!DataDirs.isWindows() && new File("/usr/bin/head").canExecute(), "SKIPPED LOUDLY: needs head(1)");
        int events = 100_000;
        Path rec = recording(events);
        Path jsonl = dir.resolve("also.jsonl");
        Path err = dir.resolve("err.txt");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder tool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                WsTool.class.getName(), "replay", rec.toString(), "--csv", "-", "--jsonl", jsonl.toString())
                .redirectError(err.toFile());
        ProcessBuilder head = new ProcessBuilder("/usr/bin/head", "-2").redirectOutput(dir.resolve("head.txt").toFile());
        List<Process> pipe = ProcessBuilder.startPipeline(List.of(tool, head));
        try {
            assertTrue(pipe.get(0).waitFor(60, TimeUnit.SECONDS), "ws_tool did not end after its reader went away");
            assertEquals(ExitCodes.STDOUT_CLOSED, pipe.get(0).exitValue(), Files.readString(err));
        } finally {
            pipe.forEach(Process::destroyForcibly);
        }
        assertEquals(2, Files.readAllLines(dir.resolve("head.txt")).size());
        String stderr = Files.readString(err);
        assertFalse(stderr.contains("Exception") || stderr.contains("\tat ") || stderr.contains("error"), "quietly: " + stderr);
        long exported = Files.readAllLines(jsonl).size();
        assertTrue(exported < events / 2, "the job stopped at once, not after " + exported + " of " + events + " events");
    }
}
