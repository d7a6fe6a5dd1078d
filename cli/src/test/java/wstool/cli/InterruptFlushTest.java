package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
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

/** Ctrl-C (SIGINT) on a running job leaves complete exports and prints the summary. */
@Timeout(120)
class InterruptFlushTest {
    @TempDir
    Path dir;

    @Test
    void sigintFlushesACompleteCsvAndJsonLines() throws Exception {
        assumeTrue(!DataDirs.isWindows() && new File("/bin/kill").canExecute(), "SKIPPED LOUDLY: needs a POSIX kill to send SIGINT");
        Path recording = dir.resolve("slow.jsonl");
        StringBuilder sb = new StringBuilder();
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        for (int i = 0; i < 6000; i++) {   // 10 ms apart: 60 s at recorded pace, we interrupt after a few seconds
            sb.append("{\"class\":\"FIREWALL\",\"timestamp\":\"").append(t.plusMillis(10L * i))
              .append("\",\"source\":\"WFP\",\"kind\":\"DROP\",\"pid\":4,\"process\":\"=evil()\",\"ip_protocol\":6,")
              .append("\"remote\":{\"address\":\"203.0.113.").append(i % 250).append("\",\"port\":").append(1024 + i)
              .append("},\"type\":\"CLASSIFY_DROP\",\"direction\":\"IN\"}\n");
        }
        Files.writeString(recording, sb);
        Path csv = dir.resolve("out.csv");
        Path jsonl = dir.resolve("out.jsonl");
        Files.writeString(csv, "previous export\r\n");
        // the first use of a data dir compiles its range tables (seconds): done before the clock of this test starts
        assertEquals(0, CliRun.of("geoip", "127.0.0.1").exitCode());
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", cp, WsTool.class.getName(), "replay", recording.toString(),
                "--speed", "1", "--csv", csv.toString(), "--jsonl", jsonl.toString())
                .redirectError(dir.resolve("err.txt").toFile()).redirectOutput(dir.resolve("out.txt").toFile()).start();
        try {
            // the rows go to a temporary file next to the export; the export itself keeps its old content until the end
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < until && tempSize(".out.csv.") < 2000) Thread.sleep(100);
            assertTrue(tempSize(".out.csv.") >= 2000, "the job wrote nothing within 30 s");
            assertEquals("previous export\r\n", Files.readString(csv), "an existing file is replaced only by a complete one");
            new ProcessBuilder("/bin/kill", "-INT", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "job did not end after SIGINT");
            assertEquals(ExitCodes.SIGINT, p.exitValue(), "128 + SIGINT");
        } finally {
            p.destroyForcibly();
        }
        String err = Files.readString(dir.resolve("err.txt"));
        Matcher m = Pattern.compile("([\\d,]+) events shown").matcher(err);
        assertTrue(m.find(), "summary printed on Ctrl-C: " + err);
        int shown = Integer.parseInt(m.group(1).replace(",", ""));
        assertTrue(shown > 10 && shown < 6000, "interrupted part-way: " + shown);

        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\n"), "last row is complete");
        List<NamedCsvRecord> rows = CsvReader.builder().ofNamedCsvRecord(text).stream().toList();
        assertEquals(shown, rows.size(), "every event shown is in the CSV");
        for (NamedCsvRecord r : rows) {
            assertEquals(wstool.core.sink.CsvSink.COLUMNS.size(), r.getFieldCount(), "row " + r.getStartingLineNumber() + " has every column");
            assertEquals("'=evil()", r.getField("process"));
        }
        assertEquals(shown, Files.readAllLines(jsonl).stream().filter(l -> !l.isBlank()).count());
        try (java.util.stream.Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(), "no temporary file left");
        }
    }

    private long tempSize(String prefix) throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith(prefix)).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
