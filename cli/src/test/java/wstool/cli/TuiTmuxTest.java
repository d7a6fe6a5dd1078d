package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

/**
 * The full-screen view in a real terminal: tmux runs {@code ws_tool replay samples/demo.jsonl} in a 120x36 pane,
 * keys go in with send-keys, and capture-pane shows what a person would see. Needs tmux (CI installs it); without
 * it the test is skipped with a loud reason. Every wait is bounded; the private tmux server is killed afterwards.
 */
class TuiTmuxTest {
    private static final int WIDTH = 120, HEIGHT = 36;
    private final String socket = "wstool-tui-test-" + ProcessHandle.current().pid();
    private Path sample;

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
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d",
                "-s", "t", "-x", Integer.toString(WIDTH), "-y", Integer.toString(HEIGHT),
                "-e", "TERM=xterm-256color", "-e", "LANG=C.UTF-8", "-e", "TZ=UTC",
                java.toString(), "-cp", classpath, "wstool.cli.WsTool", "replay", sample.toString()));
        cmd.addAll(Arrays.asList(extra));
        run(cmd);
        tmux("set-option", "-t", "t", "remain-on-exit", "on");
    }

    @Test
    @Timeout(120)
    void ctrlCDuringARecordedPaceReplayEndsWithTheSummary() throws Exception {
        startWsTool("--speed", "1");
        waitFor(s -> s.get(0).contains("following") && s.get(1).matches("events [1-9].*"), "the first events");
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
        long pid = Long.parseLong(tmux("display-message", "-p", "-t", "t", "#{pane_pid}").trim());
        ProcessHandle wsTool = ProcessHandle.of(pid).orElseThrow();
        tmux("kill-server");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (wsTool.isAlive()) {
            assertTrue(System.nanoTime() < until, "ws_tool still runs 20 s after its terminal went away");
            Thread.sleep(100);
        }
    }

    @Test
    @Timeout(240)
    void replayInTheTerminalFollowFilterDetailTopQuit() throws Exception {
        startWsTool();

        // the replay runs as fast as possible, then the view stays, following the newest event
        List<String> screen = waitFor(s -> s.get(0).contains("finished") && s.get(HEIGHT - 1).contains("FOLLOW"), "the replay to finish");
        assertTrue(screen.get(0).startsWith("ws_tool  replay of demo.jsonl (offline)"), screen.get(0));
        assertTrue(screen.get(1).startsWith("events 1,424  "), screen.get(1));
        assertTrue(screen.get(1).contains("DROP 101") && screen.get(1).contains("dropped 0  lost 0"), screen.get(1));
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
        screen = waitFor(s -> s.get(2).contains("filter: drop (101 shown)"), "the filter to apply");
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
        waitFor(s -> !s.get(HEIGHT - 1).startsWith("/") && s.get(2).contains("filter: drop (101 shown)"), "the input to close");

        // detail of the selected (newest) drop
        keys("Enter");
        screen = waitFor(s -> s.stream().anyMatch(l -> l.startsWith("-- detail: event 101 of 101")), "the detail pane");
        String all = String.join("\n", screen);
        assertTrue(all.contains("  event         FIREWALL DROP  source WFP"), all);
        assertTrue(all.contains("  filter        ") && all.contains("  layer         "), all);
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

    private void waitForExit() throws Exception { waitForExit(0); }

    private void waitForExit(int status) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!tmux("display-message", "-p", "-t", "t", "#{pane_dead}:#{pane_dead_status}#{pane_dead_signal}").trim().matches("1:\\d+")) {
            assertTrue(System.nanoTime() < until, "ws_tool did not exit");
            Thread.sleep(100);
        }
        assertEquals(Integer.toString(status), tmux("display-message", "-p", "-t", "t", "#{pane_dead_status}").trim(), "exit status");
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

    private List<String> waitFor(Predicate<List<String>> what, String description) throws Exception {
        // generous: a JVM starting on a loaded 2-core CI machine can take many seconds to draw its first frame
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        List<String> screen = capture();
        while (!what.test(screen)) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + description + "; the screen:\n" + String.join("\n", screen));
            }
            Thread.sleep(100);
            screen = capture();
        }
        return screen;
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
