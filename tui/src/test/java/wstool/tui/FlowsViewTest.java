package wstool.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import wstool.core.sink.Palette;

class FlowsViewTest {
    static final Instant T = Instant.parse("2026-11-20T09:15:00.251Z");
    static final FlowRow HTTPS = new FlowRow(T, Duration.ofMillis(1840), 4001, "curl.exe", "TCP", "192.168.1.10:50001",
            "93.184.216.34:443 https", "OUT", 517, 5_321, 3, 5, "established", "", "example.com", "DE",
            "AS3320 Deutsche Telekom AG", "1:LQU9qZlK+B5F3KDmev6m5PMibrg=");
    static final FlowRow BLOCKED = new FlowRow(T.plusMillis(1), Duration.ZERO, -1, "", "TCP", "192.168.1.10:50002",
            "203.0.113.7:445 microsoft-ds", "IN", 0, 0, 0, 0, "blocked", "filter 68123", "", "CN", "", "1:aaaa");
    static final FlowRow DNS = new FlowRow(T.plusMillis(2), Duration.ofSeconds(125), 1312, "svchost.exe", "UDP",
            "192.168.1.10:53000", "1.1.1.1:53 domain", "OUT", 45, 3 * 1024 * 1024 + 512 * 1024, 1, 2, "established", "",
            "", "AU", "AS13335 CLOUDFLARENET", "1:bbbb");

    static TuiModel withFlows(int capacity, FlowRow... flows) {
        TuiModel m = ScreenRendererTest.model(Events.connect(1, Events.DE));
        FlowRing ring = new FlowRing(capacity);
        for (FlowRow f : flows) ring.add(f);
        m.flows(ring);
        m.toggleFlows();
        return m;
    }

    static List<String> render(TuiModel m, int w, int h) {
        return new ScreenRenderer(ZoneOffset.UTC, Palette.NONE).render(m, ScreenRendererTest.HEADER, w, h);
    }

    @Test
    void wideTerminalShowsEveryColumnNewestAtTheBottom() {
        TuiModel m = withFlows(10, HTTPS, BLOCKED, DNS);
        List<String> lines = render(m, 220, 10);
        ScreenRendererTest.assertShape(lines, 220, 10);
        assertEquals("  start UTC    dur   process           proto local              remote                       dir"
                + " out B/pk in B/pk outcome              hostname    country/ASN                   community id",
                lines.get(3).stripTrailing());
        assertEquals("", lines.get(4).strip(), "short list: blank lines above, newest at the bottom");
        assertEquals("  09:15:00.251 1.8s  curl.exe[4001]    TCP   192.168.1.10:50001 93.184.216.34:443 https      OUT"
                + " 517/3    5.2K/5  established          example.com DE AS3320 Deutsche Telekom AG 1:LQU9qZlK+B5F3KDmev6m5PMibrg=",
                lines.get(6).stripTrailing());
        assertEquals("  09:15:00.252 0ms                     TCP   192.168.1.10:50002 203.0.113.7:445 microsoft-ds IN "
                + " 0/0      0/0     blocked filter 68123             CN                            1:aaaa",
                lines.get(7).stripTrailing(), "an unattributed flow has an empty process, the blocking filter is shown");
        assertEquals("  09:15:00.253 2m05s svchost.exe[1312] UDP   192.168.1.10:53000 1.1.1.1:53 domain            OUT"
                + " 45/1     3.5M/2  established                      AU AS13335 CLOUDFLARENET      1:bbbb",
                lines.get(8).stripTrailing());
        assertTrue(lines.get(9).endsWith("FLOWS FOLLOW  3/3"), lines.get(9));
    }

    @Test
    void narrowTerminalsKeepTheImportantColumns() {
        TuiModel m = withFlows(10, HTTPS, BLOCKED, DNS);
        for (int w : new int[] {120, 80, 40}) {
            List<String> lines = render(m, w, 10);
            ScreenRendererTest.assertShape(lines, w, 10);
            String titles = lines.get(3);
            assertTrue(titles.startsWith("  start UTC"), w + ": " + titles);
            assertTrue(titles.contains("remote"), "the remote end stays: " + titles);
            assertFalse(titles.contains("community id"), "the Community ID goes first at " + w + ": " + titles);
            assertTrue(lines.get(6).startsWith("  09:15:00.251 "), lines.get(6));
        }
        String at80 = render(m, 80, 10).get(3);
        assertTrue(at80.contains("process") && at80.contains("outcome") && at80.contains("hostname"), at80);
        assertFalse(at80.contains("local "), "the local end goes before the outcome and the hostname: " + at80);
        List<String> at40 = render(m, 40, 10);
        assertEquals("  start UTC    remote           hostname", at40.get(3).stripTrailing());
        assertEquals("  09:15:00.251 93.184.216.34:4\u2026 example\u2026", at40.get(6).stripTrailing(),
                "at 40 columns: when, to where, and the name looked up");
    }

    @Test
    void emptyListSaysWhenFlowsAppearAndTheEventDetailIsNotDrawnOverIt() {
        TuiModel m = withFlows(10);
        m.toggleDetail();
        List<String> lines = render(m, 100, 8);
        ScreenRendererTest.assertShape(lines, 100, 8);
        assertTrue(lines.get(4).startsWith(" no flows yet: a flow is listed once it has ended"), lines.get(4));
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("-- detail")), String.join("\n", lines));
        assertTrue(lines.get(7).endsWith("FLOWS FOLLOW  0/0"), lines.get(7));
    }

    @Test
    void theRingKeepsOnlyTheNewestFlowsAndTheSelectionScrolls() {
        FlowRow[] many = new FlowRow[25];
        for (int i = 0; i < many.length; i++) {
            many[i] = new FlowRow(T.plusSeconds(i), Duration.ZERO, i, "p" + i + ".exe", "TCP", "10.0.0.1:" + (40000 + i),
                    "10.0.0.2:80", "OUT", i, 0, 1, 0, "established", "", "", "", "", "");
        }
        TuiModel m = withFlows(20, many);
        assertEquals(20, m.flowCount(), "bounded: the oldest 5 are gone");
        List<String> lines = render(m, 100, 10); // 5 rows
        assertTrue(lines.get(8).contains("p24.exe[24]"), lines.get(8));
        assertTrue(lines.get(4).contains("p20.exe[20]"), lines.get(4));
        m.firstFlow();
        lines = render(m, 100, 10);
        assertTrue(lines.get(4).startsWith("> ") && lines.get(4).contains("p5.exe[5]"), "oldest held: " + lines.get(4));
        assertTrue(lines.get(9).endsWith("FLOWS  1/20"), lines.get(9));
        m.moveFlow(7);
        lines = render(m, 100, 10);
        assertTrue(lines.get(8).startsWith("> ") && lines.get(8).contains("p12.exe[12]"), lines.get(8));
        m.moveFlow(100);
        assertTrue(m.followingFlows(), "moving past the newest follows again");
    }

    @Test
    void bytesAndDurationsReadShort() {
        assertEquals("1023", ScreenRenderer.bytes(1023));
        assertEquals("1.0K", ScreenRenderer.bytes(1024));
        assertEquals("12K", ScreenRenderer.bytes(12 * 1024 + 100));
        assertEquals("1.0G", ScreenRenderer.bytes(1L << 30));
        assertEquals("999ms", ScreenRenderer.duration(Duration.ofMillis(999)));
        assertEquals("59.9s", ScreenRenderer.duration(Duration.ofMillis(59_949)));
        assertEquals("1h01m", ScreenRenderer.duration(Duration.ofSeconds(3660)));
    }

    @Test
    void tabSwitchesViewsAndTheArrowsMoveInTheShownList() {
        TuiModel m = TuiModelTest.withEvents(100, 40);
        KeyHandler keys = new KeyHandler(m, () -> 11, () -> { }, () -> { });
        keys.handle(Key.FLOWS, "\t");
        assertFalse(m.flowsShown());
        assertEquals(KeyHandler.NO_FLOWS, m.message(), "a job without correlation says why there is no flows list");
        FlowRing ring = new FlowRing(10);
        ring.add(HTTPS);
        ring.add(BLOCKED);
        ring.add(DNS);
        m.flows(ring);
        keys.handle(Key.FLOWS, "\t");
        assertTrue(m.flowsShown());
        keys.handle(Key.UP, null);
        assertEquals(2, m.flowPosition());
        assertEquals(40, m.selectedPosition(), "the event selection stays where it was");
        keys.handle(Key.HOME, null);
        assertEquals(1, m.flowPosition());
        keys.handle(Key.END, null);
        assertTrue(m.followingFlows());
        keys.handle(Key.FLOWS, "\t");
        assertFalse(m.flowsShown());
        keys.handle(Key.UP, null);
        assertEquals(39, m.selectedPosition(), "back in the event list the arrows move the events");
    }
}
