package wstool.tui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The flows list's columns and how they share a terminal width: the least important go first when it is narrow. */
final class FlowColumns {
    /** A column; lower priority numbers are kept longer. */
    enum Col {
        START("start", 12, 12, 1), DURATION("dur", 5, 8, 6), PROCESS("process", 10, 24, 3), PROTO("proto", 3, 5, 8),
        LOCAL("local", 12, 21, 11), REMOTE("remote", 15, 30, 2), DIR("dir", 3, 3, 9), OUT("out B/pk", 8, 14, 5),
        IN("in B/pk", 8, 14, 5), OUTCOME("outcome", 7, 30, 4), HOSTNAME("hostname", 8, 30, 3),
        GEO("country/ASN", 7, 34, 10), COMMUNITY_ID("community id", 12, 31, 12);

        final String title;
        final int min;
        final int pref;
        final int priority;

        Col(String title, int min, int pref, int priority) {
            this.title = title;
            this.min = min;
            this.pref = pref;
            this.priority = priority;
        }
    }

    record Placed(Col col, int width) {}

    /** Columns of a priority above this are shown only where the others have the room their content needs. */
    private static final int OPTIONAL = 7;

    private FlowColumns() {}

    /**
     * The columns in display order for {@code width} characters (a space between columns), sized to the rows on
     * screen: {@code content[col.ordinal()]} is the widest cell of that column (0: no row has one).
     */
    static List<Placed> fit(int width, int[] content) {
        Col[] all = Col.values();
        int[] want = new int[all.length];
        int[] min = new int[all.length];
        for (Col c : all) {
            want[c.ordinal()] = Math.min(c.pref, Math.max(c.title.length(), content[c.ordinal()]));
            min[c.ordinal()] = Math.min(c.min, want[c.ordinal()]);
        }
        List<Col> kept = new ArrayList<>(List.of(all));
        Comparator<Col> expendable = Comparator.comparingInt(c -> (content[c.ordinal()] == 0 ? 100 : 0) + c.priority);
        // the optional columns (protocol and after) give way while the others would not get their content's width,
        // then, if even the minimum widths do not fit, the least important of the rest
        while (need(kept, want) > width && kept.stream().anyMatch(c -> c.priority > OPTIONAL)) {
            kept.remove(kept.stream().filter(c -> c.priority > OPTIONAL).max(expendable).orElseThrow());
        }
        while (kept.size() > 1 && need(kept, min) > width) kept.remove(kept.stream().max(expendable).orElseThrow());
        int[] w = new int[all.length];
        for (Col c : kept) w[c.ordinal()] = min[c.ordinal()];
        int spare = width - need(kept, min);
        List<Col> byPriority = new ArrayList<>(kept);
        byPriority.sort(Comparator.comparingInt(c -> c.priority));
        for (Col c : byPriority) {
            int grow = Math.max(0, Math.min(spare, want[c.ordinal()] - w[c.ordinal()]));
            w[c.ordinal()] += grow;
            spare -= grow;
        }
        // what is left goes to the last column: a wide terminal shows long values whole
        if (spare > 0) w[kept.get(kept.size() - 1).ordinal()] += spare;
        List<Placed> out = new ArrayList<>();
        for (Col c : kept) out.add(new Placed(c, Math.max(1, Math.min(w[c.ordinal()], width))));
        return out;
    }

    private static int need(List<Col> cols, int[] min) {
        int n = cols.size() - 1;
        for (Col c : cols) n += min[c.ordinal()];
        return n;
    }
}
