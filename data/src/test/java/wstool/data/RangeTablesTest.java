package wstool.data;

import wstool.core.fixtures.Fixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.net.Addresses;
import wstool.enrich.CompactTable;
import wstool.enrich.Enricher;

class RangeTablesTest {
    @TempDir Path dir;

    private static final long BIG_HEAP = 1L << 32;

    private static Path mmdb(String name) { return Fixtures.path("mmdb/" + name); }

    private DataSet testDbs() {
        return DataSet.open(dir, new DataSet.Overrides(mmdb("GeoIP2-City-Test.mmdb"), mmdb("GeoLite2-ASN-Test.mmdb"), null, List.of()));
    }

    @Test
    void skipRules() {
        assertNull(RangeTables.skipReason(new RangeTables.Job(true), true, BIG_HEAP), "live jobs build");
        assertTrue(RangeTables.skipReason(new RangeTables.Job(false), true, BIG_HEAP).contains("not a live job"),
                "reading a file is bound by decoding");
        assertTrue(RangeTables.skipReason(new RangeTables.Job(true), true, RangeTables.MIN_FREE_HEAP - 1)
                .contains("heap free"), "too little heap");
        assertTrue(RangeTables.skipReason(new RangeTables.Job(true), false, BIG_HEAP).contains("no MaxMind"));
    }

    @Test
    void fileJobsNeverArmTheBuild() throws Exception {
        DataSet d = testDbs();
        try (Enricher e = d.enricher(); RangeTables t = RangeTables.start(d, e, new RangeTables.Job(false), 1)) {
            e.lookup(Addresses.parse("81.2.69.142"));
            e.lookup(Addresses.parse("89.160.20.128"));
            assertTrue(t.await(1_000));
            assertTrue(t.status().contains("skipped: not a live job"), t.status());
            assertEquals(0, e.adoptedReplacements());
        }
    }

    @Test
    void liveJobBuildsAtTheMissTriggerAndTheEnricherAdoptsWithTheSameAnswers() throws Exception {
        DataSet d = testDbs();
        InetAddress[] probe = new InetAddress[4000];
        java.util.Random rnd = new java.util.Random(5);
        for (int i = 0; i < probe.length; i++) {
            probe[i] = i % 2 == 0 ? Addresses.ipv4(rnd.nextInt()) : Addresses.ipv4(0x51024500 + rnd.nextInt(1 << 12));
        }
        try (Enricher e = d.enricher(); Enricher reference = testDbs().enricher();
             RangeTables t = RangeTables.start(d, e, new RangeTables.Job(true), 100)) {
            for (int i = 0; i < 99; i++) assertEquals(reference.lookup(probe[i]), e.lookup(probe[i]));
            assertTrue(t.await(0), "not started before the 100th miss");
            assertTrue(t.status().contains("not built"), t.status());
            for (int i = 99; i < 200; i++) assertEquals(reference.lookup(probe[i]), e.lookup(probe[i]));
            assertTrue(t.await(60_000), "build ends");
            assertTrue(t.status().contains("range tables for geoip2-city, geolite2-asn ready"), t.status());
            for (InetAddress a : probe) assertEquals(reference.lookup(a), e.lookup(a), a.getHostAddress());
            assertEquals(2, e.adoptedReplacements());
            assertInstanceOf(CompactTable.class, e.sources().get(1));
        }
    }

    @Test
    void aDamagedDatabaseLeavesTheJobOnTheReaders() throws Exception {
        // a City file cut short after the reader opened it: the build fails, lookups go on
        Path copy = dir.resolve("city.mmdb");
        Files.copy(mmdb("GeoIP2-City-Test.mmdb"), copy);
        DataSet d = DataSet.open(dir, new DataSet.Overrides(copy, mmdb("GeoLite2-ASN-Test.mmdb"), null, List.of()));
        byte[] bytes = Files.readAllBytes(copy);
        Path cut = dir.resolve("cut.mmdb");
        Files.write(cut, java.util.Arrays.copyOf(bytes, 64));
        // replaced, not overwritten: the reader keeps its mapping of the old file; the build opens this one
        Files.move(cut, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        try (Enricher e = d.enricher(); RangeTables t = RangeTables.start(d, e, new RangeTables.Job(true), 1)) {
            e.lookup(Addresses.parse("1.128.0.1"));
            assertTrue(t.await(60_000));
            assertTrue(t.status().contains("range table build failed"), t.status());
            assertEquals(1221L, e.lookup(Addresses.parse("1.128.0.2")).asn());
        }
    }

    @Test
    void closingBeforeTheTriggerMeansNoBuild() throws Exception {
        DataSet d = testDbs();
        try (Enricher e = d.enricher()) {
            RangeTables t = RangeTables.start(d, e, new RangeTables.Job(true), 2);
            t.close();
            e.lookup(Addresses.parse("81.2.69.142"));
            e.lookup(Addresses.parse("89.160.20.128"));
            assertTrue(t.await(0));
            assertTrue(t.status().contains("not built"), t.status());
            assertEquals(0, e.adoptedReplacements());
        }
    }

    @Test
    void doctorLineNamesTheRule() {
        String s = RangeTables.describe(testDbs());
        assertTrue(s.contains("geoip2-city, geolite2-asn") && s.contains("live jobs") && s.contains("50,000"), s);
    }
}
