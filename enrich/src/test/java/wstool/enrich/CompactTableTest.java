package wstool.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import wstool.core.net.Addresses;

class CompactTableTest {
    /** The flattened table must answer exactly as the database it was built from, for every address tried. */
    @ParameterizedTest
    @ValueSource(strings = {"GeoIP2-City-Test.mmdb", "GeoLite2-ASN-Test.mmdb", "GeoLite2-City-Test.mmdb"})
    void answersLikeTheDatabase(String file) throws Exception {
        MaxMindSource db = MaxMindSource.open(Fixtures.mmdb(file));
        CompactTable t;
        try (InputStream in = Files.newInputStream(Fixtures.mmdb(file))) {
            t = CompactTable.build(in, db);
        }
        assertTrue(t.ranges() > 2);
        Random rnd = new Random(42);
        int known = 0;
        String[] edges = {"81.2.69.142", "81.2.69.143", "81.2.69.159", "81.2.69.160", "89.160.20.112", "89.160.20.128",
                "89.160.20.143", "89.160.20.144", "1.128.0.0", "1.159.255.255", "1.160.0.0", "0.0.0.0", "255.255.255.255",
                "216.160.83.56", "2.125.160.216", "2001:8000::1", "2a02:d300::1"};
        for (String s : edges) assertEquals(db.lookup(Addresses.parse(s)), t.lookup(Addresses.parse(s)), s);
        for (int i = 0; i < 200_000; i++) {
            InetAddress a = i % 2 == 0 ? Addresses.ipv4(rnd.nextInt())
                    : Addresses.ipv4(0x51024500 + rnd.nextInt(1 << 12)); // dense near known networks
            assertEquals(db.lookup(a), t.lookup(a), a.getHostAddress());
            if (!t.lookup(a).isEmpty()) known++;
        }
        assertTrue(known > 0, "some addresses must be known");
    }
}
