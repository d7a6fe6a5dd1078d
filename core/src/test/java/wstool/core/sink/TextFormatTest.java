package wstool.core.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import wstool.core.Events;
import wstool.core.model.AutonomousSystem;
import wstool.core.model.DropListing;
import wstool.core.model.GeoLocation;
import wstool.core.model.Enrichment;

class TextFormatTest {
    @Test
    void lineShowsTimeKindEndpointsServiceGeoAndProcess() {
        var e = Events.connect(4412, "C:\\Apps\\chrome.exe", "8.8.8.8", 443)
                .withEnrichment(new Enrichment(new GeoLocation("US", "United States", "Mountain View", null, null, null), new AutonomousSystem(15169L, "GOOGLE"), new DropListing("SBL1"), null, null));
        String line = new TextFormat(ZoneOffset.UTC, Palette.NONE).format(e);
        assertEquals("2026-11-20 09:15:00.123456Z  CONNECT    OUT TCP    192.168.1.10:50123 -> 8.8.8.8:443 (https)"
                + "  US/Mountain View AS15169 GOOGLE [DROP SBL1]  chrome.exe[4412]", line);
    }

    @Test
    void coloursOnlyWhenEnabled() {
        var drop = Events.drop("203.0.113.5", 50000, 3389);
        String plain = new TextFormat(ZoneOffset.UTC, Palette.NONE).format(drop);
        String coloured = new TextFormat(ZoneOffset.UTC, Palette.DEFAULT).format(drop);
        assertTrue(plain.indexOf('\u001b') < 0);
        assertTrue(coloured.contains("\u001b[31mDROP"));
        assertTrue(plain.contains("(ms-wbt-server)"), "the inbound service port is named: " + plain);
        assertTrue(new TextFormat(ZoneOffset.UTC, Palette.DEFAULT.with(java.util.Map.of("drop", "1;35"))).format(drop)
                .contains("\u001b[1;35mDROP"), "configured colours replace defaults");
    }

    @Test
    void processExitReadsAsSuch() {
        var exit = wstool.core.model.ProcessExit.of(Events.T0, wstool.core.model.Source.LINUX_TRACE, 4242, "/usr/bin/curl", 7);
        assertTrue(new TextFormat(ZoneOffset.UTC, Palette.NONE).format(exit).endsWith("curl[4242]  process exit (code 7)"),
                new TextFormat(ZoneOffset.UTC, Palette.NONE).format(exit));
    }

    /** The text line says which zone its time is in: local with the offset, UTC as Z (CSV and JSON write UTC). */
    @Test
    void timeCarriesItsZone() {
        var e = Events.connect(4412, "chrome.exe", "8.8.8.8", 443);
        assertTrue(new TextFormat(ZoneOffset.UTC, Palette.NONE).format(e).startsWith("2026-11-20 09:15:00.123456Z  "));
        assertTrue(new TextFormat(java.time.ZoneId.of("Europe/Berlin"), Palette.NONE).format(e)
                .startsWith("2026-11-20 10:15:00.123456+01:00  "));
    }

    /** Escape sequences from a capture are shown, never sent to the terminal (ESC[2J clears it, OSC 0 sets its title). */
    @Test
    void controlCharactersFromACaptureAreShownEscaped() {
        var dns = Events.dns(7, "evil\u001b[2J.example\u001b]0;owned\u0007", "10.0.0.1");
        var proc = Events.connect(4412, "C:\\x\\a\nb\rc.exe", "8.8.8.8", 443);
        for (Palette p : new Palette[] {Palette.NONE, Palette.DEFAULT}) {
            String d = new TextFormat(ZoneOffset.UTC, p).format(dns);
            String c = new TextFormat(ZoneOffset.UTC, p).format(proc);
            assertTrue(d.contains("evil\\x1b[2J.example\\x1b]0;owned\\x07 = 10.0.0.1"), d);
            assertTrue(c.contains("a\\nb\\rc.exe[4412]"), c);
            assertTrue(c.indexOf('\n') < 0 && c.indexOf('\r') < 0 && d.indexOf('\u0007') < 0);
            if (p == Palette.NONE) assertTrue(d.indexOf('\u001b') < 0 && c.indexOf('\u001b') < 0, d);
        }
    }

    @Test
    void terminalTextEscapes() {
        assertEquals("a\\x1b[31mb\\u202ec\\x9b\\x7f", TerminalText.clean("a\u001b[31mb\u202ec\u009b\u007f"));
        String plain = "chrome.exe";
        org.junit.jupiter.api.Assertions.assertSame(plain, TerminalText.clean(plain));
        assertEquals("line 1\nline\\x1b 2\r\nx\\ry", TerminalText.cleanLines("line 1\nline\u001b 2\r\nx\ry"));
    }

    /** A config value ends up in an escape sequence: only SGR numbers and colour names pass (issue 16). */
    @Test
    void configuredColoursAreChecked() {
        assertEquals("1;31", Palette.sgr("drop", " 1;31 "));
        assertEquals("38;5;208", Palette.sgr("drop", "38;5;208"));
        assertEquals("31", Palette.sgr("allow", "red"));
        assertEquals("1;96", Palette.sgr("allow", "bold bright-cyan"));
        for (String bad : new String[] {"31m\u001b[2J", "rot", "", "1;300", "31;", "2J"}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Palette.DEFAULT.with(java.util.Map.of("allow", bad)), bad);
            assertTrue(e.getMessage().startsWith("color.allow = '"), e.getMessage());
            assertTrue(e.getMessage().indexOf('\u001b') < 0, e.getMessage());
        }
    }
}
