package wstool.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --pid} as a filter, for commands whose --pid is not a trace target (firewall, replay). */
public final class PidFilter {
    @Option(names = "--pid", paramLabel = "PID", split = ",", converter = Converters.Pid.class,
            description = "Only these process ids (comma-separated or repeated).")
    List<Long> pids = new ArrayList<>();

    /** The filters with these ids added. */
    FilterOptions applyTo(FilterOptions filters) { return filters.onlyPids(pids); }
}
