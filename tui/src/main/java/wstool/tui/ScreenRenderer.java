package wstool.tui;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
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
 * colours when the palette is enabled). Pure: the same input gives the same lines, which is what the tests check
 * (the one thing it keeps, the last findings list sorted, is keyed by the immutable snapshot). One thread at a time.
 * <pre>
 * header (3 lines) | top panel (toggle) | findings (toggle, --verify) | column titles | table (newest at the bottom)
 *   | detail (toggle) | status
 * </pre>
 */
final class ScreenRenderer {
    static final String KEYS = "\u2191\u2193 PgUp PgDn Home End move  f follow  space pause  / filter  Enter detail"
            + "  t top  v findings  e export  c clear  q quit";
    /** The same keys, most important first, for terminals too narrow for {@link #KEYS}. */
    static final String KEYS_SHORT = "q quit  / filter  Enter detail  t top  v findings  f follow  space pause  e export  c clear";
    private static final int HEADER_LINES = 3;

    private final ZoneId zone;
    private final DateTimeFormatter rowTime;
    private final DateTimeFormatter fullTime;
    private final Palette palette;

    public ScreenRenderer(ZoneId zone, Palette palette) {
        this.zone = zone;
        this.rowTime = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(zone);
        this.fullTime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS xxx").withZone(zone);
        this.palette = palette;
    }

    /** The view of a job without the socket verifier (no findings). */
    public List<String> render(TuiModel m, HeaderInfo h, int width, int height) {
        return render(m, h, null, width, height);
    }

    /** @param findings the verifier's findings so far, null when the job does not verify (no --verify) */
    public List<String> render(TuiModel m, HeaderInfo h, FindingsView findings, int width, int height) {
        List<String> out = new ArrayList<>(height);
        if (width < 10 || height < 6) {
            for (int i = 0; i < height; i++) out.add(i == 0 ? Text.fit("ws_tool: window too small", width) : "");
            return out;
        }
        header(out, m, h, findings, width);
        int body = height - HEADER_LINES - 1;
        int topLines = m.topPanelOpen() ? Math.min(8, body / 3) : 0;
        int rest = body - topLines;
        boolean showFindings = findings != null && m.findingsOpen();
        int panels = (showFindings ? 1 : 0) + (m.detailOpen() ? 1 : 0);
        // the panels get two thirds (shared when both are open): raw source fields make the detail long, findings
        // lists too, and the rows above keep the context; the table keeps at least its titles and one row
        int room = Math.max(0, rest - 2);
        int each = panels == 0 ? 0 : Math.min(room / panels, Math.max(3, rest * 2 / 3 / panels));
        if (each < 2) each = 0; // a title without a line under it says nothing: the window is too small
        FindingsList list = showFindings ? findingsList(findings, width) : null;
        // a short list leaves the rest to the table
        int findingsLines = showFindings ? Math.min(each, (findings.items().isEmpty() ? 1 : 2) + list.entries().size()) : 0;
        int detailLines = m.detailOpen() ? each : 0;
        int tableLines = rest - findingsLines - detailLines - 1;
        if (topLines > 0) topPanel(out, m.aggregates(), h.dropChecked(), width, topLines);
        if (findingsLines > 0) findingsPanel(out, m, findings, list, width, findingsLines);
        table(out, m, width, tableLines);
        if (detailLines > 0) detail(out, m, width, detailLines);
        out.add(status(m, width));
        return out;
    }

    // ---- header

    private void header(List<String> out, TuiModel m, HeaderInfo h, FindingsView findings, int width) {
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
        String lost = String.format("lost %,d", h.lost())
                + (h.forwardLost() < 0 ? "" : String.format("  syslog lost %,d", h.forwardLost()));
        int room = width - Text.width(dropped) - Text.width(lost) - 4;
        if (room < 1) {
            out.add(Text.fit(totals + "  " + dropped + "  " + lost, width));
        } else {
            String t = Text.width(totals) > room ? Text.fit(totals, room) : totals;
            String line2 = t + "  " + palette.paint(h.dropped() > 0 ? "warn" : "dim", dropped) + "  "
                    + palette.paint(h.lost() > 0 || h.forwardLost() > 0 ? "warn" : "dim", lost);
            out.add(line2 + pad(width - Text.width(t) - Text.width(dropped) - Text.width(lost) - 4));
        }

        // first, where a narrow terminal does not cut it off: without a list no address was checked against DROP
        String drop = h.dropChecked() ? "" : "DROP not checked (no list)" + (h.dataSources().isEmpty() ? "" : ", ");
        String data = h.dataSources().isEmpty() && drop.isEmpty() ? "data: none" : "data: " + drop + String.join(", ", h.dataSources());
        String filter = m.filter().isAll() ? "filter: none"
                : "filter: " + m.filter().text() + String.format(" (%,d shown)", m.size());
        // the job's status (mock: the faults applied so far) first: it is what that run is about
        String line3 = (h.status() == null ? "" : h.status() + "  |  ") + data + "  |  " + filter;
        if (findings == null) {
            out.add(Text.fit(line3, width));
            return;
        }
        // verify first: it is what a --verify run is about, and the data list may be long
        long errors = findings.count(FindingsView.Severity.ERROR);
        String errorText = errors + (errors == 1 ? " error" : " errors"); // summary() starts with it
        String verify = findings.items().isEmpty() ? "verify: no findings" : "verify: " + findings.summary();
        if (Text.width(verify) + 5 > width) {
            out.add(Text.fit(verify + "  |  " + line3, width));
            return;
        }
        String painted = errors > 0
                ? "verify: " + palette.paint("warn", errorText) + verify.substring("verify: ".length() + errorText.length())
                : verify;
        out.add(painted + Text.fit("  |  " + line3, width - Text.width(verify)));
    }

    private static String elapsed(Duration d) {
        long s = d.getSeconds();
        return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    // ---- top panel

    /** What the DROP box says when no DROP list is loaded: not "(none yet)", which would read as "clean". */
    static final String DROP_NOT_CHECKED = "not checked: no DROP list (ws_tool update, --drop)";

    private void topPanel(List<String> out, Aggregates a, boolean dropChecked, int width, int lines) {
        String[] titles = {"countries", "ASNs", "processes", "DROP hits", "filters"};
        Counter<?>[] counters = {a.countries(), a.asns(), a.processes(), a.dropHits(), a.filters()};
        int fit = Math.max(1, Math.min(5, (width + 2) / 22));
        // on a narrow terminal the lists that have something to show win over empty ones
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < 5 && shown.size() < fit; i++) if (counters[i].size() > 0 || (i == 3 && !dropChecked)) shown.add(i);
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
                } else if (row == 1 && t.isEmpty() && shown.get(k) == 3 && !dropChecked) {
                    cell = palette.paint("warn", Text.fit(DROP_NOT_CHECKED, boxWidth));
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

    // ---- findings panel

    /** Narrowest message column before other columns give way; the socket column is not shown narrower than this. */
    private static final int MIN_MESSAGE = 30, MIN_SOCKET = 8;
    private static final Comparator<FindingsView.Item> BY_PROCESS_CODE = Comparator
            .comparingLong(FindingsView.Item::pid)
            .thenComparing(i -> i.process() == null ? "" : i.process())
            .thenComparing(FindingsView.Item::code);

    /**
     * The findings panel's list: process lines (String) and findings (Item) in order, and the columns for a width.
     * Lines are formatted only when shown: a long list costs a sort per snapshot, not a line per finding per frame.
     */
    private record FindingsList(FindingsView view, int width, FindingColumns cols, List<Object> entries) {}

    /** The last list built: the view fetches a new snapshot at most twice a second, frames come ten times. */
    private FindingsList lastList;

    private FindingsList findingsList(FindingsView f, int width) {
        FindingsList last = lastList;
        if (last != null && last.view() == f && last.width() == width) return last;
        List<FindingsView.Item> items = new ArrayList<>(f.items());
        items.sort(BY_PROCESS_CODE); // stable: within a code the order given (the verifier's: by time)
        List<Object> entries = new ArrayList<>(items.size() + 16);
        String group = null;
        for (FindingsView.Item i : items) {
            String label = processLabel(i);
            if (!label.equals(group)) {
                group = label;
                entries.add(label);
            }
            entries.add(i);
        }
        if (items.isEmpty()) {
            entries.add(f.finished() ? " no findings" : " no findings yet (leaks and hung calls are known when a process"
                    + " exits or the trace ends)");
        }
        lastList = new FindingsList(f, width, FindingColumns.fit(items, width), entries);
        return lastList;
    }

    private String findingsLine(FindingsList list, int k, int width) {
        Object e = list.entries().get(k);
        if (e instanceof FindingsView.Item i) return findingRow(i, list.cols(), width);
        return palette.paint(list.view().items().isEmpty() ? "dim" : "header", Text.fit((String) e, width));
    }

    /**
     * Findings by process then code: a title line, column titles, then per process a line naming it and one line
     * per finding (code, name, severity, count, last time, socket, message), scrolled with PgUp/PgDn.
     */
    private void findingsPanel(List<String> out, TuiModel m, FindingsView f, FindingsList list, int width, int lines) {
        int size = list.entries().size();
        boolean titles = lines >= 3 && !f.items().isEmpty();
        int room = lines - 1 - (titles ? 1 : 0);
        int first = Math.max(0, Math.min(m.findingsScroll(), size - room));
        m.clampFindingsScroll(first, room);
        String what = f.items().isEmpty() ? (f.finished() ? "none" : "none yet") : f.summary() + (f.finished() ? "" : " so far");
        String title = " findings: " + what + " (v closes) ";
        if (size > room) {
            title += String.format("lines %d-%d of %d (PgUp/PgDn) ", first + 1, Math.min(size, first + room), size);
        }
        out.add(palette.paint("columns", rule(title, width)));
        if (titles) out.add(palette.paint("columns", list.cols().titles(width)));
        for (int k = 0; k < room; k++) {
            out.add(first + k < size ? findingsLine(list, first + k, width) : pad(width));
        }
    }

    /** "-- title ------" filling the width. */
    private static String rule(String title, int width) {
        return Text.fit("--" + title + "-".repeat(Math.max(0, width - 2 - Text.width(title))), width);
    }

    private static String processLabel(FindingsView.Item i) {
        if (i.pid() < 0) return "unattributed events";
        String p = i.process() == null || i.process().isEmpty() ? "(unknown image)" : i.process();
        return "pid " + i.pid() + " " + p;
    }

    private String findingRow(FindingsView.Item i, FindingColumns c, int width) {
        if (c.fixed() > width) return Text.fit("  " + i.code() + " " + i.severity().label() + " " + i.message(), width);
        StringBuilder sb = new StringBuilder(width + 32).append("  ");
        sb.append(Text.fit(i.code(), FindingColumns.CODE));
        if (c.name > 0) sb.append(' ').append(Text.fit(i.name(), c.name));
        String role = i.severity() == FindingsView.Severity.ERROR ? "error"
                : i.severity() == FindingsView.Severity.WARNING ? "warn" : "dim";
        sb.append(' ').append(palette.paint(role, Text.fit(i.severity().label(), FindingColumns.SEVERITY)));
        String count = Long.toString(i.count());
        sb.append(' ').append(pad(c.count - count.length())).append(count);
        if (c.time > 0) sb.append(' ').append(Text.fit(i.last() == null ? "-" : rowTime.format(i.last()), c.time));
        if (c.socket > 0) sb.append(' ').append(Text.fit(i.socket(), c.socket));
        if (c.message > 0) sb.append(' ').append(Text.fit(i.message(), c.message));
        sb.append(pad(width - c.used()));
        return sb.toString();
    }

    /** Column widths of the findings list for a width: content-sized, the message takes what is left. */
    private static final class FindingColumns {
        static final int CODE = 5, SEVERITY = 8, TIME = 12;
        int name, count, time = TIME, socket, message;

        static FindingColumns fit(List<FindingsView.Item> items, int width) {
            FindingColumns c = new FindingColumns();
            int socket = 0;
            c.count = 1;
            for (FindingsView.Item i : items) {
                c.name = Math.max(c.name, Text.width(i.name()));
                c.count = Math.max(c.count, Long.toString(i.count()).length());
                socket = Math.max(socket, Text.width(i.socket()));
            }
            c.count = Math.max(c.count, "n".length());
            // on a narrow terminal the name goes first (the code says the same), then the time
            if (c.fixed() + 1 + MIN_MESSAGE > width) c.name = 0;
            if (c.fixed() + 1 + MIN_MESSAGE > width) c.time = 0;
            int left = width - c.fixed();
            c.socket = Math.min(socket, left - 1 - MIN_MESSAGE - 1);
            if (c.socket < MIN_SOCKET) c.socket = 0;
            c.message = Math.max(0, left - (c.socket > 0 ? c.socket + 1 : 0) - 1);
            return c;
        }

        /** Indent, code, name, severity, count and time with the spaces between them. */
        int fixed() {
            return 2 + CODE + (name > 0 ? name + 1 : 0) + 1 + SEVERITY + 1 + count + (time > 0 ? time + 1 : 0);
        }

        int used() { return fixed() + (socket > 0 ? socket + 1 : 0) + (message > 0 ? message + 1 : 0); }

        String titles(int width) {
            StringBuilder sb = new StringBuilder("  ").append(Text.fit("code", CODE));
            if (name > 0) sb.append(' ').append(Text.fit("name", name));
            sb.append(' ').append(Text.fit("severity", SEVERITY));
            sb.append(' ').append(pad(count - 1)).append('n');
            if (time > 0) sb.append(' ').append(Text.fit("last", time));
            if (socket > 0) sb.append(' ').append(Text.fit("socket", socket));
            if (message > 0) sb.append(' ').append(Text.fit("message", message));
            return Text.fit(sb.toString(), width);
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
            Columns.Col col = cols.get(i).col();
            String t = col == Columns.Col.TIME && !rows.isEmpty() ? "time " + zoneLabel(rows.get(rows.size() - 1)) : col.title;
            title.append(Text.fit(t, cols.get(i).width()));
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

    /** The rows' zone in the time column's title ("UTC", "+01:00"): CSV and JSON are UTC, the view may not be. */
    private String zoneLabel(NetEvent newest) {
        java.time.ZoneOffset o = zone.getRules().getOffset(newest.header().timestamp());
        return o.getTotalSeconds() == 0 && zone.normalized() instanceof java.time.ZoneOffset ? "UTC" : o.getId();
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
        if (e instanceof wstool.core.model.PacketEvent p) {
            String where = !p.path().isEmpty() ? String.join(" > ", p.path()) : p.component() == null ? "" : p.component();
            if (!p.dropped()) return where;
            return "dropped: " + (p.dropReason() != null ? p.dropReason() : p.dropReasonCode()) + (where.isEmpty() ? "" : " at " + where);
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
        out.add(palette.paint("columns", rule(title, width)));
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
