package wstool.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;
import wstool.core.sink.RowExport;
import wstool.correlate.CorrelationSettings;
import wstool.correlate.Flow;
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
     * The --flows file as an export of {@code job} (checked against its inputs and outputs, written as its exports
     * are: a temporary file moved into place when the job ends), or {@link FlowOutput#NONE}.
     *
     * @throws UsageException for a bad format, "-", or a file that is one of the inputs or another output
     */
    FlowOutput open(EventJob job) {
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
        RowExport.RowWriter<Flow> file = job.alsoExports("--flows", flows, "flows", out -> FlowWriters.open(format, out));
        return new FlowOutput() {
            @Override public void write(Flow flow) throws IOException { file.write(flow); }

            @Override public void flush() throws IOException { file.flush(); }

            @Override public void close() { } // the job moves the file into place
        };
    }
}
