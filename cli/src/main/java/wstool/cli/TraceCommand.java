package wstool.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
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
public final class TraceCommand implements Callable<Integer> {
    @ParentCommand
    WsTool app;

    @Spec
    CommandSpec spec;

    @Option(names = "--exe", paramLabel = "NAME",
            description = "Every process of this program (e.g. powershell.exe), also ones that start later. Linux: the"
                    + " executable's file name (as /proc/PID/exe shows it, up to 63 characters) or the kernel's process"
                    + " name (comm, as ps shows it), case-sensitively.")
    String exe;

    @Option(names = "--all", description = "Every process.")
    boolean all;

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
    OutputOptions output;

    @Mixin
    FilterOptions filters;

    @Mixin
    VerifyOptions verify;

    @Override
    public Integer call() throws Exception {
        boolean buffersGiven = etwBufferKb != null || etwBuffers != null;
        if (etl != null) {
            if (buffersGiven) throw new UsageException("--etw-buffer-kb and --etw-buffers are for live ETW tracing, not --etl");
            return fromCapture();
        }
        EtwLiveTrace.target(filters.pids(), exe, all); // usage errors first, on every OS
        SessionBuffers buffers = EtwLiveTrace.buffers(etwBufferKb, etwBuffers);
        if (!DataDirs.isWindows()) {
            if (buffersGiven) throw new UsageException("--etw-buffer-kb and --etw-buffers are for live ETW tracing on Windows");
            return linux();
        }
        EventJob job = new EventJob(app, spec.commandLine(), output, filters);
        return job.source(EtwLiveTrace.source(filters.pids(), exe, all, providers, buffers, job.notices()))
                .verify(verify)
                .run();
    }

    /** Linux: the bpftrace backend, same --pid / --exe meaning as ETW (a process id, or every process of a program). */
    private Integer linux() throws Exception {
        if (all) throw new UsageException("--all is not available live on Linux; choose --pid N or --exe NAME"
                + " (any OS can read a Windows capture with --etl FILE)");
        if (providers != null) throw new UsageException("--providers selects ETW providers; the Linux backend has none");
        wstool.linux.trace.TraceTarget target;
        try {
            target = exe != null ? wstool.linux.trace.TraceTarget.exe(exe) : wstool.linux.trace.TraceTarget.pids(filters.pids()).requireRunning();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        LinuxTraceSource source = new LinuxTraceSource(target);
        EventJob job = new EventJob(app, spec.commandLine(), output, filters);
        wstool.core.pipeline.Notices notices = job.notices();
        Thread notice = new Thread(() -> { // one line once the probes are attached: from then on calls are seen
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
            try {
                while (!source.ready() && System.nanoTime() < until) Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            if (source.ready()) notices.notice("tracing socket calls of " + target);
        }, "ws_tool-trace-ready");
        notice.setDaemon(true);
        notice.start();
        return job.source(source)
                .verify(verify)
                .run();
    }

    private Integer fromCapture() throws Exception {
        return EtlTrace.run(app, spec.commandLine(), etl, exe, all,
                providers == null ? List.of() : Arrays.asList(providers.split(",")), output, filters, verify);
    }
}
