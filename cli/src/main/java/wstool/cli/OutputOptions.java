package wstool.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where events go and when the job ends: shared by every event command. */
public final class OutputOptions {
    @Option(names = "--csv", paramLabel = "FILE", description = "Write events as CSV (RFC 4180; '-' = stdout).")
    Path csv;

    @Option(names = "--jsonl", paramLabel = "FILE", description = "Write events as JSON Lines ('-' = stdout); read back by 'replay'.")
    Path jsonl;

    @Option(names = "--ecs", paramLabel = "FILE",
            description = "Write events as Elastic Common Schema 9.x JSON lines ('-' = stdout), for Filebeat/Elasticsearch.")
    Path ecs;

    @Option(names = "--syslog", paramLabel = "URL",
            description = "Forward events to a syslog collector: udp://HOST[:514], tcp://HOST[:514], tls://HOST[:6514] "
                    + "(RFC 5424; repeatable).")
    java.util.List<String> syslog = new java.util.ArrayList<>();

    @Option(names = "--syslog-ca", paramLabel = "FILE",
            description = "Trust only these CA certificates (PEM) for tls:// collectors instead of the system's.")
    Path syslogCa;

    @Option(names = "--syslog-format", paramLabel = "FORMAT", defaultValue = "ecs",
            description = "MSG of syslog messages: ecs (the --ecs JSON, default) or cef.")
    String syslogFormat;

    @Option(names = "--no-tui", description = "Plain line output instead of the full-screen view.")
    boolean noTui;

    @Option(names = "--duration", paramLabel = "TIME", converter = Converters.TimeSpan.class,
            description = "Stop after this long (e.g. 30s, 5m, 1h, 500ms).")
    Duration duration;

    @Option(names = "--max-events", paramLabel = "N", converter = Converters.Count.class,
            description = "Stop after N events have been shown (1 or more).")
    long maxEvents;

    @Option(names = "--buffer", paramLabel = "N", defaultValue = "100000", converter = Converters.ViewBuffer.class,
            description = "Events the full-screen view keeps for scrolling (default: ${DEFAULT-VALUE}).")
    int buffer;

    @Option(names = "--host-name", paramLabel = "NAME",
            description = "The machine name exports give every event (default: this machine for live sources, "
                    + "the capture's own for imports where the file names it).")
    String hostName;

    static boolean isStdout(Path p) { return p != null && p.toString().equals("-"); }

    boolean anyStdout() { return isStdout(csv) || isStdout(jsonl) || isStdout(ecs); }
}
