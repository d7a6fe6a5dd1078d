package wstool.core.pipeline;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Live counters of a pipeline; safe to read from any thread (the TUI header reads them). */
public final class PipelineStats {
    final LongAdder received = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder filteredOut = new LongAdder();
    final LongAdder delivered = new LongAdder();
    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();

    /** Events sources handed to the pipeline (accepted or dropped). */
    public long received() { return received.sum(); }

    /** Events a live source emitted while the queue was full: lost by ws_tool, not by the OS. */
    public long dropped() { return dropped.sum(); }

    public long filteredOut() { return filteredOut.sum(); }

    /** Events that passed the filters and reached the sinks. */
    public long delivered() { return delivered.sum(); }

    /** The consumer thread's own index into {@link #byKind}, so counting costs one plain map look-up. */
    private final Map<String, LongAdder> consumerKinds = new java.util.HashMap<>();

    /** Called only on the pipeline's consumer thread. */
    void countKind(String kind) {
        LongAdder a = consumerKinds.get(kind);
        if (a == null) {
            a = byKind.computeIfAbsent(kind, k -> new LongAdder());
            consumerKinds.put(kind, a);
        }
        a.increment();
    }

    /** Delivered events per kind (DROP, CONNECT, ...), sorted by kind. */
    public Map<String, Long> byKind() {
        Map<String, Long> m = new TreeMap<>();
        byKind.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
