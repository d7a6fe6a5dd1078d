package wstool.cli;

import java.util.List;
import picocli.CommandLine.Option;
import wstool.core.filter.TraceTarget;

/**
 * {@code --pid N | --exe NAME | --all}: which processes a trace follows, one exclusive choice. Use as
 * {@code @ArgGroup(exclusive = true, multiplicity = "1") TraceTargetOptions target;} in a command that traces.
 */
public final class TraceTargetOptions {
    @Option(names = "--pid", paramLabel = "PID", split = ",", required = true, converter = Converters.Pid.class,
            description = "These processes (comma-separated or repeated); one process: the trace ends when it exits.")
    List<Long> pids;

    @Option(names = "--exe", paramLabel = "NAME", required = true,
            description = "Every process of this program (e.g. powershell.exe), also ones that start later. Linux: the"
                    + " executable's file name (as /proc/PID/exe shows it, up to 63 characters) or the kernel's process"
                    + " name (comm, as ps shows it), case-sensitively.")
    String exe;

    @Option(names = "--all", required = true, description = "Every process.")
    boolean all;

    /** The one request, whichever backend serves it. */
    TraceTarget target() {
        return Usage.option(optionName(),
                () -> pids != null ? TraceTarget.pids(pids) : exe != null ? TraceTarget.program(exe) : TraceTarget.all());
    }

    /** The option that chose the target, for messages. */
    String optionName() { return pids != null ? "--pid" : exe != null ? "--exe" : "--all"; }
}
