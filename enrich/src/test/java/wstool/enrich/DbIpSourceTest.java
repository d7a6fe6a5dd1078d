package wstool.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.model.Enrichment;
import wstool.core.net.Addresses;

class DbIpSourceTest {
    static Path writeV4City(Path dir) throws Exception {
        byte[] db = new MmdbWriter(4, "DBIP-City-Lite")
                .put("81.2.69.0/24", Map.of("country_code", "GB", "city", "London", "state1", "England",
                        "latitude", 51.5074f, "longitude", -0.1278f))
                .put("10.0.0.0/8", Map.of("country_code", "ZZ"))
                .build();
        Path f = dir.resolve("dbip-city-lite-ipv4.mmdb");
        Files.write(f, db);
        return f;
    }

    @Test
    void flatRecordsDecode(@TempDir Path dir) throws Exception {
        try (MmdbSource s = MmdbSource.open(writeV4City(dir))) {
            Enrichment e = s.lookup(Addresses.parse("81.2.69.200"));
            assertEquals("GB", e.countryCode());
            assertEquals("London", e.city());
            assertEquals("England", e.region());
            assertEquals(51.5074, e.latitude(), 1e-4);
            assertEquals(-0.1278, e.longitude(), 1e-4);
            assertTrue(s.lookup(Addresses.parse("81.2.70.1")).isEmpty());
            assertFalse(s.coversIpv6());
            assertTrue(s.lookup(Addresses.parse("2001:db8::1")).isEmpty(), "v6 lookup in a v4 file must answer nothing");
        }
    }

    @Test
    void ipv6FileAndAsnEdition(@TempDir Path dir) throws Exception {
        byte[] db = new MmdbWriter(6, "DBIP-ASN-Lite")
                .put("2a00:1450::/32", Map.of("autonomous_system_number", 15169L, "autonomous_system_organization", "Google LLC"))
                .put("8.8.8.0/24", Map.of("autonomous_system_number", 15169L, "autonomous_system_organization", "Google LLC"))
                .build();
        Path f = dir.resolve("dbip-asn-lite.mmdb");
        Files.write(f, db);
        try (MmdbSource s = MmdbSource.open(f)) {
            assertTrue(s.coversIpv6());
            assertEquals(15169L, s.lookup(Addresses.parse("2a00:1450:4001::5")).asn());
            assertEquals("Google LLC", s.lookup(Addresses.parse("8.8.8.8")).asOrg());
            assertTrue(s.lookup(Addresses.parse("2a01::1")).isEmpty());
        }
    }
}
