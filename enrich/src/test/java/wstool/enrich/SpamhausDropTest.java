package wstool.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import wstool.core.net.Addresses;

class SpamhausDropTest {
    static final String DROP_TXT = "; Spamhaus DROP List 2024/01/01 - (c) 2024 The Spamhaus Project\n"
            + "; Expires: Tue, 02 Jan 2024 00:00:00 GMT\n"
            + "1.10.16.0/20 ; SBL256894\n"
            + "1.19.0.0/16 ; SBL434604\n"
            + "1.19.11.0/24 ; SBL999999\n";
    static final String DROPV6_TXT = "; Spamhaus IPv6 DROP\n2001:67c:2a70::/48 ; SBL301234\n";
    static final String DROP_JSON = "{\"cidr\":\"103.2.44.0/22\",\"sblid\":\"SBL290003\",\"rir\":\"apnic\"}\n"
            + "{\"cidr\":\"2a06:5280::/29\",\"sblid\":\"SBL512000\",\"rir\":\"ripencc\"}\n"
            + "{\"type\":\"metadata\",\"timestamp\":1704067200,\"size\":123,\"records\":2,\"copyright\":\"(c) Spamhaus\"}\n";
    static final String ASNDROP_JSON = "{\"asn\":6939,\"rir\":\"arin\",\"domain\":\"he.net\",\"cc\":\"US\",\"asname\":\"HURRICANE\"}\n"
            + "{\"type\":\"metadata\",\"timestamp\":1704000000,\"size\":100,\"records\":1}\n";

    static SpamhausDrop all() {
        return new SpamhausDrop().add("drop.txt", DROP_TXT).add("dropv6.txt", DROPV6_TXT)
                .add("drop_v4.json", DROP_JSON).add("asndrop.json", ASNDROP_JSON);
    }

    @Test
    void longestPrefixWins() {
        SpamhausDrop d = all();
        assertEquals("SBL256894", d.lookup(Addresses.parse("1.10.17.5")).dropId());
        assertEquals("SBL434604", d.lookup(Addresses.parse("1.19.200.1")).dropId());
        assertEquals("SBL999999", d.lookup(Addresses.parse("1.19.11.7")).dropId());
        assertEquals("SBL290003", d.lookup(Addresses.parse("103.2.47.255")).dropId());
        assertEquals("SBL301234", d.lookup(Addresses.parse("2001:67c:2a70::1")).dropId());
        assertEquals("SBL512000", d.lookup(Addresses.parse("2a06:5287:ffff::1")).dropId());
        assertEquals("SBL256894", d.lookup(Addresses.parse("::ffff:1.10.16.1")).dropId());
        assertTrue(d.lookup(Addresses.parse("1.10.32.0")).isEmpty());
        assertTrue(d.lookup(Addresses.parse("2001:67c:2a71::1")).isEmpty());
        assertEquals(6, d.networkCount());
    }

    @Test
    void asnDropAndMetadata() {
        SpamhausDrop d = all();
        assertEquals("ASN-DROP", d.asnListing(6939L));
        assertNull(d.asnListing(15169L));
        assertEquals(Instant.ofEpochSecond(1704067200), d.listTime());
    }

    @Test
    void damagedLineIsNamed() {
        GeoDataException e = assertThrows(GeoDataException.class,
                () -> new SpamhausDrop().add("drop.txt", "1.10.16.0/20 ; SBL1\n1.2.3.400/8 ; SBL2\n"));
        assertTrue(e.getMessage().contains("drop.txt: line 2"), e.getMessage());
        assertThrows(GeoDataException.class, () -> new SpamhausDrop().add("drop_v4.json", "{\"cidr\":\"1.2.3.0/24\"\n"));
        assertThrows(GeoDataException.class, () -> new SpamhausDrop().add("asndrop.json", "{\"asn\":\"x\"}\n"));
    }
}
