package wstool.tui;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import wstool.core.model.DnsEvent;
import wstool.core.model.Enrichment;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;
import wstool.core.model.SocketEvent;
import wstool.core.net.IpProtocols;
import wstool.core.sink.EventFields;
import wstool.core.sink.Palette;
import wstool.core.sink.TextFormat;

/**
 * Turns the model and the header numbers into exactly {@code height} lines of at most {@code width} cells (ANSI SGR
 * colours when the palette is enabled). Pure: the same input gives the same lines, which is what the tests check.
 * <pre>
 * header (3 lines) | top panel (toggle) | column titles | table (newest at the bottom) | detail (toggle) | status
 * </pre>
 */
public final class ScreenRenderer {
    static final String KEYS = "\u2191\u2193 PgUp PgDn Home End move  f follow  space pause  / filter  Enter detail"
            + "  t top  e export  c clear  q quit";
    /** The same keys, most important first, for terminals too narrow for {@link #KEYS}. */
    static final String KEYS_SHORT = "q quit  / filter  Enter detail  t top  f follow  space pause  e export  c clear";
    private static final int HEADER_LINES = 3;

    private final DateTimeFormatter rowTime;
    private final DateTimeFormatter fullTime;
    private final Palette palette;

    public ScreenRenderer(ZoneId zone, Palette palette) {
        this.rowTime = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(zone);
        this.fullTime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS xxx").withZone(zone);
        this.palette = palette;
    }

    public List<String> render(TuiModel m, HeaderInfo h, int width, int height) {
        List<String> out = new ArrayList<>(height);
        if (width < 10 || height < 6) {
            for (int i = 0; i < height; i++) out.add(i == 0 ? Text.fit("ws_tool: window too small", width) : "");
            return out;
        }
        header(out, m, h, width);
        int body = height - HEADER_LINES - 1;
        int topLines = m.topPanelOpen() ? Math.min(8, body / 3) : 0;
        // the detail pane gets two thirds: raw source fields make it long, and the rows above keep the context
        int detailLines = m.detailOpen() ? Math.max(3, (body - topLines) * 2 / 3) : 0;
        int tableLines = body - topLines - detailLines - 1;
        if (topLines > 0) topPanel(out, m.aggregates(), width, topLines);
        table(out, m, width, tableLines);
        if (detailLines > 0) detail(out, m, width, detailLines);
        out.add(status(m, width));
        return out;
    }

    // ---- header

    private void header(List<String> out, TuiModel m, HeaderInfo h, int width) {
        String state = h.finished() ? "finished" : m.paused() ? "PAUSED" : m.following() ? "following" : "scrolling";
        String left = "ws_tool  " + h.source() + (h.live() ? " (live)" : " (offline)") + "  " + elapsed(h.elapsed())
                + "  " + state;
        String right = String.format("%,.0f ev/s (1 s)  %,.0f ev/s (1 min)", h.rate1s(), h.rate1m());
        if (Text.width(left) + Text.width(right) + 2 > width) {
            left = left.substring("ws_tool  ".length());
            right = String.format("%,.0f/s (1s) %,.0f/s (1m)", h.rate1s(), h.rate1m());
        }
        int gap = width - Text.width(left) - Text.width(right);
        String line1 = gap >= 2 ? left + " ".repeat(gap) + right : left + "  " + right;
        out.add(palette.paint("header", Text.fit(line1, width)));

        StringBuilder kinds = new StringBuilder();
        for (Map.Entry<String, Long> k : h.byKind().entrySet()) {
            kinds.append("  ").append(k.getKey()).append(' ').append(String.format("%,d", k.getValue()));
        }
        String totals = String.format("events %,d", h.delivered()) + kinds;
        String dropped = String.format("dropped %,d", h.dropped());
        String lost = String.format("lost %,d", h.lost());
        int room = width - Text.width(dropped) - Text.width(lost) - 4;
        String t = Text.width(totals) > room ? Text.fit(totals, Math.max(1, room)) : totals;
        String line2 = t + "  " + palette.paint(h.dropped() > 0 ? "warn" : "dim", dropped) + "  "
                + palette.paint(h.lost() > 0 ? "warn" : "dim", lost);
        out.add(line2 + pad(width - Text.width(t) - Text.width(dropped) - Text.width(lost) - 4));

        String data = h.dataSources().isEmpty() ? "data: none" : "data: " + String.join(", ", h.dataSources());
        String filter = m.filter().isAll() ? "filter: none"
                : "filter: " + m.filter().text() + String.format(" (%,d shown)", m.size());
        out.add(Text.fit(data + "  |  " + filter, width));
    }

    private static String elapsed(Duration d) {
        long s = d.getSeconds();
        return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    // ---- top panel

    private void topPanel(List<String> out, Aggregates a, int width, int lines) {
        String[] titles = {"countries", "ASNs", "processes", "DROP hits", "filters"};
        Counter<?>[] counters = {a.countries(), a.asns(), a.processes(), a.dropHits(), a.filters()};
        int fit = Math.max(1, Math.min(5, (width + 2) / 22));
        // on a narrow terminal the lists that have something to show win over empty ones
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < 5 && shown.size() < fit; i++) if (counters[i].size() > 0) shown.add(i);
        for (int i = 0; i < 5 && shown.size() < fit; i++) if (!shown.contains(i)) shown.add(i);
        shown.sort(null);
        int boxes = shown.size();
        int boxWidth = (width - (boxes - 1) * 2) / boxes;
        List<List<Counter.Entry>> tops = new ArrayList<>();
        List<Integer> countWidth = new ArrayList<>();
        for (int b : shown) {
            List<Counter.Entry> t = counters[b].top(lines - 1);
            tops.add(t);
            countWidth.add(t.isEmpty() ? 1 : String.format("%,d", t.get(0).count()).length());
        }
        for (int row = 0; row < lines; row++) {
            StringBuilder sb = new StringBuilder();
            int used = 0;
            for (int k = 0; k < boxes; k++) {
                if (k > 0) {
                    sb.append("  ");
                    used += 2;
                }
                List<Counter.Entry> t = tops.get(k);
                String cell;
                if (row == 0) {
                    cell = palette.paint("columns", Text.fit("top " + titles[shown.get(k)], boxWidth));
                } else if (row == 1 && t.isEmpty()) {
                    cell = palette.paint("dim", Text.fit("(none yet)", boxWidth));
                } else if (row - 1 < t.size()) {
                    Counter.Entry e = t.get(row - 1);
                    String count = String.format("%," + countWidth.get(k) + "d ", e.count());
                    String text = Text.fit(count + e.key(), boxWidth);
                    cell = shown.get(k) == 3 ? palette.paint("listed", text) : text;
                } else {
                    cell = pad(boxWidth);
                }
                sb.append(cell);
                used += boxWidth;
            }
            sb.append(pad(width - used));
            out.add(sb.toString());
        }
    }

    // ---- table

    private void table(List<String> out, TuiModel m, int width, int lines) {
        List<NetEvent> rows = m.visibleRows(lines);
        Columns.Col[] all = Columns.Col.values();
        String[][] cells = new String[rows.size()][all.length];
        int[] content = new int[all.length];
        for (int r = 0; r < rows.size(); r++) {
            for (Columns.Col c : all) {
                String text = cell(rows.get(r), c);
                cells[r][c.ordinal()] = text;
                content[c.ordinal()] = Math.max(content[c.ordinal()], Text.width(text));
            }
        }
        List<Columns.Placed> cols = Columns.fit(width - 2, content);
        StringBuilder title = new StringBuilder("  ");
        for (int i = 0; i < cols.size(); i++) {
            if (i > 0) title.append(' ');
            title.append(Text.fit(cols.get(i).col().title, cols.get(i).width()));
        }
        out.add(palette.paint("columns", Text.fit(title.toString(), width)));
        int blank = lines - rows.size();
        if (rows.isEmpty()) {
            String why = m.filter().isAll() ? "no events yet" : "no events match the filter";
            out.add(palette.paint("dim", Text.fit(" " + why, width)));
            blank--;
        }
        // newest at the bottom: empty space above the rows
        for (int i = 0; i < blank; i++) out.add(pad(width));
        for (int r = 0; r < rows.size(); r++) {
            out.add(row(rows.get(r), cells[r], cols, width, r == m.selectedRow()));
        }
    }

    private String row(NetEvent e, String[] cells, List<Columns.Placed> cols, int width, boolean selected) {
        StringBuilder sb = new StringBuilder(width + 64);
        sb.append(selected ? "> " : "  ");
        int used = 2;
        for (int i = 0; i < cols.size(); i++) {
            Columns.Placed p = cols.get(i);
            if (i > 0) {
                sb.append(' ');
                used++;
            }
            String text = Text.fit(cells[p.col().ordinal()], p.width());
            used += p.width();
            String role = selected ? null : role(e, p.col());
            sb.append(role == null ? text : palette.paint(role, text));
        }
        sb.append(pad(width - used));
        return selected ? palette.paint("selected", sb.toString()) : sb.toString();
    }

    private static String role(NetEvent e, Columns.Col c) {
        if (c == Columns.Col.KIND) return TextFormat.role(e);
        if (c == Columns.Col.DROP) return "listed";
        if (c == Columns.Col.INFO && failed(e)) return "error";
        if (c == Columns.Col.TIME) return "dim";
        return null;
    }

    private static boolean failed(NetEvent e) {
        return (e instanceof SocketEvent s && s.failed()) || (e instanceof DnsEvent d && d.status() != 0);
    }

    private String cell(NetEvent e, Columns.Col c) {
        EventHeader h = e.header();
        Enrichment en = h.enrichment();
        switch (c) {
            case TIME: return rowTime.format(h.timestamp());
            case KIND: return e.kind();
            case DIR: return e.direction().name().equals("UNKNOWN") ? "-" : e.direction().name();
            case PROTO: return IpProtocols.name(h.ipProtocol());
            case LOCAL: return h.local().toString();
            case REMOTE: {
                String svc = EventFields.service(e);
                String r = h.remote().toString();
                return svc == null ? r : r + " " + svc;
            }
            case GEO:
                if (en.countryCode() != null) return en.city() == null ? en.countryCode() : en.countryCode() + " " + en.city();
                return en.special() == null ? "" : en.special();
            case ASN:
                if (en.asn() == null) return "";
                return en.asOrg() == null ? "AS" + en.asn() : "AS" + en.asn() + " " + en.asOrg();
            case DROP: return en.dropId() == null ? "" : en.dropId();
            case PROCESS: {
                String name = h.processName();
                if (name == null && !h.attributed()) return "";
                return (name == null ? "?" : name) + "[" + (h.attributed() ? Long.toString(h.pid()) : "?") + "]";
            }
            case INFO: return info(e);
            default: return "";
        }
    }

    private static String info(NetEvent e) {
        if (e instanceof FirewallEvent f) {
            String filter = f.filterName() != null ? f.filterName() : f.filterId() >= 0 ? "filter " + f.filterId() : "";
            if (f.rule() != null) filter = filter.isEmpty() ? f.rule() : filter + " " + f.rule();
            return f.layerName() == null ? filter : filter + " / " + f.layerName();
        }
        if (e instanceof SocketEvent s) {
            if (s.failed()) return s.statusName() != null ? s.statusName() : String.format("0x%08X", s.status());
            return s.bytes() >= 0 ? s.bytes() + " B" : "";
        }
        if (e instanceof DnsEvent d) {
            String q = d.queryName() == null ? "?" : d.queryName();
            if (d.status() != 0) return q + " " + (d.statusName() != null ? d.statusName() : Long.toString(d.status()));
            return d.results().isEmpty() ? q : q + " = " + String.join(" ", d.results());
        }
        if (e instanceof RawEvent r) return r.provider() + " id " + r.eventId() + " v" + r.version();
        return "";
    }

    // ---- detail

    private void detail(List<String> out, TuiModel m, int width, int lines) {
        NetEvent e = m.selectedEvent();
        List<String> body = e == null ? List.of("no event selected") : wrap(DetailLines.of(e, fullTime), width);
        int room = lines - 1;
        int first = Math.max(0, Math.min(m.detailScroll(), body.size() - room));
        m.clampDetailScroll(first);
        String title = e == null ? " detail " : String.format(" detail: event %,d of %,d (Enter closes) ", m.selectedPosition(), m.size());
        if (body.size() > room) {
            title += String.format("lines %d-%d of %d (PgUp/PgDn) ", first + 1, Math.min(body.size(), first + room), body.size());
        }
        out.add(palette.paint("columns", Text.fit("--" + title + "-".repeat(width), width)));
        for (int i = 0; i < room; i++) {
            int k = first + i;
            out.add(Text.fit(k < body.size() ? body.get(k) : "", width));
        }
    }

    /** Long values continue on the next lines under the value column instead of being cut. */
    static List<String> wrap(List<String> lines, int width) {
        int indent = DetailLines.VALUE_COLUMN;
        if (width <= indent + 10) return lines;
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            String rest = l;
            boolean first = true;
            while (true) {
                int room = first ? width : width - indent;
                if (rest.length() <= room) {
                    out.add(first ? rest : " ".repeat(indent) + rest);
                    break;
                }
                out.add(first ? rest.substring(0, room) : " ".repeat(indent) + rest.substring(0, room));
                rest = rest.substring(room);
                first = false;
            }
        }
        return out;
    }

    // ---- status

    private String status(TuiModel m, int width) {
        if (m.editingFilter()) {
            String hint = m.messageIsError() ? "  " + m.message() : "  (Enter apply, Esc cancel)";
            String line = Text.fit("/" + m.inputText() + "_" + hint, width);
            return palette.paint(m.messageIsError() ? "error" : "input", line);
        }
        String pos = String.format("%s  %,d/%,d", m.paused() ? "PAUSED" : m.following() ? "FOLLOW" : "", m.selectedPosition(), m.size());
        int room = width - Text.width(pos) - 1;
        String left = !m.message().isEmpty() ? m.message() : Text.width(KEYS) <= room ? KEYS : KEYS_SHORT;
        String line = room > 10 ? Text.fit(left, room) + " " + pos : Text.fit(left, width);
        return palette.paint(m.messageIsError() ? "error" : "status", line);
    }

    private static String pad(int n) { return n <= 0 ? "" : " ".repeat(n); }
}
