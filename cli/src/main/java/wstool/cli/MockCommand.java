package wstool.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import wstool.linux.mock.Fault;
import wstool.linux.mock.FaultKind;
import wstool.linux.mock.FaultScope;
import wstool.linux.mock.MockEngine;
import wstool.linux.mock.MockRun;
import wstool.core.filter.TraceTarget;
import wstool.core.pipeline.EventSource;
import wstool.linux.trace.LinuxTraceSource;
import wstool.wfp.mock.WfpBlockRule;
import wstool.wfp.mock.WfpMockSession;

/**
 * {@code mock (--pid N | --exe NAME | -- PROGRAM ARGS...) FAULT... [--duration T]}: breaks the network on purpose for
 * one program and traces how it copes, as {@code trace} does (with {@code --verify}). Linux: the program's own
 * cgroup, an nft table matched on it and, for delay / rate, an htb tree on the egress device
 * ({@link MockEngine}); everything is removed on every exit path. Windows: {@link WindowsMock}.
 */
@Command(name = "mock", mixinStandardHelpOptions = true,
        description = {"Inject network faults into one program's traffic and trace how it copes.",
                "Linux (root): the program runs in a cgroup of its own; nftables and tc apply the faults to its sockets"
                        + " only; removed at exit (also Ctrl-C; a killed run's leftovers are removed by the next).",
                "Windows (Administrator): --refuse and --unreachable as WFP blocks of the program's connects (they fail"
                        + " with WSAEACCES) in a dynamic session BFE removes when ws_tool ends; the other faults are Linux-only.",
                "SCOPE (optional, comma separated): HOST, HOST:PORT, [V6]:PORT, CIDR, :PORT, tcp|udp, first=N"
                        + " (the first N connections), p=P% (per packet).",
                "Example: ws_tool mock --refuse=10.0.0.2:443 --delay 200ms,10.0.0.0/8 -- curl https://10.0.0.2/"})
public final class MockCommand implements Callable<Integer> {
    @ParentCommand
    WsTool app;

    @Spec
    CommandSpec spec;

    @Option(names = "--pid", paramLabel = "PID", split = ",",
            description = "Running processes to mock, moved into the mock's cgroup: sockets they open from then on are faulted.")
    List<Long> pids = new ArrayList<>();

    @Option(names = "--exe", paramLabel = "NAME",
            description = "The running processes of this program (as trace --exe matches them), moved into the mock's"
                    + " cgroup at start: sockets they open from then on are faulted.")
    String exe;

    @Option(names = "--refuse", arity = "0..1", fallbackValue = ALL, paramLabel = "SCOPE",
            description = "Answer with TCP reset / ICMP port unreachable: connect fails with connection refused.")
    List<String> refuse = new ArrayList<>();

    @Option(names = "--blackhole", arity = "0..1", fallbackValue = ALL, paramLabel = "SCOPE",
            description = "Drop silently: connects and sends time out.")
    List<String> blackhole = new ArrayList<>();

    @Option(names = "--unreachable", arity = "0..1", fallbackValue = ALL, paramLabel = "SCOPE",
            description = "Answer with ICMP host unreachable: connect fails with EHOSTUNREACH.")
    List<String> unreachable = new ArrayList<>();

    @Option(names = "--delay", paramLabel = "TIME[±VAR][,SCOPE]",
            description = "Delay what the program sends, e.g. 200ms or 200ms±50ms (needs the kernel's netem).")
    List<String> delay = new ArrayList<>();

    @Option(names = "--loss", paramLabel = "P%[,SCOPE]", description = "Drop this share of what the program sends, e.g. 10%.")
    List<String> loss = new ArrayList<>();

    @Option(names = "--rate", paramLabel = "RATE[,SCOPE]",
            description = "Shape what the program sends to this rate: 64kbit, 2mbit, 100kbps (bytes).")
    List<String> rate = new ArrayList<>();

    @Option(names = "--reset-after", paramLabel = "SIZE[,SCOPE]",
            description = "Reset a TCP connection once the program has sent this much on it (IP bytes): 10KB, 1MB.")
    List<String> resetAfter = new ArrayList<>();

    @Option(names = "--host", paramLabel = "HOST[:PORT]",
            description = "The remote (address, name resolved once, HOST:PORT or CIDR) of every fault that names no"
                    + " address of its own (a fault's own :PORT wins).")
    String host;

    @Parameters(paramLabel = "PROGRAM", arity = "0..*",
            description = "The program to start (after --) with its arguments; it runs in the mock's cgroup.")
    List<String> program = new ArrayList<>();

    @Mixin
    OutputOptions output;

    @Mixin
    FilterOptions filters;

    @Mixin
    VerifyOptions verify;

    static final String ALL = "\u0000all";

    /** The machine the Windows path asks; tests put a fake here (the decisions run on any OS). */
    static WindowsMock.Platform platform = WindowsMock.SYSTEM;

    @Override
    public Integer call() throws Exception {
        int targets = (pids.isEmpty() ? 0 : 1) + (exe == null ? 0 : 1) + (program.isEmpty() ? 0 : 1);
        if (targets != 1) {
            throw new UsageException("give exactly one program to mock: --pid N, --exe NAME or -- PROGRAM ARGS...");
        }
        List<Fault> faults = faults();
        if (platform.windows()) return windows(faults);
        List<Long> attach = attachTargets();
        PrintWriter err = spec.commandLine().getErr();
        MockEngine engine;
        try {
            engine = new MockEngine(faults);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try (engine) {
            engine.start();
            for (String r : engine.removedStale()) err.println("ws_tool: removed what a dead mock run left: " + r);
            String who = program.isEmpty() ? (exe != null ? "exe " + exe : "pid " + attach) : program.get(0);
            LinuxTraceSource trace = LinuxTraceSource.forCgroup(engine.cgroup().id(), "mock cgroup of " + who);
            EventJob job = new EventJob(app, spec.commandLine(), output, filters);
            java.nio.file.Path programLog = null;
            ProcessBuilder pb = new ProcessBuilder(program);
            if (job.useTui() && !program.isEmpty()) {
                // the full-screen view owns the terminal: the program's output goes to a file, named at the end
                programLog = java.nio.file.Files.createTempFile("ws_tool-mock-", ".log");
                pb.redirectErrorStream(true).redirectOutput(programLog.toFile()).redirectInput(ProcessBuilder.Redirect.INHERIT);
            } else {
                pb.inheritIO();
            }
            MockRun run = program.isEmpty() ? MockRun.attaching(engine, trace, attach) : MockRun.launching(engine, trace, pb);
            announceWhenStarted(run, err, faults, who);
            // on Ctrl-C the JVM ends once every hook has: this one holds it (bounded) until the fault counts are out
            java.util.concurrent.CountDownLatch reported = new java.util.concurrent.CountDownLatch(1);
            Thread hold = new Thread(() -> {
                try {
                    reported.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "ws_tool-mock-report");
            Runtime.getRuntime().addShutdownHook(hold);
            try {
                job.status(() -> countsLine(faults, engine.counts())); // the view's header, about once a second
                job.source(run).verify(verify).run(); // throws for verify errors and failures (ExitCodes maps them)
            } finally {
                engine.close();
                printCounts(err, faults, engine.counts(), "not counted");
                if (run.launched() != null && !run.launched().isAlive()) {
                    err.println("ws_tool: " + who + " exited with code " + run.launched().exitValue());
                }
                if (programLog != null) err.println("ws_tool: the output of " + who + " is in " + programLog);
                err.flush();
                reported.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hold);
                } catch (IllegalStateException shuttingDown) {
                    // the hook ends now that the counts are out
                }
            }
            return 0;
        }
    }

    /**
     * Windows: a dynamic WFP session per program file blocks its connects (refuse / unreachable; the other faults are
     * usage errors, Linux-only), the ETW live trace watches it; closing the sessions removes every block (BFE also does
     * when ws_tool dies).
     */
    private int windows(List<Fault> faults) throws Exception {
        WindowsMock.Platform p = platform;
        List<WfpBlockRule> rules = WindowsMock.rules(faults);
        PrintWriter err = spec.commandLine().getErr();
        ProcessBuilder pb = null;
        List<String> files;
        TraceTarget target;
        String who;
        if (!program.isEmpty()) {
            String file = WindowsMock.resolveProgram(program.get(0), p);
            List<String> command = new ArrayList<>(program);
            command.set(0, file); // the file the block's app id names is the one started
            pb = new ProcessBuilder(command);
            files = List.of(file);
            target = TraceTarget.program(file);
            who = file;
        } else {
            Map<Long, String> images = WindowsMock.imagePaths(pids, exe, p);
            files = List.copyOf(images.values());
            target = pids.isEmpty() ? TraceTarget.program(exe) : TraceTarget.pids(pids);
            who = pids.isEmpty() ? "exe " + exe : "pid " + pids;
        }
        List<WfpMockSession> sessions = WindowsMock.open(p.wfp(), files, rules);
        WindowsMock.LaunchOnReady launcher = null;
        java.nio.file.Path programLog = null;
        try {
            err.println("ws_tool: mocking " + String.join("; ", faults.stream().map(Fault::describe).toList()) + " for "
                    + who + " (WFP block: its connects fail with WSAEACCES); tracing its socket calls");
            err.flush();
            EventJob job = new EventJob(app, spec.commandLine(), output, filters);
            if (pb != null) {
                if (job.useTui()) {
                    programLog = java.nio.file.Files.createTempFile("ws_tool-mock-", ".log");
                    pb.redirectErrorStream(true).redirectOutput(programLog.toFile()).redirectInput(ProcessBuilder.Redirect.INHERIT);
                } else {
                    pb.inheritIO();
                }
            }
            launcher = pb == null ? null : new WindowsMock.LaunchOnReady(job.notices(), pb, p);
            EventSource trace = p.etwTrace(target, launcher != null ? launcher : job.notices());
            if (launcher != null) launcher.trace(trace);
            job.source(trace).verify(verify).run();
            if (launcher != null && launcher.failure() != null) {
                throw new IOException("cannot start " + who + ": " + launcher.failure().getMessage(), launcher.failure());
            }
            return 0;
        } finally {
            sessions.forEach(WfpMockSession::close);
            Process launched = launcher == null ? null : launcher.launched();
            if (launched != null && launched.isAlive()) launched.destroy();
            err.println("ws_tool: removed the WFP blocks (" + sessions.stream().mapToInt(s -> s.filterIds().size()).sum()
                    + " filters)");
            printCounts(err, faults, Map.of(), "not counted on Windows (the trace shows each blocked connect)");
            if (launched != null && !launched.isAlive()) err.println("ws_tool: " + who + " exited with code " + launched.exitValue());
            if (programLog != null) err.println("ws_tool: the output of " + who + " is in " + programLog);
            err.flush();
        }
    }

    /** The faults in option order of kind, each with the --host default; usage errors name the option. */
    List<Fault> faults() {
        FaultScope defaultHost;
        try {
            defaultHost = host == null ? null : FaultScope.parse(host);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--host: " + e.getMessage());
        }
        if (defaultHost != null && (defaultHost.protocol() != null || defaultHost.first() > 0 || defaultHost.percent() > 0
                || host.contains(","))) {
            throw new UsageException("--host takes one remote (HOST, HOST:PORT, [V6]:PORT or CIDR), not '" + host + "'");
        }
        List<Fault> faults = new ArrayList<>();
        try {
            add(faults, FaultKind.REFUSE, refuse, defaultHost);
            add(faults, FaultKind.BLACKHOLE, blackhole, defaultHost);
            add(faults, FaultKind.UNREACHABLE, unreachable, defaultHost);
            add(faults, FaultKind.RESET_AFTER, resetAfter, defaultHost);
            add(faults, FaultKind.DELAY, delay, defaultHost);
            add(faults, FaultKind.LOSS, loss, defaultHost);
            add(faults, FaultKind.RATE, rate, defaultHost);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (faults.isEmpty()) {
            throw new UsageException("give at least one fault: --refuse, --blackhole, --unreachable, --delay, --loss,"
                    + " --rate or --reset-after");
        }
        if (faults.size() > MockEngine.MAX_FAULTS) throw new UsageException("at most " + MockEngine.MAX_FAULTS + " faults");
        return faults;
    }

    private static void add(List<Fault> out, FaultKind kind, List<String> values, FaultScope defaultHost) {
        for (String v : values) out.add(withHost(Fault.parse(kind, ALL.equals(v) ? null : v), defaultHost));
    }

    /** A fault that names no remote address gets the --host one (and its port, unless the fault names a port). */
    static Fault withHost(Fault f, FaultScope host) {
        FaultScope s = f.scope();
        if (host == null || !s.addresses().isEmpty()) return f;
        return new Fault(f.kind(), f.amount(), f.jitter(), new FaultScope(host.addresses(), host.prefix(),
                s.port() != 0 ? s.port() : host.port(), s.protocol(), s.first(), s.percent()));
    }

    /** The processes to attach to: the --pid ones (running), or the running processes of --exe; empty to start one. */
    private List<Long> attachTargets() {
        if (!pids.isEmpty()) {
            for (long pid : pids) {
                if (pid <= 0 || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    throw new UsageException("no process with id " + pid + " is running");
                }
            }
            return List.copyOf(pids);
        }
        if (exe == null) return List.of();
        if (!exe.substring(exe.lastIndexOf('/') + 1).matches("[A-Za-z0-9._+-]{1,63}")) {
            throw new UsageException("--exe must be a program file name of at most 63 letters, digits, . _ + -, not '" + exe + "'");
        }
        String name = exe.substring(exe.lastIndexOf('/') + 1);
        long self = ProcessHandle.current().pid();
        List<Long> pids = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self && p.info().command().map(c -> c.substring(c.lastIndexOf('/') + 1).equals(name)).orElse(false))
                .map(ProcessHandle::pid).toList();
        if (pids.isEmpty()) throw new UsageException("no process of program '" + name + "' is running");
        return pids;
    }

    /** One line once the program runs in the cgroup with the trace's probes attached. */
    private static void announceWhenStarted(MockRun run, PrintWriter err, List<Fault> faults, String who) {
        Thread notice = new Thread(() -> {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            try {
                while (!run.started() && System.nanoTime() < until) Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            if (!run.started()) return;
            err.println("ws_tool: mocking " + String.join("; ", faults.stream().map(Fault::describe).toList())
                    + " for " + who + "; tracing its socket calls");
            err.flush();
        }, "ws_tool-mock-ready");
        notice.setDaemon(true);
        notice.start();
    }

    /** The view's header line: each fault with the packets it hit so far ({@code faults: refuse (...) 3, ...}). */
    static String countsLine(List<Fault> faults, Map<Integer, Long> counts) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            Long n = counts.get(i);
            parts.add(faults.get(i).describe() + " " + (n == null ? "not counted" : String.format("%,d", n)));
        }
        return "faults (packets): " + String.join(", ", parts);
    }

    /** The summary's fault lines: how often each fault hit (packets, from the rules' counters). */
    static void printCounts(PrintWriter err, List<Fault> faults, Map<Integer, Long> counts, String uncounted) {
        err.println("faults applied:");
        for (int i = 0; i < faults.size(); i++) {
            Long n = counts.get(i);
            String what = switch (faults.get(i).kind()) {
                case DELAY, RATE -> "shaped";
                case BLACKHOLE, LOSS -> "dropped";
                default -> "answered";
            };
            err.printf("  %-50s %s%n", faults.get(i).describe(),
                    n == null ? uncounted : String.format("%,d packet%s %s", n, n == 1 ? "" : "s", what));
        }
    }
}
