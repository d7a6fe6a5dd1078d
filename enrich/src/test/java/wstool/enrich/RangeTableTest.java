package wstool.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.net.Addresses;

/** Range tables answer exactly like the reader they were compiled from; a stale or damaged one is refused. */
class RangeTableTest {
    @TempDir Path dir;

    static final String[] FIXTURES = {"GeoIP2-City-Test.mmdb", "GeoLite2-City-Test.mmdb", "GeoIP2-Country-Test.mmdb",
            "GeoLite2-Country-Test.mmdb", "GeoLite2-ASN-Test.mmdb", "GeoIP2-ISP-Test.mmdb", "dbip-country.mmdb"};

    @Test
    void equalToTheReaderOnEveryFixture() throws Exception {
        for (String name : FIXTURES) {
            try (MmdbSource s = MmdbSource.open(Fixtures.mmdb(name))) {
                RangeTable t = build(s, dir.resolve(name + ".ranges"));
                assertEqualAnswers(s, t, name, 20_000);
            }
        }
    }

    /** Every network's first and last address, the address before each, IPv6 aliases of IPv4, and random ones. */
    static void assertEqualAnswers(GeoSource reader, RangeTable t, String name, int random) throws Exception {
        MmdbSource s = t.source();
        List<InetAddress> probes = new java.util.ArrayList<>();
        try (com.maxmind.db.Reader r = new com.maxmind.db.Reader(s.file().toFile())) {
            var it = r.networks(false, java.util.Map.class);
            List<com.maxmind.db.Network> nets = new java.util.ArrayList<>();
            while (it.hasNext()) nets.add(it.next().network());
            int stride = Math.max(1, nets.size() / 20_000); // every network of the small files, 20,000 spread over big ones
            for (int i = 0; i < nets.size(); i += stride) {
                com.maxmind.db.Network n = nets.get(i);
                byte[] first = n.networkAddress().getAddress();
                probes.add(n.networkAddress());
                probes.add(InetAddress.getByAddress(add(first, -1)));
                probes.add(InetAddress.getByAddress(last(first, n.prefixLength())));
            }
        }
        Random rnd = new Random(name.hashCode());
        for (int i = 0; i < random; i++) {
            probes.add(Addresses.ipv4(rnd.nextInt()));
            if (s.coversIpv6()) {
                byte[] b = new byte[16];
                rnd.nextBytes(b);
                if (i % 4 == 0) { b[0] = 0x20; b[1] = 0x02; }        // 6to4: aliased to IPv4 in MaxMind's files
                if (i % 4 == 1) { b[0] = 0x20; b[1] = 0x01; }
                probes.add(InetAddress.getByAddress(b));
                probes.add(InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, b[12], b[13], b[14], b[15]}));
            }
        }
        for (InetAddress a : probes) {
            if (a instanceof java.net.Inet6Address && !s.coversIpv6()) continue;
            assertEquals(reader.lookup(a), t.lookup(a), name + " " + a.getHostAddress());
        }
    }

    private static byte[] add(byte[] a, int delta) {
        byte[] b = a.clone();
        for (int i = b.length - 1; i >= 0; i--) {
            int v = (b[i] & 0xff) + delta;
            b[i] = (byte) v;
            if (v >= 0 && v <= 255) break;
        }
        return b;
    }

    private static byte[] last(byte[] a, int prefix) {
        byte[] b = a.clone();
        for (int bit = prefix; bit < b.length * 8; bit++) b[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        return b;
    }

    static RangeTable build(MmdbSource s, Path file) {
        RangeTableWriter.write(s, file, null);
        String[] why = new String[1];
        RangeTable t = RangeTable.open(file, s, why);
        assertNotNull(t, why[0]);
        return t;
    }

    @Test
    void staleDamagedOrForeignTablesAreRefused() throws Exception {
        Path db = dir.resolve("city.mmdb");
        Files.copy(Fixtures.mmdb("GeoIP2-City-Test.mmdb"), db);
        Path table = dir.resolve("city.ranges");
        try (MmdbSource s = MmdbSource.open(db)) {
            build(s, table);
            String[] why = new String[1];
            byte[] good = Files.readAllBytes(table);
            byte[] flipped = good.clone();
            flipped[good.length / 2] ^= 1;
            Files.write(table, flipped);
            assertNull(RangeTable.open(table, s, why));
            assertTrue(why[0].contains("checksum"), why[0]);
            Files.write(table, java.util.Arrays.copyOf(good, good.length - 100));
            assertNull(RangeTable.open(table, s, why));
            assertTrue(why[0].contains("damaged"), why[0]);
            byte[] v2 = good.clone();
            ByteBuffer.wrap(v2).putInt(8, RangeTable.VERSION + 1);
            Files.write(table, v2);
            assertNull(RangeTable.open(table, s, why));
            assertTrue(why[0].contains("version"), why[0]);
            Files.write(table, good);
            assertNotNull(RangeTable.open(table, s, why));
            Files.setLastModifiedTime(db, FileTime.fromMillis(Files.getLastModifiedTime(db).toMillis() - 60_000));
            assertNull(RangeTable.open(table, s, why), "the database changed (its time): stale");
            assertTrue(why[0].contains("another version"), why[0]);
        }
    }
}
