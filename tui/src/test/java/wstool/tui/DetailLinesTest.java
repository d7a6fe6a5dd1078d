package wstool.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import wstool.core.model.Enrichment;
import wstool.core.model.IpFireFlags;

class DetailLinesTest {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);

    @Test
    void showsIpFireFlagsWhenALocationDbAnswered() {
        Enrichment flagged = new Enrichment(Events.DE.geo(), Events.DE.autonomousSystem(), null, null,
                new IpFireFlags(false, true, true, false));
        List<String> lines = DetailLines.of(Events.drop(1, flagged), TIME);
        assertTrue(lines.contains("  anycast       true"), lines.toString());
        assertTrue(lines.contains("  satellite_provider true"), lines.toString());
        assertTrue(lines.contains("  hostile_drop  false"), lines.toString());
        assertTrue(lines.contains("  anonymous_proxy false"), lines.toString());
        assertEquals(0, DetailLines.of(Events.drop(1, Events.DE), TIME).stream().filter(l -> l.contains("anycast")).count(),
                "no location.db answer: no flag lines");
    }
}
