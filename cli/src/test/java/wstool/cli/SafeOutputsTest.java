package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.fixtures.Fixtures;

/** Issue 16, "Loses data": an input is never overwritten, outputs are checked before the job, failures name the file. */
class SafeOutputsTest {
    @TempDir
    Path dir;

    private Path recording() throws Exception {
        return Files.copy(CommandsTest.demo(), dir.resolve("rec.jsonl"));
    }

    private static CliRun refused(String expected, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(expected), "stderr should say '" + expected + "' but was: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        return r;
    }

    /** No file in the folder but the ones the test made (no export, no temporary file left behind). */
    private void onlyFiles(String... names) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(names), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void anOutputThatIsTheInputIsRefusedAlsoThroughLinks() throws Exception {
        Path rec = recording();
        byte[] before = Files.readAllBytes(rec);
        refused("--jsonl " + rec + " is the input " + rec + " itself", "replay", rec.toString(), "--jsonl", rec.toString());
        Path hard = Files.createLink(dir.resolve("hard.jsonl"), rec);
        refused("--csv " + hard + " is the input", "replay", rec.toString(), "--csv", hard.toString());
        Path soft = Files.createSymbolicLink(dir.resolve("soft.jsonl"), rec);
        refused("--ecs " + soft + " is the input", "replay", rec.toString(), "--ecs", soft.toString());
        Path dotted = dir.resolve("sub/../rec.jsonl");
        Files.createDirectories(dir.resolve("sub"));
        refused("is the input", "replay", rec.toString(), "--jsonl", dotted.toString());
        assertArrayEquals(before, Files.readAllBytes(rec), "the recording is untouched");
        onlyFiles("hard.jsonl", "rec.jsonl", "soft.jsonl", "sub");
    }

    @Test
    void captureAndImportAreNeverOverwritten() throws Exception {
        Path etl = Files.copy(Fixtures.path("etl/KernelNetwork.etl"), dir.resolve("cap.etl"));
        byte[] etlBytes = Files.readAllBytes(etl);
        refused("--csv " + etl + " is the input", "trace", "--etl", etl.toString(), "--all", "--csv", etl.toString());
        assertArrayEquals(etlBytes, Files.readAllBytes(etl));
        Path xml = Files.copy(Fixtures.path("wfp/quarantine_classifyDrop_netEvent_wfpdiag.xml"), dir.resolve("x.xml"));
        byte[] xmlBytes = Files.readAllBytes(xml);
        refused("--jsonl " + xml + " is the input", "firewall", "--import", xml.toString(), "--jsonl", xml.toString());
        assertArrayEquals(xmlBytes, Files.readAllBytes(xml));
        Path drop = Files.writeString(dir.resolve("drop.txt"), "1.10.16.0/20 ; SBL256894\n");
        refused("--csv " + drop + " is the input", "--drop", drop.toString(), "replay", CommandsTest.demo().toString(),
                "--csv", drop.toString());
    }

    @Test
    void twoOutputsOnOneFileOrBothOnStdoutAreRefused() throws Exception {
        Path rec = recording();
        Path out = dir.resolve("out");
        refused("--csv " + out + " and --jsonl " + out + " are the same file", "replay", rec.toString(), "--csv", out.toString(),
                "--jsonl", out.toString());
        refused("--csv and --jsonl both write to stdout", "replay", rec.toString(), "--csv", "-", "--jsonl", "-");
        Path report = dir.resolve("r.json");
        refused("are the same file", "replay", rec.toString(), "--jsonl", dir.resolve("r.md").toString(), "--verify-report", report.toString());
        onlyFiles("rec.jsonl");
    }

    @Test
    void aBadInputLeavesThePreviousExportAsItWas() throws Exception {
        Path bad = Files.write(dir.resolve("bad.etl"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Path prev = Files.writeString(dir.resolve("prev.csv"), "previous export\r\n");
        CliRun r = CliRun.of("trace", "--etl", bad.toString(), "--all", "--csv", prev.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains(bad + " is not an ETW capture (.etl)"), r.err());
        assertEquals("previous export\r\n", Files.readString(prev));
        onlyFiles("bad.etl", "prev.csv");
    }

    @Test
    void everyOutputPathIsCheckedBeforeTheJobStarts() throws Exception {
        Path rec = recording();
        refused("--verify-report " + dir.resolve("nonexistent/f.json") + " the folder " + dir.resolve("nonexistent") + " does not exist",
                "replay", rec.toString(), "--verify-report", dir.resolve("nonexistent/f.json").toString());
        Files.createDirectories(dir.resolve("adir"));
        refused("--verify-report " + dir.resolve("adir") + " is a directory", "replay", rec.toString(), "--verify-report",
                dir.resolve("adir").toString());
        refused("--csv " + dir.resolve("nope/out.csv") + " the folder", "replay", rec.toString(), "--csv", dir.resolve("nope/out.csv").toString());
        refused("--jsonl " + dir.resolve("adir") + " is a directory", "replay", rec.toString(), "--jsonl", dir.resolve("adir").toString());
        CliRun proc = refused("--csv /proc/self/status cannot be written in /proc/self", "replay", rec.toString(), "--csv", "/proc/self/status");
        assertFalse(proc.err().contains("Invalid argument"), proc.err());
        onlyFiles("adir", "rec.jsonl");
    }

    @Test
    void errorsNameTheFileAndWhatIsWrongWithIt() throws Exception {
        CliRun d = CliRun.of("replay", dir.toString(), "--no-tui");
        assertEquals(1, d.exitCode(), d.err());
        assertTrue(d.err().contains("ws_tool: error: " + dir + " is a directory, not a JSON Lines recording"), d.err());

        Path etl = Files.copy(Fixtures.path("etl/KernelNetwork.etl"), dir.resolve("capture.etl"));
        CliRun e = CliRun.of("replay", etl.toString(), "--no-tui");
        assertEquals(1, e.exitCode(), e.err());
        assertTrue(e.err().contains(etl + " is not a JSON Lines recording of ws_tool"), e.err());
        assertTrue(e.err().contains("read it with 'trace --etl " + etl + " --all'"), e.err());
        assertFalse(e.err().contains("Input length"), e.err());

        String first = Files.readAllLines(CommandsTest.demo()).get(0);
        Path huge = dir.resolve("huge.jsonl");
        Files.writeString(huge, first + "\n{\"class\":\"DNS\",\"query\":\"" + "a".repeat(5 << 20) + "\"}\n");
        CliRun h = CliRun.of("replay", huge.toString(), "--no-tui");
        assertEquals(1, h.exitCode(), h.err());
        assertTrue(h.err().contains(huge + " line 2: longer than 4194304 bytes"), h.err());
        assertFalse(h.err().toLowerCase().contains("jackson") || h.err().contains("exceeds the maximum"), h.err());

        Path latin = Files.write(dir.resolve("latin.jsonl"), (first + "\n{\"class\":\"DNS\",\"query\":\"caf\u00e9\"}\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        CliRun l = CliRun.of("replay", latin.toString(), "--no-tui");
        assertEquals(1, l.exitCode(), l.err());
        assertTrue(l.err().contains(latin + " line 2: not UTF-8 text"), l.err());

        Path file = Files.writeString(dir.resolve("notadir"), "x");
        CliRun dd = CliRun.of("--data-dir", file.toString(), "geoip", "81.2.69.142");
        assertEquals(2, dd.exitCode(), dd.err());
        assertTrue(dd.err().contains("--data-dir " + file + " is a file, not a directory"), dd.err());
    }

    @Test
    void aZeroEventJsonLinesExportIsEmpty() throws Exception {
        Path out = dir.resolve("none.jsonl");
        Path rec = recording();
        CliRun r = CliRun.of("replay", rec.toString(), "--type", "drop_mac", "--jsonl", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(0, Files.size(out), "no events, no bytes");
        Path one = dir.resolve("one.jsonl");
        assertEquals(0, CliRun.of("replay", rec.toString(), "--max-events", "1", "--jsonl", one.toString()).exitCode());
        String text = Files.readString(one);
        assertTrue(text.endsWith("}\n") && text.indexOf('\n') == text.length() - 1, "one line, ended: " + text);
    }

    @Test
    void anExistingExportIsReplacedOnlyWhenTheJobHasWritten() throws Exception {
        Path prev = Files.writeString(dir.resolve("prev.csv"), "previous export\r\n");
        Path missing = dir.resolve("missing.jsonl");
        CliRun r = CliRun.of("replay", missing.toString(), "--csv", prev.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("previous export\r\n", Files.readString(prev));
        Path rec = recording();
        assertEquals(0, CliRun.of("replay", rec.toString(), "--csv", prev.toString()).exitCode());
        assertEquals(Files.readAllLines(rec).size() + 1, Files.readAllLines(prev).size(), "header and one row per event");
        onlyFiles("prev.csv", "rec.jsonl");
    }

    /**
     * A job whose source fails once it runs, before its first event reaches the exports (the first line of a
     * recording is corrupt), leaves every existing export byte for byte and no temporary file; the summary does not
     * claim them written. A job that ends well with no events does write its (header-only) export.
     */
    @Test
    void aSourceThatFailsBeforeTheFirstEventLeavesThePreviousExportsAsTheyWere() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{corrupt\n" + Files.readAllLines(CommandsTest.demo()).get(0) + "\n");
        byte[] csvBefore = "previous export\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] jsonlBefore = "{\"previous\":true}\n".getBytes(StandardCharsets.UTF_8);
        Path csv = Files.write(dir.resolve("prev.csv"), csvBefore);
        Path jsonl = Files.write(dir.resolve("prev.jsonl"), jsonlBefore);
        Path ecs = Files.write(dir.resolve("prev.ecs.jsonl"), jsonlBefore);
        CliRun r = CliRun.of("replay", bad.toString(), "--csv", csv.toString(), "--jsonl", jsonl.toString(),
                "--ecs", ecs.toString(), "--no-tui");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("ws_tool: error: " + bad + " line 1: not valid JSON"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertArrayEquals(csvBefore, Files.readAllBytes(csv), "--csv is left as it was");
        assertArrayEquals(jsonlBefore, Files.readAllBytes(jsonl), "--jsonl is left as it was");
        assertArrayEquals(jsonlBefore, Files.readAllBytes(ecs), "--ecs is left as it was");
        onlyFiles("bad.jsonl", "prev.csv", "prev.ecs.jsonl", "prev.jsonl");
        assertTrue(r.err().contains("--csv " + csv + " left as it was: no events were written to it"), r.err());
        assertTrue(r.err().contains("--ecs " + ecs + " left as it was: no events were written to it"), r.err());

        Path rec = recording();
        CliRun none = CliRun.of("replay", rec.toString(), "--type", "drop_mac", "--csv", csv.toString(), "--no-tui");
        assertEquals(0, none.exitCode(), none.err());
        assertEquals(List.of(String.join(",", wstool.core.sink.CsvSink.COLUMNS)), Files.readAllLines(csv),
                "a job that ends well with no events replaces the file with a header-only export");
        assertFalse(none.err().contains("left as it was"), none.err());
    }

    /**
     * {@code trace --etl}: a capture whose logfile header is sound (so the input check passes) but which holds no
     * ETW buffer after it, only zeros, fails while the job runs, before any event: the existing export stays.
     */
    @Test
    void aCaptureThatFailsBeforeItsFirstEventLeavesThePreviousExportAsItWas() throws Exception {
        byte[] header = java.util.Arrays.copyOf(Files.readAllBytes(Fixtures.path("etl/KernelNetwork.etl")), 8192);
        Path etl = Files.write(dir.resolve("damaged.etl"), java.util.Arrays.copyOf(header, 8192 * 3)); // + 16 KiB of zeros
        byte[] before = "previous export\r\n".getBytes(StandardCharsets.UTF_8);
        Path csv = Files.write(dir.resolve("prev.csv"), before);
        CliRun r = CliRun.of("trace", "--etl", etl.toString(), "--all", "--csv", csv.toString(), "--no-tui");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("ws_tool: error: " + etl + ": 2 damaged places"), r.err());
        assertTrue(r.err().contains("0 events shown of 0 received"), "the job ran: " + r.err());
        assertArrayEquals(before, Files.readAllBytes(csv), "--csv is left as it was");
        assertTrue(r.err().contains("--csv " + csv + " left as it was: no events were written to it"), r.err());
        onlyFiles("damaged.etl", "prev.csv");
    }

    /**
     * --flows goes the same way: {@code monitor --etl} of a capture that fails once the job runs, before its first
     * event (a sound logfile header, then only zeros), leaves the flows file and the event export byte for byte, and
     * the summary says so instead of naming the flows file as written. A job that fails after some events still
     * writes the flows of those events.
     */
    @Test
    void aJobThatFailsBeforeAnyFlowLeavesThePreviousFlowsFileAsItWas() throws Exception {
        byte[] header = java.util.Arrays.copyOf(Files.readAllBytes(Fixtures.path("etl/KernelNetwork.etl")), 8192);
        Path damaged = Files.write(dir.resolve("damaged.etl"), java.util.Arrays.copyOf(header, 8192 * 3));
        byte[] flowsBefore = "previous flows\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] csvBefore = "previous export\r\n".getBytes(StandardCharsets.UTF_8);
        Path flows = Files.write(dir.resolve("flows.csv"), flowsBefore);
        Path csv = Files.write(dir.resolve("prev.csv"), csvBefore);
        CliRun r = CliRun.of("monitor", "--etl", damaged.toString(), "--csv", csv.toString(), "--flows", flows.toString(),
                "--no-tui");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("ws_tool: error: " + damaged + ": 2 damaged places"), "one sentence naming the file: " + r.err());
        assertTrue(r.err().contains("0 events shown of 0 received"), "the job ran: " + r.err());
        assertArrayEquals(flowsBefore, Files.readAllBytes(flows), "--flows is left as it was");
        assertArrayEquals(csvBefore, Files.readAllBytes(csv), "--csv is left as it was");
        onlyFiles("damaged.etl", "flows.csv", "prev.csv");
        assertTrue(r.err().contains("flows: " + flows + " left as it was: no flows were written to it"), r.err());
        assertFalse(r.err().contains("flows: " + flows + System.lineSeparator()), "not named as written: " + r.err());

        // the first ten events of the recording, then a corrupt line: the flows of those events are written
        List<String> first = Files.readAllLines(CommandsTest.demo()).subList(0, 10);
        Path cut = Files.writeString(dir.resolve("cut.jsonl"), String.join("\n", first) + "\n{corrupt\n");
        CliRun some = CliRun.of("monitor", "--replay", cut.toString(), "--flows", flows.toString(), "--no-tui");
        assertEquals(1, some.exitCode(), some.err());
        assertTrue(some.err().contains(cut + " line 11: not valid JSON"), some.err());
        Matcher m = Pattern.compile("([\\d,]+) flows? written").matcher(some.err());
        assertTrue(m.find(), some.err());
        long written = Long.parseLong(m.group(1).replace(",", ""));
        assertTrue(written > 0, "the events before the bad line make flows: " + some.err());
        List<String> lines = Files.readAllLines(flows);
        assertEquals(String.join(",", wstool.correlate.FlowFields.NAMES), lines.get(0));
        assertEquals(written + 1, lines.size(), "a header and every flow written");
        assertTrue(some.err().contains("flows: " + flows + System.lineSeparator()), some.err());
        onlyFiles("cut.jsonl", "damaged.etl", "flows.csv", "prev.csv");
    }

    /**
     * {@code monitor} checks its inputs with the check of {@code trace --etl}, {@code replay} and {@code firewall
     * --import}, before the job and before any output is opened: a file that is not of its option's kind (a text
     * file as --etl, a binary file as --replay, ...) is one sentence naming the file and the problem, exit 1 as for
     * the other commands, no summary; the existing --csv and --flows files stay byte for byte, no temporary file.
     */
    @Test
    void monitorChecksItsInputsBeforeTheJobAsTheOtherCommandsDo() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "some notes, not a capture\n");
        Path picture = Files.write(dir.resolve("picture.png"),
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        Path text = Files.writeString(dir.resolve("netevents.txt"), "netsh wfp show netevents\n");
        Path adir = Files.createDirectories(dir.resolve("adir"));
        Path rec = recording();
        byte[] csvBefore = "previous export\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] flowsBefore = "previous flows\r\n".getBytes(StandardCharsets.UTF_8);
        Path csv = Files.write(dir.resolve("prev.csv"), csvBefore);
        Path flows = Files.write(dir.resolve("flows.csv"), flowsBefore);
        String etlProblem = notes + " is not an ETW capture (.etl): file of 26 bytes is too small for an ETW buffer"
                + " header at byte offset 0";
        failsBeforeTheJob(etlProblem, "trace", "--etl", notes.toString(), "--all", "--csv", csv.toString(), "--no-tui");
        failsBeforeTheJob(etlProblem, "monitor", "--etl", notes.toString(), "--csv", csv.toString(), "--flows",
                flows.toString(), "--no-tui");
        failsBeforeTheJob(picture + " is not a JSON Lines recording of ws_tool (it does not start with '{')", "monitor",
                "--replay", picture.toString(), "--csv", csv.toString(), "--flows", flows.toString(), "--no-tui");
        failsBeforeTheJob(text + " is not netsh wfp XML (it does not start with '<')", "monitor", "--import",
                text.toString(), "--csv", csv.toString(), "--no-tui");
        failsBeforeTheJob(text + " is not netsh wfp XML (it does not start with '<')", "monitor", "--replay",
                rec.toString(), "--wfp-state", text.toString(), "--csv", csv.toString(), "--no-tui");
        failsBeforeTheJob(adir + " is a directory, not an ETW capture (.etl)", "monitor", "--etl", adir.toString(),
                "--csv", csv.toString(), "--no-tui");
        failsBeforeTheJob("file not found: " + dir.resolve("missing.jsonl"), "monitor", "--replay", rec.toString(),
                "--replay", dir.resolve("missing.jsonl").toString(), "--csv", csv.toString(), "--no-tui");
        assertArrayEquals(csvBefore, Files.readAllBytes(csv), "--csv is left as it was");
        assertArrayEquals(flowsBefore, Files.readAllBytes(flows), "--flows is left as it was");
        onlyFiles("adir", "flows.csv", "netevents.txt", "notes.txt", "picture.png", "prev.csv", "rec.jsonl");
    }

    /** Exit 1 and nothing on stderr but the one error line: the job never started (no summary). */
    private static void failsBeforeTheJob(String sentence, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("ws_tool: error: " + sentence, r.err().strip(), "one sentence naming the file, before the job");
    }

    /**
     * --flows is written as the other exports are (a temporary file, moved into place at the end): a job that fails
     * after --flows was named (another output that cannot be used, a bad option, an output failing as the job opens
     * it) leaves the existing flows file byte for byte, and no temporary file behind.
     */
    @Test
    void aJobThatFailsLeavesThePreviousFlowsFileAsItWas() throws Exception {
        Path rec = recording();
        byte[] previous = "previous flows\r\n".getBytes(StandardCharsets.UTF_8);
        Path flows = Files.write(dir.resolve("flows.csv"), previous);
        refused("--csv " + dir.resolve("nope/out.csv") + " the folder " + dir.resolve("nope") + " does not exist",
                "monitor", "--replay", rec.toString(), "--flows", flows.toString(), "--csv", dir.resolve("nope/out.csv").toString(),
                "--no-tui");
        assertArrayEquals(previous, Files.readAllBytes(flows), "a usage error of another output");
        refused("--providers: unknown ETW provider 'bogus'", "trace", "--etl", Fixtures.path("etl/smallEtlFile.etl").toString(),
                "--all", "--providers", "bogus", "--flows", flows.toString(), "--no-tui");
        assertArrayEquals(previous, Files.readAllBytes(flows), "a usage error found after --flows was named");
        Path adir = Files.createDirectories(dir.resolve("adir"));
        CliRun r = CliRun.of("monitor", "--replay", rec.toString(), "--flows", flows.toString(), "--pcapng", adir.toString(),
                "--no-tui");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains(adir + ": Is a directory"), r.err());
        assertArrayEquals(previous, Files.readAllBytes(flows), "an output that failed when the job opened it");
        onlyFiles("adir", "flows.csv", "rec.jsonl");
    }

    /** A flows file that cannot be written is refused before the job, in the words of the other exports. */
    @Test
    void aFlowsFileThatCannotBeWrittenIsAUsageErrorNamingIt() throws Exception {
        Path rec = recording();
        refused("--flows " + dir.resolve("nope/flows.csv") + " the folder " + dir.resolve("nope") + " does not exist",
                "monitor", "--replay", rec.toString(), "--flows", dir.resolve("nope/flows.csv").toString(), "--no-tui");
        Files.createDirectories(dir.resolve("adir"));
        CliRun d = refused("--flows " + dir.resolve("adir") + " is a directory", "monitor", "--replay", rec.toString(),
                "--flows", dir.resolve("adir").toString(), "--no-tui");
        assertFalse(d.err().contains("correlation:"), "refused before the job: no summary: " + d.err());
        onlyFiles("adir", "rec.jsonl");
    }

    /** A successful job replaces the flows file with the complete one and leaves no temporary file. */
    @Test
    void aFlowsFileIsReplacedByTheCompleteOne() throws Exception {
        Path rec = recording();
        Path flows = Files.writeString(dir.resolve("flows.csv"), "previous flows\r\n");
        CliRun r = CliRun.of("monitor", "--replay", rec.toString(), "--flows", flows.toString(), "--no-tui");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("240 flows written"), r.err());
        List<String> lines = Files.readAllLines(flows);
        assertEquals(String.join(",", wstool.correlate.FlowFields.NAMES), lines.get(0));
        assertEquals(241, lines.size(), "a header and the 240 flows");
        assertTrue(Files.readString(flows).endsWith("\r\n"), "the last row is complete");
        onlyFiles("flows.csv", "rec.jsonl");
    }

    /** monitor's inputs (--replay, --import, --etl, --wfp-state) are never overwritten by an event export either. */
    @Test
    void monitorNeverWritesOverItsInputs() throws Exception {
        Path rec = recording();
        byte[] before = Files.readAllBytes(rec);
        refused("--jsonl " + rec + " is the input " + rec + " itself", "monitor", "--replay", rec.toString(), "--jsonl",
                rec.toString(), "--no-tui");
        refused("--flows " + rec + " is the input " + rec + " itself", "monitor", "--replay", rec.toString(), "--flows",
                rec.toString(), "--no-tui");
        Path hard = Files.createLink(dir.resolve("hard.jsonl"), rec);
        refused("--csv " + hard + " is the input " + rec, "monitor", "--replay", rec.toString(), "--csv", hard.toString(),
                "--no-tui");
        assertArrayEquals(before, Files.readAllBytes(rec), "the recording is untouched");
        onlyFiles("hard.jsonl", "rec.jsonl");
    }
}
