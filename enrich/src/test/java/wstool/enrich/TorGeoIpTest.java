package wstool.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.net.Addresses;

class TorGeoIpTest {
    @Test
    void smallFiles(@TempDir Path dir) throws Exception {
        Path v4 = dir.resolve("geoip");
        Files.writeString(v4, "# test\n16777216,16777471,AU\n16777472,16778239,CN\n134744064,134744319,US\n");
        Path v6 = dir.resolve("geoip6");
        Files.writeString(v6, "2001:200::,2001:200:ffff:ffff:ffff:ffff:ffff:ffff,JP\n");
        TorGeoIp t = TorGeoIp.open(v4, v6);
        assertEquals("AU", t.lookup(Addresses.parse("1.0.0.255")).countryCode());
        assertEquals("CN", t.lookup(Addresses.parse("1.0.1.0")).countryCode());
        assertEquals("US", t.lookup(Addresses.parse("8.8.8.8")).countryCode());
        assertTrue(t.lookup(Addresses.parse("1.0.4.0")).isEmpty());
        assertTrue(t.lookup(Addresses.parse("0.0.0.1")).isEmpty());
        assertEquals("JP", t.lookup(Addresses.parse("2001:200:1::1")).countryCode());
        assertTrue(t.lookup(Addresses.parse("2001:201::1")).isEmpty());
        assertTrue(TorGeoIp.open(v4).lookup(Addresses.parse("2001:200::1")).isEmpty());
        assertFalse(TorGeoIp.open(v4).coversIpv6());
    }

    @Test
    void badLinesAreNamed(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("geoip");
        Files.writeString(bad, "16777216,16777471,AU\n5,1,US\n");
        assertTrue(assertThrows(GeoDataException.class, () -> TorGeoIp.open(bad)).getMessage().contains("line 2"));
        Files.writeString(bad, "16777216;16777471;AU\n");
        assertTrue(assertThrows(GeoDataException.class, () -> TorGeoIp.open(bad)).getMessage().contains("line 1"));
    }

    /** Debian tor-geoipdb (converted by Tor from the IPFire location database). */
    @Test
    void debianTorGeoipDb() {
        TorGeoIp t = TorGeoIp.open(DebianData.require(DebianData.TOR_GEOIP, "tor-geoipdb"),
                DebianData.require(DebianData.TOR_GEOIP6, "tor-geoipdb"));
        assertTrue(t.rangeCount() > 300_000, "ranges: " + t.rangeCount());
        assertEquals("AU", t.lookup(Addresses.parse("1.0.0.1")).countryCode()); // first line 16777216,16777471,AU
        assertEquals("CN", t.lookup(Addresses.parse("1.0.1.1")).countryCode());
        assertEquals("US", t.lookup(Addresses.parse("8.8.8.8")).countryCode());
        assertEquals("JP", t.lookup(Addresses.parse("2001:2::1")).countryCode());
        assertTrue(t.lookup(Addresses.parse("2001::1")).isEmpty(), "?? means unknown");
        assertTrue(t.lookup(Addresses.parse("10.0.0.1")).isEmpty());
    }
}
