package wstool.etw.live;

import java.util.Locale;

/** Which processes `trace` shows: one PID, every process of an image name (also ones started later), or all. */
public final class TraceTarget {

    public enum Kind { PID, EXE, ALL }

    private final Kind kind;
    private final long pid;
    private final String exe;

    private TraceTarget(Kind kind, long pid, String exe) {
        this.kind = kind;
        this.pid = pid;
        this.exe = exe;
    }

    public static TraceTarget all() {
        return new TraceTarget(Kind.ALL, -1, null);
    }

    public static TraceTarget pid(long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("--pid must be a positive process id: " + pid);
        }
        return new TraceTarget(Kind.PID, pid, null);
    }

    /** @param exe image name, with or without ".exe", case-insensitive (a path is reduced to its file name) */
    public static TraceTarget exe(String exe) {
        String n = ProcessNames.fileName(exe.strip()).toLowerCase(Locale.ROOT);
        if (n.isEmpty()) {
            throw new IllegalArgumentException("--exe needs an image name such as powershell.exe");
        }
        return new TraceTarget(Kind.EXE, -1, n.endsWith(".exe") ? n : n + ".exe");
    }

    public Kind kind() {
        return kind;
    }

    public long pid() {
        return pid;
    }

    public String exe() {
        return exe;
    }

    /** Whether events of {@code eventPid} are shown. */
    public boolean accepts(long eventPid, ProcessNames names) {
        switch (kind) {
            case ALL: return true;
            case PID: return eventPid == pid;
            default:
                String n = ProcessNames.fileName(names.name(eventPid));
                if (n == null) {
                    return false;
                }
                n = n.toLowerCase(Locale.ROOT);
                return n.equals(exe) || (n + ".exe").equals(exe);
        }
    }

    @Override
    public String toString() {
        return kind == Kind.PID ? "PID " + pid : kind == Kind.EXE ? exe : "all processes";
    }
}
