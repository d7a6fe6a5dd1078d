package wstool.linux.mock;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import wstool.core.model.NetEvent;
import wstool.core.model.ProcessExit;
import wstool.core.pipeline.Emitter;
import wstool.core.pipeline.EventSource;
import wstool.linux.trace.LinuxTraceSource;

/**
 * The event source of {@code ws_tool mock}: the socket trace of the run's cgroup, and the program under test, which
 * is started (or attached: moved into the cgroup) only once the trace's probes are attached, so its first call is
 * seen. The source ends when the program has exited (its exit record is the last event), or when the job stops it
 * (--duration, Ctrl-C): a program ws_tool started is then ended with SIGTERM, an attached one keeps running.
 */
public final class MockRun implements EventSource {
    /** How long the trace may take to attach its probes (bpftrace compiles the program first). */
    static final long READY_TIMEOUT_SECONDS = 120;
    /** After the OS reports the program gone, how long its exit record may take to arrive. */
    static final long EXIT_RECORD_GRACE_MILLIS = 1_000;

    private final MockEngine engine;
    private final LinuxTraceSource trace;
    private final ProcessBuilder program;
    private final List<Long> attach;
    private final Set<Long> waitingFor = ConcurrentHashMap.newKeySet();
    private final CountDownLatch exitRecords = new CountDownLatch(1);
    private volatile Process launched;
    private volatile Exception failure;
    private volatile boolean stopped;
    private volatile boolean started;

    /** Starts {@code program} in the cgroup. */
    public static MockRun launching(MockEngine engine, LinuxTraceSource trace, ProcessBuilder program) {
        return new MockRun(engine, trace, program, List.of());
    }

    /** Moves these running processes into the cgroup. */
    public static MockRun attaching(MockEngine engine, LinuxTraceSource trace, List<Long> pids) {
        if (pids.isEmpty()) throw new IllegalArgumentException("no process to attach to");
        return new MockRun(engine, trace, null, pids);
    }

    private MockRun(MockEngine engine, LinuxTraceSource trace, ProcessBuilder program, List<Long> attach) {
        this.engine = engine;
        this.trace = trace;
        this.program = program;
        this.attach = List.copyOf(attach);
    }

    @Override public String name() { return "mock: " + trace.name(); }

    @Override public boolean live() { return true; }

    @Override public long lostAtSource() { return trace.lostAtSource(); }

    /** True once the program runs in the cgroup (started, or attached) with the trace attached. */
    public boolean started() { return started; }

    /** The started program's process (null before it started, or when attaching). */
    public Process launched() { return launched; }

    @Override
    public void run(Emitter emitter) throws Exception {
        Thread starter = new Thread(this::startProgramWhenReady, "ws_tool-mock-start");
        starter.setDaemon(true);
        starter.start();
        try {
            trace.run(e -> {
                boolean taken = emitter.emit(e);
                if (ProcessExit.is(e)) exited(e);
                return taken;
            });
        } finally {
            starter.interrupt();
            Process p = launched;
            if (p != null && p.isAlive()) p.destroy();
        }
        if (failure != null) throw failure;
    }

    private void exited(NetEvent e) {
        if (waitingFor.remove(e.header().pid()) && waitingFor.isEmpty()) {
            exitRecords.countDown();
            trace.stop();
        }
    }

    private void startProgramWhenReady() {
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
            while (!trace.ready() && !stopped && System.nanoTime() < until) Thread.sleep(20);
            if (stopped) return;
            if (!trace.ready()) throw new IOException("the socket trace did not attach within " + READY_TIMEOUT_SECONDS + " s");
            List<ProcessHandle> watched = new java.util.ArrayList<>();
            if (program != null) {
                Process p = engine.launch(program);
                launched = p;
                waitingFor.add(p.pid());
                watched.add(p.toHandle());
            } else {
                for (long pid : attach) {
                    ProcessHandle h = ProcessHandle.of(pid).orElseThrow(() -> new IOException("process " + pid + " is gone"));
                    waitingFor.add(pid);
                    engine.attach(pid);
                    watched.add(h);
                }
            }
            started = true;
            for (ProcessHandle h : watched) h.onExit().join();
            // normally the last exit record stopped the trace already; this covers a record the trace missed
            if (!exitRecords.await(EXIT_RECORD_GRACE_MILLIS, TimeUnit.MILLISECONDS)) trace.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e;
            trace.stop();
        }
    }

    @Override
    public void stop() {
        stopped = true;
        trace.stop();
    }
}
