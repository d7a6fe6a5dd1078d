package wstool.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import wstool.core.model.Enrichment;
import wstool.core.net.Addresses;

class LocationDbTest {
    static byte[] small() {
        return new LocationDbWriter()
                .network("81.2.64.0/18", "GB", 20712, 0)
                .network("81.2.69.0/24", "GB", 20712, LocationDb.FLAG_ANYCAST)
                .network("1.10.16.0/20", "CN", 0, LocationDb.FLAG_DROP)
                .network("2001:4860::/32", "US", 15169, 0)
                .as(15169, "GOOGLE").as(20712, "Andrews & Arnold Ltd")
                .country("CN", "China").country("GB", "United Kingdom").country("US", "United States of America")
                .build();
    }

    @Test
    void smallDatabaseLongestPrefix() {
        LocationDb db = LocationDb.read("small.db", small());
        Enrichment e = db.lookup(Addresses.parse("81.2.100.1"));
        assertEquals("GB", e.countryCode());
        assertEquals("United Kingdom", e.countryName());
        assertEquals(20712L, e.asn());
        assertEquals("Andrews & Arnold Ltd", e.asOrg());
        assertEquals(LocationDb.FLAG_ANYCAST, db.network(Addresses.parse("81.2.69.142")).flags());
        assertEquals(24, db.network(Addresses.parse("81.2.69.142")).prefixLength());
        assertEquals(18, db.network(Addresses.parse("81.2.70.1")).prefixLength());
        Enrichment drop = db.lookup(Addresses.parse("1.10.31.255"));
        assertEquals("DROP (IPFire)", drop.dropId());
        assertNull(drop.asn());
        assertEquals("GOOGLE", db.lookup(Addresses.parse("2001:4860:4860::8888")).asOrg());
        assertTrue(db.lookup(Addresses.parse("8.8.8.8")).isEmpty());
        assertTrue(db.lookup(Addresses.parse("2001:4861::1")).isEmpty());
        assertEquals(Instant.ofEpochSecond(1_667_023_194L), db.createdAt());
        assertEquals("ws_tool tests", db.vendor());
    }

    @Test
    void damagedHeaderIsNamedWithOffset() {
        byte[] b = small();
        byte[] bad = Arrays.copyOf(b, b.length);
        bad[7] = 2;
        assertTrue(assertThrows(GeoDataException.class, () -> LocationDb.read("x.db", bad)).getMessage().contains("byte offset 7"));
        byte[] cut = Arrays.copyOf(b, b.length - 20);
        GeoDataException e = assertThrows(GeoDataException.class, () -> LocationDb.read("cut.db", cut));
        assertTrue(e.getMessage().contains("outside the file"), e.getMessage());
        assertThrows(GeoDataException.class, () -> LocationDb.read("tiny.db", new byte[100]));
    }

    /** Known answers checked with libloc's own `location --database ... lookup` on the same file (Debian 0~20221029-1). */
    @Test
    void debianLibLocDatabase() {
        LocationDb db = LocationDb.open(DebianData.require(DebianData.LOCATION_DB, "libloc-database"));
        Enrichment g = db.lookup(Addresses.parse("8.8.8.8"));
        assertEquals("US", g.countryCode());
        assertEquals(15169L, g.asn());
        assertEquals("GOOGLE", g.asOrg());
        assertEquals(24, db.network(Addresses.parse("8.8.8.8")).prefixLength());
        assertTrue((db.network(Addresses.parse("8.8.8.8")).flags() & LocationDb.FLAG_ANYCAST) != 0);
        Enrichment aa = db.lookup(Addresses.parse("81.2.69.142"));
        assertEquals("GB", aa.countryCode());
        assertEquals(20712L, aa.asn());
        assertEquals("Andrews & Arnold Ltd", aa.asOrg());
        assertEquals(18, db.network(Addresses.parse("81.2.69.142")).prefixLength());
        Enrichment se = db.lookup(Addresses.parse("89.160.20.128"));
        assertEquals("SE", se.countryCode());
        assertEquals("Sweden", se.countryName());
        assertEquals(29518L, se.asn());
        assertEquals("Bredband2 AB", se.asOrg());
        Enrichment v6 = db.lookup(Addresses.parse("2001:4860:4860::8888"));
        assertEquals("US", v6.countryCode());
        assertEquals(32, db.network(Addresses.parse("2001:4860:4860::8888")).prefixLength());
        assertEquals("DROP (IPFire)", db.lookup(Addresses.parse("1.10.16.1")).dropId());
        assertEquals("CN", db.lookup(Addresses.parse("1.10.16.1")).countryCode());
        assertEquals("IL", db.lookup(Addresses.parse("2a06:5280::1")).countryCode());
        assertEquals(3333L, db.lookup(Addresses.parse("193.0.6.139")).asn());
        assertTrue(db.lookup(Addresses.parse("10.0.0.1")).isEmpty());
        assertEquals(Instant.ofEpochSecond(0x635cc15aL), db.createdAt());
    }
}
