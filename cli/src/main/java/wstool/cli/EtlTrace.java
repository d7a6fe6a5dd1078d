package wstool.cli;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import picocli.CommandLine;
import wstool.core.filter.TraceTarget;
import wstool.etw.etl.EtlEventSource;
import wstool.etw.live.EtwProvider;

/**
 * {@code trace --etl FILE}: decodes a .etl capture (Winsock-AFD, NameResolution, Kernel-Network, TCPIP, DNS-Client,
 * Kernel-Process, the kernel logger's TcpIp/UdpIp) on any OS
 * and runs it through the usual filters and outputs; the ETL summary follows the events.
 */
final class EtlTrace {
    private EtlTrace() {}

    /** Runs the capture through the job; the ETL summary follows, also when the job failed. */
    static void run(WsTool app, CommandLine cli, Path etl, TraceTarget target, List<String> providers,
                    OutputOptions output, FilterOptions filters, VerifyOptions verify, CorrelationOptions correlation)
            throws Exception {
        switch (target.kind()) {
            case PIDS -> filters.onlyPids(target.pids());
            case PROGRAM -> filters.onlyProgram(target.program()); // needs process names in the capture
            case ALL -> { }
        }
        EventJob job = new EventJob(app, cli, output, filters).input(etl, Inputs.Kind.ETL); // before --flows is named
        Correlation correlated = Correlation.open(correlation, job);
        run(cli, etl, providers, output, verify, correlated.into(job, null), correlated);
    }

    private static void run(CommandLine cli, Path etl, List<String> providers, OutputOptions output, VerifyOptions verify,
                            EventJob job, Correlation correlated) throws Exception {
        EtlEventSource source = new EtlEventSource(etl, providerIds(providers), TerminalProgress.forFile(etl, cli.getErr()))
                .allComponents(output.allComponents);
        boolean read = true;
        try {
            job.source(source)
                    .verify(verify)
                    .run();
        } catch (UsageException e) {
            read = false; // refused before the file was read
            throw e;
        } finally {
            if (read) {
                correlated.summary(cli.getErr());
                cli.getErr().print(source.summary().render(true));
                cli.getErr().flush();
            }
        }
    }

    /** The providers --providers names (the parser live sessions use too); empty = every provider. */
    static Set<UUID> providerIds(List<String> names) {
        Set<UUID> ids = new LinkedHashSet<>();
        if (names.isEmpty()) return ids;
        for (EtwProvider p : Usage.option("--providers", () -> EtwProvider.parseList(String.join(",", names)))) ids.add(p.guid());
        return ids;
    }
}
