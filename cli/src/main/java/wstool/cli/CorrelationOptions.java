package wstool.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import picocli.CommandLine.Option;
import wstool.correlate.CorrelationSettings;
import wstool.correlate.FlowOutput;
import wstool.correlate.FlowWriters;

/** The correlation's outputs and windows ({@code monitor}). */
public final class CorrelationOptions {
    @Option(names = "--flows", paramLabel = "FILE",
            description = "Write one record per connection / UDP conversation: CSV, or JSON Lines for a .jsonl name.")
    Path flows;

    @Option(names = "--flows-format", paramLabel = "FORMAT", description = "csv or jsonl (default: by the --flows file name).")
    String flowsFormat;

    @Option(names = "--verdict-window", paramLabel = "TIME", converter = Converters.TimeSpan.class,
            description = "How far apart a firewall verdict and its socket event may be, either way (default: 3s).")
    Duration verdictWindow;

    @Option(names = "--dns-window", paramLabel = "TIME", converter = Converters.TimeSpan.class,
            description = "How long a DNS answer names its addresses (default: 30m).")
    Duration dnsWindow;

    @Option(names = "--tcp-idle", paramLabel = "TIME", converter = Converters.TimeSpan.class,
            description = "A TCP flow without events this long is written and forgotten (default: 5m).")
    Duration tcpIdle;

    @Option(names = "--udp-idle", paramLabel = "TIME", converter = Converters.TimeSpan.class,
            description = "The same for UDP conversations and firewall-only flows (default: 1m).")
    Duration udpIdle;

    @Option(names = "--max-flows", paramLabel = "N",
            description = "Open flows kept at once; beyond it the least recently active is written early (default: 100000).")
    Integer maxFlows;

    CorrelationSettings settings() {
        CorrelationSettings d = CorrelationSettings.DEFAULTS;
        try {
            return new CorrelationSettings(verdictWindow != null ? verdictWindow : d.verdictWindow(),
                    dnsWindow != null ? dnsWindow : d.dnsWindow(), tcpIdle != null ? tcpIdle : d.tcpIdle(),
                    udpIdle != null ? udpIdle : d.udpIdle(), maxFlows != null ? maxFlows : d.maxOpenFlows(),
                    d.maxTableEntries());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Opens the --flows file (never one of the inputs), or {@link FlowOutput#NONE}.
     *
     * @throws UsageException for a bad format, "-", a missing directory, or a file that is one of the inputs
     */
    FlowOutput open(Collection<Path> inputs) throws IOException {
        if (flows == null) {
            if (flowsFormat != null) throw new UsageException("--flows-format needs --flows FILE");
            return FlowOutput.NONE;
        }
        if (OutputOptions.isStdout(flows)) { // "-" is stdout for the exports: never a file of that name here
            throw new UsageException("--flows needs a file name (e.g. --flows flows.csv): standard output is for the events");
        }
        FlowWriters.Format format;
        try {
            format = flowsFormat != null ? FlowWriters.parse(flowsFormat) : FlowWriters.byName(flows.getFileName().toString());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        for (Path in : inputs) {
            if (Files.exists(flows) && Files.exists(in) && Files.isSameFile(flows, in)) {
                throw new UsageException("--flows " + flows + " is one of the inputs; it would be overwritten");
            }
        }
        Path parent = flows.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw new UsageException("--flows: directory " + parent + " does not exist");
        return FlowWriters.open(format, Files.newBufferedWriter(flows, StandardCharsets.UTF_8));
    }
}
