package wstool.linux.mock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cgroup (v2) of one mock run, {@code <cgroup2 mount>/ws_tool/mock_<pid>}: the program runs in it, so its sockets
 * carry the cgroup (a socket keeps the cgroup it was created in) and the run's nft rules match them alone. Works on
 * a unified hierarchy ({@code /sys/fs/cgroup}) and a hybrid one ({@code /sys/fs/cgroup/unified}).
 */
public final class MockCgroup {
    static final String PARENT = "ws_tool";
    static final String PREFIX = "mock_";
    private static final Pattern RUN = Pattern.compile(PREFIX + "(\\d{1,10})");
    /** nft resolves {@code socket cgroupv2} paths below this directory. */
    static final Path NFT_BASE = Path.of("/sys/fs/cgroup");

    private final Path mount;
    private final Path dir;

    private MockCgroup(Path mount, Path dir) {
        this.mount = mount;
        this.dir = dir;
    }

    /** Creates the run's cgroup (after removing the cgroups of dead runs: {@link #sweep}). */
    public static MockCgroup create(long ownPid, LongPredicate alive, List<String> removed) throws IOException {
        Path mount = mount();
        sweep(mount, ownPid, alive, removed);
        Path dir = mount.resolve(PARENT).resolve(PREFIX + ownPid);
        try {
            try {
                Files.createDirectories(dir);
            } catch (java.nio.file.NoSuchFileException parentJustRemoved) {
                Files.createDirectories(dir); // another run's close removed the empty ws_tool parent meanwhile
            }
        } catch (IOException e) {
            throw new IOException("cannot create the cgroup " + dir + " (needs root): " + e.getMessage(), e);
        }
        return new MockCgroup(mount, dir);
    }

    /** The cgroup2 mount point, from /proc/self/mountinfo. */
    static Path mount() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] halves = line.split(" - ", 2);
            if (halves.length < 2 || !halves[1].startsWith("cgroup2 ")) continue;
            String[] f = halves[0].split(" ");
            if (f.length > 4 && f[3].equals("/")) return Path.of(f[4].replace("\\040", " "));
        }
        throw new IOException("no cgroup v2 hierarchy is mounted (mount -t cgroup2 none /sys/fs/cgroup/unified);"
                + " ws_tool mock needs one to tell the program's sockets from others");
    }

    /** Removes the cgroups of runs whose process is gone, first moving what still runs in them to the root cgroup. */
    static void sweep(Path mount, long ownPid, LongPredicate alive, List<String> removed) throws IOException {
        Path parent = mount.resolve(PARENT);
        if (!Files.isDirectory(parent)) return;
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(parent)) {
            for (Path run : runs) {
                Matcher m = RUN.matcher(run.getFileName().toString());
                if (!m.matches()) continue;
                long pid = Long.parseLong(m.group(1));
                if (pid == ownPid || alive.test(pid)) continue;
                endOrphanedTrace(((Number) Files.getAttribute(run, "unix:ino")).longValue(), removed);
                for (long p : procs(run)) move(mount, p);
                Files.deleteIfExists(run);
                removed.add("cgroup " + run);
            }
        }
    }

    /**
     * A run killed with -9 leaves its bpftrace running (nothing ends it: its probes filter on the dead run's cgroup,
     * so it never writes to the closed pipe and gets no SIGPIPE). It is found by the exact predicate ws_tool generated
     * for that cgroup's id (the cgroup still exists now, so no other cgroup has the id) and ended with SIGTERM.
     */
    private static void endOrphanedTrace(long cgroupId, List<String> removed) {
        Pattern predicate = Pattern.compile("/cgroup == " + cgroupId + "( &&|/)");
        ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/bpftrace")).orElse(false))
                .filter(p -> predicate.matcher(cmdline(p.pid())).find())
                .forEach(p -> {
                    if (p.destroy()) removed.add("socket trace of the dead run (bpftrace, pid " + p.pid() + ")");
                });
    }

    /** The process's command line (ProcessHandle.Info leaves out long ones, such as bpftrace's program). */
    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException gone) {
            return "";
        }
    }

    public Path dir() { return dir; }

    /** The cgroup's id (its inode number on cgroup2), what bpftrace's {@code cgroup} builtin returns. */
    public long id() throws IOException { return ((Number) Files.getAttribute(dir, "unix:ino")).longValue(); }

    /** The path nft resolves (relative to /sys/fs/cgroup). */
    public String nftPath() throws IOException {
        if (!dir.startsWith(NFT_BASE)) {
            throw new IOException("the cgroup2 hierarchy is mounted at " + mount + ", outside /sys/fs/cgroup where nft"
                    + " looks up 'socket cgroupv2' paths");
        }
        return NFT_BASE.relativize(dir).toString();
    }

    /** The depth nft's {@code socket cgroupv2 level} compares at. */
    public int level() { return mount.relativize(dir).getNameCount(); }

    /** Moves a process (all its threads) into this cgroup; sockets it creates from now on are faulted. */
    public void add(long pid) throws IOException { write(dir.resolve("cgroup.procs"), pid); }

    /** The cgroup (relative to the mount) a process is in now, from /proc/PID/cgroup ("0::/path"). */
    public static String cgroupOf(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
            if (line.startsWith("0::")) return line.substring(3);
        }
        throw new IOException("process " + pid + " is in no cgroup v2");
    }

    /** Moves a process back into a cgroup given relative to the mount (as {@link #cgroupOf} returns it). */
    public void moveTo(long pid, String relative) throws IOException {
        Path target = mount.resolve(relative.startsWith("/") ? relative.substring(1) : relative).normalize();
        if (!target.startsWith(mount)) throw new IOException("not a cgroup below " + mount + ": " + relative);
        write(target.resolve("cgroup.procs"), pid);
    }

    /** The processes in this cgroup now. */
    public List<Long> procs() throws IOException { return procs(dir); }

    /** Removes the cgroup; what still runs in it is moved to {@code fallback} first (relative to the mount). */
    public void remove(String fallback) throws IOException {
        for (long p : procs(dir)) {
            try {
                moveTo(p, fallback);
            } catch (IOException gone) {
                if (ProcessHandle.of(p).isPresent()) throw gone;
            }
        }
        Files.deleteIfExists(dir);
        try {
            Files.deleteIfExists(dir.getParent()); // the ws_tool parent, once no run uses it
        } catch (IOException stillInUse) {
            // another run's cgroup is in it
        }
    }

    private static List<Long> procs(Path cgroup) throws IOException {
        List<Long> out = new ArrayList<>();
        Path f = cgroup.resolve("cgroup.procs");
        if (!Files.exists(f)) return out;
        for (String l : Files.readAllLines(f)) if (!l.isBlank()) out.add(Long.parseLong(l.trim()));
        return out;
    }

    private static void move(Path mount, long pid) throws IOException {
        try {
            write(mount.resolve("cgroup.procs"), pid);
        } catch (IOException e) {
            if (ProcessHandle.of(pid).isPresent()) throw e;
        }
    }

    private static void write(Path procs, long pid) throws IOException {
        try {
            Files.write(procs, Long.toString(pid).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IOException("cannot move process " + pid + " into " + procs.getParent() + ": " + e.getMessage(), e);
        }
    }
}
