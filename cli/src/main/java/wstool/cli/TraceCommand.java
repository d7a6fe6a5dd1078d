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

/**
 * {@code trace --pid N | --exe NAME | --all [--providers LIST] [--etl FILE]}: socket calls, DNS lookups and
 * network transfers of processes. Live on Windows: a real-time ETW session on Winsock-AFD, NameResolution and
 * Kernel-Network (needs Administrator or Performance Log Users). With --etl: a capture, read on any OS
 * ({@link TraceEtlCommand}).
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Socket calls, DNS lookups and transfers of processes, live or from an ETW capture.",
                "Live (Windows): real-time ETW session (Winsock-AFD, NameResolution, Kernel-Network); run as"
                        + " Administrator. --etl FILE: read a .etl capture on any OS."})
public final class TraceCommand implements Callable<Integer> {
    @ParentCommand
    WsTool app;

    @Spec
    CommandSpec spec;

    @Option(names = "--exe", paramLabel = "NAME",
            description = "Every process of this program (e.g. powershell.exe), also ones that start later.")
    String exe;

    @Option(names = "--all", description = "Every process.")
    boolean all;

    @Option(names = "--etl", paramLabel = "FILE", description = "Read this .etl capture instead of tracing live.")
    Path etl;

    @Option(names = "--providers", paramLabel = "LIST",
            description = "ETW providers: afd, dns, kernel-network, tcpip, kernel-process, names or GUIDs"
                    + " (default: afd,dns,kernel-network).")
    String providers;

    @Mixin
    OutputOptions output;

    @Mixin
    FilterOptions filters;

    @Override
    public Integer call() throws Exception {
        if (etl != null) {
            return fromCapture();
        }
        EtwLiveTrace.target(filters.pids(), exe, all); // usage errors first, on every OS
        if (!DataDirs.isWindows()) {
            throw new UsageException(EtwLiveTrace.NOT_WINDOWS);
        }
        return new EventJob(app, spec.commandLine(), output, filters)
                .source(EtwLiveTrace.source(filters.pids(), exe, all, providers, spec.commandLine().getErr()))
                .enricher(app.enricher())
                .run();
    }

    private Integer fromCapture() throws Exception {
        TraceEtlCommand offline = new TraceEtlCommand();
        offline.app = app;
        offline.spec = spec;
        offline.etl = etl;
        offline.exe = exe;
        offline.all = all;
        offline.providers = providers == null ? List.of() : Arrays.asList(providers.split(","));
        offline.output = output;
        offline.filters = filters;
        return offline.call();
    }
}
