package wstool.tui;

import wstool.core.sink.TerminalText;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import wstool.core.model.NetEvent;
import wstool.core.pipeline.EventSink;
import wstool.core.pipeline.PipelineStats;
import wstool.core.sink.CsvSink;
import wstool.core.sink.Palette;

/**
 * The full-screen view on a JLine terminal: alternate screen, hidden cursor, raw keys. Three threads meet here:
 * the pipeline's consumer calls {@link #sink()} (append only), a key reader queues key presses, and the render loop
 * (the only thread that touches the view state) applies keys, samples the pipeline counters and redraws at most
 * {@link #MAX_FPS} times a second through JLine's {@link Display}, which sends only the changed lines.
 *
 * <p>Terminal provider: JLine picks the first that works among jni, ffm (Java 22+ only), jna, exec. On Java 17 the
 * JNI provider ({@code org.jline.terminal.impl.jni}, its native library for Windows x86/x86_64/arm64 and Linux is
 * inside the jline jar) drives Windows Terminal and conhost through the Console API; on Linux JNI or the exec
 * provider (stty) is used. Run on Linux (tmux, xterm) only; NOT yet run on Windows.
 */
public final class TerminalUi implements AutoCloseable {
    public static final int MAX_FPS = 10;
    private static final long FRAME_NANOS = TimeUnit.SECONDS.toNanos(1) / MAX_FPS;
    /**
     * How often the findings are fetched: a snapshot copies every finding under the verifier's lock, which the
     * pipeline's consumer thread needs for each event, so not on every frame.
     */
    static final long FINDINGS_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** How often a status provider is asked (mock's reads the nft counters with a tool run), off the render thread. */
    static final long STATUS_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final DateTimeFormatter EXPORT_NAME = DateTimeFormatter.ofPattern("'ws_tool-view-'yyyyMMdd-HHmmss'.csv'");

    /**
     * What the view is asked to show and where exports go; a buffer outside 1 to {@link EventRing#MAX_CAPACITY}
     * events is refused here.
     *
     * @param dropChecked whether a DROP list is loaded (else the header and the top panel say "not checked")
     */
    public record Options(int buffer, Palette palette, ZoneId zone, List<String> dataSources, Path exportDir,
                          boolean dropChecked) {
        public Options {
            EventRing.checkCapacity(buffer);
            Objects.requireNonNull(palette);
            Objects.requireNonNull(zone);
            dataSources = List.copyOf(dataSources);
            Objects.requireNonNull(exportDir);
        }

        /** With a DROP list loaded. */
        public Options(int buffer, Palette palette, ZoneId zone, List<String> dataSources, Path exportDir) {
            this(buffer, palette, zone, dataSources, exportDir, true);
        }
    }

    private record KeyPress(Key key, String text) {}

    private final Terminal terminal;
    private final Options options;
    private final TuiModel model;
    private final TuiSink sink;
    private final ScreenRenderer renderer;
    private final RateMeter rates = new RateMeter();
    private final ConcurrentLinkedQueue<KeyPress> keys = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> notices = new ConcurrentLinkedQueue<>();
    private final CountDownLatch quit = new CountDownLatch(1);
    private final CountDownLatch renderStopped = new CountDownLatch(1);
    private volatile boolean resized = true;
    private volatile boolean closing;
    private volatile boolean finished;
    private volatile long finishedNanos;
    private volatile RuntimeException failure;
    private volatile Thread renderThread;
    private Attributes savedAttributes;
    private Display display;
    private Size size;
    private volatile List<String> lastFrame = List.of();
    private volatile long frames;
    private volatile long maxFrameNanos;
    private volatile long totalFrameNanos;
    private volatile long totalFrameCpuNanos;
    private long startNanos;
    private volatile Supplier<FindingsView> findingsSource;
    private volatile LongSupplier forwardLost = () -> -1;
    private volatile Supplier<String> statusSource;
    private volatile String status;
    private FindingsView findings;
    private long nextFindingsNanos;
    private volatile boolean findingsDue;

    TerminalUi(Terminal terminal, Options options) {
        this.terminal = terminal;
        this.options = options;
        EventRing ring = new EventRing(options.buffer());
        Aggregates aggregates = new Aggregates();
        this.model = new TuiModel(ring, aggregates);
        this.sink = new TuiSink(ring, aggregates);
        this.renderer = new ScreenRenderer(options.zone(), options.palette());
    }

    /** Opens the process's terminal (stdin/stdout). */
    public static TerminalUi open(Options options) throws IOException {
        Terminal t = TerminalBuilder.builder().system(true).name("ws_tool").encoding(StandardCharsets.UTF_8)
                .nativeSignals(true).build();
        return new TerminalUi(t, options);
    }

    /** Where the pipeline delivers events. */
    public EventSink sink() { return sink; }

    /**
     * The job's own status line for the header (mock: "faults: refuse 3 packets ..."): asked on a thread of its own
     * every {@link #STATUS_NANOS} (it may be slow: mock runs nft) until the view closes, so a frame never waits for
     * it; the last answer is shown. Call before {@link #start}.
     */
    public void status(Supplier<String> source) { statusSource = Objects.requireNonNull(source); }

    /** Messages a forwarding output could not keep (--syslog), shown in the header next to "lost". */
    public void forwardLost(LongSupplier lost) { forwardLost = Objects.requireNonNull(lost); }

    /**
     * The job folds events into flows: Tab switches to the flows list. Returns where finished flows go: one writer
     * (the pipeline thread), the last {@code capacity} kept. Call before {@link #start}.
     */
    public java.util.function.Consumer<FlowRow> flows(int capacity) {
        FlowRing ring = new FlowRing(capacity);
        model.flows(ring);
        return ring::add;
    }

    /**
     * The job checks sockets (--verify): the header shows the findings' counts and {@code v} opens the findings
     * panel. The source is asked from the render thread, at most every {@link #FINDINGS_NANOS}, and must be
     * thread-safe. Call before {@link #start}.
     */
    public void findings(Supplier<FindingsView> source) {
        findingsSource = Objects.requireNonNull(source);
        model.findingsAvailable(true);
    }

    /** JLine's name for the terminal implementation in use ("jni", "exec", ...; tests and `doctor`). */
    public String terminalType() { return terminal.getType() + " via " + terminal.getClass().getSimpleName(); }

    /**
     * Takes over the screen and starts the key reader and render loop.
     *
     * @param sourceName shown in the header
     * @param live whether a live source feeds the pipeline
     * @param stats the pipeline's live counters
     * @param lostAtSource the sources' own loss counters
     * @param stopPipeline called once when the user quits (q, Ctrl-C)
     * @param failPipeline called once, with the failure, when the view fails (it can no longer draw, nor react to q):
     *                     the job ends as failed, also for its exports
     */
    public void start(String sourceName, boolean live, PipelineStats stats, LongSupplier lostAtSource, Runnable stopPipeline,
                      Consumer<RuntimeException> failPipeline) {
        startNanos = System.nanoTime();
        // rates count from the start of the job, also when a fast replay is done before the first frame
        rates.sample(startNanos - FRAME_NANOS, stats.delivered());
        savedAttributes = terminal.enterRawMode();
        terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.keypad_xmit);
        terminal.puts(Capability.cursor_invisible);
        terminal.flush();
        display = new Display(terminal, true);
        terminal.handle(Terminal.Signal.WINCH, s -> {
            resized = true;
            wake();
        });
        terminal.handle(Terminal.Signal.INT, s -> keys.add(new KeyPress(Key.QUIT, "\u0003")));
        Runnable onQuit = () -> {
            stopPipeline.run();
            quit.countDown();
        };
        KeyHandler handler = new KeyHandler(model, this::tableHeight, this::export, onQuit);
        Thread render = new Thread(() -> renderLoop(sourceName, live, stats, lostAtSource, handler, failPipeline), "tui-render");
        render.setDaemon(true);
        renderThread = render;
        render.start();
        if (statusSource != null) {
            Thread poll = new Thread(this::pollStatus, "tui-status");
            poll.setDaemon(true);
            poll.start();
        }
        Thread reader = new Thread(this::readKeys, "tui-keys");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * A source's status line ("ready: ..." once a live session receives, loss counters, "listening on NFLOG group
     * 100"): shown in the view's message line (until the next key), where stderr output would be drawn over. Any
     * thread; before {@link #start} too (shown with the first frame).
     */
    public void notice(String line) {
        notices.add(line);
        wake();
    }

    /** The pipeline has ended: the header says so and the view stays until the user quits. */
    public void finished() {
        finishedNanos = System.nanoTime();
        // before `finished`: a frame whose header says finished also shows the final findings
        findingsDue = true;
        finished = true;
        wake();
    }

    /** Ends {@link #awaitQuit} without a key press (shutdown hook, pipeline failure). */
    public void quit() { quit.countDown(); }

    /** Blocks until the user quits (q, Ctrl-C) or {@link #quit()} is called. */
    public void awaitQuit() throws InterruptedException { quit.await(); }

    /** Restores the terminal: normal screen, visible cursor, the attributes from before. */
    @Override
    public void close() throws IOException {
        closing = true;
        quit.countDown();
        if (renderThread == null) { // never started: the screen was not taken over
            terminal.close();
            return;
        }
        wake();
        try {
            renderStopped.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            terminal.puts(Capability.cursor_visible);
            terminal.puts(Capability.keypad_local);
            terminal.puts(Capability.exit_ca_mode);
            terminal.flush();
            if (savedAttributes != null) terminal.setAttributes(savedAttributes);
        } finally {
            terminal.close();
        }
    }

    /** Why the view stopped drawing (then it has reported it as the job's failure), or null. */
    public RuntimeException failure() { return failure; }

    /** Frames drawn so far and the slowest frame in nanoseconds (load harness). */
    public long frames() { return frames; }

    public long maxFrameNanos() { return maxFrameNanos; }

    /** CPU time the render thread spent drawing, all frames together: independent of other load (harness). */
    public long totalFrameCpuNanos() { return totalFrameCpuNanos; }

    /** Time spent drawing, all frames together (load harness). */
    public long totalFrameNanos() { return totalFrameNanos; }

    /** Opens the top panel before the first key press (the load harness draws the heaviest screen). */
    void toggleTopPanelForLoadTest() { keys.add(new KeyPress(Key.TOP, "t")); }

    /** The lines of the last frame drawn (tests). */
    List<String> lastFrame() { return lastFrame; }

    // ---- threads

    private void pollStatus() {
        Supplier<String> source = statusSource;
        try {
            do {
                try {
                    String line = source.get();
                    status = line == null ? null : TerminalText.clean(line);
                    wake();
                } catch (RuntimeException e) {
                    // the last line stays; the provider's owner reports its own failures
                }
            } while (!closing && !renderStopped.await(STATUS_NANOS, TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readKeys() {
        BindingReader reader = new BindingReader(terminal.reader());
        KeyMap<Key> map = keyMap();
        try {
            while (!closing) {
                Key k = reader.readBinding(map, null, true);
                if (k == null) { // end of input: the terminal is gone (hang-up), so the view ends like on q
                    keys.add(new KeyPress(Key.QUIT, "\u0003"));
                    wake();
                    return;
                }
                keys.add(new KeyPress(k, reader.getLastBinding()));
                wake();
            }
        } catch (RuntimeException | java.io.IOError e) {
            // JLine reports read errors as IOError; while closing that is expected, otherwise the keyboard is gone
            // (like a hang-up), so the view ends like on q
            if (!closing) {
                keys.add(new KeyPress(Key.QUIT, "\u0003"));
                wake();
            }
        }
    }

    private KeyMap<Key> keyMap() {
        KeyMap<Key> m = new KeyMap<>();
        m.setAmbiguousTimeout(100);
        m.setUnicode(Key.CHAR);
        m.setNomatch(Key.CHAR);
        bind(m, Key.UP, Capability.key_up, "\u001b[A", "\u001bOA", "k");
        bind(m, Key.DOWN, Capability.key_down, "\u001b[B", "\u001bOB", "j");
        bind(m, Key.PAGE_UP, Capability.key_ppage, "\u001b[5~");
        bind(m, Key.PAGE_DOWN, Capability.key_npage, "\u001b[6~");
        bind(m, Key.HOME, Capability.key_home, "\u001b[H", "\u001bOH", "\u001b[1~", "g");
        bind(m, Key.END, Capability.key_end, "\u001b[F", "\u001bOF", "\u001b[4~", "G");
        bind(m, Key.BACKSPACE, Capability.key_backspace, "\u007f", "\b");
        m.bind(Key.FOLLOW, "f");
        m.bind(Key.PAUSE, " ");
        m.bind(Key.FILTER, "/");
        m.bind(Key.ESCAPE, KeyMap.esc());
        m.bind(Key.ENTER, "\r", "\n");
        m.bind(Key.TOP, "t");
        m.bind(Key.FINDINGS, "v");
        m.bind(Key.FLOWS, "\t");
        m.bind(Key.CLEAR, "c");
        m.bind(Key.EXPORT, "e");
        m.bind(Key.QUIT, "q", "\u0003");
        m.bind(Key.REDRAW, "\u000c");
        for (char c = 0x20; c < 0x7f; c++) {
            String s = String.valueOf(c);
            if (m.getBound(s) == null) m.bind(Key.CHAR, s);
        }
        return m;
    }

    private void bind(KeyMap<Key> m, Key k, Capability cap, String... fallback) {
        String fromTerminfo = KeyMap.key(terminal, cap);
        if (fromTerminfo != null && !fromTerminfo.isEmpty()) m.bind(k, fromTerminfo);
        m.bind(k, fallback);
    }

    private void renderLoop(String sourceName, boolean live, PipelineStats stats, LongSupplier lost, KeyHandler handler,
                            Consumer<RuntimeException> failPipeline) {
        long nextFrame = System.nanoTime();
        try {
            while (!closing) {
                long now = System.nanoTime();
                if (now < nextFrame) {
                    LockSupport.parkNanos(nextFrame - now);
                    continue;
                }
                for (KeyPress k; (k = keys.poll()) != null; ) {
                    if (k.key() == Key.REDRAW) resized = true; // Ctrl-L: repaint everything (after stray output)
                    else handler.handle(k.key(), k.text());
                }
                for (String n; (n = notices.poll()) != null; ) model.setMessage(n, false);
                if (closing) break;
                // a fixed schedule keeps the average at MAX_FPS when a wake-up comes late; after a long stall
                // (GC, a busy machine) it starts afresh rather than drawing a burst of catch-up frames
                nextFrame = now - nextFrame > FRAME_NANOS ? now + FRAME_NANOS : nextFrame + FRAME_NANOS;
                drawFrame(sourceName, live, stats, lost);
                // sleep until the next frame unless a key or resize arrives (wake() unparks; the frame gate above
                // still holds the rate at MAX_FPS)
                LockSupport.parkNanos(FRAME_NANOS);
            }
        } catch (RuntimeException | java.io.IOError e) {
            // a view that no longer draws would also no longer react to q: the job ends as failed, and says why.
            // JLine reports a failed terminal write as IOError (an Error): caught too, or the view would freeze while
            // the job ran on behind it
            RuntimeException cause = e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
            failure = cause;
            failPipeline.accept(cause);
            quit.countDown();
        } finally {
            renderStopped.countDown();
        }
    }

    private void drawFrame(String sourceName, boolean live, PipelineStats stats, LongSupplier lost) {
        long t0 = System.nanoTime();
        long cpu0 = CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : 0;
        if (resized) {
            resized = false;
            size = terminal.getSize();
            if (size.getRows() <= 0 || size.getColumns() <= 0) size = new Size(80, 24);
            display.clear();
            display.resize(size.getRows(), size.getColumns());
        }
        model.refresh();
        long delivered = stats.delivered();
        rates.sample(t0, delivered);
        HeaderInfo h = new HeaderInfo(sourceName, live, Duration.ofNanos((finished ? finishedNanos : t0) - startNanos),
                rates.perSecond(TimeUnit.SECONDS.toNanos(1)), rates.perSecond(TimeUnit.MINUTES.toNanos(1)),
                delivered, stats.byKind(), stats.dropped(), lost.getAsLong(), options.dataSources(), finished,
                forwardLost.getAsLong(), options.dropChecked(), status);
        List<String> lines = renderer.render(model, h, sampleFindings(t0), size.getColumns(), size.getRows());
        display.updateAnsi(lines, -1);
        lastFrame = lines;
        terminal.flush();
        frames++;
        long took = System.nanoTime() - t0;
        maxFrameNanos = Math.max(maxFrameNanos, took);
        totalFrameNanos += took;
        if (CPU.isCurrentThreadCpuTimeSupported()) totalFrameCpuNanos += CPU.getCurrentThreadCpuTime() - cpu0;
    }

    /**
     * The latest findings, fetched again when due and once more when the job has finished (the pipeline has closed
     * the verifier by then); a finished list no longer changes.
     */
    private FindingsView sampleFindings(long now) {
        Supplier<FindingsView> source = findingsSource;
        if (source == null) return null;
        if (findings == null || findingsDue || !findings.finished() && now - nextFindingsNanos >= 0) {
            findingsDue = false;
            findings = source.get();
            nextFindingsNanos = now + FINDINGS_NANOS;
        }
        return findings;
    }

    private int tableHeight() { return size == null ? 20 : Math.max(1, size.getRows() - 6); }

    private void wake() {
        Thread t = renderThread;
        if (t != null) LockSupport.unpark(t);
    }

    private void export() {
        List<NetEvent> events = model.viewEvents();
        Path file = options.exportDir().resolve(LocalDateTime.now(options.zone()).format(EXPORT_NAME)).toAbsolutePath();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8); CsvSink csv = new CsvSink(w)) {
            for (NetEvent e : events) csv.accept(e);
            model.setMessage(String.format("exported %,d events to %s", events.size(), file), false);
        } catch (IOException | RuntimeException e) {
            model.setMessage("export failed: " + e.getMessage(), true);
        }
    }
}
