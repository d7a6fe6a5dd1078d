package wstool.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import wstool.core.pipeline.PipelineStats;
import wstool.core.sink.Palette;

/** Drives the JLine wiring through an in-memory terminal: keys in, screen updates out. */
class TerminalUiTest {
    @TempDir
    Path dir;

    @Test
    void optionsRefuseABufferTheViewCannotHold() {
        for (int n : new int[] {0, -1, 10_000_001}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new TerminalUi.Options(n, Palette.NONE, ZoneOffset.UTC, List.of(), dir));
            assertEquals(String.format("the view keeps 1 to 10,000,000 events, not %,d", n), e.getMessage());
        }
        assertEquals(1, new TerminalUi.Options(1, Palette.NONE, ZoneOffset.UTC, List.of(), dir).buffer());
        assertEquals(10_000_000, new TerminalUi.Options(10_000_000, Palette.NONE, ZoneOffset.UTC, List.of(), dir).buffer());
    }

    @Test
    @Timeout(20)
    void keysFilterExportAndQuit() throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys, 4096);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Terminal t = new ExternalTerminal("test", "xterm-256color", in, screen, StandardCharsets.UTF_8);
        t.setSize(new Size(140, 30));
        TerminalUi ui = new TerminalUi(t, new TerminalUi.Options(1000, Palette.NONE, ZoneOffset.UTC, List.of("none"), dir));
        AtomicInteger stops = new AtomicInteger();
        ui.start("test source", true, new PipelineStats(), () -> 0, stops::incrementAndGet, e -> { });
        ui.sink().accept(Events.drop(1, Events.CN));
        ui.sink().accept(Events.connect(2, Events.DE));
        ui.sink().accept(Events.dns(3));
        waitFor(ui, "example.com");

        ui.notice("ready: tracing --all (ETW session ws_tool-trace-1)");
        waitFor(ui, "ready: tracing --all (ETW session ws_tool-trace-1)"); // in the view, not under it on stderr
        type(keys, "/drop\r");
        waitFor(ui, "filter: drop (1 shown)");
        type(keys, "e");
        waitFor(ui, "exported 1 events to ");
        try (var files = Files.list(dir)) {
            Path csv = files.filter(p -> p.getFileName().toString().startsWith("ws_tool-view-")).findFirst().orElseThrow();
            List<String> rows = Files.readAllLines(csv);
            assertEquals(2, rows.size(), "header and the one filtered event: " + rows);
            assertTrue(rows.get(1).contains("DROP") && rows.get(1).contains("SBL123456"), rows.get(1));
        }
        type(keys, "\r");
        waitFor(ui, "detail: event 1 of 1");
        type(keys, "q");
        assertTrue(awaitQuit(ui), "q ends the view");
        assertEquals(1, stops.get(), "and asks the pipeline to stop");
        ui.close();
        String out = screen.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("\u001b[?1049h") && out.contains("\u001b[?1049l") && out.contains("\u001b[?25l")
                && out.contains("25h"), "alternate screen and hidden cursor, both undone: "
                + out.substring(0, 40).replace('\u001b', '~') + " ... " + out.substring(out.length() - 40).replace('\u001b', '~'));
        assertTrue(ui.frames() > 0 && ui.frames() < 200, "frames: " + ui.frames());
    }

    @Test
    @Timeout(20)
    void findingsComeFromTheSourceAtMostTwiceASecondAndVShowsThem() throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys, 4096);
        Terminal t = new ExternalTerminal("test", "xterm-256color", in, new ByteArrayOutputStream(), StandardCharsets.UTF_8);
        t.setSize(new Size(140, 30));
        TerminalUi ui = new TerminalUi(t, new TerminalUi.Options(1000, Palette.NONE, ZoneOffset.UTC, List.of("none"), dir));
        AtomicInteger asked = new AtomicInteger();
        AtomicReference<FindingsView> current = new AtomicReference<>(new FindingsView(List.of(), false));
        ui.findings(() -> {
            asked.incrementAndGet();
            return current.get();
        });
        long started = System.nanoTime();
        ui.start("test source", true, new PipelineStats(), () -> 0, () -> { }, e -> { });
        waitFor(ui, "verify: no findings  |  data: none");
        current.set(new FindingsView(List.of(FindingsPanelTest.LEAK, FindingsPanelTest.USE), false));
        waitFor(ui, "verify: 2 errors, 0 warnings, 0 info");
        type(keys, "v");
        waitFor(ui, "-- findings: 2 errors, 0 warnings, 0 info so far (v closes) ---");
        waitFor(ui, "  WS002 USE_AFTER_CLOSE ");
        ui.finished();
        current.set(new FindingsView(List.of(FindingsPanelTest.LEAK), true));
        waitFor(ui, "-- findings: 1 error, 0 warnings, 0 info (v closes) ---");
        int final_ = asked.get();
        long frames = ui.frames();
        Thread.sleep(700);
        assertTrue(ui.frames() > frames, "still drawing");
        assertEquals(final_, asked.get(), "a finished list is not asked for again");
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(final_ <= seconds * 2 + 2, final_ + " snapshots in " + seconds + " s, frames " + ui.frames());
        type(keys, "q");
        assertTrue(awaitQuit(ui));
        ui.close();
    }

    /** A source's notice while the view is up goes to the status line, not over the screen (issue 16). */
    @Test
    @Timeout(20)
    void noticesGoToTheStatusLine() throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys, 4096);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Terminal t = new ExternalTerminal("test", "xterm-256color", in, screen, StandardCharsets.UTF_8);
        t.setSize(new Size(140, 30));
        TerminalUi ui = new TerminalUi(t, new TerminalUi.Options(1000, Palette.NONE, ZoneOffset.UTC, List.of("none"), dir, false));
        ui.notice("listening on NFLOG group 100"); // before start: shown with the first frame
        ui.start("NFLOG", true, new PipelineStats(), () -> 0, () -> { }, e -> { });
        waitFor(ui, "listening on NFLOG group 100");
        assertTrue(ui.lastFrame().get(ui.lastFrame().size() - 1).startsWith("listening on NFLOG group 100"),
                "in the status line: " + ui.lastFrame());
        waitFor(ui, "data: DROP not checked (no list), none");
        ui.notice("ready: \u001b[2Jtracing");
        waitFor(ui, "ready: \\x1b[2Jtracing");
        type(keys, "q");
        assertTrue(awaitQuit(ui));
        ui.close();
        String out = screen.toString(StandardCharsets.UTF_8);
        assertTrue(!out.contains("\u001b[2Jtracing"), "the notice's escape never reaches the terminal");
    }

    /** A status provider (mock's fault counts) is asked about once a second, off the render thread, until the view closes. */
    @Test
    @Timeout(20)
    void theStatusProviderIsPolledOnceASecondIntoTheHeader() throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys, 4096);
        Terminal t = new ExternalTerminal("test", "xterm-256color", in, new ByteArrayOutputStream(), StandardCharsets.UTF_8);
        t.setSize(new Size(140, 30));
        TerminalUi ui = new TerminalUi(t, new TerminalUi.Options(1000, Palette.NONE, ZoneOffset.UTC, List.of("none"), dir));
        AtomicInteger asked = new AtomicInteger();
        java.util.concurrent.CountDownLatch slow = new java.util.concurrent.CountDownLatch(1);
        ui.status(() -> {
            int n = asked.incrementAndGet();
            if (n == 3) {
                try {
                    slow.await(3, TimeUnit.SECONDS); // a slow nft run must not hold the frames
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return "faults: refuse " + n + " packets\u001b[2J";
        });
        long started = System.nanoTime();
        ui.start("mock", true, new PipelineStats(), () -> 0, () -> { }, e -> { });
        waitFor(ui, "faults: refuse 1 packets\\x1b[2J  |  data: none");
        waitFor(ui, "faults: refuse 2 packets");
        long frames = ui.frames();
        Thread.sleep(500);
        assertTrue(ui.frames() > frames, "frames go on while the provider is slow");
        slow.countDown();
        waitFor(ui, "faults: refuse 3 packets");
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(asked.get() <= seconds + 2, asked.get() + " polls in " + seconds + " s");
        type(keys, "q");
        assertTrue(awaitQuit(ui));
        ui.close();
        int after = asked.get();
        Thread.sleep(1_300);
        assertEquals(after, asked.get(), "not asked after the view closed");
    }

    /**
     * A view that can no longer draw (its terminal's output fails) reports that as the job's failure, once, instead
     * of asking the job to stop as q does: the job's exports then end as after any failure. awaitQuit returns and
     * failure() says why. Also when the failure is an IOError, as JLine reports a failed terminal write.
     */
    @ParameterizedTest(name = "as an IOError: {0}")
    @ValueSource(booleans = {false, true})
    @Timeout(20)
    void aViewThatCannotDrawReportsItAsTheJobsFailure(boolean asIoError) throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys, 4096);
        AtomicBoolean gone = new AtomicBoolean();
        Terminal t = new ExternalTerminal("test", "xterm-256color", in, new ByteArrayOutputStream(), StandardCharsets.UTF_8) {
            @Override
            public void flush() {
                if (gone.compareAndSet(true, false)) {
                    if (asIoError) throw new java.io.IOError(new java.io.IOException("the terminal is gone"));
                    throw new IllegalStateException("the terminal is gone");
                }
                super.flush();
            }
        };
        t.setSize(new Size(140, 30));
        TerminalUi ui = new TerminalUi(t, new TerminalUi.Options(1000, Palette.NONE, ZoneOffset.UTC, List.of("none"), dir));
        AtomicInteger stops = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        CompletableFuture<RuntimeException> reported = new CompletableFuture<>();
        ui.start("test source", true, new PipelineStats(), () -> 0, stops::incrementAndGet, e -> {
            failures.incrementAndGet();
            reported.complete(e);
        });
        waitFor(ui, "ws_tool  test source (live)");
        gone.set(true); // the next frame's flush throws
        RuntimeException e = reported.get(5, TimeUnit.SECONDS);
        assertTrue(e.getMessage().endsWith("the terminal is gone"), e.getMessage());
        assertSame(e, ui.failure());
        assertTrue(awaitQuit(ui), "the view ends");
        ui.close();
        assertEquals(1, failures.get(), "reported once");
        assertEquals(0, stops.get(), "a failure, not a stop");
    }

    private static boolean awaitQuit(TerminalUi ui) throws InterruptedException {
        Thread t = new Thread(() -> {
            try {
                ui.awaitQuit();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        t.join(TimeUnit.SECONDS.toMillis(5));
        return !t.isAlive();
    }

    private static void type(PipedOutputStream keys, String s) throws Exception {
        keys.write(s.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private static void waitFor(TerminalUi ui, String text) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < until) {
            if (String.join("\n", ui.lastFrame()).contains(text)) return;
            Thread.sleep(20);
        }
        throw new AssertionError("screen never showed '" + text + "':\n" + String.join("\n", ui.lastFrame()));
    }
}
