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

    /**
     * While a job runs, its --flows file keeps what it held (the flows go to a temporary file beside it); when the job
     * ends, at the end of its input or on Ctrl-C, the file is complete, in place, and no temporary file is left. The
     * job is held mid-way without a clock: its screen output goes to a pipe this test stops reading, so it cannot end
     * before the test reads on.
     */
    @Test
    void theFlowsFileIsReplacedOnlyByTheCompleteOneAtTheEndOfInput() throws Exception {
        String err = flowsJob(false);
        assertTrue(err.contains("20,000 flows written"), err);
        assertEquals(20_000, completeFlows(), "every event is a flow of its own, and every flow is in the file");
    }

    @Test
    void theFlowsFileIsCompleteAfterSigint() throws Exception {
        assumeTrue(!DataDirs.isWindows() && new File("/bin/kill").canExecute(), "SKIPPED LOUDLY: needs a POSIX kill to send SIGINT");
        String err = flowsJob(true);
        Matcher m = Pattern.compile("([\\d,]+) events shown").matcher(err);
        assertTrue(m.find(), "summary printed on Ctrl-C: " + err);
        int shown = Integer.parseInt(m.group(1).replace(",", ""));
        assertTrue(shown > 0 && shown < 20_000, "interrupted part-way: " + shown);
        assertEquals(shown, completeFlows(), "every event shown is a flow in the file");
    }

    /** Runs monitor with --flows over 20,000 drops, each its own flow; returns its stderr. */
    private String flowsJob(boolean sigint) throws Exception {
        Path recording = dir.resolve("drops.jsonl");
        StringBuilder sb = new StringBuilder();
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        for (int i = 0; i < 20_000; i++) {
            sb.append("{\"class\":\"FIREWALL\",\"timestamp\":\"").append(t.plusMillis(10L * i))
              .append("\",\"source\":\"WFP\",\"kind\":\"DROP\",\"ip_protocol\":6,")
              .append("\"local\":{\"address\":\"192.168.178.23\",\"port\":5900},")
              .append("\"remote\":{\"address\":\"203.0.113.").append(i % 250).append("\",\"port\":").append(1024 + i)
              .append("},\"type\":\"CLASSIFY_DROP\",\"direction\":\"IN\"}\n");
        }
        Files.writeString(recording, sb);
        Path flows = dir.resolve("flows.csv");
        Files.writeString(flows, "previous flows\r\n");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path jvm = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(jvm.toString(), "-cp", cp, WsTool.class.getName(), "monitor", "--replay",
                recording.toString(), "--flows", flows.toString())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        try (java.io.InputStream screen = p.getInputStream()) {
            // the first bytes of the screen: the job runs; it holds (2 MB of lines, a pipe of 64 KB) until read on
            assertTrue(screen.read() >= 0, "the job printed nothing: " + Files.readString(dir.resolve("err.txt")));
            assertEquals("previous flows\r\n", Files.readString(flows), "the file keeps what it held while the job runs");
            assertEquals(1, temporaryFiles().size(), "the flows go to a temporary file beside it");
            if (sigint) new ProcessBuilder("/bin/kill", "-INT", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
            screen.transferTo(java.io.OutputStream.nullOutputStream());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the job did not end");
            assertEquals(sigint ? ExitCodes.SIGINT : 0, p.exitValue(), Files.readString(dir.resolve("err.txt")));
        } finally {
            p.destroyForcibly();
        }
        assertEquals(List.of(), temporaryFiles(), "no temporary file left");
        return Files.readString(dir.resolve("err.txt"));
    }

    /** The flows in the file, each checked complete (every column, the last row ended). */
    private long completeFlows() throws Exception {
        String text = Files.readString(dir.resolve("flows.csv"), StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\n"), "the last row is complete");
        List<NamedCsvRecord> rows = CsvReader.builder().ofNamedCsvRecord(text).stream().toList();
        for (NamedCsvRecord r : rows) {
            assertEquals(wstool.correlate.FlowFields.NAMES.size(), r.getFieldCount(), "row " + r.getStartingLineNumber());
            assertEquals("IN", r.getField("direction"));
        }
        return rows.size();
    }

    private List<Path> temporaryFiles() throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private long tempSize(String prefix) throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith(prefix)).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
