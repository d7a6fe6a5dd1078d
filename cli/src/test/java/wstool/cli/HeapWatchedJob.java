package wstool.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * A child JVM's main for {@link StreamingHeapTest}: runs {@code ws_tool ARGS} in-process while a GC notification
 * listener records the old generation after every full collection, then prints one line
 * {@code young=Y full=F fullDuringJob=J maxOldAfterFullGc=B finalOldAfterGc=C exit=E} and exits with the job's code.
 * Needs {@code -XX:+UseSerialGC} (collectors "Copy" and "MarkSweepCompact", pool "Tenured Gen").
 *
 * <p>Only a full collection shows the live set: after a young one the tenured generation still holds whatever was
 * promoted and died since the last full one (with a 32 MB heap it climbs to ~27 MB before each). A short job fills
 * the old generation too slowly to get a full collection on its own, so every {@value #YOUNG_PER_SAMPLE}th young
 * collection asks a daemon thread for one (listeners run on the JVM's notification thread); both file sizes are thus sampled at the same allocation intervals throughout the job.
 */
public final class HeapWatchedJob {
    static final int YOUNG_PER_SAMPLE = 8;
    private static final String TENURED = "Tenured Gen";

    private static final Object lock = new Object();
    private static int young;
    private static int full;
    private static long lastFullId;
    private static long maxOldAfterFull = -1;
    private static long lastOldAfterFull = -1;

    private HeapWatchedJob() {}

    public static void main(String[] args) throws Exception {
        GarbageCollectorMXBean major = null;
        Semaphore sampleRequests = new Semaphore(0);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc.getName().equals("MarkSweepCompact")) major = gc;
            ((NotificationEmitter) gc).addNotificationListener(
                    (Notification n, Object hb) -> record(n, sampleRequests), HeapWatchedJob::isGcNotification, null);
        }
        if (major == null) throw new IllegalStateException("run with -XX:+UseSerialGC: no MarkSweepCompact collector");
        Thread sampler = new Thread(() -> {
            try {
                while (true) {
                    sampleRequests.acquire();
                    System.gc();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "full-gc-sampler");
        sampler.setDaemon(true);
        sampler.start();

        int code = WsTool.execute(args, new PrintWriter(Writer.nullWriter()), new PrintWriter(System.err, true));

        long fullDuringJob = major.getCollectionCount();
        System.gc(); // what the job left behind once it is over
        long finalId = major.getCollectionCount();
        long finalOld;
        synchronized (lock) {
            // notifications are delivered on another thread, after the collection: wait (bounded) for the last one
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (lastFullId < finalId && System.nanoTime() < until) lock.wait(1000);
            if (lastFullId < finalId) throw new IllegalStateException("no notification of the final collection");
            finalOld = lastOldAfterFull;
            System.out.printf("young=%d full=%d fullDuringJob=%d maxOldAfterFullGc=%d finalOldAfterGc=%d exit=%d%n",
                    young, full, fullDuringJob, maxOldAfterFull, finalOld, code);
        }
        System.out.flush();
        System.exit(code);
    }

    private static boolean isGcNotification(Notification n) {
        return n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION);
    }

    private static void record(Notification n, Semaphore sampleRequests) {
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        synchronized (lock) {
            if (info.getGcName().equals("MarkSweepCompact")) {
                MemoryUsage old = info.getGcInfo().getMemoryUsageAfterGc().get(TENURED);
                if (old == null) throw new IllegalStateException("no " + TENURED + " pool: run with -XX:+UseSerialGC");
                full++;
                lastFullId = Math.max(lastFullId, info.getGcInfo().getId());
                lastOldAfterFull = old.getUsed();
                maxOldAfterFull = Math.max(maxOldAfterFull, old.getUsed());
                lock.notifyAll();
            } else if (++young % YOUNG_PER_SAMPLE == 0) {
                sampleRequests.release();
            }
        }
    }
}
