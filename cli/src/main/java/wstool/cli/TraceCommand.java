package wstool.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import wstool.linux.trace.LinuxTraceSource;
import wstool.linux.trace.TraceTarget;

/** Live socket calls of processes. Linux: syscall tracepoints through bpftrace (module linux). */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Live socket calls (socket, connect, bind, listen, accept, send/recv sizes, close) of processes.",
                "Linux: kernel syscall tracepoints via bpftrace; needs root. Select with --pid or --exe."})
public final class TraceCommand implements Callable<Integer> {
    @ParentCommand
    WsTool app;

    @Spec
    CommandSpec spec;

    @Option(names = "--exe", paramLabel = "NAME", description = "Trace every process running this program (file name or path).")
    String exe;

    @Mixin
    OutputOptions output;

    @Mixin
    FilterOptions filters;

    @Override
    public Integer call() throws Exception {
        if (DataDirs.isWindows()) throw new UsageException("the Windows trace source is not part of this build yet");
        TraceTarget target;
        try {
            if (exe != null && !filters.pids().isEmpty()) throw new IllegalArgumentException("give --pid or --exe, not both");
            if (exe != null) target = TraceTarget.exe(exe);
            else if (!filters.pids().isEmpty()) target = TraceTarget.pids(filters.pids());
            else throw new IllegalArgumentException("trace needs --pid N or --exe NAME");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new EventJob(app, spec.commandLine(), output, filters)
                .source(new LinuxTraceSource(target))
                .enricher(app.enricher())
                .run();
    }
}
