package wstool.cli;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import picocli.CommandLine;
import wstool.etw.etl.EtlEventSource;
import wstool.etw.live.EtwProvider;

/**
 * {@code trace --etl FILE}: decodes a .etl capture (Winsock-AFD, NameResolution, Kernel-Network, TCPIP, DNS-Client,
 * Kernel-Process, the kernel logger's TcpIp/UdpIp) on any OS
 * and runs it through the usual filters and outputs; the ETL summary follows the events.
 */
final class EtlTrace {
    private EtlTrace() {}

    /** @param exe keep only this program's events (needs process names in the capture), or null */
    static int run(WsTool app, CommandLine cli, Path etl, String exe, boolean all, List<String> providers,
                   OutputOptions output, FilterOptions filters, VerifyOptions verify) throws Exception {
        int chosen = (filters.pids().isEmpty() ? 0 : 1) + (exe == null ? 0 : 1) + (all ? 1 : 0);
        if (chosen != 1) throw new UsageException("choose exactly one of --pid N, --exe NAME or --all");
        if (!Files.isRegularFile(etl)) throw new NoSuchFileException(etl.toString());
        if (exe != null) filters.onlyProgram(exe);
        if (output.pcapng != null && Files.exists(output.pcapng) && Files.isSameFile(output.pcapng, etl)) {
            throw new UsageException("--pcapng " + output.pcapng + " is the capture being read: choose another file");
        }
        EtlEventSource source = new EtlEventSource(etl, providerIds(providers), TerminalProgress.forFile(etl, cli.getErr()))
                .allComponents(output.allComponents);
        int code = new EventJob(app, cli, output, filters)
                .source(source)
                .verify(verify)
                .run();
        cli.getErr().print(source.summary().render(true));
        cli.getErr().flush();
        return code;
    }

    /** The providers --providers names (the parser live sessions use too); empty = every provider. */
    static Set<UUID> providerIds(List<String> names) {
        Set<UUID> ids = new LinkedHashSet<>();
        if (names.isEmpty()) return ids;
        try {
            for (EtwProvider p : EtwProvider.parseList(String.join(",", names))) ids.add(p.guid());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return ids;
    }
}
