package wstool.etw.live;

import wstool.core.pipeline.Notices;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.Pointer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import wstool.core.filter.TraceTarget;
import wstool.core.model.EventHeader;
import wstool.core.model.NetEvent;
import wstool.core.model.ProcessExit;
import wstool.core.model.Source;
import wstool.core.pipeline.Emitter;
import wstool.core.pipeline.EventSource;
import wstool.win32.Win32Errors;

/**
 * `ws_tool trace` on Windows: a real-time ETW session ({@value #SESSION_PREFIX}PID) on Winsock-AFD, NameResolution and
 * Kernel-Network (or the providers given), all keywords, level verbose. The EVENT_RECORD callback copies each
 * record and offers it to a bounded hand-off queue (never blocking: a full queue drops and counts); {@link #run}
 * decodes on the pipeline's source thread, keeps the events of the traced processes (PID filtering happens here:
 * AFD is a kernel provider and cannot filter by PID) and emits them. With {@code --exe} (Kernel-Process enabled) the
 * ProcessStop of a traced process is emitted as a {@link ProcessExit}; with {@code --pid} the trace ends when the
 * process exits and no exit event is emitted (leaks are then reported at the trace's end).
 *
 * <p>Ends on {@link #stop()} (Ctrl-C, --duration), when the traced PID exits, or when ProcessTrace returns: the
 * session is stopped (ProcessTrace then delivers what is buffered and returns), the trace closed and the hand-off
 * queue drained. A shutdown hook stops the session on every other exit path, so a crash does not leave it
 * running (and the next run stops a stale one anyway).
 *
 * <p>Status: exercised in tests against a fake advapi32/tdh that calls the real callback with EVENT_RECORD memory
 * laid out at the Windows x64 offsets; the Windows CI workflow runs it live. Not run on Windows by its author.
 */
public final class EtwLiveSource implements EventSource {

    /**
     * Sessions are named this plus the PID of the ws_tool that owns them, so that two traces at once do not share
     * (and stop) one session, and a session left by a killed run can be told from one still in use.
     */
    public static final String SESSION_PREFIX = "ws_tool-trace-";
    /**
     * How the status line that says events are now being received begins (session started, providers enabled,
     * consumer open): people and CI scripts wait for it before they make traffic.
     */
    public static final String READY = "ready: ";
    /** The reorder window: records are held at most about this long, unnoticeable in a view drawn at 10 fps. */
    static final long DEFAULT_REORDER_MILLIS = 250;

    private final Advapi32 api;
    private final List<EtwProvider> providers;
    private final TargetProcesses target;
    private final LiveDecoder decoder;
    private final TdhSchemas schemas;
    private final ProcessNames names;
    private final wstool.win32.ServiceNames services;
    private final LongFunction<Optional<CompletableFuture<?>>> exitWatcher;
    private final Notices status;
    private final Duration queryInterval;
    private final Consumer<EtwSession.Counters> onLosses;
    private final long reorderMillis;
    private final boolean installShutdownHook;
    private final EtwSession session;
    private final BlockingQueue<LiveEventRecord> handoff;
    private final ReorderWindow reorder;
    private final AtomicLong handoffDropped = new AtomicLong();
    private final AtomicInteger processResult = new AtomicInteger(Integer.MIN_VALUE);
    private volatile boolean stopRequested;
    private volatile boolean ready;
    private volatile String stopReason;
    private volatile EtwConsumer consumer;
    private volatile Thread shutdownHook;

    private EtwLiveSource(Builder b) {
        this.api = Objects.requireNonNull(b.api, "api");
        this.providers = List.copyOf(b.providers);
        this.target = new TargetProcesses(b.target);
        this.decoder = b.decoder != null ? b.decoder : new ManifestLiveDecoder();
        this.schemas = new TdhSchemas(b.tdh);
        this.names = b.names;
        this.services = b.services;
        this.exitWatcher = b.exitWatcher;
        this.status = b.status;
        this.queryInterval = b.queryInterval;
        this.reorderMillis = b.reorderMillis;
        this.installShutdownHook = b.shutdownHook;
        this.session = new EtwSession(api, b.sessionName, b.buffers);
        this.onLosses = b.onLosses;
        this.handoff = new ArrayBlockingQueue<>(b.handoffCapacity);
        this.reorder = new ReorderWindow(b.reorderMillis, b.handoffCapacity);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "ETW trace of " + target + " (session " + session.name() + ")";
    }

    @Override
    public boolean live() {
        return true;
    }

    /** Winsock, DNS and Kernel-Network providers: socket and DNS events only. */
    @Override
    public boolean mayEmitVerdicts() {
        return false;
    }

    @Override
    public long lostAtSource() {
        return session.lastCounters().total() + handoffDropped.get();
    }

    /** Whether the session is started, its providers enabled and the consumer open. */
    public boolean ready() {
        return ready;
    }

    /** Records dropped because the hand-off queue was full. */
    public long handoffDropped() {
        return handoffDropped.get();
    }

    /** Why the source ended ("stopped", "process N exited", "ProcessTrace returned ..."), null while running. */
    public String stopReason() {
        return stopReason;
    }

    public EtwSession.Counters counters() {
        return session.lastCounters();
    }

    @Override
    public void stop() {
        requestStop("stopped");
    }

    private void requestStop(String reason) {
        if (!stopRequested) {
            stopReason = reason;
            stopRequested = true;
        }
    }

    @Override
    public void run(Emitter emitter) throws Exception {
        if (stopRequested) {
            return;
        }
        watchTracedProcess();
        decoder.prepare();
        Thread processThread = null;
        installHook();
        try {
            for (String left : session.stopAbandoned(SESSION_PREFIX, pid -> exitWatcher.apply(pid).isPresent())) {
                status.notice("ETW: stopped the session " + left + " left behind by a ws_tool that is no longer running");
            }
            session.start();
            for (EtwProvider p : sessionProviders()) {
                session.enable(p.guid(), p.keywords(), null);
            }
            EtwConsumer c = new EtwConsumer(api, session.name(), this::onRecord);
            consumer = c;
            c.open();
            processThread = new Thread(() -> {
                int rc = c.process();
                processResult.set(rc);
                requestStop("ProcessTrace returned (" + Win32Errors.describe(rc) + ")");
            }, "etw-process-trace");
            processThread.setDaemon(true);
            processThread.start();
            ready = true;
            status.notice(READY + "tracing " + target + " (ETW session " + session.name() + ": "
                    + String.join(", ", sessionProviders().stream().map(EtwProvider::name).toList()) + ")");
            consume(emitter);
        } finally {
            teardown(processThread);
            drain(emitter);
            removeHook();
        }
        int rc = processResult.get();
        if (stopReason != null && stopReason.startsWith("ProcessTrace returned")) {
            if (rc != WinError.ERROR_SUCCESS && rc != WinError.ERROR_CANCELLED) {
                throw Win32Errors.failure(rc, "ProcessTrace", "reading the ETW session " + session.name() + " failed",
                        EtwSession.PRIVILEGE);
            }
            // A real-time ProcessTrace returns by itself only when its session stopped: someone else stopped it.
            throw new EtwException("the ETW session " + session.name() + " was stopped from outside ws_tool (by"
                    + " 'logman stop', another tool, or the system); the events up to then were kept");
        }
        EtwConsumer c = consumer;
        if (c != null && c.callbackFailure() != null) {
            throw new IllegalStateException("the ETW event callback failed: " + c.callbackFailure(),
                    c.callbackFailure());
        }
    }

    private List<EtwProvider> sessionProviders() {
        List<EtwProvider> list = new ArrayList<>(providers);
        if (target.byImage() && !list.contains(EtwProvider.KERNEL_PROCESS)) {
            list.add(EtwProvider.KERNEL_PROCESS);
        }
        return list;
    }

    private void watchTracedProcess() {
        long pid = target.followedPid();
        if (pid < 0) {
            return;
        }
        Optional<CompletableFuture<?>> exit = exitWatcher.apply(pid);
        if (exit.isEmpty()) {
            throw new EtwException("no process with PID " + pid + " is running");
        }
        exit.get().thenRun(() -> requestStop("process " + pid + " exited"));
    }

    /** The EventRecordCallback body: copy, make sure TDH was asked about unknown events, hand off. Never blocks. */
    private void onRecord(Pointer record) {
        LiveEventRecord r = RecordCopier.copy(record);
        // Kernel-Process always: trackProcess reads its events through TDH, though the decoder knows them too
        if (!decoder.knows(r.provider(), r.eventId(), r.version()) || EtwProvider.KERNEL_PROCESS.guid().equals(r.provider())) {
            schemas.fetch(TdhSchemas.Key.of(r), record);
        }
        if (!handoff.offer(r)) {
            handoffDropped.incrementAndGet();
        }
    }

    private void consume(Emitter emitter) throws InterruptedException {
        long nextQuery = System.nanoTime() + queryInterval.toNanos();
        long reportedLost = 0;
        while (!stopRequested) {
            LiveEventRecord r = handoff.poll(50, TimeUnit.MILLISECONDS);
            if (r != null) {
                reorder.add(r, System.nanoTime(), rec -> handle(rec, emitter));
            } else {
                reorder.release(System.nanoTime(), rec -> handle(rec, emitter));
            }
            if (System.nanoTime() - nextQuery >= 0) {
                nextQuery = System.nanoTime() + queryInterval.toNanos();
                reportedLost = reportLosses(session.query(), reportedLost);
            }
        }
    }

    private long reportLosses(EtwSession.Counters c, long reported) {
        long lost = c.total() + handoffDropped.get();
        if (lost != reported) {
            status.notice("ETW: " + c.eventsLost() + " events lost, " + c.realTimeBuffersLost()
                    + " real-time buffers lost, " + handoffDropped.get() + " records dropped at hand-off");
        }
        return lost;
    }

    private void handle(LiveEventRecord r, Emitter emitter) {
        if (EtwProvider.KERNEL_PROCESS.guid().equals(r.provider())) {
            NetEvent exit = trackProcess(r);
            if (exit != null) {
                emitter.emit(exit);
            }
            if (!providers.contains(EtwProvider.KERNEL_PROCESS)) {
                return;
            }
        }
        TdhSchema tdh = decoder.knows(r.provider(), r.eventId(), r.version()) ? null
                : schemas.cached(TdhSchemas.Key.of(r)).orElse(null);
        decoder.decode(r, tdh, e -> {
            // The decoder's PID only: an event it could not attribute stays unattributed, as offline. The header
            // PID of a kernel provider's completion or indication is whoever ran when it was logged.
            long pid = e.header().pid();
            if (!target.accepts(pid, names)) {
                return;
            }
            NetEvent out = e;
            EventHeader h = e.header();
            if (h.process() == null && h.attributed()) {
                String image = names.name(pid);
                if (image != null) { // svchost.exe (Dnscache): the services the process hosts
                    out = e.withHeader(h.withProcess(pid, services.decorate(pid, image)));
                }
            }
            emitter.emit(out);
        });
    }

    /**
     * Learns image names from ProcessStart; for the ProcessStop of a traced process returns its {@link ProcessExit}
     * (exit code from ExitCode), else null.
     */
    private NetEvent trackProcess(LiveEventRecord r) {
        Optional<TdhSchema> schema = schemas.cached(TdhSchemas.Key.of(r));
        if (schema.isEmpty()) {
            return null;
        }
        Map<String, String> f = TdhPayload.decode(schema.get(), r.payload(), FallbackDecoder.pointerSize(r));
        long pid = number(f.get("ProcessID"));
        if (pid < 0) {
            return null;
        }
        if (r.eventId() == EtwProvider.PROCESS_START) {
            names.started(pid, f.get("ImageName"));
            services.processStarted(pid); // it may host a service started just now
        } else if (r.eventId() == EtwProvider.PROCESS_STOP) {
            NetEvent exit = null;
            if (target.accepts(pid, names)) {
                long code = number(f.get("ExitCode"));
                exit = ProcessExit.of(r.instant(), Source.ETW_OTHER, pid, names.name(pid), code < 0 ? null : (int) code);
            }
            names.stopped(pid); // the PID may be reused: the next process with it must not get this image
            return exit;
        }
        return null;
    }

    /** A non-negative decimal field, or -1. */
    private static long number(String text) {
        if (text == null) {
            return -1;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void teardown(Thread processThread) {
        stopRequested = true;
        EtwSession.Counters finalCounters = session.stop(); // ProcessTrace delivers what is buffered, then returns
        if (processThread != null) {
            join(processThread, 5000);
        }
        EtwConsumer c = consumer;
        if (c != null) {
            c.close();
        }
        if (processThread != null) {
            join(processThread, 5000);
        }
        if (finalCounters.total() > 0) {
            reportLosses(finalCounters, -1);
            onLosses.accept(finalCounters);
        }
    }

    private void drain(Emitter emitter) {
        List<LiveEventRecord> rest = new ArrayList<>();
        handoff.drainTo(rest);
        for (LiveEventRecord r : rest) {
            reorder.add(r, System.nanoTime(), rec -> handle(rec, emitter));
        }
        reorder.flush(rec -> handle(rec, emitter));
        if (reorder.late() > 0) {
            status.notice("ETW: " + reorder.late() + " events arrived more than " + reorderMillis
                    + " ms out of order and were passed on as they came");
        }
    }

    /** Records that arrived too late for the reorder window and were passed on out of timestamp order. */
    public long outOfOrder() {
        return reorder.late();
    }

    private static void join(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void installHook() {
        if (!installShutdownHook) {
            return;
        }
        Thread hook = new Thread(this::emergencyStop, "ws_tool-etw-stop");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            shutdownHook = hook;
        } catch (IllegalStateException shuttingDown) {
            emergencyStop();
        }
    }

    private void removeHook() {
        Thread hook = shutdownHook;
        shutdownHook = null;
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or will run: it stops the session (idempotent)
            }
        }
    }

    /** What the shutdown hook does: stop the session and close the trace, whatever state run() is in. */
    void emergencyStop() {
        requestStop("JVM shutdown");
        session.stop();
        EtwConsumer c = consumer;
        if (c != null) {
            c.close();
        }
    }

    /** Settings; {@link #api} is required. */
    public static final class Builder {
        private Advapi32 api;
        private Tdh tdh;
        private List<EtwProvider> providers = EtwProvider.DEFAULT;
        private TraceTarget target = TraceTarget.all();
        private LiveDecoder decoder;
        private ProcessNames names = ProcessNames.system();
        private wstool.win32.ServiceNames services = wstool.win32.ServiceNames.NONE;
        private LongFunction<Optional<CompletableFuture<?>>> exitWatcher =
                pid -> ProcessHandle.of(pid).map(ProcessHandle::onExit);
        private Notices status = s -> { };
        private Duration queryInterval = Duration.ofSeconds(2);
        private int handoffCapacity = 65_536;
        private long reorderMillis = DEFAULT_REORDER_MILLIS;
        private SessionBuffers buffers = SessionBuffers.DEFAULT;
        private Consumer<EtwSession.Counters> onLosses = c -> { };
        private boolean shutdownHook = true;
        private String sessionName = SESSION_PREFIX + ProcessHandle.current().pid();

        public Builder api(Advapi32 api) { this.api = api; return this; }
        public Builder tdh(Tdh tdh) { this.tdh = tdh; return this; }
        public Builder providers(List<EtwProvider> p) { this.providers = List.copyOf(p); return this; }
        public Builder target(TraceTarget t) { this.target = Objects.requireNonNull(t); return this; }
        public Builder decoder(LiveDecoder d) { this.decoder = Objects.requireNonNull(d); return this; }
        public Builder processNames(ProcessNames n) { this.names = Objects.requireNonNull(n); return this; }
        /** The services behind a PID, added to its process name ({@code svchost.exe (Dnscache)}). */
        public Builder services(wstool.win32.ServiceNames s) { this.services = Objects.requireNonNull(s); return this; }
        /** How to learn that a PID exits (empty: no such process). */
        public Builder exitWatcher(LongFunction<Optional<CompletableFuture<?>>> w) { this.exitWatcher = w; return this; }
        /** Live status lines (readiness, loss counters): the job's notice channel (stderr, or the view's status line). */
        public Builder status(Notices s) { this.status = Objects.requireNonNull(s); return this; }
        public Builder queryInterval(Duration d) { this.queryInterval = d; return this; }
        public Builder handoffCapacity(int n) { this.handoffCapacity = n; return this; }
        /** How far apart (event time) records may arrive swapped and still be put back in order. */
        public Builder reorderMillis(long ms) { this.reorderMillis = ms; return this; }
        public Builder shutdownHook(boolean on) { this.shutdownHook = on; return this; }
        public Builder sessionName(String n) { this.sessionName = n; return this; }
        public Builder buffers(SessionBuffers b) { this.buffers = Objects.requireNonNull(b); return this; }
        /** Called once at the end when ETW lost events or buffers (the CLI suggests larger buffers). */
        public Builder onLosses(Consumer<EtwSession.Counters> c) { this.onLosses = Objects.requireNonNull(c); return this; }

        /** The real advapi32 and tdh (Windows only). */
        public Builder windows() {
            this.api = Advapi32.INSTANCE;
            this.tdh = Tdh.INSTANCE;
            this.services = wstool.win32.ServiceNames.system();
            return this;
        }

        public EtwLiveSource build() { return new EtwLiveSource(this); }
    }
}
