package wstool.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import wstool.core.model.NetEvent;

/**
 * Several offline sources read as one, in time order: each runs on a thread of its own into a small queue, and the
 * event with the earliest timestamp among the heads of the queues is emitted next (a source's own order is kept;
 * ties go to the source listed first). Memory is {@code sources x BUFFER} events.
 */
public final class TimeOrderedMerge implements EventSource {
    static final int BUFFER = 1024;
    private static final Object END = new Object();

    private final List<EventSource> sources;
    private volatile boolean stopped;

    public TimeOrderedMerge(List<EventSource> sources) {
        if (sources.isEmpty()) throw new IllegalArgumentException("nothing to merge");
        for (EventSource s : sources) {
            if (s.live()) throw new IllegalArgumentException(s.name() + " is live: only offline sources are merged in time order");
        }
        this.sources = List.copyOf(sources);
    }

    @Override public String name() { return String.join(", ", sources.stream().map(EventSource::name).toList()); }

    @Override public boolean live() { return false; }

    @Override public boolean unpaced() { return sources.stream().allMatch(EventSource::unpaced); }

    @Override public boolean mayEmitVerdicts() { return sources.stream().anyMatch(EventSource::mayEmitVerdicts); }

    @Override
    public void run(Emitter emitter) throws Exception {
        int n = sources.size();
        List<BlockingQueue<Object>> queues = new ArrayList<>();
        Throwable[] failures = new Throwable[n];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BlockingQueue<Object> q = new ArrayBlockingQueue<>(BUFFER);
            queues.add(q);
            EventSource s = sources.get(i);
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    s.run(e -> put(q, e));
                } catch (Throwable ex) {
                    failures[index] = ex;
                } finally {
                    put(q, END);
                }
            }, "merge-" + s.name());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        Object[] heads = new Object[n];
        boolean[] done = new boolean[n];
        try {
            while (!stopped) {
                int best = -1;
                for (int i = 0; i < n; i++) {
                    if (done[i]) continue;
                    if (heads[i] == null) heads[i] = take(queues.get(i));
                    if (heads[i] == END) {
                        done[i] = true;
                        heads[i] = null;
                        if (failures[i] != null) throw failure(sources.get(i), failures[i]);
                        continue;
                    }
                    if (heads[i] == null) return; // stopped while waiting
                    if (best < 0 || ((NetEvent) heads[i]).header().timestamp()
                            .isBefore(((NetEvent) heads[best]).header().timestamp())) best = i;
                }
                if (best < 0) return;
                emitter.emit((NetEvent) heads[best]);
                heads[best] = null;
            }
        } finally {
            stop();
            for (BlockingQueue<Object> q : queues) q.clear();
            for (Thread t : threads) t.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    private static Exception failure(EventSource s, Throwable t) {
        if (t instanceof Exception e) return e;
        return new IllegalStateException(s.name() + ": " + t, t);
    }

    private boolean put(BlockingQueue<Object> q, Object o) {
        try {
            while (!stopped || o == END) {
                if (q.offer(o, 50, TimeUnit.MILLISECONDS)) return true;
                if (stopped && o == END) { q.clear(); }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private Object take(BlockingQueue<Object> q) throws InterruptedException {
        while (!stopped) {
            Object o = q.poll(50, TimeUnit.MILLISECONDS);
            if (o != null) return o;
        }
        return null;
    }

    @Override
    public void stop() {
        stopped = true;
        for (EventSource s : sources) s.stop();
    }

    @Override
    public long lostAtSource() {
        long n = 0;
        for (EventSource s : sources) n += s.lostAtSource();
        return n;
    }
}
