package wstool.linux.trace;

import java.util.List;
import java.util.regex.Pattern;
import wstool.core.filter.TraceTarget;

/**
 * A {@link TraceTarget} as the bpftrace backend applies it: one or more pids (the thread group, as ETW's process id)
 * or every process of a program: one whose executable's file name (what {@code /proc/PID/exe} points to, as shown in
 * the output) or whose kernel name ({@code comm}, what {@code ps} shows) is the given name, case-sensitively. The
 * executable's name is read in the kernel from the task's {@code mm->exe_file} dentry, so names longer than comm's
 * 15 bytes match exactly. Every process is not a target here: the kernel filter is what keeps the trace cheap.
 */
final class BpftraceTarget {
    /** At most 63 bytes: bpftrace's default string size (64 with the terminating zero) bounds the compare. */
    private static final Pattern PROGRAM = Pattern.compile("[A-Za-z0-9._+-]{1,63}");
    /** Process ids in one predicate, at most. */
    static final int MAX_PIDS = 64;
    /** The kernel's comm holds the first 15 bytes of a program's name (TASK_COMM_LEN 16 with the terminating zero). */
    static final int COMM_BYTES = 15;
    /**
     * The base name of the task's executable: {@code mm->exe_file->f_path.dentry->d_name.name}, read at offset 40
     * of struct dentry (d_flags 4, d_seq 4, d_hash 16, d_parent 8, then the qstr d_name: hash_len 8, name) because
     * bpftrace 0.17 cannot name d_name since Linux 6.14 put it in an anonymous union. The layout is the same on every
     * kernel without lock debugging; {@link LinuxTraceSource} checks it at start on bpftrace's own executable.
     */
    static final String EXE_NAME = "str(*(uint64 *)((uint64)curtask->mm->exe_file->f_path.dentry + 40))";

    private final TraceTarget target;
    /** A cgroup v2 id (ws_tool mock's cgroup: every process in it, also ones started later), or 0. */
    private final long cgroupId;
    private final String label;

    private BpftraceTarget(TraceTarget target) { this(target, 0, null); }

    private BpftraceTarget(TraceTarget target, long cgroupId, String label) {
        this.target = target;
        this.cgroupId = cgroupId;
        this.label = label;
    }

    /**
     * Every process of one cgroup v2, by bpftrace's {@code cgroup} builtin (the id: the inode number of the cgroup's
     * directory): the program ws_tool mock runs and its children. It never ends by itself; its owner stops it.
     */
    static BpftraceTarget cgroup(long id, String label) {
        if (id <= 0) throw new IllegalArgumentException("not a cgroup id: " + id);
        return new BpftraceTarget(null, id, label);
    }

    /** @throws IllegalArgumentException for what this backend cannot trace, naming the reason */
    static BpftraceTarget of(TraceTarget target) {
        switch (target.kind()) {
            case ALL -> { } // every process but this JVM (monitor --all)
            case PIDS -> {
                if (target.pids().size() > MAX_PIDS) {
                    throw new IllegalArgumentException("the Linux backend traces at most " + MAX_PIDS + " process ids at once, not "
                            + target.pids().size());
                }
            }
            case PROGRAM -> {
                if (!PROGRAM.matcher(target.program()).matches()) {
                    throw new IllegalArgumentException("the Linux backend matches program file names of at most 63 letters,"
                            + " digits, . _ + -, not '" + target.program() + "'");
                }
            }
        }
        return new BpftraceTarget(target);
    }

    boolean byExecutable() { return target != null && target.kind() == TraceTarget.Kind.PROGRAM; }

    List<Long> pids() { return target == null ? List.of() : target.pids(); }

    /** The bpftrace predicate: built only from the validated numbers or name, never from raw user text. */
    String predicate() {
        if (cgroupId > 0) return "cgroup == " + cgroupId;
        if (target.kind() == TraceTarget.Kind.ALL) return "pid != " + ProcessHandle.current().pid();
        String exe = target.program();
        if (exe != null) {
            String byExe = EXE_NAME + " == \"" + exe + "\"";
            return exe.length() <= COMM_BYTES ? "(" + byExe + " || comm == \"" + exe + "\")" : byExe;
        }
        List<Long> pids = target.pids();
        if (pids.size() == 1) return "pid == " + pids.get(0);
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < pids.size(); i++) sb.append(i == 0 ? "" : " || ").append("pid == ").append(pids.get(i));
        return sb.append(')').toString();
    }

    @Override
    public String toString() { return target == null ? label : target.toString(); }
}
