package wstool.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import wstool.core.model.Enrichment;
import wstool.core.net.Addresses;
import wstool.enrich.Enricher;
import wstool.enrich.MaxMindSource;

/** The embedded GeoLite2 of November 2019 (org.elasticsearch:geolite2-databases:20191119). */
class EmbeddedDataTest {
    @Test
    void embeddedDefaultIsNovember2019AndAnswers() {
        assertTrue(EmbeddedData.available());
        Instant built = EmbeddedData.buildTime();
        assertEquals(2019, built.atZone(ZoneOffset.UTC).getYear());
        assertEquals(11, built.atZone(ZoneOffset.UTC).getMonthValue());
        assertTrue(EmbeddedData.age(Instant.parse("2026-01-01T00:00:00Z")).toDays() > 365 * 6);
        try (MaxMindSource city = EmbeddedData.open(EmbeddedData.CITY);
             MaxMindSource asn = EmbeddedData.open(EmbeddedData.ASN)) {
            Enricher e = new Enricher(List.of(city, asn));
            Enrichment g = e.lookup(Addresses.parse("8.8.8.8"));
            assertEquals("US", g.countryCode());
            assertEquals(15169L, g.asn());
            assertEquals("GB", e.lookup(Addresses.parse("81.2.69.142")).countryCode());
            assertEquals("SE", e.lookup(Addresses.parse("89.160.20.128")).countryCode());
            assertEquals(29518L, e.lookup(Addresses.parse("89.160.20.128")).asn());
            assertTrue(city.coversIpv6());
            assertEquals("US", e.lookup(Addresses.parse("2001:4860:4860::8888")).countryCode());
        }
    }

    @Test
    void compactEmbeddedCityAnswersLikeTheReader() {
        long t0 = System.nanoTime();
        try (wstool.enrich.CompactTable t = EmbeddedData.openCompact(EmbeddedData.CITY);
             MaxMindSource db = EmbeddedData.open(EmbeddedData.CITY)) {
            System.out.printf("compact GeoLite2-City: %d ranges, %d distinct answers, ~%d MB, built in %d ms%n", t.ranges(),
                    t.distinctAnswers(), t.approximateBytes() >> 20, (System.nanoTime() - t0) / 1_000_000);
            java.util.Random rnd = new java.util.Random(7);
            for (int i = 0; i < 20_000; i++) {
                java.net.InetAddress a = Addresses.ipv4(rnd.nextInt());
                assertEquals(db.lookup(a), t.lookup(a), a.getHostAddress());
            }
            assertEquals("US", t.lookup(Addresses.parse("2001:4860:4860::8888")).countryCode(), "IPv6 goes to the reader");
        }
    }
}
