package wstool.cli;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import wstool.core.model.NetEvent;
import wstool.core.pipeline.Emitter;
import wstool.core.pipeline.EventSource;
import wstool.etw.decode.EventDecoder;
import wstool.etw.etl.EtlEventSource;

/**
 * {@code trace --etl FILE}: decodes a .etl capture (Winsock-AFD, NameResolution, Kernel-Network, TCPIP) on any OS
 * and runs it through the usual filters and outputs; the ETL summary follows the events.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Socket and DNS events of a process from an ETW capture (.etl), read on any OS.")
public final class TraceEtlCommand implements Callable<Integer> {
    @ParentCommand
    WsTool app;

    @Spec
    CommandSpec spec;

    @Option(names = "--etl", paramLabel = "FILE", required = true, description = "The .etl file to read.")
    Path etl;

    @Option(names = "--exe", paramLabel = "NAME",
            description = "Only this program (file name, case-insensitive); needs process names in the capture.")
    String exe;

    @Option(names = "--all", description = "Every process.")
    boolean all;

    @Option(names = "--providers", paramLabel = "P", split = ",",
            description = "Providers to decode: afd, dns, kernel-network, tcpip or GUIDs (default: all).")
    List<String> providers = List.of();

    @Mixin
    OutputOptions output;

    @Mixin
    FilterOptions filters;

    @Override
    public Integer call() throws Exception {
        int chosen = (filters.pids().isEmpty() ? 0 : 1) + (exe == null ? 0 : 1) + (all ? 1 : 0);
        if (chosen != 1) throw new UsageException("choose exactly one of --pid N, --exe NAME or --all");
        if (!Files.isRegularFile(etl)) throw new NoSuchFileException(etl.toString());
        EtlEventSource source = new EtlEventSource(etl, providerIds(providers), TerminalProgress.forFile(etl, spec.commandLine().getErr()));
        int code = new EventJob(app, spec.commandLine(), output, filters)
                .source(exe == null ? source : new ExeFilter(source, exe))
                .enricher(app.enricher())
                .run();
        spec.commandLine().getErr().print(source.summary().render(true));
        spec.commandLine().getErr().flush();
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

    /** Keeps the events whose process file name is {@code exe}. */
    static final class ExeFilter implements EventSource {
        private final EventSource inner;
        private final String exe;

        ExeFilter(EventSource inner, String exe) {
            this.inner = inner;
            this.exe = exe.toLowerCase(Locale.ROOT);
        }

        @Override public String name() { return inner.name(); }
        @Override public boolean live() { return inner.live(); }
        @Override public void stop() { inner.stop(); }

        @Override
        public void run(Emitter emitter) throws Exception {
            inner.run((NetEvent e) -> {
                String name = e.header().processName();
                return name == null || !name.toLowerCase(Locale.ROOT).equals(exe) || emitter.emit(e);
            });
        }
    }
}
