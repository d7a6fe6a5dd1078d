package wstool.tui;

/**
 * The flows view's recent finished flows: a fixed number, so the view's memory does not grow with the run (the
 * correlation itself forgets a flow once it is written).
 */
public final class FlowRing extends SeqRing<FlowRow> {
    /** Flows the view keeps by default: a few screens' worth of scrolling back. */
    public static final int DEFAULT_CAPACITY = 10_000;

    public FlowRing(int capacity) { super(capacity); }
}
