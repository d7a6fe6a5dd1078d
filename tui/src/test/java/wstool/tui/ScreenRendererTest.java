package wstool.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wstool.core.model.Enrichment;
import wstool.core.model.NetEvent;
import wstool.core.sink.Palette;

class ScreenRendererTest {
    static final HeaderInfo HEADER = new HeaderInfo("replay of demo.jsonl", false, Duration.ofSeconds(83), 1234.4, 980,
            21_424, Map.of("DROP", 3L, "CONNECT", 2L), 0, 0, List.of("GeoLite2-City 3 d", "DROP 2 h"), false);

    static TuiModel model(NetEvent... events) {
        TuiModel m = new TuiModel(new EventRing(100), new Aggregates());
        for (NetEvent e : events) {
            m.ring().add(e);
            m.aggregates().add(e);
        }
        m.refresh();
        return m;
    }

    static List<String> render(TuiModel m, int w, int h) {
        return new ScreenRenderer(ZoneOffset.UTC, Palette.NONE).render(m, HEADER, w, h);
    }

    static void assertShape(List<String> lines, int w, int h) {
        assertEquals(h, lines.size());
        for (String l : lines) assertEquals(w, Text.width(l), "every line fills the width exactly: [" + l + "]");
    }

    @Test
    void wideTerminalShowsEveryColumnNewestAtTheBottom() {
        TuiModel m = model(Events.dns(0), Events.connect(1, Events.DE), Events.drop(2, Events.CN));
        List<String> lines = render(m, 200, 12);
        assertShape(lines, 200, 12);
        assertTrue(lines.get(0).startsWith("ws_tool  replay of demo.jsonl (offline)  0:01:23  following"), lines.get(0));
        assertTrue(lines.get(0).endsWith("1,234 ev/s (1 s)  980 ev/s (1 min)"), lines.get(0));
        assertTrue(lines.get(1).startsWith("events 21,424  CONNECT 2  DROP 3  dropped 0  lost 0"), lines.get(1));
        assertEquals("data: GeoLite2-City 3 d, DROP 2 h  |  filter: none", lines.get(2).strip());
        assertEquals("  time UTC     kind    dir proto local              remote                       country"
                + "              ASN                        DROP      process           filter/status",
                lines.get(3).stripTrailing());
        // 12 lines: 3 header, titles, 7 table lines (3 rows at the bottom), status
        assertEquals("", lines.get(4).strip());
        assertEquals("  09:15:00.250 DNS     OUT        ", lines.get(8).substring(0, 34));
        assertTrue(lines.get(8).contains("curl.exe[7720]") && lines.get(8).contains("example.com = 93.184.216.34"), lines.get(8));
        String connect = lines.get(9);
        assertEquals("  09:15:00.251 CONNECT OUT TCP   192.168.1.10:50001 93.184.216.34:443 https      "
                + "DE Frankfurt am Main AS3320 Deutsche Telekom AG           svchost.exe[4001]", connect.stripTrailing(),
                "columns sized to their content when there is room");
        String drop = lines.get(10);
        assertTrue(drop.startsWith("> 09:15:00.252 DROP    IN  TCP   192.168.1.10:50002 203.0.113.7:445 microsoft-ds"), "newest selected: " + drop);
        assertTrue(drop.contains("CN Beijing") && drop.contains("AS4134 Chinanet") && drop.contains(" SBL123456 ")
                && drop.contains("svchost.exe[4002]") && drop.endsWith("Block SMB inbound / FWPM_LAYER_ALE_AUTH_RE\u2026"), drop);
        assertTrue(lines.get(11).endsWith("FOLLOW  3/3"), lines.get(11));
        assertTrue(lines.get(11).startsWith("\u2191\u2193 PgUp PgDn Home End move  f follow"), lines.get(11));
    }

    @Test
    void narrowTerminalDropsMinorColumnsAndTruncatesWithAnEllipsis() {
        TuiModel m = model(Events.drop(2, Events.CN));
        List<String> lines = render(m, 80, 8);
        assertShape(lines, 80, 8);
        String titles = lines.get(3);
        assertTrue(titles.contains("time") && titles.contains("kind") && titles.contains("remote") && titles.contains("process"), titles);
        assertFalse(titles.contains("local"), "least important column goes first: " + titles);
        String row = lines.get(6);
        assertTrue(row.startsWith("> 09:15:00.252 DROP"), row);
        assertTrue(row.contains("\u2026"), "a cut cell ends in an ellipsis: " + row);
        assertEquals("replay of demo.jsonl (offline)  0:01:23  following       1,234/s (1s) 980/s (1m)", lines.get(0),
                "a narrow header keeps both rates");
        assertEquals("  time UTC     kind dir proto remote               country DROP      process", titles.stripTrailing());

        List<String> tiny = render(m, 30, 8);
        assertShape(tiny, 30, 8);
        assertTrue(tiny.get(3).startsWith("  time UTC     kind"), tiny.get(3));
    }

    @Test
    void detailPaneListsEveryFieldAndRawFields() {
        TuiModel m = model(Events.drop(2, Events.CN));
        m.toggleDetail();
        List<String> lines = render(m, 120, 60);
        assertShape(lines, 120, 60);
        String all = String.join("\n", lines);
        assertTrue(all.contains("detail: event 1 of 1 (Enter closes) ---"), "all 29 lines fit, no scroll range: " + all);
        for (String s : List.of("timestamp     2026-11-20 09:15:00.252000000 +00:00",
                "class         FIREWALL", "kind          DROP", "source        WFP", "direction     IN", "protocol      TCP",
                "remote_address 203.0.113.7", "remote_port   445", "service       microsoft-ds",
                "process       C:\\Windows\\System32\\svchost.exe", "pid           4002", "user          SYSTEM",
                "country_code  CN", "country       China", "city          Beijing", "region        Beijing",
                "latitude      39.9", "longitude     116.4", "asn           4134", "as_org        Chinanet",
                "drop_id       SBL123456", "filter_id     68812", "filter_name   Block SMB inbound",
                "layer_id      44", "layer_name    FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4",
                "raw.layerKey  ALE_AUTH_RECV")) {
            assertTrue(all.contains(s), "detail shows: " + s + "\n" + all);
        }
    }

    @Test
    void aLongDetailScrollsWithPageKeys() {
        TuiModel m = model(Events.drop(2, Events.CN));
        KeyHandler keys = new KeyHandler(m, () -> 5, () -> { }, () -> { });
        keys.handle(Key.ENTER, "\r");
        List<String> lines = render(m, 120, 16);
        assertShape(lines, 120, 16);
        String title = lines.stream().filter(l -> l.startsWith("-- detail")).findFirst().orElseThrow();
        assertTrue(title.startsWith("-- detail: event 1 of 1 (Enter closes) lines 1-7 of 29 (PgUp/PgDn) ---"), title);
        for (int i = 0; i < 7; i++) keys.handle(Key.PAGE_DOWN, null);
        lines = render(m, 120, 16);
        assertTrue(lines.stream().anyMatch(l -> l.contains("lines 23-29 of 29")), String.join("\n", lines));
        assertEquals("  raw.layerKey  ALE_AUTH_RECV", lines.get(14).stripTrailing(), "the last line is reachable");
        keys.handle(Key.PAGE_UP, null);
        lines = render(m, 120, 16);
        assertTrue(lines.stream().anyMatch(l -> l.contains("lines 19-25 of 29")), "scrolling back starts from where the pane stopped");
    }

    @Test
    void longDetailValuesWrapUnderTheValueColumn() {
        List<String> wrapped = ScreenRenderer.wrap(List.of("  process       C:\\Windows\\System32\\svchost.exe  pid 4002  user SYSTEM"), 40);
        assertEquals(List.of("  process       C:\\Windows\\System32\\svch",
                "                ost.exe  pid 4002  user ",
                "                SYSTEM"), wrapped);
    }

    @Test
    void topPanelCountsTheSession() {
        TuiModel m = model(Events.drop(1, Events.CN), Events.drop(2, Events.CN), Events.connect(3, Events.DE));
        m.toggleTopPanel();
        List<String> lines = render(m, 150, 30);
        assertShape(lines, 150, 30);
        assertTrue(lines.get(3).startsWith("top countries"), lines.get(3));
        assertEquals("2 CN                          2 AS4134 Chinanet             1 svchost.exe[4001]           "
                + "2 SBL123456                   2 Block SMB inbound", lines.get(4).stripTrailing());
        assertTrue(lines.get(5).startsWith("1 DE                          1 AS3320 Deutsche Telekom AG  "), lines.get(5));
    }

    @Test
    void narrowTopPanelPrefersListsWithEntries() {
        TuiModel m = model(Events.dns(1), Events.udp(2));
        m.toggleTopPanel();
        List<String> lines = render(m, 50, 20);
        assertShape(lines, 50, 20);
        assertEquals("top processes" + " ".repeat(13) + "top filters", lines.get(3).stripTrailing());
        assertEquals("1 curl.exe[7720]" + " ".repeat(10) + "1 Allow outbound", lines.get(4).stripTrailing());
        List<String> wide = render(m, 120, 20);
        assertTrue(wide.get(4).startsWith("(none yet)"), "empty lists say so: " + wide.get(4));
    }

    /** One entry per process: the full path and the bare name of pid 9 are one; a pid without a name is shown. */
    @Test
    void topProcessesAreKeyedByPidAndName() {
        wstool.core.model.EventHeader h = Events.connect(1, Events.DE).header();
        NetEvent full = Events.connect(1, Events.DE).withHeader(h.withProcess(9, "C:\\Program Files\\App\\App.exe"));
        NetEvent bare = Events.connect(2, Events.DE).withHeader(h.withProcess(9, "app.exe"));
        NetEvent other = Events.connect(3, Events.DE).withHeader(h.withProcess(10, "app.exe"));
        NetEvent noName = Events.connect(4, Events.DE).withHeader(h.withProcess(4242, null));
        TuiModel m = model(full, bare, other, noName, noName);
        m.toggleTopPanel();
        String all = String.join("\n", render(m, 150, 30));
        assertTrue(all.contains("2 App.exe[9] ") && all.contains("1 app.exe[10] ") && all.contains("2 pid 4242 "), all);
        TuiModel pidsOnly = model(noName);
        pidsOnly.toggleTopPanel();
        List<String> lines = render(pidsOnly, 150, 30);
        int col = lines.get(3).indexOf("top processes");
        assertEquals("1 pid 4242", lines.get(4).substring(col, col + 10), "an .etl with pids but no names: " + lines.get(4));
    }

    /** The time column says its zone: the view shows local time (or UTC with --utc), CSV and JSON are UTC. */
    @Test
    void timeColumnNamesItsZone() {
        TuiModel m = model(Events.connect(1, Events.DE));
        List<String> berlin = new ScreenRenderer(java.time.ZoneId.of("Europe/Berlin"), Palette.NONE).render(m, HEADER, 150, 10);
        assertTrue(berlin.get(3).startsWith("  time +01:00  kind"), berlin.get(3));
        assertTrue(berlin.get(berlin.size() - 2).startsWith("> 10:15:00.251"), berlin.get(berlin.size() - 2));
        assertTrue(render(m, 150, 10).get(3).startsWith("  time UTC     kind"), render(m, 150, 10).get(3));
    }

    /** A job's status line (mock's fault counts) leads the third header line; too narrow, it is cut, never wrapped. */
    @Test
    void theStatusLineLeadsTheThirdHeaderLine() {
        HeaderInfo mock = new HeaderInfo("mock cgroup of client", true, Duration.ofSeconds(5), 0, 0, 3, Map.of(), 0, 0,
                List.of(), false, -1, true, "faults: refuse (10.0.0.2) 3 packets, delay 200ms (any) 41 packets");
        TuiModel m = model(Events.connect(1, Events.DE));
        List<String> lines = new ScreenRenderer(ZoneOffset.UTC, Palette.NONE).render(m, mock, 150, 10);
        assertShape(lines, 150, 10);
        assertEquals("faults: refuse (10.0.0.2) 3 packets, delay 200ms (any) 41 packets  |  data: none  |  filter: none",
                lines.get(2).stripTrailing());
        List<String> narrow = new ScreenRenderer(ZoneOffset.UTC, Palette.NONE).render(m, mock, 40, 10);
        assertShape(narrow, 40, 10);
        assertTrue(narrow.get(2).startsWith("faults: refuse (10.0.0.2) 3 packets"), narrow.get(2));
        assertFalse(render(m, 150, 10).get(2).contains("faults"), "no status line without a provider");
    }

    /** Without a DROP list the view says "not checked", in the header and the top panel, never "(none yet)". */
    @Test
    void dropNotCheckedIsNotShownAsNoHits() {
        HeaderInfo unchecked = new HeaderInfo("replay of demo.jsonl", false, Duration.ofSeconds(83), 0, 0, 3, Map.of(),
                0, 0, List.of("geolite2-city 7 y (embedded)"), false, -1, false);
        TuiModel m = model(Events.connect(1, Events.DE));
        m.toggleTopPanel();
        List<String> lines = new ScreenRenderer(ZoneOffset.UTC, Palette.NONE).render(m, unchecked, 150, 30);
        assertShape(lines, 150, 30);
        assertTrue(lines.get(2).startsWith("data: DROP not checked (no list), geolite2-city 7 y (embedded)  |"), lines.get(2));
        int col = lines.get(3).indexOf("top DROP hits");
        assertTrue(col >= 0, lines.get(3));
        assertTrue(lines.get(4).substring(col).startsWith("not checked: no DROP list"), lines.get(4));
        List<String> narrow = new ScreenRenderer(ZoneOffset.UTC, Palette.NONE).render(m, unchecked, 50, 20);
        assertTrue(String.join("\n", narrow).contains("not checked"), "kept on a narrow terminal: " + narrow);
        List<String> checked = render(m, 150, 30);
        assertFalse(String.join("\n", checked).contains("not checked"), checked.get(2));
    }

    @Test
    void filterShowsOnlyMatchesAndSaysSo() {
        TuiModel m = model(Events.dns(0), Events.connect(1, Events.DE), Events.drop(2, Events.CN), Events.udp(3));
        m.setFilter(ViewFilter.parse("proto:tcp country:CN dir:in drop"));
        List<String> lines = render(m, 160, 10);
        assertTrue(lines.get(2).contains("filter: proto:tcp country:CN dir:in drop (1 shown)"), lines.get(2));
        long rows = lines.stream().filter(l -> l.contains("09:15:00.25")).count();
        assertEquals(1, rows);
        m.setFilter(ViewFilter.parse("country:JP"));
        assertTrue(render(m, 160, 10).get(4).contains("no events match the filter"));
    }

    @Test
    void filterInputAndErrorsShowOnTheStatusLine() {
        TuiModel m = model(Events.dns(0));
        m.startFilterInput();
        for (char c : "dir:up".toCharArray()) m.typed(c);
        assertTrue(render(m, 100, 8).get(7).startsWith("/dir:up_  (Enter apply, Esc cancel)"));
        m.submitInput();
        assertTrue(m.editingFilter(), "a bad filter stays in the input");
        assertTrue(render(m, 100, 8).get(7).startsWith("/dir:up_  filter: 'dir:up': direction is in or out"));
    }

    @Test
    void coloursAreSgrAndTheSelectedRowIsReversed() {
        TuiModel m = model(Events.connect(1, Events.DE), Events.drop(2, Events.CN));
        m.move(-1);
        List<String> lines = new ScreenRenderer(ZoneOffset.UTC, TuiColors.palette(Map.of("drop", "1;31")))
                .render(m, HEADER, 200, 8);
        String dropRow = lines.get(6);
        assertTrue(dropRow.contains("\u001b[1;31mDROP"), "configured colour for drops: " + dropRow);
        assertTrue(dropRow.contains("\u001b[1;35mSBL123456"), "DROP listing highlighted: " + dropRow);
        assertTrue(lines.get(5).startsWith("\u001b[7m>"), "selection in reverse video: " + lines.get(5));
    }

    @Test
    void warningColourForDroppedAndLost() {
        HeaderInfo bad = new HeaderInfo("WFP", true, Duration.ZERO, 0, 0, 5, Map.of(), 7, 0, List.of(), false);
        List<String> lines = new ScreenRenderer(ZoneOffset.UTC, TuiColors.palette(Map.of())).render(model(), bad, 100, 8);
        assertTrue(lines.get(1).contains("\u001b[1;33mdropped 7\u001b[0m"), lines.get(1));
        assertFalse(lines.get(1).contains("\u001b[1;33mlost"), lines.get(1));
    }

    @Test
    void forwardingLossShowsOnlyWithForwardingAndInWarningColourWhenAny() {
        ScreenRenderer r = new ScreenRenderer(ZoneOffset.UTC, TuiColors.palette(Map.of()));
        HeaderInfo none = new HeaderInfo("WFP", true, Duration.ZERO, 0, 0, 5, Map.of(), 0, 0, List.of(), false);
        assertFalse(r.render(model(), none, 100, 8).get(1).contains("syslog"));
        HeaderInfo ok = new HeaderInfo("WFP", true, Duration.ZERO, 0, 0, 5, Map.of(), 0, 0, List.of(), false, 0);
        assertTrue(r.render(model(), ok, 100, 8).get(1).contains("syslog lost 0"));
        HeaderInfo bad = new HeaderInfo("WFP", true, Duration.ZERO, 0, 0, 5, Map.of(), 0, 0, List.of(), false, 12);
        String line = r.render(model(), bad, 100, 8).get(1);
        assertTrue(line.contains("\u001b[1;33mlost 0  syslog lost 12\u001b[0m"), line);
    }

    @Test
    void controlCharactersInEventDataCannotReachTheTerminal() {
        assertEquals("a\\x1b[2Jb", Text.fit("a\u001b[2Jb", 9), "the same visible escape as the text output");
        assertEquals("a\\x1b[2\u2026", Text.fit("a\u001b[2Jb", 8));
        assertEquals("ab\u2026", Text.fit("abcdef", 3));
        assertEquals("\u4e2d\u2026  ".substring(0, 2) + " ", Text.fit("\u4e2d\u6587\u5b57", 4).substring(0, 2) + " ");
        assertEquals(4, Text.width(Text.fit("\u4e2d\u6587\u5b57", 4)), "wide characters count two cells");
    }
}
