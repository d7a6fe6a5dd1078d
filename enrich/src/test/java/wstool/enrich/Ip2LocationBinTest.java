package wstool.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import wstool.core.model.Enrichment;
import wstool.core.net.Addresses;

class Ip2LocationBinTest {
    static byte[] db(int type, boolean index) {
        return new Ip2LocationWriter(type)
                .row("0.0.0.0", "-", "-", "-", "-", 0, 0)
                .row("8.8.8.0", "US", "United States of America", "California", "Mountain View", 37.40599f, -122.078514f)
                .row("8.8.9.0", "-", "-", "-", "-", 0, 0)
                .row("81.2.64.0", "GB", "United Kingdom", "England", "London", 51.50853f, -0.12574f)
                .row("81.2.128.0", "-", "-", "-", "-", 0, 0)
                .row("::", "-", "-", "-", "-", 0, 0)
                .row("2001:4860::", "US", "United States of America", "California", "Mountain View", 37.4f, -122.0f)
                .row("2001:4861::", "-", "-", "-", "-", 0, 0)
                .build(index);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void db5WithAndWithoutIndex(boolean index) {
        Ip2LocationBin bin = Ip2LocationBin.read("IP2LOCATION-LITE-DB5.BIN", db(5, index));
        Enrichment g = bin.lookup(Addresses.parse("8.8.8.8"));
        assertEquals("US", g.countryCode());
        assertEquals("United States of America", g.countryName());
        assertEquals("Mountain View", g.city());
        assertEquals("California", g.region());
        assertEquals(37.40599, g.latitude(), 1e-4);
        assertEquals(-122.078514, g.longitude(), 1e-4);
        assertEquals("London", bin.lookup(Addresses.parse("81.2.69.142")).city());
        assertEquals("GB", bin.lookup(Addresses.parse("81.2.127.255")).countryCode());
        assertTrue(bin.lookup(Addresses.parse("81.2.128.0")).isEmpty());
        assertTrue(bin.lookup(Addresses.parse("8.8.9.1")).isEmpty());
        assertTrue(bin.lookup(Addresses.parse("255.255.255.255")).isEmpty());
        assertEquals("US", bin.lookup(Addresses.parse("2001:4860:4860::8888")).countryCode());
        assertTrue(bin.lookup(Addresses.parse("2001:4861::1")).isEmpty());
        assertEquals("ip2location-db5", bin.name());
    }

    @Test
    void db1AndDb11() {
        Ip2LocationBin db1 = Ip2LocationBin.read("DB1.BIN", db(1, true));
        assertEquals("GB", db1.lookup(Addresses.parse("81.2.69.142")).countryCode());
        assertNull(db1.lookup(Addresses.parse("81.2.69.142")).city());
        Ip2LocationBin db11 = Ip2LocationBin.read("DB11.BIN", db(11, true));
        assertEquals("London", db11.lookup(Addresses.parse("81.2.69.142")).city());
        assertEquals(51.50853, db11.lookup(Addresses.parse("81.2.69.142")).latitude(), 1e-4);
    }

    @Test
    void damagedHeaderIsRefused() {
        byte[] b = db(5, true);
        byte[] badType = Arrays.copyOf(b, b.length);
        badType[0] = 40;
        assertTrue(assertThrows(GeoDataException.class, () -> Ip2LocationBin.read("x.BIN", badType)).getMessage().contains("byte offset 0"));
        byte[] cut = Arrays.copyOf(b, 200);
        assertThrows(GeoDataException.class, () -> Ip2LocationBin.read("cut.BIN", cut));
    }
}
