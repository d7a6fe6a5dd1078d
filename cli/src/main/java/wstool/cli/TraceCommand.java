package wstool.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import wstool.core.filter.TraceTarget;
import wstool.etw.live.SessionBuffers;
import wstool.linux.trace.LinuxTraceSource;

/**
 * {@code trace --pid N | --exe NAME | --all [--providers LIST] [--etl FILE]}: socket calls, DNS lookups and
 * network transfers of processes. Live on Windows: a real-time ETW session on Winsock-AFD, NameResolution and
 * Kernel-Network (needs Administrator or Performance Log Users). With --etl: a capture, read on any OS
 * ({@link EtlTrace}). Live on Linux: syscall tracepoints through bpftrace ({@link LinuxTraceSource}, needs
 * root) for --pid / --exe.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Socket calls, DNS lookups and transfers of processes, live or from an ETW capture.",
                "Live (Windows): real-time ETW session (Winsock-AFD, NameResolution, Kernel-Network); run as"
                        + " Administrator. --etl FILE: read a .etl capture on any OS.",
                "Live (Linux): socket syscalls (socket, connect, bind, listen, accept, send/recv sizes, close) via"
                        + " bpftrace tracepoints; run as root; --pid or --exe."})
public final class TraceCommand implements CliCommand {
    @ParentCommand
    WsTool app;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    TraceTargetOptions target;

    @Option(names = "--etl", paramLabel = "FILE", description = "Read this .etl capture instead of tracing live.")
    Path etl;

    @Option(names = "--providers", paramLabel = "LIST",
            description = "ETW providers: afd, dns, kernel-network, tcpip, kernel-process, dns-client, tcpip-classic,"
                    + " udpip-classic (the last two --etl only), names or GUIDs"
                    + " (default: afd,dns,kernel-network).")
    String providers;

    @Option(names = "--etw-buffer-kb", paramLabel = "KB",
            description = "Live ETW: kilobytes per session buffer, 4-16384 (default: 256).")
    Integer etwBufferKb;

    @Option(names = "--etw-buffers", paramLabel = "MIN,MAX",
            description = "Live ETW: session buffers allocated at start and at most (default: 16,128).")
    String etwBuffers;

    @Mixin
    CorrelationOptions correlation;

    @Mixin
    OutputOptions output;

    @Mixin
    FilterOptions filters;

    @Mixin
    VerifyOptions verify;

    @Override
    public void execute() throws Exception {
        TraceTarget chosen = target.target();
        boolean buffersGiven = etwBufferKb != null || etwBuffers != null;
        if (etl != null) {
            if (buffersGiven) throw new UsageException("--etw-buffer-kb and --etw-buffers are for live ETW tracing, not --etl");
            EtlTrace.run(app, spec.commandLine(), etl, chosen,
                    providers == null ? List.of() : Arrays.asList(providers.split(",")), output, filters, verify, correlation);
            return;
        }
        SessionBuffers buffers = EtwLiveTrace.buffers(etwBufferKb, etwBuffers); // usage errors first, on every OS
        if (!DataDirs.isWindows()) {
            if (buffersGiven) throw new UsageException("--etw-buffer-kb and --etw-buffers are for live ETW tracing on Windows");
            linux(chosen);
            return;
        }
        EventJob plain = new EventJob(app, spec.commandLine(), output, filters);
        Correlation correlated = Correlation.open(correlation, plain);
        EventJob job = correlated.into(plain, null);
        try {
            job.source(EtwLiveTrace.source(chosen, providers, buffers, job.notices()))
                    .verify(verify)
                    .run();
        } finally {
            correlated.summary(spec.commandLine().getErr());
        }
    }

    /** Linux: the bpftrace backend, same --pid / --exe meaning as ETW (process ids, or every process of a program). */
    private void linux(TraceTarget chosen) throws Exception {
        if (chosen.kind() == TraceTarget.Kind.ALL) {
            throw new UsageException("--all is not available live on Linux; choose --pid N or --exe NAME"
                    + " (any OS can read a Windows capture with --etl FILE)");
        }
        if (providers != null) throw new UsageException("--providers selects ETW providers; the Linux backend has none");
        LinuxTraceSource source = Usage.option(target.optionName(), () -> new LinuxTraceSource(chosen).requireRunning());
        EventJob plain = new EventJob(app, spec.commandLine(), output, filters);
        Correlation correlated = Correlation.open(correlation, plain);
        EventJob job = correlated.into(plain, null);
        try {
            runLinux(chosen, source, job);
        } finally {
            correlated.summary(spec.commandLine().getErr());
        }
    }

    private void runLinux(TraceTarget chosen, LinuxTraceSource source, EventJob job) throws Exception {
        wstool.core.pipeline.Notices notices = job.notices();
        Thread notice = new Thread(() -> { // one line once the probes are attached: from then on calls are seen
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
            try {
                while (!source.ready() && System.nanoTime() < until) Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            if (source.ready()) notices.notice("tracing socket calls of " + chosen);
        }, "ws_tool-trace-ready");
        notice.setDaemon(true);
        notice.start();
        job.source(source)
                .verify(verify)
                .run();
    }
}
