package wstool.core.filter;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Which processes a trace follows, the same request for every backend: process ids, every process of a program
 * (also ones that start later), or every process. How a program name matches is the backend's (Windows: image name,
 * case-insensitive, ".exe" optional; Linux: executable or kernel name, case-sensitive). The messages name the
 * mistake, not an option: the command line words them.
 */
public final class TraceTarget {
    public enum Kind { PIDS, PROGRAM, ALL }

    private static final TraceTarget ALL = new TraceTarget(Kind.ALL, List.of(), null);

    private final Kind kind;
    private final List<Long> pids;
    private final String program;

    private TraceTarget(Kind kind, List<Long> pids, String program) {
        this.kind = kind;
        this.pids = pids;
        this.program = program;
    }

    public static TraceTarget all() { return ALL; }

    public static TraceTarget pid(long pid) { return pids(List.of(pid)); }

    /** @throws IllegalArgumentException for no ids or one that is not a positive number */
    public static TraceTarget pids(List<Long> pids) {
        if (pids.isEmpty()) throw new IllegalArgumentException("no process id given");
        for (long pid : pids) {
            if (pid <= 0) throw new IllegalArgumentException("a process id is a positive number, not " + pid);
        }
        return new TraceTarget(Kind.PIDS, List.copyOf(pids), null);
    }

    /**
     * @param program a program's file name or path (either separator; only the file name counts)
     * @throws IllegalArgumentException when there is no file name
     */
    public static TraceTarget program(String program) {
        String p = program.strip();
        String name = p.substring(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
        if (name.isEmpty()) throw new IllegalArgumentException("a program name such as curl or powershell.exe is needed, not '" + program + "'");
        return new TraceTarget(Kind.PROGRAM, List.of(), name);
    }

    public Kind kind() { return kind; }

    /** The process ids of a {@link Kind#PIDS} target, else empty. */
    public List<Long> pids() { return pids; }

    /** The program's file name of a {@link Kind#PROGRAM} target, else null. */
    public String program() { return program; }

    @Override
    public String toString() {
        return switch (kind) {
            case PIDS -> (pids.size() == 1 ? "pid " : "pids ") + pids.stream().map(String::valueOf).collect(Collectors.joining(","));
            case PROGRAM -> "program " + program;
            case ALL -> "all processes";
        };
    }
}
