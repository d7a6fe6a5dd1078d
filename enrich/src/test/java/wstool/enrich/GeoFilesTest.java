package wstool.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.net.Addresses;

/** Each file goes to the reader of its format, chosen by content (magic, record layout), not by a trusted name. */
class GeoFilesTest {
    @TempDir Path dir;

    @Test
    void formatsAreRecognised() throws Exception {
        assertInstanceOf(MmdbSource.class, GeoFiles.open(Fixtures.mmdb("GeoIP2-City-Test.mmdb")));
        Path flat = DbIpSourceTest.writeV4City(dir);
        GeoSource dbip = GeoFiles.open(flat);
        assertInstanceOf(MmdbSource.class, dbip);
        assertEquals("London", dbip.lookup(Addresses.parse("81.2.69.1")).city());
        // a DB-IP file in the GeoIP2 layout (their "compatible" edition) goes to the GeoIP2 reader
        Path compat = dir.resolve("dbip-country-lite.mmdb");
        Files.write(compat, new MmdbWriter(4, "DBIP-Country-Lite").put("81.2.69.0/24",
                Map.of("country", Map.of("iso_code", "GB", "names", Map.of("en", "United Kingdom")))).build());
        GeoSource c = GeoFiles.open(compat);
        assertInstanceOf(MmdbSource.class, c);
        assertEquals("GB", c.lookup(Addresses.parse("81.2.69.9")).countryCode());
        Path loc = dir.resolve("whatever.db");
        Files.write(loc, LocationDbTest.small());
        assertInstanceOf(LocationDb.class, GeoFiles.open(loc));
        Path bin = dir.resolve("IP2LOCATION-LITE-DB5.BIN");
        Files.write(bin, Ip2LocationBinTest.db(5, true));
        assertInstanceOf(Ip2LocationBin.class, GeoFiles.open(bin));
        Path tor = dir.resolve("geoip6");
        Files.writeString(tor, "2001:200::,2001:200:ffff:ffff:ffff:ffff:ffff:ffff,JP\n");
        assertInstanceOf(TorGeoIp.class, GeoFiles.open(tor));
        assertThrows(GeoDataException.class, () -> GeoFiles.open(dir.resolve("missing.mmdb")));
    }
}
