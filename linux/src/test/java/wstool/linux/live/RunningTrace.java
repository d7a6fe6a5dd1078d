package wstool.linux.live;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import wstool.core.model.NetEvent;
import wstool.linux.trace.LinuxTraceSource;
import wstool.core.filter.TraceTarget;

/** A {@link LinuxTraceSource} running on a thread of its own, keeping its events and any failure for the test. */
public final class RunningTrace {
    public final LinuxTraceSource source;
    public final List<NetEvent> events = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;

    private RunningTrace(TraceTarget target) {
        source = new LinuxTraceSource(target);
        thread = new Thread(() -> {
            try {
                source.run(events::add);
            } catch (Throwable e) {
                failures.add(e);
            }
        }, "trace-live " + target);
    }

    /** Starts the trace and waits (bounded) until its probes are attached; skips only on a known kernel refusal. */
    public static RunningTrace started(TraceTarget target) throws InterruptedException {
        RunningTrace t = new RunningTrace(target);
        t.thread.start();
        try {
            LiveAssumptions.awaitReady(t.source::ready, t.failures, 60);
        } catch (Throwable notReady) {
            t.source.stop();
            throw notReady;
        }
        return t;
    }

    /** Waits (bounded) for the source to end by itself; true when it has. */
    public boolean awaitEnd(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    /** Stops the source (if still running), and fails the test if it did not stop or had failed. */
    public void stopAndCheck() throws InterruptedException {
        source.stop();
        thread.join(10_000);
        assertTrue(!thread.isAlive(), "trace source did not stop");
        LiveAssumptions.assertNoFailure(failures);
    }
}
