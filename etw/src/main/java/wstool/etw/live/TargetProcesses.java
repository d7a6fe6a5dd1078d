package wstool.etw.live;

import java.util.Locale;
import wstool.core.filter.TraceTarget;

/**
 * How a live ETW session applies a {@link TraceTarget}: by process id, or by image name (Windows file names are
 * case-insensitive; ".exe" may be left out: {@code powershell} is {@code powershell.exe}). Also how {@code mock --exe}
 * finds the processes whose programs it blocks on Windows.
 */
public final class TargetProcesses {
    private final TraceTarget target;
    private final String image;

    public TargetProcesses(TraceTarget target) {
        this.target = target;
        String p = target.program() == null ? null : target.program().toLowerCase(Locale.ROOT);
        this.image = p == null || p.endsWith(".exe") ? p : p + ".exe";
    }

    TraceTarget target() { return target; }

    /** The one process a single-pid target follows (the trace ends when it exits), or -1. */
    long followedPid() {
        return target.kind() == TraceTarget.Kind.PIDS && target.pids().size() == 1 ? target.pids().get(0) : -1;
    }

    boolean byImage() { return image != null; }

    /** Whether events of {@code pid} are shown. */
    public boolean accepts(long pid, ProcessNames names) {
        switch (target.kind()) {
            case ALL: return true;
            case PIDS: return target.pids().contains(pid);
            default:
                String n = ProcessNames.fileName(names.name(pid));
                if (n == null) {
                    return false;
                }
                n = n.toLowerCase(Locale.ROOT);
                return n.equals(image) || (n + ".exe").equals(image);
        }
    }

    @Override
    public String toString() {
        return switch (target.kind()) {
            case PIDS -> (target.pids().size() == 1 ? "PID " : "PIDs ")
                    + String.join(",", target.pids().stream().map(String::valueOf).toList());
            case PROGRAM -> image;
            case ALL -> "all processes";
        };
    }
}
