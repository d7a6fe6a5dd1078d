package wstool.linux.trace;

import java.util.regex.Pattern;

/**
 * Which processes to trace: one pid (the thread group, as ETW's process id) or every process of a program: one whose
 * executable's file name (what {@code /proc/PID/exe} points to, as shown in the output) or whose kernel name
 * ({@code comm}, what {@code ps} shows) is the given name, case-sensitively. The executable's name is read in the
 * kernel from the task's {@code mm->exe_file} dentry, so names longer than comm's 15 bytes match exactly.
 */
public final class TraceTarget {
    /** At most 63 bytes: bpftrace's default string size (64 with the terminating zero) bounds the compare. */
    private static final Pattern EXE = Pattern.compile("[A-Za-z0-9._+-]{1,63}");
    /** The kernel's comm holds the first 15 bytes of a program's name (TASK_COMM_LEN 16 with the terminating zero). */
    static final int COMM_BYTES = 15;
    /**
     * The base name of the task's executable: {@code mm->exe_file->f_path.dentry->d_name.name}, read at offset 40
     * of struct dentry (d_flags 4, d_seq 4, d_hash 16, d_parent 8, then the qstr d_name: hash_len 8, name) because
     * bpftrace 0.17 cannot name d_name since Linux 6.14 put it in an anonymous union. The layout is the same on every
     * kernel without lock debugging; {@link LinuxTraceSource} checks it at start on bpftrace's own executable.
     */
    static final String EXE_NAME = "str(*(uint64 *)((uint64)curtask->mm->exe_file->f_path.dentry + 40))";
    private final java.util.List<Long> pids;
    private final String exe;
    /** A cgroup v2 id (ws_tool mock's cgroup): every process in it, also ones started later; 0 when not. */
    private final long cgroupId;
    private final String label;

    private TraceTarget(java.util.List<Long> pids, String exe) { this(pids, exe, 0, null); }

    private TraceTarget(java.util.List<Long> pids, String exe, long cgroupId, String label) {
        this.pids = pids;
        this.exe = exe;
        this.cgroupId = cgroupId;
        this.label = label;
    }

    /**
     * Every process in one cgroup v2 (bpftrace's {@code cgroup} builtin: the id, i.e. the inode number of the cgroup's
     * directory): the program ws_tool mock runs and its children. It never ends by itself; its owner stops it.
     *
     * @param label how the trace names it ("mock cgroup of python3")
     */
    public static TraceTarget cgroup(long id, String label) {
        if (id <= 0) throw new IllegalArgumentException("not a cgroup id: " + id);
        return new TraceTarget(java.util.List.of(), null, id, label);
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
            throw new IllegalArgumentException("--exe must be a program file name of at most 63 letters, digits, . _ + -,"
                    + " not '" + exe + "'");
        }
        return new TraceTarget(java.util.List.of(), name);
    }

    /** Whether this is an --exe target (matched on the executable's name, which needs the checked dentry layout). */
    public boolean byExecutable() { return exe != null; }

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
        if (cgroupId > 0) return "cgroup == " + cgroupId;
        if (exe != null) {
            String byExe = EXE_NAME + " == \"" + exe + "\"";
            return exe.length() <= COMM_BYTES ? "(" + byExe + " || comm == \"" + exe + "\")" : byExe;
        }
        if (pids.size() == 1) return "pid == " + pids.get(0);
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < pids.size(); i++) sb.append(i == 0 ? "" : " || ").append("pid == ").append(pids.get(i));
        return sb.append(')').toString();
    }

    @Override
    public String toString() {
        if (cgroupId > 0) return label;
        return exe == null ? "pid " + pids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")) : "exe " + exe;
    }
}
