package wstool.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.model.Enrichment;
import wstool.core.net.Addresses;

/** Known answers of the MaxMind test databases (fixtures/mmdb, rows in fixtures/README.md). */
class MmdbSourceTest {
    @Test
    void cityKnownAnswers() {
        try (MmdbSource city = MmdbSource.open(Fixtures.mmdb("GeoIP2-City-Test.mmdb"))) {
            Enrichment london = city.lookup(Addresses.parse("81.2.69.142"));
            assertEquals("GB", london.countryCode());
            assertEquals("London", london.city());
            assertEquals("United Kingdom", london.countryName());
            assertEquals("Boxford", city.lookup(Addresses.parse("2.125.160.216")).city());
            Enrichment milton = city.lookup(Addresses.parse("216.160.83.56"));
            assertEquals("US", milton.countryCode());
            assertEquals("Milton", milton.city());
            assertEquals("Washington", milton.region());
            Enrichment se = city.lookup(Addresses.parse("89.160.20.128"));
            assertEquals("SE", se.countryCode());
            assertEquals("Linköping", se.city());
            assertTrue(city.lookup(Addresses.parse("8.8.8.8")).isEmpty());
        }
    }

    @Test
    void asnKnownAnswers() {
        try (MmdbSource asn = MmdbSource.open(Fixtures.mmdb("GeoLite2-ASN-Test.mmdb"))) {
            assertEquals(29518L, asn.lookup(Addresses.parse("89.160.20.128")).asn());
            assertEquals("Bredband2 AB", asn.lookup(Addresses.parse("89.160.20.128")).asOrg());
            assertEquals(1221L, asn.lookup(Addresses.parse("1.128.0.0")).asn());
            assertEquals(1221L, asn.lookup(Addresses.parse("1.159.255.255")).asn());
            assertEquals("Telstra Pty Ltd", asn.lookup(Addresses.parse("2001:8000::1")).asOrg());
            assertEquals(1221L, asn.lookup(Addresses.parse("2001:8000:0fff:ffff::")).asn());
            assertNull(asn.lookup(Addresses.parse("8.8.8.8")).asn());
        }
    }

    @Test
    void countryDatabase() {
        try (MmdbSource c = MmdbSource.open(Fixtures.mmdb("GeoLite2-Country-Test.mmdb"))) {
            Enrichment e = c.lookup(Addresses.parse("81.2.69.142"));
            assertEquals("GB", e.countryCode());
            assertNull(e.city());
        }
    }

    @Test
    void unknownSchemaIsRefusedNamingTypeAndKeys() {
        // the generic test DB's records ({ip}) are of no schema ws_tool knows: refused naming file, type and keys
        GeoDataException e = assertThrows(GeoDataException.class, () -> MmdbSource.open(Fixtures.mmdb("MaxMind-DB-test-ipv4-24.mmdb")));
        assertTrue(e.getMessage().contains("MaxMind-DB-test-ipv4-24.mmdb") && e.getMessage().contains("'Test'")
                && e.getMessage().contains("[ip]"), e.getMessage());
    }

    @Test
    void damagedFileIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("GeoLite2-City.mmdb");
        Files.write(bad, new byte[] {1, 2, 3, 4, 5});
        GeoDataException e = assertThrows(GeoDataException.class, () -> MmdbSource.open(bad));
        assertTrue(e.getMessage().contains("GeoLite2-City.mmdb"), e.getMessage());
    }
}
