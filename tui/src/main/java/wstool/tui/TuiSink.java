package wstool.tui;

import wstool.core.model.NetEvent;
import wstool.core.pipeline.EventSink;

/**
 * The pipeline's side of the view: {@link #accept} stores the event in the ring and counts it in the aggregates,
 * nothing else (no locks, no I/O, no waiting for the screen), so the pipeline runs at full speed whatever the
 * terminal does.
 */
final class TuiSink implements EventSink {
    private final EventRing ring;
    private final Aggregates aggregates;
    private volatile boolean closed;

    public TuiSink(EventRing ring, Aggregates aggregates) {
        this.ring = ring;
        this.aggregates = aggregates;
    }

    @Override
    public void accept(NetEvent e) {
        ring.add(e);
        aggregates.add(e);
    }

    @Override
    public void flush() {
        // nothing buffered: the render loop reads the ring directly
    }

    @Override
    public void close() { closed = true; }

    /** The pipeline has delivered everything it will. */
    public boolean closed() { return closed; }
}
