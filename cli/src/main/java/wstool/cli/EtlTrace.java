package wstool.cli;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import picocli.CommandLine;
import wstool.etw.decode.EventDecoder;
import wstool.etw.etl.EtlEventSource;

/**
 * {@code trace --etl FILE}: decodes a .etl capture (Winsock-AFD, NameResolution, Kernel-Network, TCPIP) on any OS
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
        EtlEventSource source = new EtlEventSource(etl, providerIds(providers), TerminalProgress.forFile(etl, cli.getErr()));
        int code = new EventJob(app, cli, output, filters)
                .source(source)
                .verify(verify)
                .run();
        cli.getErr().print(source.summary().render(true));
        cli.getErr().flush();
        return code;
    }

    static Set<UUID> providerIds(List<String> names) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (String n : names) {
            switch (n.trim().toLowerCase(Locale.ROOT)) {
                case "afd": ids.add(EventDecoder.AFD); break;
                case "dns": case "nameresolution": ids.add(EventDecoder.NAME_RESOLUTION); break;
                case "kernel-network": case "kernelnetwork": ids.add(EventDecoder.KERNEL_NETWORK); break;
                case "tcpip": ids.add(EventDecoder.TCPIP); break;
                case "kernel-process": break; // process records are always read for names
                default:
                    try {
                        ids.add(UUID.fromString(n.trim().replace("{", "").replace("}", "")));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("unknown provider '" + n + "' (afd, dns, kernel-network, tcpip or a GUID)");
                    }
            }
        }
        return ids;
    }
}
