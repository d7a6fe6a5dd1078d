package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full-screen view in a real terminal: tmux runs {@code ws_tool replay samples/demo.jsonl} in a 120x36 pane,
 * keys go in with send-keys, and capture-pane shows what a person would see. Needs tmux (CI installs it); without
 * it the test is skipped with a loud reason. Every wait is bounded; the private tmux server is killed afterwards.
 * <p>
 * ws_tool's exit status is not read from tmux: tmux 3.3a on Debian sometimes never reaps the pane's process (it stays
 * defunct and {@code #{pane_dead_status}} stays empty, even for {@code sh -c 'exit 0'}). The pane runs ws_tool under
 * {@link #STATUS_SHELL}, which waits for it and then writes its exit status to a file the test waits on.
 */
class TuiTmuxTest {
    static final int WIDTH = 120, HEIGHT = 36;
    /**
     * $1 = the status file, the rest = the command. The traps keep the shell itself alive through the terminal's
     * Ctrl-C and hang-up (sent to the whole foreground process group) so that it can record how ws_tool ended; a
     * trapped signal is reset to its default in the command it starts, so ws_tool sees them as it would without it.
     * The status is written to a side file and renamed, so a reader never sees it half written.
     */
    private static final String STATUS_SHELL = "s=$1; shift; trap : INT HUP; \"$@\"; echo $? > \"$s.part\"; mv \"$s.part\" \"$s\"";
    private final String socket = "wstool-tui-test-" + ProcessHandle.current().pid();
    private Path sample;
    @TempDir Path work;
    private Path statusFile;

    @BeforeEach
    void needTmux() throws Exception {
        boolean present;
        try {
            present = run(List.of("tmux", "-V")).startsWith("tmux ");
        } catch (IOException e) {
            present = false;
        }
        if (!present) System.err.println("*** TuiTmuxTest SKIPPED: tmux is not installed (apt-get install tmux) ***");
        assumeTrue(present, "tmux is not installed: the real-terminal test of the TUI cannot run (apt-get install tmux)");
        sample = Path.of("..", "samples", "demo.jsonl").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(sample), sample + " is part of the repository");
        statusFile = work.resolve("exit-status");
    }

    @AfterEach
    void killServer() throws Exception {
        try {
            run(List.of("tmux", "-L", socket, "kill-server"));
        } catch (IOException ignored) {
            // no server was started
        }
    }

    private void startWsTool(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("replay", sample.toString()));
        args.addAll(Arrays.asList(extra));
        startCommand(args);
    }

    private void startCommand(List<String> args) throws Exception {
        startMain("wstool.cli.WsTool", args);
    }

    /** ws_tool on a terminal that fails once {@code trigger} exists ({@link FailingTerminalMain}). */
    private void startOnFailingTerminal(Path trigger, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(trigger.toString()));
        all.addAll(Arrays.asList(args));
        startMain(FailingTerminalMain.class.getName(), all);
    }

    private void startMain(String mainClass, List<String> args) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // the pane stays after ws_tool exits (its last screen and summary are read then); set before the pane starts
        Path conf = Files.writeString(work.resolve("tmux.conf"), "set-option -g remain-on-exit on\n");
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket, "-f", conf.toString(), "new-session", "-d",
                "-s", "t", "-x", Integer.toString(WIDTH), "-y", Integer.toString(HEIGHT),
                "-e", "TERM=xterm-256color", "-e", "LANG=C.UTF-8", "-e", "TZ=UTC",
                "/bin/sh", "-c", STATUS_SHELL, "sh", statusFile.toString(),
                java.toString(), "-cp", classpath, mainClass));
        cmd.addAll(args);
        run(cmd);
    }

    @Test
    @Timeout(120)
    void ctrlCDuringARecordedPaceReplayEndsWithTheSummary() throws Exception {
        startWsTool("--speed", "1");
        waitForMoving(s -> s.get(0).contains("following") && s.get(1).matches("events [1-9].*"), "the first events");
        keys("C-c");
        String all = waitForHistory("events shown of", "the summary after Ctrl-C");
        assertTrue(all.matches("(?s).*\\b\\d{1,3} events shown of \\d{1,3} received.*"), "stopped early, at recorded pace: " + all);
        waitForExit();
    }

    @Test
    @Timeout(120)
    void aHangUpEndsTheProcess() throws Exception {
        startWsTool();
        waitFor(s -> s.get(0).contains("finished"), "the replay to finish");
        tmux("kill-server");
        String status = awaitStatus(20, "ws_tool still runs 20 s after its terminal went away");
        assertTrue(status.matches("\\d+"), "an exit status: " + status);
    }

    @Test
    @Timeout(240)
    void replayInTheTerminalFollowFilterDetailTopQuit() throws Exception {
        startWsTool();

        // the replay runs as fast as possible, then the view stays, following the newest event
        List<String> screen = waitFor(s -> s.get(0).contains("finished") && s.get(HEIGHT - 1).contains("FOLLOW"), "the replay to finish");
        assertTrue(screen.get(0).startsWith("ws_tool  replay of demo.jsonl (offline)"), screen.get(0));
        assertTrue(screen.get(1).startsWith("events 1,424  "), screen.get(1));
        assertTrue(screen.get(1).contains("DROP 106") && screen.get(1).contains("dropped 0  lost 0"), screen.get(1));
        assertTrue(screen.get(3).trim().startsWith("time") && screen.get(3).contains("remote") && screen.get(3).contains("process"), screen.get(3));
        assertTrue(screen.get(HEIGHT - 2).startsWith("> "), "the newest row is selected: " + screen.get(HEIGHT - 2));
        assertTrue(screen.get(HEIGHT - 1).startsWith("q quit  / filter  Enter detail  t top  v findings  f follow  space pause"), screen.get(HEIGHT - 1));
        assertTrue(screen.get(HEIGHT - 1).endsWith("FOLLOW  1,424/1,424"), screen.get(HEIGHT - 1));

        // up three rows: following stops, the selection moves up
        keys("Up", "Up", "Up");
        screen = waitFor(s -> s.get(HEIGHT - 1).endsWith(" 1,421/1,424"), "the selection to move up");
        assertFalse(screen.get(HEIGHT - 1).contains("FOLLOW"));
        assertTrue(screen.get(HEIGHT - 5).startsWith("> "), screen.get(HEIGHT - 5));
        keys("f");
        waitFor(s -> s.get(HEIGHT - 1).endsWith("FOLLOW  1,424/1,424"), "f to follow again");

        // a filter: only drops remain, and the header says so
        keys("/");
        keys("-l", "drop");
        waitFor(s -> s.get(HEIGHT - 1).startsWith("/drop_"), "the filter being typed");
        keys("Enter");
        screen = waitFor(s -> s.get(2).contains("filter: drop (106 shown)"), "the filter to apply");
        long rows = screen.stream().skip(4).limit(HEIGHT - 5).filter(l -> l.length() > 15 && l.charAt(4) == ':').count();
        long drops = screen.stream().skip(4).limit(HEIGHT - 5).filter(l -> l.length() > 15 && l.startsWith("DROP ", 15)).count();
        assertEquals(HEIGHT - 5, rows, "the table is full of rows");
        assertEquals(rows, drops, "and every row is a DROP");

        // a bad filter is explained and changes nothing (editing starts from the current filter)
        keys("/");
        keys("BSpace", "BSpace", "BSpace", "BSpace");
        keys("-l", "dir:up");
        keys("Enter");
        waitFor(s -> s.get(HEIGHT - 1).contains("direction is in or out"), "the filter error");
        keys("Escape");
        waitFor(s -> !s.get(HEIGHT - 1).startsWith("/") && s.get(2).contains("filter: drop (106 shown)"), "the input to close");

        // detail of the selected (newest) drop
        keys("Enter");
        screen = waitFor(s -> s.stream().anyMatch(l -> l.startsWith("-- detail: event 106 of 106")), "the detail pane");
        String all = String.join("\n", screen);
        assertTrue(all.contains("  class         FIREWALL") && all.contains("  kind          DROP")
                && all.contains("  source        WFP"), all);
        assertTrue(all.contains("  filter_name   ") && all.contains("  layer_name    "), all);
        keys("Enter");
        waitFor(s -> s.stream().noneMatch(l -> l.startsWith("-- detail")), "the detail pane to close");

        // the top panel
        keys("t");
        screen = waitFor(s -> s.get(3).startsWith("top countries"), "the top panel");
        assertTrue(screen.get(3).contains("top processes") && screen.get(3).contains("top filters"), screen.get(3));
        assertTrue(screen.get(4).matches(".*\\s\\d+ \\S+\\.exe.*"), "process counts: " + screen.get(4));

        // no --verify: v says why there is no findings panel
        keys("v");
        waitFor(s -> s.get(HEIGHT - 1).startsWith("no findings panel: the socket checks run only with --verify"), "v explained");

        // quit: the normal screen returns with the summary
        keys("q");
        all = waitForHistory("events shown of", "the summary after quitting");
        assertTrue(all.contains("1,424 events shown of 1,424 received"), all);
        assertFalse(all.contains("following"), "the alternate screen is gone: " + all);
        waitForExit();
    }

    @Test
    @Timeout(120)
    void verifyFindingsPanelShowsWhatTheChecksFound() throws Exception {
        sample = sample.resolveSibling("verify-demo.jsonl");
        startWsTool("--verify");
        List<String> screen = waitFor(s -> s.get(0).contains("finished") && s.get(2).startsWith("verify: "), "the replay to finish");
        assertTrue(screen.get(2).startsWith("verify: 4 errors, 4 warnings, 2 info  |  data: "), screen.get(2));
        assertTrue(screen.get(3).trim().startsWith("time"), "the panel is closed until v: " + screen.get(3));

        keys("v");
        screen = waitFor(s -> s.get(3).startsWith("-- findings: "), "the findings panel");
        assertTrue(screen.get(3).startsWith("-- findings: 4 errors, 4 warnings, 2 info (v closes) ---"), screen.get(3));
        assertTrue(screen.get(4).startsWith("  code  name                  severity n last         socket"), screen.get(4));
        assertEquals("pid 4242 C:\\Program Files\\Acme\\client.exe", screen.get(5).stripTrailing());
        assertTrue(screen.get(6).startsWith("  WS001 LEAKED_SOCKET         error    1 09:30:03.500 0xffffa38f2c200600 TCP"), screen.get(6));
        assertTrue(screen.get(7).startsWith("  WS002 USE_AFTER_CLOSE       error    1 09:30:00.045 0xffffa38f2c200400 TCP"), screen.get(7));
        assertTrue(screen.get(7).contains(" SEND on a socket already clos"), screen.get(7));
        assertEquals("pid 5150 C:\\Program Files\\Acme\\server.exe", screen.get(10).stripTrailing());
        assertTrue(screen.get(16).startsWith("  WS009 LISTEN_ALL_INTERFACES warning  1 "), screen.get(16));
        assertTrue(screen.get(17).trim().startsWith("time"), "the table below the list: " + screen.get(17));
        for (String l : screen) assertTrue(l.length() <= WIDTH, "fits the width: " + l);

        keys("v");
        waitFor(s -> s.get(3).trim().startsWith("time"), "v to close the panel");
        keys("q");
        String all = waitForHistory("Socket verification:", "the report after quitting");
        assertTrue(all.contains("Socket verification: 4 errors, 4 warnings, 2 info"), all);
        waitForExit(3);
    }

    @Test
    @Timeout(120)
    void tabShowsTheFlowsOfTheCorrelation() throws Exception {
        startCommand(List.of("monitor", "--replay", sample.toString()));
        waitFor(s -> s.get(0).contains("finished"), "the replay to finish");
        keys("Tab");
        List<String> screen = waitFor(s -> s.get(HEIGHT - 1).endsWith("FLOWS FOLLOW  240/240"), "the flows list");
        assertTrue(screen.get(3).startsWith("  start UTC    dur"), screen.get(3));
        assertTrue(screen.get(3).contains("outcome") && screen.get(3).contains("hostname"), screen.get(3));
        assertTrue(screen.get(4).contains(" blocked "), "the newest: firewall-only drops, written at the end: " + screen.get(4));
        for (String l : screen) assertTrue(l.length() <= WIDTH, "fits the width: " + l);
        keys("Home");
        screen = waitFor(s -> s.get(HEIGHT - 1).endsWith("FLOWS  1/240"), "Home to select the oldest flow");
        assertTrue(screen.get(4).startsWith("> "), screen.get(4));
        // the demo's connections and their names, as its recording script computed them (samples/demo.expected.json)
        JsonNode expected = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sample.resolveSibling("demo.expected.json").toFile());
        java.util.Set<String> names = new java.util.HashSet<>();
        for (JsonNode f : expected.get("flows")) names.add(f.get("hostname").asText());
        long named = screen.subList(4, HEIGHT - 1).stream().filter(l -> names.stream().anyMatch(n -> (l + " ").contains(" " + n + " "))).count();
        assertTrue(named >= 20, "rows with the names the DNS answers gave: " + String.join("\n", screen));
        keys("Tab");
        waitFor(s -> s.get(3).trim().startsWith("time"), "Tab back to the events");
        keys("q");
        waitForHistory("correlation: ", "the correlation's summary after quitting");
        waitForExit();
    }

    /**
     * The view failing while the job runs fails the job, for its exports too: a --csv the job wrote no event to is
     * left as it was (not replaced by a header-only file), exit 1, the view's failure as the error and the summary
     * saying the file was left. The terminal's output fails once the view is up ({@link FailingTerminalMain}).
     */
    @Test
    @Timeout(120)
    void aViewThatFailsBeforeAnyEventLeavesThePreviousExportAsItWas() throws Exception {
        byte[] before = "previous export\r\n".getBytes(StandardCharsets.UTF_8);
        Path csv = Files.write(work.resolve("prev.csv"), before);
        Path trigger = work.resolve("fail-the-terminal");
        // at recorded pace the replay takes about two minutes; no event of it passes --type drop_mac
        startOnFailingTerminal(trigger, "replay", sample.toString(), "--speed", "1", "--type", "drop_mac", "--csv",
                csv.toString());
        waitForMoving(s -> s.get(0).startsWith("ws_tool  replay of demo.jsonl (offline)"), "the view");
        Files.createFile(trigger);
        String all = waitForHistory("ws_tool: error: ", "the error once the view failed");
        waitForExit(1);
        assertArrayEquals(before, Files.readAllBytes(csv), "--csv is left as it was");
        assertTrue(all.contains("ws_tool: error: the full-screen view failed: " + FailingTerminalMain.FAILURE), all);
        assertTrue(all.contains("0 events shown of "), "the job ran: " + all);
        assertTrue(all.contains("--csv " + csv + " left as it was: no events were written to it"), all);
        assertNoTemporaryFile();
    }

    /** A view that fails after events were exported: the export holds every one of them, each row complete. */
    @Test
    @Timeout(120)
    void aViewThatFailsAfterSomeEventsKeepsEveryCompleteRow() throws Exception {
        Path csv = Files.writeString(work.resolve("prev.csv"), "previous export\r\n");
        Path trigger = work.resolve("fail-the-terminal");
        startOnFailingTerminal(trigger, "replay", sample.toString(), "--speed", "1", "--csv", csv.toString());
        waitForMoving(s -> s.get(1).matches("events [1-9].*"), "the first events");
        Files.createFile(trigger);
        String all = waitForHistory("ws_tool: error: ", "the error once the view failed");
        waitForExit(1);
        assertTrue(all.contains("ws_tool: error: the full-screen view failed: " + FailingTerminalMain.FAILURE), all);
        java.util.regex.Matcher shown = java.util.regex.Pattern.compile("([\\d,]+) events shown of ").matcher(all);
        assertTrue(shown.find(), all);
        long events = Long.parseLong(shown.group(1).replace(",", ""));
        assertTrue(events > 0, all);
        List<String> rows = Files.readAllLines(csv);
        assertEquals(String.join(",", wstool.core.sink.CsvSink.COLUMNS), rows.get(0));
        assertEquals(events + 1, rows.size(), "a header and every event shown");
        assertTrue(Files.readString(csv).endsWith("\r\n"), "the last row is complete");
        assertFalse(all.contains("left as it was"), all);
        assertNoTemporaryFile();
    }

    private void assertNoTemporaryFile() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(work)) {
            List<String> tmp = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
            assertEquals(List.of(), tmp, "no temporary file is left");
        }
    }

    private void waitForExit() throws Exception { waitForExit(0); }

    private void waitForExit(int status) throws Exception {
        assertEquals(Integer.toString(status), awaitStatus(30, "ws_tool did not exit"), "exit status");
    }

    /** ws_tool's exit status as {@link #STATUS_SHELL} recorded it, waiting at most {@code seconds} for it. */
    private String awaitStatus(int seconds, String failure) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.exists(statusFile)) {
            assertTrue(System.nanoTime() < until, failure);
            Thread.sleep(100);
        }
        return Files.readString(statusFile).trim();
    }

    private void keys(String... keys) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("send-keys", "-t", "t"));
        cmd.addAll(Arrays.asList(keys));
        tmux(cmd.toArray(new String[0]));
    }

    private List<String> capture() throws Exception {
        List<String> lines = new ArrayList<>(Arrays.asList(tmux("capture-pane", "-p", "-t", "t").split("\n", -1)));
        while (lines.size() < HEIGHT) lines.add("");
        return lines.subList(0, HEIGHT);
    }

    /**
     * Waits for text on the screen or in its scroll-back: once ws_tool exits, tmux's "Pane is dead" line can scroll
     * the first summary line off the visible screen.
     */
    private String waitForHistory(String text, String description) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String all = tmux("capture-pane", "-p", "-S", "-", "-t", "t");
        while (!all.contains(text)) {
            if (System.nanoTime() > until) throw new AssertionError("timed out waiting for " + description + "; the screen:\n" + all);
            Thread.sleep(100);
            all = tmux("capture-pane", "-p", "-S", "-", "-t", "t");
        }
        return all;
    }

    /**
     * Waits for a screen that satisfies {@code what} and is settled: the same on the next capture. capture-pane can
     * catch the view half way through drawing a frame (a new header over the old table), so a screen is only
     * asserted on once it is whole.
     */
    private List<String> waitFor(Predicate<List<String>> what, String description) throws Exception {
        return waitFor(what, description, true);
    }

    /** As {@link #waitFor(Predicate, String)} for a screen that keeps changing (a replay at recorded pace). */
    private List<String> waitForMoving(Predicate<List<String>> what, String description) throws Exception {
        return waitFor(what, description, false);
    }

    private List<String> waitFor(Predicate<List<String>> what, String description, boolean settled) throws Exception {
        // generous: a JVM starting on a loaded 2-core CI machine can take many seconds to draw its first frame
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        List<String> screen = capture();
        while (true) {
            List<String> next = null;
            if (what.test(screen)) {
                if (!settled) return screen;
                Thread.sleep(50);
                next = capture();
                if (next.equals(screen)) return screen;
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + description + "; the screen:\n" + String.join("\n", screen));
            }
            if (next == null) {
                Thread.sleep(100);
                next = capture();
            }
            screen = next;
        }
    }

    private String tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(Arrays.asList(args));
        return run(cmd);
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd.get(0) + " " + cmd.get(cmd.size() > 3 ? 3 : 1));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
