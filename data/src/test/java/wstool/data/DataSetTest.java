package wstool.data;

import wstool.core.fixtures.Fixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.net.Addresses;
import wstool.enrich.Enricher;
import wstool.enrich.GeoSource;

class DataSetTest {
    @TempDir Path dir;

    private static List<String> names(DataSet d) { return d.sources().stream().map(GeoSource::name).toList(); }

    @Test
    void emptyDataDirFallsBackToTheEmbeddedDefault() {
        DataSet d = DataSet.open(dir, DataSet.Overrides.NONE);
        assertEquals(List.of("iana-special", "geolite2-city", "geolite2-asn"), names(d));
        assertTrue(d.embeddedUsed());
        assertTrue(d.notes().isEmpty());
        assertEquals(List.of("geolite2-city 6 y (embedded)", "geolite2-asn 6 y (embedded)"),
                d.labels(java.time.Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void dataDirFilesComeBeforeTheDefaultAndDropIsLoaded() throws Exception {
        Files.write(dir.resolve(Feeds.LOCATION), wstool.enrich.LocationDbTestData.small());
        Files.writeString(dir.resolve("drop.txt"), "1.10.16.0/20 ; SBL256894\n");
        DataSet d = DataSet.open(dir, DataSet.Overrides.NONE);
        assertEquals(List.of("iana-special", "spamhaus-drop", "ipfire"), names(d), "location.db has country + ASN");
        assertFalse(d.embeddedUsed());
        try (Enricher e = d.enricher()) {
            assertEquals("SBL256894", e.lookup(Addresses.parse("1.10.16.5")).dropId());
            assertEquals("GB", e.lookup(Addresses.parse("81.2.69.142")).countryCode());
        }
    }

    @Test
    void overridesComeFirstAndBrokenFilesAreNotedNotFatal() throws Exception {
        Path city = Fixtures.path("mmdb/GeoIP2-City-Test.mmdb");
        Files.write(dir.resolve(Feeds.DBIP_CITY), new byte[] {9, 9, 9});
        DataSet d = DataSet.open(dir, new DataSet.Overrides(city, null, null, List.of()));
        assertEquals(List.of("iana-special", "geoip2-city", "geolite2-asn"), names(d), "embedded ASN fills the ASN gap");
        assertEquals(1, d.notes().size());
        assertTrue(d.notes().get(0).contains(Feeds.DBIP_CITY) && d.notes().get(0).contains("ws_tool update"), d.notes().toString());
    }
}
