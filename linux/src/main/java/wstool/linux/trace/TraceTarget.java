package wstool.linux.trace;

import java.util.regex.Pattern;

/**
 * Which processes to trace: one pid (the thread group, as ETW's process id) or every process whose executable name
 * matches (compared with the kernel's 15-character comm, so a longer name matches its first 15 characters).
 */
public final class TraceTarget {
    private static final Pattern EXE = Pattern.compile("[A-Za-z0-9._+-]{1,64}");
    private final java.util.List<Long> pids;
    private final String comm;

    private TraceTarget(java.util.List<Long> pids, String comm) {
        this.pids = pids;
        this.comm = comm;
    }

    public static TraceTarget pid(long pid) { return pids(java.util.List.of(pid)); }

    /** One or more process ids (at most 64). */
    public static TraceTarget pids(java.util.List<Long> pids) {
        if (pids.isEmpty() || pids.size() > 64) throw new IllegalArgumentException("give 1 to 64 process ids, not " + pids.size());
        for (long pid : pids) {
            if (pid <= 0 || pid > 4_194_304) throw new IllegalArgumentException("--pid must be a process id (1-4194304), not " + pid);
        }
        return new TraceTarget(java.util.List.copyOf(pids), null);
    }

    /** @param exe a program name or path ("curl", "/usr/bin/curl"); only the file name counts */
    public static TraceTarget exe(String exe) {
        String name = exe.substring(exe.lastIndexOf('/') + 1);
        if (!EXE.matcher(name).matches()) {
            throw new IllegalArgumentException("--exe must be a program file name (letters, digits, . _ + -), not '" + exe + "'");
        }
        return new TraceTarget(java.util.List.of(), name.length() > 15 ? name.substring(0, 15) : name);
    }

    /** The process ids of a --pid target (the trace ends once all have exited); empty for --exe. */
    public java.util.List<Long> pids() { return pids; }

    /**
     * Fails (before anything starts) when a --pid target names a process that is not running.
     *
     * @throws IllegalArgumentException naming the first missing pid
     */
    public TraceTarget requireRunning() {
        for (long pid : pids) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
            throw new IllegalArgumentException("no process with id " + pid + " is running");
        }
        return this;
    }

    /** The bpftrace predicate: built only from the validated number or name, never from raw user text. */
    String predicate() {
        if (comm != null) return "comm == \"" + comm + "\"";
        if (pids.size() == 1) return "pid == " + pids.get(0);
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < pids.size(); i++) sb.append(i == 0 ? "" : " || ").append("pid == ").append(pids.get(i));
        return sb.append(')').toString();
    }

    @Override
    public String toString() {
        return comm == null ? "pid " + pids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")) : "exe " + comm;
    }
}
