package wstool.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import wstool.enrich.CompactTable;
import wstool.enrich.Enricher;
import wstool.enrich.GeoSource;
import wstool.enrich.MaxMindSource;

/**
 * The fast enrichment path for long event jobs: builds {@link CompactTable}s for the MaxMind City and ASN sources of
 * a {@link DataSet} on a low-priority daemon thread and offers each to the job's {@link Enricher} as soon as it is
 * ready (the consumer adopts it at its next lookup; answers are identical, IPv6 stays on the reader). Start-up is
 * never delayed, and a failed build (damaged file, out of memory) leaves the job on the readers; {@link #status()}
 * says what happened (printed with -v).
 *
 * <p>The rule: only for jobs with a live source, never when less than {@link #MIN_FREE_HEAP} of heap is free (the
 * City table keeps ~36 MB; building it from the embedded copy also holds a second 60 MB copy of the database and the
 * growing range arrays for a few seconds), and only from the job's {@link #MISS_TRIGGER}-th address cache miss
 * (traffic to a few hot addresses is served by the cache: a .etl of one repeated capture has 7 distinct remote
 * addresses). A live job's consumer waits for events most of the time, so the ~8 s of CPU the build takes is spare
 * capacity, and afterwards each cache miss costs ~0.5 µs instead of ~3.5 µs, which keeps the consumer ahead of
 * bursts. Files are not worth it: reading them is bound by decoding (replay ~75 k events/s, {@code trace --etl}
 * ~20 MB/s here), far below the readers' 0.29 M uncached lookups/s, so the table cannot shorten the job and its
 * build takes CPU from the decoder. Measured on 2 cores at load ~5: a replay of 3 M uniform random addresses took
 * 52 s instead of 41 s with the build (table ready after 35 s), 43-60 s instead of 28-32 s for 1 M.
 */
public final class RangeTables implements AutoCloseable {
    public static final long MIN_FREE_HEAP = 192L << 20;
    public static final long MISS_TRIGGER = 50_000;

    /** What the job is: whether a source is live (captures as they happen, rather than reading a file). */
    public record Job(boolean live) {}

    private final Thread thread;
    private volatile String status;
    private boolean closed;

    private RangeTables(Thread thread, String status) {
        this.thread = thread;
        this.status = status;
    }

    /** Why no table should be built for this job, or null when it should. */
    public static String skipReason(Job job, boolean anyTableSource, long freeHeap) {
        if (!anyTableSource) return "no MaxMind City or ASN database in use";
        if (!job.live()) return "not a live job: reading a file is bound by decoding, not by the look-ups";
        if (freeHeap < MIN_FREE_HEAP) return "only " + mb(freeHeap) + " of heap free, " + mb(MIN_FREE_HEAP) + " needed";
        return null;
    }

    /** Heap that can still be allocated: the maximum minus what is in use now. */
    public static long freeHeap() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    static boolean tableable(MaxMindSource m) {
        String type = m.databaseType();
        return type.contains("City") || type.contains("ASN");
    }

    private static List<GeoSource> tableSources(DataSet data) {
        List<GeoSource> out = new ArrayList<>();
        for (GeoSource s : data.sources()) if (s instanceof MaxMindSource m && tableable(m)) out.add(s);
        return out;
    }

    /** What {@code doctor} says about the fast path on this JVM. */
    public static String describe(DataSet data) {
        List<GeoSource> t = tableSources(data);
        if (t.isEmpty()) return "none (no MaxMind City or ASN database in use)";
        String rule = "IPv4 range tables for " + names(t) + ", built in the background for live jobs from the " + String.format(Locale.ROOT, "%,d", MISS_TRIGGER)
                + "th address cache miss";
        long free = freeHeap();
        return free < MIN_FREE_HEAP ? rule + "; skipped on this JVM: only " + mb(free) + " heap free (raise -Xmx)"
                : rule + " (" + mb(free) + " heap free)";
    }

    /**
     * Arms the build for {@code enricher} (which must have been made from {@code data}) unless the rule says no: the
     * thread starts at the enricher's {@link #MISS_TRIGGER}-th cache miss. Never throws for a build problem: see
     * {@link #status()}.
     */
    public static RangeTables start(DataSet data, Enricher enricher, Job job) {
        return start(data, enricher, job, MISS_TRIGGER);
    }

    static RangeTables start(DataSet data, Enricher enricher, Job job, long missTrigger) {
        List<GeoSource> todo = tableSources(data);
        String skip = skipReason(job, !todo.isEmpty(), freeHeap());
        if (skip != null) return new RangeTables(null, "enrichment: database readers (range tables skipped: " + skip + ")");
        RangeTables[] self = new RangeTables[1];
        Thread t = new Thread(() -> self[0].build(data, enricher, todo), "ws_tool-range-tables");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        self[0] = new RangeTables(t, String.format(Locale.ROOT, "enrichment: database readers (range tables not built: "
                + "fewer than %,d addresses missed the cache)", missTrigger));
        enricher.onMisses(missTrigger, self[0]::begin);
        return self[0];
    }

    /** On the consumer thread, at the trigger: start the build unless the job is already over. */
    private synchronized void begin() {
        if (closed) return;
        status = "enrichment: database readers (range tables for the MaxMind sources still building when the job ended)";
        thread.start();
    }

    private void build(DataSet data, Enricher enricher, List<GeoSource> todo) {
        long t0 = System.nanoTime();
        long ranges = 0;
        long bytes = 0;
        List<String> done = new ArrayList<>();
        try {
            for (GeoSource s : todo) {
                CompactTable table = data.compactTable(s);
                if (Thread.currentThread().isInterrupted()) return;
                if (table == null) continue; // opened elsewhere: nothing to read it from again
                enricher.offer(Map.of(s, table));
                done.add(s.name());
                ranges += table.ranges();
                bytes += table.approximateBytes();
            }
            status = String.format(Locale.ROOT, "enrichment: IPv4 range tables for %s ready after %.1f s (%,d ranges, ~%s);"
                    + " IPv6 on the readers", String.join(", ", done), (System.nanoTime() - t0) / 1e9, ranges, mb(bytes));
        } catch (CompactTable.Cancelled e) {
            // the job ended first: the status still says "still building"
        } catch (RuntimeException | OutOfMemoryError e) { // never the job's problem: it goes on with the readers
            status = "enrichment: database readers" + (done.isEmpty() ? "" : " (range tables adopted for " + String.join(", ", done) + ")")
                    + " (range table build failed: " + (e instanceof OutOfMemoryError ? "out of memory" : e.getMessage()) + ")";
        }
    }

    /** One line for -v: which path the enrichment took and why. */
    public String status() { return status; }

    /** Waits up to {@code millis} for the build to end (tests); true when it has ended or never started. */
    public boolean await(long millis) throws InterruptedException {
        if (thread == null || !started()) return true;
        thread.join(millis);
        return !thread.isAlive();
    }

    /** Stops a build still running (the job is over). */
    @Override
    public synchronized void close() {
        closed = true;
        if (thread != null) thread.interrupt();
    }

    private synchronized boolean started() { return thread.getState() != Thread.State.NEW; }

    private static String names(List<GeoSource> sources) {
        return String.join(", ", sources.stream().map(GeoSource::name).toList());
    }

    static String mb(long bytes) { return String.format(Locale.ROOT, "%,d MB", bytes >> 20); }
}
