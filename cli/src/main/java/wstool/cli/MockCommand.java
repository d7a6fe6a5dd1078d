package wstool.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
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
import wstool.linux.trace.LinuxTraceSource;

/**
 * {@code mock (--pid N | --exe NAME | -- PROGRAM ARGS...) FAULT... [--duration T]}: breaks the network on purpose for
 * one program and traces how it copes, as {@code trace} does (with {@code --verify}). Linux: the program's own
 * cgroup, an nft table matched on it and, for delay / rate, an htb tree on the egress device
 * ({@link MockEngine}); everything is removed on every exit path.
 */
@Command(name = "mock", mixinStandardHelpOptions = true,
        description = {"Inject network faults into one program's traffic and trace how it copes.",
                "Linux (root): the program runs in a cgroup of its own; nftables and tc apply the faults to its sockets"
                        + " only; removed at exit (also Ctrl-C; a killed run's leftovers are removed by the next).",
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

    @Option(names = "--host", paramLabel = "ADDR",
            description = "The remote (address or name, resolved once) of every fault that names none of its own.")
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

    @Override
    public Integer call() throws Exception {
        int targets = (pids.isEmpty() ? 0 : 1) + (exe == null ? 0 : 1) + (program.isEmpty() ? 0 : 1);
        if (targets != 1) {
            throw new UsageException("give exactly one program to mock: --pid N, --exe NAME or -- PROGRAM ARGS...");
        }
        List<Fault> faults = faults();
        if (DataDirs.isWindows()) {
            throw new UsageException("ws_tool mock needs the Linux backend; on Windows it is not available yet"
                    + " (see the README's Mock section for what WFP can and cannot do)");
        }
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
                job.source(run).verify(verify).run(); // throws for verify errors and failures (ExitCodes maps them)
            } finally {
                engine.close();
                printCounts(err, faults, engine.counts());
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

    /** The faults in option order of kind, each with the --host default; usage errors name the option. */
    List<Fault> faults() {
        List<InetAddress> defaultHost;
        try {
            defaultHost = host == null ? List.of() : FaultScope.resolve(host);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--host: " + e.getMessage());
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

    private static void add(List<Fault> out, FaultKind kind, List<String> values, List<InetAddress> defaultHost) {
        for (String v : values) out.add(Fault.parse(kind, ALL.equals(v) ? null : v).withDefaultHost(defaultHost));
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

    /** The summary's fault lines: how often each fault hit (packets, from the rules' counters). */
    static void printCounts(PrintWriter err, List<Fault> faults, Map<Integer, Long> counts) {
        err.println("faults applied:");
        for (int i = 0; i < faults.size(); i++) {
            Long n = counts.get(i);
            String what = switch (faults.get(i).kind()) {
                case DELAY, RATE -> "shaped";
                case BLACKHOLE, LOSS -> "dropped";
                default -> "answered";
            };
            err.printf("  %-50s %s%n", faults.get(i).describe(),
                    n == null ? "not counted" : String.format("%,d packet%s %s", n, n == 1 ? "" : "s", what));
        }
    }
}
