package wstool.tui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Fits the table's columns into a terminal width: the least important go first, the rest share the space. */
final class Columns {
    /** A table column. Lower priority numbers are kept longer when the terminal is narrow. */
    enum Col {
        TIME("time", 12, 12, 1), KIND("kind", 5, 9, 2), DIR("dir", 3, 3, 7), PROTO("proto", 5, 6, 8),
        LOCAL("local", 12, 21, 11), REMOTE("remote", 15, 34, 3), GEO("country", 7, 20, 5),
        ASN("ASN", 8, 28, 9), DROP("DROP", 9, 10, 6), PROCESS("process", 10, 24, 4), INFO("filter/status", 10, 40, 10);

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

    /** A column with its width. */
    record Placed(Col col, int width) {}

    private Columns() {}

    /** Columns in display order for {@code width} characters (one space between columns), ignoring content. */
    static List<Placed> fit(int width) {
        int[] content = new int[Col.values().length];
        for (Col c : Col.values()) content[c.ordinal()] = c.pref;
        return fit(width, content);
    }

    /**
     * Columns in display order for {@code width} characters, sized to what the rows on screen hold:
     * {@code content[col.ordinal()]} is the widest cell of that column. A column nobody uses shrinks to its title,
     * so the space goes to the columns whose text would otherwise be cut.
     */
    static List<Placed> fit(int width, int[] content) {
        Col[] all = Col.values();
        int[] want = new int[all.length];
        int[] min = new int[all.length];
        for (Col c : all) {
            want[c.ordinal()] = Math.max(c.title.length(), content[c.ordinal()]);
            min[c.ordinal()] = Math.min(c.min, want[c.ordinal()]);
        }
        List<Col> kept = new ArrayList<>(List.of(all));
        // when space is short, columns no row on screen uses go first, then the least important
        Comparator<Col> expendable = Comparator.comparingInt(c -> (content[c.ordinal()] == 0 ? 100 : 0) + c.priority);
        while (kept.size() > 1 && need(kept, min) > width) kept.remove(kept.stream().max(expendable).orElseThrow());
        int[] w = new int[all.length];
        for (Col c : kept) w[c.ordinal()] = min[c.ordinal()];
        int spare = width - need(kept, min);
        // first every column grows toward its preferred width (or its content, if less) in proportion to how much
        // it wants and how important it is, so none is starved; then the important ones grow to fit their content
        long wanted = 0;
        for (Col c : kept) wanted += weight(c, want, w);
        int share = (int) Math.min(spare, wanted);
        long total = wanted;
        for (Col c : kept) {
            int grow = total == 0 ? 0 : (int) Math.min(cap(c, want) - w[c.ordinal()], share * weight(c, want, w) / total);
            w[c.ordinal()] += grow;
            spare -= grow;
        }
        List<Col> byPriority = new ArrayList<>(kept);
        byPriority.sort(Comparator.comparingInt(c -> c.priority));
        for (Col c : byPriority) {
            int grow = Math.max(0, Math.min(spare, cap(c, want) - w[c.ordinal()]));
            w[c.ordinal()] += grow;
            spare -= grow;
        }
        for (Col c : byPriority) {
            int grow = Math.max(0, Math.min(spare, want[c.ordinal()] - w[c.ordinal()]));
            w[c.ordinal()] += grow;
            spare -= grow;
        }
        Col last = kept.get(kept.size() - 1);
        if (spare > 0) w[last.ordinal()] += spare;
        List<Placed> out = new ArrayList<>();
        for (Col c : kept) out.add(new Placed(c, Math.max(1, Math.min(w[c.ordinal()], width))));
        return out;
    }

    /** How much a column wants to grow, counted more for important columns. */
    private static long weight(Col c, int[] want, int[] w) {
        return (long) (cap(c, want) - w[c.ordinal()]) * (12 - c.priority);
    }

    private static int cap(Col c, int[] want) { return Math.min(c.pref, want[c.ordinal()]); }

    private static int need(List<Col> cols, int[] min) {
        int n = cols.size() - 1;
        for (Col c : cols) n += min[c.ordinal()];
        return n;
    }
}
