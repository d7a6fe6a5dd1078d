package wstool.linux.trace;

import java.util.regex.Pattern;

/**
 * Which processes to trace: one pid (the thread group, as ETW's process id) or every process whose executable name
 * matches (compared with the kernel's 15-character comm, so a longer name matches its first 15 characters).
 */
public final class TraceTarget {
    private static final Pattern EXE = Pattern.compile("[A-Za-z0-9._+-]{1,64}");
    private final long pid;
    private final String comm;

    private TraceTarget(long pid, String comm) {
        this.pid = pid;
        this.comm = comm;
    }

    public static TraceTarget pid(long pid) {
        if (pid <= 0 || pid > 4_194_304) throw new IllegalArgumentException("--pid must be a process id (1-4194304), not " + pid);
        return new TraceTarget(pid, null);
    }

    /** @param exe a program name or path ("curl", "/usr/bin/curl"); only the file name counts */
    public static TraceTarget exe(String exe) {
        String name = exe.substring(exe.lastIndexOf('/') + 1);
        if (!EXE.matcher(name).matches()) {
            throw new IllegalArgumentException("--exe must be a program file name (letters, digits, . _ + -), not '" + exe + "'");
        }
        return new TraceTarget(-1, name.length() > 15 ? name.substring(0, 15) : name);
    }

    /** The bpftrace predicate: built only from the validated number or name, never from raw user text. */
    String predicate() {
        return comm == null ? "pid == " + pid : "comm == \"" + comm + "\"";
    }

    @Override
    public String toString() { return comm == null ? "pid " + pid : "exe " + comm; }
}
