package wstool.linux.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import wstool.core.filter.TraceTarget;
import wstool.core.model.NetEvent;
import wstool.core.model.ProcessExit;
import wstool.core.pipeline.Emitter;
import wstool.core.pipeline.EventSource;

/**
 * Socket calls of a process from the kernel's syscall tracepoints, through a bpftrace program ({@code
 * socket-trace.bt}) whose filter runs in the kernel. bpftrace is started from an argument list (the program is one
 * argument, built only from a validated pid or name); {@link #stop()} ends it with SIGTERM, which detaches every
 * probe, and a shutdown hook does the same if the JVM is killed first.
 *
 * <p>The exit of a traced process (tracepoint sched:sched_process_exit of its thread-group leader) is emitted as
 * {@link wstool.core.model.ProcessExit} after its last socket call. A {@code --pid} trace ends by itself once every
 * traced process has exited: at its exit record, or (when the process ended before the probes were attached, so no
 * record can come) {@value #EXIT_RECORD_GRACE_MILLIS} ms after the OS reports the process gone.
 *
 * <p>Needs root (CAP_BPF + CAP_PERFMON), tracefs, and kernel BTF or headers. Losses that bpftrace reports ("Lost N
 * events", perf ring buffer full) are counted in {@link #lostAtSource()}.
 */
public final class LinuxTraceSource implements EventSource {
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    static final long EXIT_RECORD_GRACE_MILLIS = 500;

    private final BpftraceTarget target;
    private final String bpftrace;
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile Process process;
    private volatile boolean stopRequested;
    private volatile boolean ready;
    private final List<String> diagnostics = new ArrayList<>();
    /** --pid targets whose exit has not been handled yet, each with a latch its exit record opens. */
    private final Map<Long, CountDownLatch> running = new ConcurrentHashMap<>();
    private volatile String endReason;

    /** @throws IllegalArgumentException for a target this backend cannot trace (every process; see {@link BpftraceTarget}) */
    public LinuxTraceSource(TraceTarget target) { this(target, "bpftrace"); }

    public LinuxTraceSource(TraceTarget target, String bpftrace) { this(BpftraceTarget.of(target), bpftrace); }

    private LinuxTraceSource(BpftraceTarget target, String bpftrace) {
        this.target = target;
        this.bpftrace = bpftrace;
    }

    /** Every process of one cgroup v2 (ws_tool mock's): see {@link BpftraceTarget#cgroup}. */
    public static LinuxTraceSource forCgroup(long cgroupId, String label) {
        return new LinuxTraceSource(BpftraceTarget.cgroup(cgroupId, label), "bpftrace");
    }

    @Override public String name() { return "Linux socket trace (" + target + ")"; }

    @Override public boolean live() { return true; }

    /** bpftrace's socket calls only; verdicts come from the NFLOG source. */
    @Override public boolean mayEmitVerdicts() { return false; }

    @Override public long lostAtSource() { return lost.get(); }

    public long malformedCount() { return malformed.get(); }

    /** Why the trace ended by itself ("process 42 exited"), or null (stopped, or still running). */
    public String endReason() { return endReason; }

    /**
     * Fails (before anything starts) when a pid target names a process that is not running.
     *
     * @throws IllegalArgumentException naming the first missing pid
     */
    public LinuxTraceSource requireRunning() {
        for (long pid : target.pids()) {
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IllegalArgumentException("no process with PID " + pid + " is running");
            }
        }
        return this;
    }

    /** True once bpftrace has attached its probes (events from then on are captured). */
    public boolean ready() { return ready; }

    @Override
    public void stop() {
        stopRequested = true;
        Process p = process;
        if (p != null) p.destroy();
    }

    @Override
    public void run(Emitter emitter) throws Exception {
        followTargetProcesses();
        ensureTracefs();
        ProcessBuilder pb = new ProcessBuilder(bpftrace, "-B", "line", "-e", BpftraceScript.forTarget(target, System.getProperty("os.arch")));
        pb.redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run bpftrace (apt-get install bpftrace): " + e.getMessage(), e);
        }
        process = p;
        Thread hook = new Thread(p::destroy, "ws_tool-bpftrace-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        if (stopRequested) p.destroy();
        SocketEventMapper mapper = new SocketEventMapper(LinuxTraceSource::exePath, monotonicClock());
        long started = System.nanoTime();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; endReason == null && (line = readLine(in)) != null; ) {
                if (TraceLineParser.isEvent(line)) {
                    try {
                        NetEvent e = mapper.event(TraceLineParser.parse(line));
                        if (e != null) emitter.emit(e);
                        if (e != null && ProcessExit.is(e)) exited(e.header().pid());
                    } catch (IllegalArgumentException bad) {
                        malformed.incrementAndGet();
                    }
                } else if (line.startsWith("EXE ")) {
                    checkExeNameField(line.substring(4), p.pid());
                } else if (line.equals("READY")) {
                    ready = true;
                } else {
                    long n = TraceLineParser.lostEvents(line);
                    if (n > 0) lost.addAndGet(n);
                    else if (!line.isBlank() && diagnostics.size() < 20) diagnostics.add(line);
                }
            }
        } finally {
            p.destroy();
            if (endReason != null) {
                // the traced processes are gone: return now; bpftrace's detaching (seconds) finishes on its own, and
                // the hook stays until it has
                p.onExit().thenRun(() -> removeHook(hook));
            } else {
                if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
                removeHook(hook);
            }
        }
        if (!stopRequested) {
            String why = diagnostics.stream().filter(l -> l.contains("ERROR")).findFirst()
                    .orElse(diagnostics.isEmpty() ? "exit code " + p.exitValue() : diagnostics.get(diagnostics.size() - 1));
            if (!ready && System.nanoTime() - started < START_TIMEOUT_NANOS) {
                throw new IOException("bpftrace could not start the socket trace (needs root, tracefs and kernel BTF): " + why);
            }
            throw new IOException("bpftrace ended unexpectedly: " + why);
        }
    }

    /**
     * The program printed the executable name it reads for bpftrace itself; --exe can only match names when that is
     * bpftrace's real executable name (on a kernel with another struct dentry layout it is not: an error, not a trace
     * that silently matches nothing).
     */
    private void checkExeNameField(String read, long bpftracePid) throws IOException {
        if (!target.byExecutable()) return;
        String real = exePath(bpftracePid);
        String name = real == null ? null : real.substring(real.lastIndexOf('/') + 1);
        if (name != null && !name.equals(read)) {
            throw new IOException("--exe cannot match executable names on this kernel: the name ws_tool reads from the"
                    + " task's executable is '" + read + "', not '" + name + "' (struct dentry layout differs); use --pid");
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook ends bpftrace
        }
    }

    /** Watches each --pid target: its exit is normally seen as its exit record; this covers exits before attaching. */
    private void followTargetProcesses() {
        for (long pid : target.pids()) {
            CountDownLatch record = new CountDownLatch(1);
            running.put(pid, record);
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            CompletableFuture<?> gone = h.isPresent() ? h.get().onExit() : CompletableFuture.completedFuture(null);
            gone.thenRunAsync(() -> {
                try {
                    if (!record.await(EXIT_RECORD_GRACE_MILLIS, TimeUnit.MILLISECONDS)) exited(pid);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    /** A traced pid has exited; once none of a --pid target is left, the trace ends. */
    private void exited(long pid) {
        CountDownLatch record = running.remove(pid);
        if (record == null) return;
        record.countDown();
        if (running.isEmpty()) {
            endReason = target.pids().size() == 1 ? "process " + pid + " exited" : "all traced processes exited";
            stop();
        }
    }

    /** The next line, or null at the end; a pipe closed by {@link #stop()} while reading is the end, not an error. */
    private String readLine(BufferedReader in) throws IOException {
        try {
            return in.readLine();
        } catch (IOException e) {
            if (stopRequested) return null;
            throw e;
        }
    }

    /** bpftrace finds tracepoints through tracefs; mount it at its standard place when a minimal system lacks it. */
    private static void ensureTracefs() throws IOException {
        Path tracing = Path.of("/sys/kernel/tracing");
        if (Files.exists(tracing.resolve("events")) || Files.exists(Path.of("/sys/kernel/debug/tracing/events"))) return;
        try {
            Process m = new ProcessBuilder("mount", "-t", "tracefs", "nodev", tracing.toString())
                    .redirectErrorStream(true).start();
            if (!m.waitFor(10, TimeUnit.SECONDS)) m.destroyForcibly();
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new IOException("tracefs is not mounted at /sys/kernel/tracing and mounting it failed: " + e.getMessage(), e);
        }
    }

    private static String exePath(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            try {
                return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim();
            } catch (IOException gone) {
                return null;
            }
        }
    }

    /** bpftrace's nsecs is CLOCK_MONOTONIC, which HotSpot's System.nanoTime() reads on Linux too. */
    private static java.util.function.LongFunction<Instant> monotonicClock() {
        Instant wall = Instant.now();
        long mono = System.nanoTime();
        return ns -> wall.plusNanos(ns - mono);
    }
}
