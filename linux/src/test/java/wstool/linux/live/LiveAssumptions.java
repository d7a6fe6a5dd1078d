package wstool.linux.live;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The one rule every live test follows: skip (loudly, saying exactly what is missing) only on a recognised
 * environment condition (not Linux, not root, a tool missing, the kernel refusing the probes with one of its known
 * messages); anything else (a broken bpftrace program, a parser exception, an NPE in a mapper) is a failure.
 */
public final class LiveAssumptions {
    /**
     * What bpftrace or the kernel say when tracing is not allowed here: not root, a kernel in lockdown, a container
     * whose seccomp/capabilities refuse bpf() or perf_event_open(), tracefs that cannot be mounted.
     */
    private static final List<String> KERNEL_REFUSALS = List.of(
            "bpftrace currently only supports running as the root user",
            "Operation not permitted",
            "Kernel lockdown",
            "lockdown is enabled",
            "tracefs is not mounted");

    private LiveAssumptions() {}

    /** Root as the kernel sees it: the effective uid in /proc/self/status (not the user.name property). */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) return line.split("\\s+")[2].equals("0");
            }
        } catch (IOException notLinux) {
            // no /proc: not root in the sense the live tests need
        }
        return false;
    }

    public static void requireRootAndTools(String... tools) {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"),
                "LOUD SKIP: live Linux backend test needs Linux");
        assumeTrue(isRoot(), "LOUD SKIP: live Linux backend test needs root (network namespaces, nftables, NFLOG, bpftrace)");
        for (String t : tools) {
            assumeTrue(Cmd.onPath(t), "LOUD SKIP: live test needs '" + t + "' (apt-get install nftables iproute2 bpftrace)");
        }
    }

    /** Whether a source's failure is one of the kernel's known refusals (see {@link #KERNEL_REFUSALS}). */
    public static boolean isKernelRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && KERNEL_REFUSALS.stream().anyMatch(m::contains)) return true;
        }
        return false;
    }

    /**
     * Waits (bounded) until {@code ready} holds. A failure of the source meanwhile skips the test when it is a known
     * kernel refusal and fails it otherwise, with the source's exception as the cause.
     */
    public static void awaitReady(BooleanSupplier ready, List<Throwable> failures, long seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!ready.getAsBoolean() && failures.isEmpty() && System.nanoTime() < until) Thread.sleep(20);
        if (!failures.isEmpty()) {
            Throwable f = failures.get(0);
            assumeTrue(!isKernelRefusal(f), () -> "LOUD SKIP: the kernel refuses the trace probes here: " + f.getMessage());
            throw new AssertionError("the source failed before it was ready: " + f, f);
        }
        if (!ready.getAsBoolean()) throw new AssertionError("the source was not ready within " + seconds + " s");
    }

    /** After the source has stopped: any failure it reported is the test's failure (a stop is never one). */
    public static void assertNoFailure(List<Throwable> failures) {
        if (!failures.isEmpty()) throw new AssertionError("the source failed: " + failures.get(0), failures.get(0));
    }
}
