package wstool.core.pipeline;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import wstool.core.model.NetEvent;

/**
 * A sink that formats and writes on a thread of its own: the pipeline's consumer hands the events over in batches
 * and goes on with the next ones (enrichment, correlation) meanwhile. On two cores an export is otherwise most of
 * the consumer's work, so a file job's events per second are set by one thread (issue 21).
 * <p>
 * Order is kept. {@link #flush} and {@link #close} first wait until every event handed over has been written, then
 * flush or close the sink on the caller's thread, so the sink is never used by two threads at once. When the sink
 * fails, the events after the failed one are not written (as when the consumer wrote them itself) and the next
 * call throws that failure; the sink is closed all the same, as after a failed job ({@link #closeAfterFailure}). At
 * most {@link #BATCH} × {@link #BATCHES} events are in flight, so a slow output slows the consumer down instead of
 * filling the heap.
 */
public final class BackgroundSink implements EventSink {
    /**
     * Events per hand-over. Each full queue costs the consumer a sleep and the writer a wake-up of it, and on this
     * kind of VM a futex wake-up is dear: 1,024 instead of 256 cut ~0.3 s of kernel time from a ×1000 export and
     * ~5% of its wall time (issue 21).
     */
    static final int BATCH = 1024;
    static final int BATCHES = 2; // more only keeps events alive into the old generation (see Pipeline.OFFLINE_QUEUE)
    private static final Object STOP = new Object();

    private record Batch(NetEvent[] events, int size) {}

    private final EventSink sink;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES);
    private final Thread writer;
    private volatile Throwable failure;
    private NetEvent[] batch = new NetEvent[BATCH];
    private int size;
    private boolean closed;

    /** Starts the writing thread, named {@code name}. */
    public BackgroundSink(EventSink sink, String name) {
        this.sink = sink;
        this.writer = new Thread(this::write, name);
        writer.setDaemon(true); // a stuck output must not keep the JVM alive after the job gave up on it
        writer.start();
    }

    @Override
    public void accept(NetEvent e) throws IOException {
        rethrow();
        batch[size++] = e;
        if (size == BATCH) handOver();
    }

    @Override
    public void flush() throws IOException {
        handOver();
        CountDownLatch written = new CountDownLatch(1);
        put(written);
        try {
            written.await();
        } catch (InterruptedException ie) {
            throw interrupted(ie);
        }
        rethrow();
        sink.flush();
    }

    @Override
    public void close() throws IOException { close(false); }

    @Override
    public void closeAfterFailure() throws IOException { close(true); }

    /** Waits for the writing thread, then closes the sink: after a failure when the job failed or the sink did. */
    private void close(boolean jobFailed) throws IOException {
        if (closed) return;
        closed = true;
        try {
            handOver();
            put(STOP);
            writer.join();
            rethrow();
        } catch (InterruptedException ie) {
            throw interrupted(ie);
        } finally {
            if (jobFailed || failure != null) sink.closeAfterFailure();
            else sink.close();
        }
    }

    private void handOver() throws IOException {
        if (size == 0) return;
        put(new Batch(batch, size));
        batch = new NetEvent[BATCH];
        size = 0;
    }

    private void put(Object item) throws IOException {
        try {
            queue.put(item);
        } catch (InterruptedException ie) {
            throw interrupted(ie);
        }
    }

    /** The writing thread: batches in order until STOP; after a failure it only drains, so no caller waits forever. */
    private void write() {
        try {
            for (Object item = queue.take(); item != STOP; item = queue.take()) {
                if (item instanceof CountDownLatch written) {
                    written.countDown();
                } else if (failure == null) {
                    Batch b = (Batch) item;
                    try {
                        for (int i = 0; i < b.size(); i++) sink.accept(b.events()[i]);
                    } catch (Throwable t) {
                        failure = t;
                    }
                }
            }
        } catch (InterruptedException ie) {
            failure = ie;
        }
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        if (t == null) return;
        if (t instanceof IOException io) throw io;
        if (t instanceof RuntimeException re) throw re;
        if (t instanceof Error er) throw er;
        throw new IOException("the writing thread " + writer.getName() + " was interrupted", t);
    }

    private static InterruptedIOException interrupted(InterruptedException ie) {
        Thread.currentThread().interrupt();
        InterruptedIOException io = new InterruptedIOException("interrupted while handing events to the output");
        io.initCause(ie);
        return io;
    }
}
