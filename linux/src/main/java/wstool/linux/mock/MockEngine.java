package wstool.linux.mock;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import wstool.linux.sys.ToolRunner;

/**
 * Installs the faults of one {@code ws_tool mock} run for one program and removes them again: the run's cgroup
 * ({@link MockCgroup}), its nft table ({@link MockRuleset}) and, for delay / rate, its tc trees ({@link TcShaper}).
 * Everything is removed by {@link #close()}, also from a shutdown hook (Ctrl-C, SIGTERM); what a run killed with -9
 * left (its pid, in the table's and cgroup's names, no longer alive) is removed by the next run's {@link #start()},
 * the same rule as the trace backend's per-instance {@code inet ws_tool_<pid>} tables. Needs root.
 */
public final class MockEngine implements AutoCloseable {
    /** At most this many faults (each delay / rate fault gets a mark with its index in the low 4 bits). */
    public static final int MAX_FAULTS = 16;
    private static final Pattern RUN_TABLE = Pattern.compile("table (inet|netdev) (" + MockRuleset.TABLE_PREFIX + "(\\d{1,10}))");
    private static final Pattern DEVICES = Pattern.compile("devices=([A-Za-z0-9_.,-]*)");
    private static final String NFT_HINT = "apt-get install nftables";

    private final List<Fault> faults;
    private final long ownPid;
    private final LongPredicate alive;
    private final String table;
    private final TcShaper shaper = new TcShaper();
    private final Map<Long, String> attached = new LinkedHashMap<>();
    private final List<String> removedStale = new ArrayList<>();
    private MockCgroup cgroup;
    private String ownCgroup;
    private boolean tableLoaded;
    private boolean egressLoaded;
    private Thread hook;
    private volatile Map<Integer, Long> lastCounts;

    public MockEngine(List<Fault> faults) {
        this(faults, ProcessHandle.current().pid(), pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    MockEngine(List<Fault> faults, long ownPid, LongPredicate alive) {
        if (faults.isEmpty()) throw new IllegalArgumentException("give at least one fault (--refuse, --blackhole, --unreachable,"
                + " --delay, --loss, --rate or --reset-after)");
        if (faults.size() > MAX_FAULTS) throw new IllegalArgumentException("at most " + MAX_FAULTS + " faults, not " + faults.size());
        this.faults = List.copyOf(faults);
        this.ownPid = ownPid;
        this.alive = alive;
        this.table = MockRuleset.TABLE_PREFIX + ownPid;
    }

    public List<Fault> faults() { return faults; }

    public String table() { return table; }

    /** What the start removed of dead runs ("table inet ws_tool_mock_41", "tc tree on eth0", "cgroup ..."). */
    public List<String> removedStale() { return List.copyOf(removedStale); }

    public MockCgroup cgroup() { return cgroup; }

    /** The packet mark of fault i: 0x57, the low 16 bits of the pid, the fault's index (so runs do not share marks). */
    long mark(int i) {
        return faults.get(i).kind().marked() ? 0x5700_0000L | ((ownPid & 0xffff) << 4) | i : 0;
    }

    /** Sweeps dead runs, then creates the cgroup, loads the table (checked with nft -c first) and builds tc trees. */
    public synchronized void start() throws IOException {
        sweepTables();
        ownCgroup = MockCgroup.cgroupOf(ProcessHandle.current().pid());
        hook = new Thread(this::closeQuietly, "ws_tool-mock-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            cgroup = MockCgroup.create(ownPid, alive, removedStale);
            List<Long> marks = new ArrayList<>();
            for (int i = 0; i < faults.size(); i++) marks.add(mark(i));
            List<Fault> shaped = faults.stream().filter(f -> f.kind().shaped()).toList();
            List<Fault> dropped = faults.stream().filter(f -> f.kind().droppedAtEgress()).toList();
            List<String> tcDevices = shaped.isEmpty() ? List.of() : TcShaper.devices(shaped);
            List<String> egressDevices = dropped.isEmpty() ? List.of() : TcShaper.devices(dropped);
            String rules = MockRuleset.ruleset(table, cgroup.nftPath(), cgroup.level(), faults, marks, tcDevices);
            String egress = egressDevices.isEmpty() ? null : MockRuleset.egressRuleset(table, egressDevices, faults, marks);
            ToolRunner.run(rules, NFT_HINT, List.of("nft", "-c", "-f", "-"));
            if (egress != null) ToolRunner.run(egress, NFT_HINT, List.of("nft", "-c", "-f", "-"));
            tableLoaded = true;
            ToolRunner.run(rules, NFT_HINT, List.of("nft", "-f", "-"));
            if (egress != null) {
                egressLoaded = true;
                ToolRunner.run(egress, NFT_HINT, List.of("nft", "-f", "-"));
            }
            shaper.install(tcDevices, faults, marks);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Starts the program inside the run's cgroup, so every socket it (and its children) create is faulted from its
     * first. Java cannot place a child in a cgroup itself, so ws_tool's own process enters the cgroup for the moment
     * of the fork (the child inherits it) and returns right after; sockets ws_tool already has keep their cgroup.
     */
    public Process launch(ProcessBuilder program) throws IOException {
        synchronized (MockEngine.class) {
            long self = ProcessHandle.current().pid();
            cgroup.add(self);
            try {
                return program.start();
            } finally {
                cgroup.moveTo(self, ownCgroup);
            }
        }
    }

    /** Moves a running process into the cgroup (sockets it creates from now on are faulted); moved back at close. */
    public synchronized void attach(long pid) throws IOException {
        String origin = MockCgroup.cgroupOf(pid);
        cgroup.add(pid);
        attached.put(pid, origin);
    }

    /** Packets each fault hit so far (index → count), from the table's counters; after close, the last read. */
    public Map<Integer, Long> counts() {
        if (!tableLoaded) return lastCounts == null ? Map.of() : lastCounts;
        try {
            String listing = ToolRunner.run(null, NFT_HINT, List.of("nft", "list", "table", "inet", table));
            if (egressLoaded) listing += "\n" + ToolRunner.run(null, NFT_HINT, List.of("nft", "list", "table", "netdev", table));
            lastCounts = FaultCounters.packets(listing, faults.size());
        } catch (IOException e) {
            // the table is being removed: keep the last counts
        }
        return lastCounts == null ? Map.of() : lastCounts;
    }

    /** Removes everything (idempotent): processes back where they came from, tc trees, the table, the cgroup. */
    @Override
    public synchronized void close() {
        List<String> problems = new ArrayList<>();
        attached.forEach((pid, origin) -> {
            try {
                if (ProcessHandle.of(pid).isPresent()) cgroup.moveTo(pid, origin);
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        });
        attached.clear();
        try {
            shaper.remove();
        } catch (IOException e) {
            problems.add(e.getMessage() + " (remove it with: tc qdisc del dev DEVICE root)");
        }
        if (tableLoaded) counts();
        if (egressLoaded && deleteTable("netdev", problems)) egressLoaded = false;
        if (tableLoaded && deleteTable("inet", problems)) tableLoaded = false;
        if (cgroup != null) {
            try {
                cgroup.remove(ownCgroup);
                cgroup = null;
            } catch (IOException e) {
                problems.add("cannot remove cgroup " + cgroup.dir() + ": " + e.getMessage());
            }
        }
        problems.forEach(p -> System.err.println("ws_tool: mock cleanup: " + p));
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs close() too; it finds nothing left
            }
        }
    }

    private void closeQuietly() { close(); }

    /** @return true when the table is gone (deleted now, or already) */
    private boolean deleteTable(String family, List<String> problems) {
        try {
            ToolRunner.run(null, NFT_HINT, List.of("nft", "delete", "table", family, table));
            return true;
        } catch (IOException e) {
            if (e.getMessage().contains("No such file or directory")) return true; // swept by another run
            problems.add(e.getMessage() + " (remove it with: nft delete table " + family + " " + table + ")");
            return false;
        }
    }

    /** Removes the tables (and the tc trees they name) of mock runs whose process is gone. */
    private void sweepTables() throws IOException {
        for (String line : ToolRunner.run(null, NFT_HINT, List.of("nft", "list", "tables")).split("\n")) {
            Matcher m = RUN_TABLE.matcher(line.trim());
            if (!m.matches()) continue;
            String family = m.group(1);
            String name = m.group(2);
            long pid = Long.parseLong(m.group(3));
            if (pid == ownPid || alive.test(pid)) continue;
            try {
                if (family.equals("inet")) {
                    Matcher d = DEVICES.matcher(ToolRunner.run(null, NFT_HINT, List.of("nft", "list", "table", "inet", name)));
                    if (d.find() && !d.group(1).isEmpty()) {
                        for (String dev : d.group(1).split(",")) if (TcShaper.removeTree(dev)) removedStale.add("tc tree on " + dev);
                    }
                }
                ToolRunner.run(null, NFT_HINT, List.of("nft", "delete", "table", family, name));
                removedStale.add("table " + family + " " + name);
            } catch (IOException e) {
                if (!e.getMessage().contains("No such file or directory")) throw e; // its owner's hook ran meanwhile
            }
        }
    }
}
