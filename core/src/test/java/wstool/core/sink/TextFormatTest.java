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
        assertEquals("2026-11-20 09:15:00.123456  CONNECT    OUT TCP    192.168.1.10:50123 -> 8.8.8.8:443 (https)"
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
}
