package wstool.tui;

import java.util.ArrayList;
import java.util.List;
import wstool.core.model.NetEvent;

/**
 * What the screen shows, apart from the pipeline counters: the ring of recent events and session aggregates (filled
 * by {@link TuiSink} on the pipeline thread) and the view state (filter, selection, scrolling, follow, pause,
 * panels), which only the render loop touches. Pure: no terminal, no clock.
 */
final class TuiModel {
    private final EventRing ring;
    private final Aggregates aggregates;
    private final SeqList matching = new SeqList();
    private long scanned;
    private long floor;

    private ViewFilter filter = ViewFilter.ALL;
    private boolean follow = true;
    private boolean paused;
    private boolean followBeforePause;
    private long pausedAt;
    private long selected = -1;
    private long top = -1;
    private int selectedRow = -1;
    private boolean detail;
    private int detailScroll;
    private boolean topPanel;
    private boolean findingsAvailable;
    private boolean findings;
    private int findingsScroll;
    private int findingsPage = 1;
    private FlowRing flows;
    private boolean flowsShown;
    private long flowSelected = -1;
    private long flowTop = -1;
    private int flowSelectedRow = -1;
    private StringBuilder input;
    private String message = "";
    private boolean messageIsError;

    public TuiModel(EventRing ring, Aggregates aggregates) {
        this.ring = ring;
        this.aggregates = aggregates;
    }

    public EventRing ring() { return ring; }
    public Aggregates aggregates() { return aggregates; }

    /** Takes in the events added since the last call (up to the pause point). Call once per frame. */
    public void refresh() {
        long limit = paused ? pausedAt : ring.written();
        long oldest = Math.max(ring.oldest(), floor);
        if (scanned < oldest) scanned = oldest;
        for (long s = scanned; s < limit; s++) {
            NetEvent e = ring.get(s);
            if (e != null && filter.test(e)) matching.add(s);
        }
        if (limit > scanned) scanned = limit;
        matching.dropBelow(oldest);
        if (follow || matching.size() == 0) {
            selected = matching.size() == 0 ? -1 : matching.get(matching.size() - 1);
        } else if (selected < oldest) {
            selected = matching.get(0);
        }
    }

    // ---- the rows on screen

    /** The rows for a table of {@code height} lines, oldest first; adjusts scrolling so the selection is visible. */
    public List<NetEvent> visibleRows(int height) {
        List<NetEvent> rows = new ArrayList<>(Math.max(0, height));
        int n = matching.size();
        selectedRow = -1;
        if (n == 0 || height <= 0) return rows;
        int sel = selectedIndex();
        int first;
        if (follow) {
            first = Math.max(0, n - height);
        } else {
            first = top < 0 ? Math.max(0, sel - height + 1) : matching.indexOf(top);
            if (sel < first) first = sel;
            if (sel >= first + height) first = sel - height + 1;
            first = Math.max(0, Math.min(first, Math.max(0, n - height)));
        }
        top = matching.get(first);
        for (int i = first; i < Math.min(n, first + height); i++) {
            // the pipeline may have overwritten an old row since refresh(): such a row is left out
            NetEvent e = ring.get(matching.get(i));
            if (e == null) continue;
            if (i == sel) selectedRow = rows.size();
            rows.add(e);
        }
        return rows;
    }

    /** Index within the last {@link #visibleRows} result of the selected row, -1 when none. */
    public int selectedRow() { return selectedRow; }

    public NetEvent selectedEvent() { return selected < 0 ? null : ring.get(selected); }

    /** Matching events held (the view's size). */
    public int size() { return matching.size(); }

    /** 1-based position of the selection in the view, 0 when empty. */
    public int selectedPosition() { return matching.size() == 0 ? 0 : selectedIndex() + 1; }

    /** The events of the current view, oldest first (for export). */
    public List<NetEvent> viewEvents() {
        List<NetEvent> out = new ArrayList<>(matching.size());
        for (int i = 0; i < matching.size(); i++) {
            NetEvent e = ring.get(matching.get(i));
            if (e != null) out.add(e);
        }
        return out;
    }

    private int selectedIndex() {
        if (selected < 0) return matching.size() - 1;
        int i = matching.indexOf(selected);
        return Math.min(i, matching.size() - 1);
    }

    // ---- navigation

    public void move(int delta) {
        int n = matching.size();
        if (n == 0) return;
        detailScroll = 0;
        int i = Math.max(0, Math.min(n - 1, selectedIndex() + delta));
        selected = matching.get(i);
        follow = false;
        if (i == n - 1 && delta > 0 && !paused) follow = true;
    }

    public void home() {
        if (matching.size() == 0) return;
        follow = false;
        selected = matching.get(0);
    }

    /** To the newest event, following again. */
    public void end() {
        follow = true;
        if (matching.size() > 0) selected = matching.get(matching.size() - 1);
    }

    public void toggleFollow() {
        follow = !follow;
        if (follow) end();
        else top = -1;
    }

    /** Freezes the view; events keep arriving in the ring and are counted. */
    public void togglePause() {
        paused = !paused;
        pausedAt = ring.written();
        if (paused) {
            followBeforePause = follow;
            follow = false;
        } else if (followBeforePause) {
            end();
        }
    }

    public void toggleDetail() {
        detail = !detail;
        detailScroll = 0;
    }

    /** First line of the detail pane shown; PgUp/PgDn scroll it while it is open. */
    public int detailScroll() { return detailScroll; }

    public void scrollDetail(int delta) { detailScroll = Math.max(0, detailScroll + delta); }

    /** The renderer reports where the scroll really ended up (the pane's length depends on the width). */
    void clampDetailScroll(int first) { detailScroll = first; }
    public void toggleTopPanel() { topPanel = !topPanel; }

    /** The job runs the socket verifier (--verify): only then is there a findings panel to open. */
    public void findingsAvailable(boolean available) { findingsAvailable = available; }
    public boolean findingsAvailable() { return findingsAvailable; }

    /** Opens or closes the findings panel; false (and nothing changes) when the job does not verify. */
    public boolean toggleFindings() {
        if (!findingsAvailable) return false;
        findings = !findings;
        findingsScroll = 0;
        return true;
    }

    public boolean findingsOpen() { return findings; }

    /** First line of the findings list shown; PgUp/PgDn scroll it while it is open (and the detail pane is not). */
    public int findingsScroll() { return findingsScroll; }

    /** Scrolls the findings list by {@code pages} of the panel's height (less one line of overlap). */
    public void scrollFindings(int pages) {
        findingsScroll = Math.max(0, findingsScroll + pages * Math.max(1, findingsPage - 1));
    }

    /**
     * The renderer reports where the scroll really ended up (the list grows and shrinks with the findings) and how
     * many list lines the panel shows (a page).
     */
    void clampFindingsScroll(int first, int shown) {
        findingsScroll = first;
        findingsPage = Math.max(1, shown);
    }

    // ---- flows view

    /** The job correlates events into flows: only then can the flows list be shown; finished flows arrive here. */
    public void flows(FlowRing ring) { flows = ring; }
    public boolean flowsAvailable() { return flows != null; }
    public FlowRing flowRing() { return flows; }

    /** Switches between the event list and the flows list; false (and nothing changes) when there are no flows. */
    public boolean toggleFlows() {
        if (flows == null) return false;
        flowsShown = !flowsShown;
        return true;
    }

    public boolean flowsShown() { return flowsShown; }

    /** Flows held (the flows list's size). */
    public int flowCount() { return flows == null ? 0 : (int) (flows.written() - flows.oldest()); }

    /** Whether the flows list follows the newest flow (no flow selected by moving). */
    public boolean followingFlows() { return flowSelected < 0 || flows == null || flowSelected >= flows.written() - 1; }

    /** 1-based position of the selected flow, 0 when there is none. */
    public int flowPosition() {
        int n = flowCount();
        return n == 0 ? 0 : (int) (selectedFlowSeq() - flows.oldest()) + 1;
    }

    /**
     * The flows for a list of {@code height} lines, oldest first, newest at the bottom; scrolls so the selected
     * flow is visible. Rows the pipeline overwrote meanwhile are left out.
     */
    public List<FlowRow> visibleFlows(int height) {
        List<FlowRow> rows = new ArrayList<>(Math.max(0, height));
        flowSelectedRow = -1;
        if (flows == null || height <= 0 || flowCount() == 0) return rows;
        long oldest = flows.oldest(), newest = flows.written() - 1;
        long sel = selectedFlowSeq();
        long first;
        if (followingFlows()) {
            first = Math.max(oldest, newest - height + 1);
        } else {
            first = flowTop < oldest ? Math.max(oldest, sel - height + 1) : flowTop;
            if (sel < first) first = sel;
            if (sel >= first + height) first = sel - height + 1;
            first = Math.max(oldest, Math.min(first, Math.max(oldest, newest - height + 1)));
        }
        flowTop = first;
        for (long s = first; s <= Math.min(newest, first + height - 1); s++) {
            FlowRow f = flows.get(s);
            if (f == null) continue;
            if (s == sel) flowSelectedRow = rows.size();
            rows.add(f);
        }
        return rows;
    }

    /** Index within the last {@link #visibleFlows} result of the selected flow, -1 when none. */
    public int selectedFlowRow() { return flowSelectedRow; }

    /** Moves the flow selection; moving past the newest follows again. */
    public void moveFlow(int delta) {
        if (flowCount() == 0) return;
        long oldest = flows.oldest(), newest = flows.written() - 1;
        long s = Math.max(oldest, Math.min(newest, selectedFlowSeq() + delta));
        flowSelected = s == newest && delta > 0 ? -1 : s;
    }

    public void firstFlow() { if (flowCount() > 0) flowSelected = flows.oldest(); }

    public void lastFlow() { flowSelected = -1; }

    private long selectedFlowSeq() {
        long newest = flows.written() - 1;
        return flowSelected < 0 ? newest : Math.max(flows.oldest(), Math.min(newest, flowSelected));
    }

    /** Empties the table (aggregates keep counting the whole session). */
    public void clear() {
        floor = paused ? pausedAt : ring.written();
        matching.clear();
        scanned = floor;
        selected = -1;
        top = -1;
        follow = true;
    }

    // ---- filter input

    public void startFilterInput() { input = new StringBuilder(filter.text()); }
    public boolean editingFilter() { return input != null; }
    public String inputText() { return input == null ? "" : input.toString(); }
    public void typed(char c) { if (input != null && input.length() < 200) input.append(c); }
    public void backspace() { if (input != null && input.length() > 0) input.setLength(input.length() - 1); }
    public void cancelInput() { input = null; }

    /** Applies the typed expression; on a syntax error keeps editing and shows the error. */
    public void submitInput() {
        if (input == null) return;
        try {
            setFilter(ViewFilter.parse(input.toString()));
            input = null;
            setMessage("", false);
        } catch (IllegalArgumentException e) {
            setMessage("filter: " + e.getMessage(), true);
        }
    }

    /** Esc outside the input: no filter. */
    public void clearFilter() { setFilter(ViewFilter.ALL); }

    public void setFilter(ViewFilter f) {
        filter = f;
        matching.clear();
        scanned = Math.max(ring.oldest(), floor);
        long keep = selected;
        refresh();
        if (!follow && keep >= 0 && matching.size() > 0) {
            int i = Math.min(matching.indexOf(keep), matching.size() - 1);
            selected = matching.get(i);
        }
        top = -1;
    }

    public ViewFilter filter() { return filter; }

    // ---- state for the renderer

    public boolean following() { return follow; }
    public boolean paused() { return paused; }
    public boolean detailOpen() { return detail; }
    public boolean topPanelOpen() { return topPanel; }
    public String message() { return message; }
    public boolean messageIsError() { return messageIsError; }

    public void setMessage(String text, boolean error) {
        message = text == null ? "" : text;
        messageIsError = error;
    }
}
