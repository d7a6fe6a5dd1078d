package wstool.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wstool.core.sink.Palette;

class FindingsPanelTest {
    static final Instant T = Instant.parse("2026-11-20T09:30:00Z");
    static final String CLIENT = "C:\\Program Files\\Acme\\client.exe", SERVER = "C:\\Program Files\\Acme\\server.exe";
    static final FindingsView.Item LEAK = new FindingsView.Item(4242, CLIENT, "WS001", "LEAKED_SOCKET",
            FindingsView.Severity.ERROR, "0xffffa38f2c200600 TCP 10.0.0.23:51010 -> 93.184.216.34:443", 1,
            T.plusMillis(3500), "socket created at 09:30:03 was never closed before the process exited: closesocket() missing");
    static final FindingsView.Item USE = new FindingsView.Item(4242, CLIENT, "WS002", "USE_AFTER_CLOSE",
            FindingsView.Severity.ERROR, "0xffffa38f2c200400 TCP 10.0.0.23:51001 -> 93.184.216.34:443", 1,
            T.plusMillis(45), "SEND on a socket already closed at 09:30:00.040: a stale SOCKET handle was used");
    static final FindingsView.Item REFUSED = new FindingsView.Item(4242, CLIENT, "WS004", "FAILED_OPERATIONS",
            FindingsView.Severity.WARNING, "", 12, T.plusMillis(2101), "CONNECT failed with STATUS_CONNECTION_REFUSED");
    static final FindingsView.Item LISTEN = new FindingsView.Item(5150, SERVER, "WS009", "LISTEN_ALL_INTERFACES",
            FindingsView.Severity.WARNING, "0xffffa38f2c200800 TCP 0.0.0.0:8080", 1, T.plusMillis(202),
            "listening on 0.0.0.0:8080 (all interfaces)");
    static final FindingsView.Item UNKNOWN = new FindingsView.Item(5150, SERVER, "WS003", "UNKNOWN_ENDPOINT",
            FindingsView.Severity.INFO, "0xffffa38f2c200c00 TCP", 3, T.plusMillis(300), "RECV START on a socket never seen created");
    static final FindingsView.Item STRAY = new FindingsView.Item(-1, null, "WS004", "FAILED_OPERATIONS",
            FindingsView.Severity.WARNING, "", 1, null, "RECV failed with STATUS_CANCELLED");

    static TuiModel verifying() {
        TuiModel m = ScreenRendererTest.model(Events.connect(1, Events.DE), Events.drop(2, Events.CN));
        m.findingsAvailable(true);
        return m;
    }

    static List<String> render(TuiModel m, FindingsView f, int w, int h) {
        return new ScreenRenderer(ZoneOffset.UTC, Palette.NONE).render(m, ScreenRendererTest.HEADER, f, w, h);
    }

    static FindingsView six(boolean finished) {
        // given out of order: the panel groups by process, then code
        return new FindingsView(List.of(LISTEN, STRAY, USE, UNKNOWN, REFUSED, LEAK), finished);
    }

    /** The head, then dashes to the width. */
    static String rule(String head, int width) { return head + "-".repeat(width - head.length()); }

    static List<String> trimmed(List<String> lines, int from, int to) {
        return lines.subList(from, to).stream().map(String::stripTrailing).toList();
    }

    @Test
    void wideTerminalListsEveryColumnGroupedByProcessThenCode() {
        TuiModel m = verifying();
        m.toggleFindings();
        List<String> lines = render(m, six(false), 120, 24);
        ScreenRendererTest.assertShape(lines, 120, 24);
        assertEquals(List.of(
                "verify: 2 errors, 3 warnings, 1 info  |  data: GeoLite2-City 3 d, DROP 2 h  |  filter: none",
                "-- findings: 2 errors, 3 warnings, 1 info so far (v closes) " + "-".repeat(60),
                "  code  name                  severity  n last         socket                             message",
                "unattributed events",
                "  WS004 FAILED_OPERATIONS     warning   1 -                                               RECV failed with STATUS_CANCE\u2026",
                "pid 4242 C:\\Program Files\\Acme\\client.exe",
                "  WS001 LEAKED_SOCKET         error     1 09:30:03.500 0xffffa38f2c200600 TCP 10.0.0.23:\u2026 socket created at 09:30:03 wa\u2026",
                "  WS002 USE_AFTER_CLOSE       error     1 09:30:00.045 0xffffa38f2c200400 TCP 10.0.0.23:\u2026 SEND on a socket already clos\u2026",
                "  WS004 FAILED_OPERATIONS     warning  12 09:30:02.101                                    CONNECT failed with STATUS_CO\u2026",
                "pid 5150 C:\\Program Files\\Acme\\server.exe",
                "  WS003 UNKNOWN_ENDPOINT      info      3 09:30:00.300 0xffffa38f2c200c00 TCP             RECV START on a socket never \u2026",
                "  WS009 LISTEN_ALL_INTERFACES warning   1 09:30:00.202 0xffffa38f2c200800 TCP 0.0.0.0:80\u2026 listening on 0.0.0.0:8080 (al\u2026"),
                trimmed(lines, 2, 14));
        assertTrue(lines.get(14).startsWith("  time UTC     kind"), "the table follows, sized to what is left: " + lines.get(14));
        assertTrue(lines.get(22).startsWith("> 09:15:00.252 DROP"), lines.get(22));
        assertTrue(lines.get(23).startsWith("q quit  / filter  Enter detail  t top  v findings  f follow"), lines.get(23));
    }

    @Test
    void aWideListShowsEveryMessageWholeAndTheSocketsInFull() {
        TuiModel m = verifying();
        m.toggleFindings();
        List<String> lines = render(m, new FindingsView(List.of(LEAK, REFUSED), true), 220, 16);
        ScreenRendererTest.assertShape(lines, 220, 16);
        assertEquals(List.of(
                "-- findings: 1 error, 1 warning, 0 info (v closes) " + "-".repeat(169),
                "  code  name              severity  n last         socket                                                      message",
                "pid 4242 C:\\Program Files\\Acme\\client.exe",
                "  WS001 LEAKED_SOCKET     error     1 09:30:03.500 0xffffa38f2c200600 TCP 10.0.0.23:51010 -> 93.184.216.34:443 "
                        + "socket created at 09:30:03 was never closed before the process exited: closesocket() missing",
                "  WS004 FAILED_OPERATIONS warning  12 09:30:02.101                                                             "
                        + "CONNECT failed with STATUS_CONNECTION_REFUSED"),
                trimmed(lines, 3, 8));
        assertTrue(lines.get(8).startsWith("  time "), "a short list leaves the rest to the table: " + lines.get(8));
    }

    @Test
    void narrowTerminalsDropTheNameThenTheSocketThenTheTime() {
        TuiModel m = verifying();
        m.toggleFindings();
        List<String> lines = render(m, six(false), 70, 24);
        ScreenRendererTest.assertShape(lines, 70, 24);
        assertEquals(List.of(
                "verify: 2 errors, 3 warnings, 1 info  |  data: GeoLite2-City 3 d, DRO\u2026",
                "-- findings: 2 errors, 3 warnings, 1 info so far (v closes) ----------",
                "  code  severity  n last         message",
                "unattributed events",
                "  WS004 warning   1 -            RECV failed with STATUS_CANCELLED",
                "pid 4242 C:\\Program Files\\Acme\\client.exe",
                "  WS001 error     1 09:30:03.500 socket created at 09:30:03 was never\u2026",
                "  WS002 error     1 09:30:00.045 SEND on a socket already closed at 0\u2026",
                "  WS004 warning  12 09:30:02.101 CONNECT failed with STATUS_CONNECTIO\u2026",
                "pid 5150 C:\\Program Files\\Acme\\server.exe",
                "  WS003 info      3 09:30:00.300 RECV START on a socket never seen cr\u2026",
                "  WS009 warning   1 09:30:00.202 listening on 0.0.0.0:8080 (all inter\u2026"),
                trimmed(lines, 2, 14));

        lines = render(m, six(false), 40, 14);
        ScreenRendererTest.assertShape(lines, 40, 14);
        assertEquals(List.of(
                "-- findings: 2 errors, 3 warnings, 1 in\u2026",
                "  code  severity  n message",
                "unattributed events",
                "  WS004 warning   1 RECV failed with ST\u2026",
                "pid 4242 C:\\Program Files\\Acme\\client.e\u2026",
                "  WS001 error     1 socket created at 0\u2026",
                "  time UTC     kind   remote"),
                trimmed(lines, 3, 10));

        lines = render(m, six(false), 12, 14);
        ScreenRendererTest.assertShape(lines, 12, 14);
        assertEquals("  WS004 war\u2026", lines.get(6), "too narrow for columns: the row is cut as plain text");
    }

    @Test
    void aLongListScrollsWithPageKeysWhileTheDetailIsClosed() {
        TuiModel m = verifying();
        KeyHandler keys = new KeyHandler(m, () -> 20, () -> { }, () -> { });
        keys.handle(Key.FINDINGS, "v");
        FindingsView f = six(true);
        List<String> lines = render(m, f, 120, 12);
        ScreenRendererTest.assertShape(lines, 120, 12);
        assertEquals(rule("-- findings: 2 errors, 3 warnings, 1 info (v closes) lines 1-3 of 9 (PgUp/PgDn) ", 120), lines.get(3));
        assertEquals("unattributed events", lines.get(5).strip());
        assertTrue(lines.get(8).startsWith("  time "), lines.get(8));

        keys.handle(Key.PAGE_DOWN, null); // a page is the panel's 3 lines less one of overlap
        lines = render(m, f, 120, 12);
        assertTrue(lines.get(3).contains(" lines 3-5 of 9 "), lines.get(3));
        assertEquals(List.of("pid 4242 C:\\Program Files\\Acme\\client.exe",
                "  WS001 LEAKED_SOCKET         error     1 09:30:03.500 0xffffa38f2c200600 TCP 10.0.0.23:\u2026 socket created at 09:30:03 wa\u2026",
                "  WS002 USE_AFTER_CLOSE       error     1 09:30:00.045 0xffffa38f2c200400 TCP 10.0.0.23:\u2026 SEND on a socket already clos\u2026"),
                trimmed(lines, 5, 8));
        for (int i = 0; i < 10; i++) keys.handle(Key.PAGE_DOWN, null);
        lines = render(m, f, 120, 12);
        assertTrue(lines.get(3).contains(" lines 7-9 of 9 "), "stops at the end: " + lines.get(3));
        assertEquals("  WS009 LISTEN_ALL_INTERFACES warning", lines.get(7).substring(0, 37));
        keys.handle(Key.PAGE_UP, null);
        assertTrue(render(m, f, 120, 12).get(3).contains(" lines 5-7 of 9 "), "back from where it stopped");
        assertEquals(2, m.selectedPosition(), "the table's selection did not move");

        // with the detail open too, the page keys scroll the detail; both panels share the space
        keys.handle(Key.ENTER, "\r");
        keys.handle(Key.PAGE_DOWN, null);
        lines = render(m, f, 120, 24);
        ScreenRendererTest.assertShape(lines, 120, 24);
        assertTrue(lines.get(3).contains(" lines 5-8 of 9 "), "the findings stay where they were: " + lines.get(3));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("-- detail: event 2 of 2 (Enter closes) lines 20-24 of 29 ")),
                String.join("\n", lines));
    }

    @Test
    void emptyListSaysWhyAndFinishedSaysNone() {
        TuiModel m = verifying();
        m.toggleFindings();
        List<String> lines = render(m, new FindingsView(List.of(), false), 120, 12);
        ScreenRendererTest.assertShape(lines, 120, 12);
        assertEquals(List.of("verify: no findings  |  data: GeoLite2-City 3 d, DROP 2 h  |  filter: none",
                "-- findings: none yet (v closes) " + "-".repeat(87),
                " no findings yet (leaks and hung calls are known when a process exits or the trace ends)",
                "  time UTC     kind    dir proto local        remote               country   ASN       DROP      process     filter/sta\u2026"),
                trimmed(lines, 2, 6));
        lines = render(m, new FindingsView(List.of(), true), 120, 12);
        assertEquals(List.of("-- findings: none (v closes) " + "-".repeat(91), " no findings"), trimmed(lines, 3, 5));
    }

    @Test
    void withoutTheVerifierThereIsNoPanelAndNoCounts() {
        TuiModel m = ScreenRendererTest.model(Events.connect(1, Events.DE));
        assertFalse(m.toggleFindings(), "no findings to show without --verify");
        assertFalse(m.findingsOpen());
        List<String> lines = render(m, null, 120, 12);
        assertEquals("data: GeoLite2-City 3 d, DROP 2 h  |  filter: none", lines.get(2).strip());
        assertTrue(lines.get(3).startsWith("  time "), lines.get(3));

        // verifying, panel closed: the counts are in the header all the same
        TuiModel v = verifying();
        lines = render(v, six(false), 120, 12);
        assertTrue(lines.get(2).startsWith("verify: 2 errors, 3 warnings, 1 info  |  data: "), lines.get(2));
        assertTrue(lines.get(3).startsWith("  time "), lines.get(3));
    }

    @Test
    void tinyWindowsKeepTheirShape() {
        TuiModel m = verifying();
        m.toggleFindings();
        m.toggleDetail();
        m.toggleTopPanel();
        for (int h = 6; h <= 14; h++) {
            for (int w : new int[] {10, 33, 80}) ScreenRendererTest.assertShape(render(m, six(false), w, h), w, h);
        }
        m.toggleTopPanel();
        m.toggleDetail();
        List<String> lines = render(m, six(false), 80, 8);
        assertEquals(List.of("-- findings: 2 errors, 3 warnings, 1 info so far (v closes) lines 1-1 of 9 (PgU\u2026",
                "unattributed events"), trimmed(lines, 3, 5), "no room for column titles: the list itself");
        assertTrue(lines.get(5).startsWith("  time "), lines.get(5));
    }

    @Test
    void errorCountInTheWarningColourAndSeveritiesColoured() {
        TuiModel m = verifying();
        m.toggleFindings();
        List<String> lines = new ScreenRenderer(ZoneOffset.UTC, TuiColors.palette(Map.of()))
                .render(m, ScreenRendererTest.HEADER, six(false), 120, 24);
        assertTrue(lines.get(2).startsWith("verify: \u001b[1;33m2 errors\u001b[0m, 3 warnings, 1 info  |  data"), lines.get(2));
        String leak = lines.stream().filter(l -> l.contains("WS001")).findFirst().orElseThrow();
        assertTrue(leak.contains("\u001b[91merror   \u001b[0m"), "error severity in the error colour: " + leak);
        String listen = lines.stream().filter(l -> l.contains("WS009")).findFirst().orElseThrow();
        assertTrue(listen.contains("\u001b[1;33mwarning \u001b[0m"), listen);
        List<String> clean = new ScreenRenderer(ZoneOffset.UTC, TuiColors.palette(Map.of()))
                .render(m, ScreenRendererTest.HEADER, new FindingsView(List.of(LISTEN), false), 120, 24);
        assertTrue(clean.get(2).startsWith("verify: 0 errors, 1 warning, 0 info  |  data"), "no warning colour without errors: " + clean.get(2));
    }
}
