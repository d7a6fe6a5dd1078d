package wstool.cli;

import com.sun.jna.platform.win32.Guid.GUID;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import wstool.core.filter.TraceTarget;
import wstool.core.pipeline.EventSource;
import wstool.core.pipeline.Notices;
import wstool.etw.live.EtwLiveSource;
import wstool.etw.live.ProcessNames;
import wstool.etw.live.SessionBuffers;
import wstool.etw.live.TargetProcesses;
import wstool.linux.mock.Fault;
import wstool.linux.mock.FaultScope;
import wstool.wfp.mock.WfpBlockRule;
import wstool.wfp.mock.WfpMockApi;
import wstool.wfp.mock.WfpMockSession;

/**
 * What {@code mock} does on Windows, apart from the machine it asks ({@link Platform}) so that the decisions run and
 * are tested on any OS: which faults WFP can apply (refuse and unreachable, both an ALE block that fails
 * {@code connect} with WSAEACCES, see {@link WfpMockSession}), which program files the blocks are conditioned on
 * (FwpmGetAppIdFromFileName0 takes a file path), and the ETW trace that {@code trace} runs.
 */
final class WindowsMock {
    private static final Pattern ABSOLUTE = Pattern.compile("(?i)^([a-z]:[\\\\/]|\\\\\\\\).*");
    private static final String DEFAULT_PATHEXT = ".COM;.EXE;.BAT;.CMD";

    private WindowsMock() {
    }

    /** The machine as the Windows path of mock sees it. */
    interface Platform {
        boolean windows();

        WfpMockApi wfp();

        /** Ids of the running processes. */
        List<Long> runningPids();

        /** Process id to image path (drive form), as the ETW live trace names processes. */
        ProcessNames processNames();

        boolean isFile(String path);

        /** An environment variable, or null. */
        String env(String name);

        /** The current directory. */
        String cwd();

        /** The live ETW trace of {@code target}; its ready notice ({@code EtwLiveSource.READY}) goes to notices. */
        EventSource etwTrace(TraceTarget target, Notices notices);

        Process start(ProcessBuilder program) throws IOException;
    }

    static final Platform SYSTEM = new Platform() {
        @Override public boolean windows() { return DataDirs.isWindows(); }

        @Override public WfpMockApi wfp() { return WfpMockApi.load(); }

        @Override public List<Long> runningPids() { return ProcessHandle.allProcesses().map(ProcessHandle::pid).toList(); }

        @Override public ProcessNames processNames() { return ProcessNames.system(); }

        @Override public boolean isFile(String path) { return Files.isRegularFile(Path.of(path)); }

        @Override public String env(String name) { return System.getenv(name); }

        @Override public String cwd() { return Path.of("").toAbsolutePath().toString(); }

        @Override
        public EventSource etwTrace(TraceTarget target, Notices notices) {
            return EtwLiveTrace.source(target, null, SessionBuffers.DEFAULT, notices);
        }

        @Override public Process start(ProcessBuilder program) throws IOException { return program.start(); }
    };

    /**
     * The WFP blocks for the faults, in order.
     *
     * @throws UsageException for the first fault WFP cannot apply without a callout driver, naming it
     */
    static List<WfpBlockRule> rules(List<Fault> faults) {
        List<WfpBlockRule> rules = new ArrayList<>();
        for (Fault f : faults) {
            String option = f.kind().option();
            switch (f.kind()) {
                case REFUSE, UNREACHABLE -> { }
                case BLACKHOLE -> throw new UsageException("--blackhole is Linux-only: on Windows a WFP block fails"
                        + " connect at once with WSAEACCES, and a drop that lets it time out needs a callout driver"
                        + " (--refuse gives the block)");
                default -> throw new UsageException(option + " is Linux-only: on Windows it needs a WFP callout driver"
                        + " that rewrites packets; ws_tool mock there can --refuse or --unreachable (a WFP block)");
            }
            FaultScope s = f.scope();
            if (s.first() > 0 || s.percent() > 0) {
                throw new UsageException(option + " " + (s.first() > 0 ? "first=N" : "p=P%") + " is Linux-only: a WFP"
                        + " filter blocks every match; counting or sampling them needs a callout driver");
            }
            int protocol = s.protocol() == null ? 0 : s.protocol().equals("tcp") ? 6 : 17;
            if (s.addresses().isEmpty()) {
                rules.add(new WfpBlockRule(null, -1, s.port(), protocol));
            }
            for (InetAddress a : s.addresses()) rules.add(new WfpBlockRule(a.getAddress(), s.prefix(), s.port(), protocol));
        }
        return rules;
    }

    /**
     * The file {@code -- PROGRAM} starts, as CreateProcess finds it: a path as given (relative to the current
     * directory), a bare name in the current directory and then on PATH, each also with the PATHEXT extensions.
     *
     * @throws UsageException when there is no such file
     */
    static String resolveProgram(String program, Platform p) {
        List<String> dirs = new ArrayList<>();
        boolean hasDir = program.indexOf('\\') >= 0 || program.indexOf('/') >= 0;
        if (ABSOLUTE.matcher(program).matches()) {
            dirs.add("");
        } else {
            dirs.add(p.cwd());
            String path = p.env("PATH");
            if (!hasDir && path != null) {
                for (String d : path.split(";")) if (!d.isBlank()) dirs.add(d.strip());
            }
        }
        String pathExt = p.env("PATHEXT");
        List<String> exts = new ArrayList<>(List.of(""));
        for (String e : (pathExt == null || pathExt.isBlank() ? DEFAULT_PATHEXT : pathExt).split(";")) {
            if (!e.isBlank()) exts.add(e.strip().toLowerCase(Locale.ROOT));
        }
        for (String dir : dirs) {
            String base = dir.isEmpty() ? program : dir.replaceAll("[\\\\/]+$", "") + "\\" + program;
            for (String ext : exts) if (p.isFile(base + ext)) return base + ext;
        }
        throw new UsageException("-- " + program + ": no such program file" + (ABSOLUTE.matcher(program).matches() ? ""
                : hasDir ? " in the current directory" : " in the current directory or on PATH"));
    }

    /**
     * The image path of each process to mock: the --pid ones, or every running process of --exe (as {@code trace
     * --exe} matches them: case-insensitive, ".exe" optional).
     *
     * @throws UsageException for a process that is not running or whose image path cannot be read
     */
    static Map<Long, String> imagePaths(List<Long> pids, String exe, Platform p) {
        ProcessNames names = p.processNames();
        Map<Long, String> out = new LinkedHashMap<>();
        if (!pids.isEmpty()) {
            List<Long> running = p.runningPids();
            for (long pid : pids) {
                if (!running.contains(pid)) throw new UsageException("no process with id " + pid + " is running");
                String image = names.name(pid);
                if (image == null) {
                    throw new UsageException("--pid " + pid + ": its program file cannot be read (another user's"
                            + " process needs an elevated ws_tool)");
                }
                out.put(pid, image);
            }
            return out;
        }
        TargetProcesses target = new TargetProcesses(TraceTarget.program(exe));
        for (long pid : p.runningPids()) {
            if (pid != ProcessHandle.current().pid() && target.accepts(pid, names)) out.put(pid, names.name(pid));
        }
        if (out.isEmpty()) throw new UsageException("no process of program '" + exe + "' is running");
        return out;
    }

    /**
     * Opens one dynamic WFP session per program file with the blocks (a fresh sublayer each); all are closed when
     * one fails.
     */
    static List<WfpMockSession> open(WfpMockApi api, List<String> programs, List<WfpBlockRule> rules) {
        List<WfpMockSession> sessions = new ArrayList<>();
        try {
            for (String program : new LinkedHashSet<>(programs)) {
                sessions.add(WfpMockSession.open(api, program, new GUID("{" + UUID.randomUUID() + "}"), rules));
            }
            return sessions;
        } catch (RuntimeException e) {
            sessions.forEach(WfpMockSession::close);
            throw e;
        }
    }

    /**
     * Passes the trace's notices on and starts the program once the ETW session is up (its ready notice), so that the
     * program's first socket calls are in the trace; the trace stops when the program exits.
     */
    static final class LaunchOnReady implements Notices {
        private final Notices out;
        private final ProcessBuilder program;
        private final Platform platform;
        private final AtomicBoolean launching = new AtomicBoolean();
        private volatile EventSource trace;
        private volatile Process launched;
        private volatile IOException failure;

        LaunchOnReady(Notices out, ProcessBuilder program, Platform platform) {
            this.out = out;
            this.program = program;
            this.platform = platform;
        }

        /** The trace to stop when the program exits or cannot start. */
        void trace(EventSource trace) { this.trace = trace; }

        @Override
        public void notice(String line) {
            out.notice(line);
            if (!line.startsWith(EtwLiveSource.READY) || !launching.compareAndSet(false, true)) return;
            try {
                Process p = platform.start(program);
                launched = p;
                p.onExit().thenRun(trace::stop);
            } catch (IOException e) {
                failure = e;
                trace.stop();
            }
        }

        /** The program once started, else null. */
        Process launched() { return launched; }

        /** Why the program did not start, or null. */
        IOException failure() { return failure; }
    }
}
