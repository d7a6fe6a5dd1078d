package wstool.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.model.Enrichment;
import wstool.core.net.Addresses;
import wstool.enrich.Enricher;
import wstool.enrich.GeoSource;
import wstool.enrich.MmdbSource;
import wstool.enrich.RangeTable;

/** The embedded GeoLite2 of November 2019 (org.elasticsearch:geolite2-databases:20191119). */
class EmbeddedDataTest {
    @Test
    void embeddedDefaultIsNovember2019AndAnswers() {
        assertTrue(EmbeddedData.available());
        Instant built = EmbeddedData.buildTime();
        assertEquals(2019, built.atZone(ZoneOffset.UTC).getYear());
        assertEquals(11, built.atZone(ZoneOffset.UTC).getMonthValue());
        assertTrue(EmbeddedData.age(Instant.parse("2026-01-01T00:00:00Z")).toDays() > 365 * 6);
        try (MmdbSource city = EmbeddedData.inMemory(EmbeddedData.CITY);
             MmdbSource asn = EmbeddedData.inMemory(EmbeddedData.ASN)) {
            Enricher e = new Enricher(List.of(city, asn));
            Enrichment g = e.lookup(Addresses.parse("8.8.8.8"));
            assertEquals("US", g.countryCode());
            assertEquals(15169L, g.asn());
            assertEquals("GB", e.lookup(Addresses.parse("81.2.69.142")).countryCode());
            assertEquals("SE", e.lookup(Addresses.parse("89.160.20.128")).countryCode());
            assertEquals(29518L, e.lookup(Addresses.parse("89.160.20.128")).asn());
            assertTrue(city.coversIpv6());
            assertEquals("US", e.lookup(Addresses.parse("2001:4860:4860::8888")).countryCode());
        }
    }

    @Test
    void extractedOnceVerifiedAndReplacedWhenChanged(@TempDir Path dir) throws Exception {
        Path f = EmbeddedData.extracted(dir, EmbeddedData.ASN);
        byte[] original;
        try (java.io.InputStream in = EmbeddedData.class.getClassLoader().getResourceAsStream(EmbeddedData.ASN)) {
            original = in.readAllBytes();
        }
        assertArrayEquals(original, Files.readAllBytes(f));
        long t = Files.getLastModifiedTime(f).toMillis();
        assertEquals(f, EmbeddedData.extracted(dir, EmbeddedData.ASN));
        assertEquals(t, Files.getLastModifiedTime(f).toMillis(), "an unchanged copy is reused, not written again");
        Files.write(f, new byte[] {1, 2, 3});
        EmbeddedData.extracted(dir, EmbeddedData.ASN);
        assertArrayEquals(original, Files.readAllBytes(f), "a changed copy is extracted again");
        try (var files = Files.list(f.getParent())) {
            assertEquals(List.of(EmbeddedData.ASN, EmbeddedData.ASN + ".sha256"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file left");
        }
    }

    /** The tables of the embedded databases answer exactly like the reader, IPv4 and IPv6. */
    @Test
    void embeddedTablesEqualTheReaders(@TempDir Path dir) throws Exception {
        long t0 = System.nanoTime();
        DataSet d = DataSet.open(dir, DataSet.Overrides.NONE);
        System.out.printf("embedded tables built in %d ms: %s%n", (System.nanoTime() - t0) / 1_000_000, d.fastPath());
        for (GeoSource s : d.sources()) {
            if (!(s instanceof RangeTable t)) continue;
            try (MmdbSource reader = MmdbSource.open(t.source().file())) {
                Random rnd = new Random(7);
                for (int i = 0; i < 50_000; i++) {
                    InetAddress a = Addresses.ipv4(rnd.nextInt());
                    assertEquals(reader.lookup(a), t.lookup(a), t.name() + " " + a.getHostAddress());
                    byte[] b = new byte[16];
                    rnd.nextBytes(b);
                    b[0] = (byte) (i % 3 == 0 ? 0x20 : 0x2a);
                    b[1] = (byte) (i % 3 == 0 ? 0x02 : b[1]);
                    InetAddress v6 = InetAddress.getByAddress(b);
                    assertEquals(reader.lookup(v6), t.lookup(v6), t.name() + " " + v6.getHostAddress());
                }
            }
        }
        assertEquals(2, d.sources().stream().filter(s -> s instanceof RangeTable).count(), d.fastPath());
        long built = Files.getLastModifiedTime(RangeTables.tableFile(dir, dir.resolve("embedded").resolve(EmbeddedData.CITY))).toMillis();
        DataSet again = DataSet.open(dir, DataSet.Overrides.NONE);
        assertEquals(2, again.sources().stream().filter(s -> s instanceof RangeTable).count(), "mapped, not rebuilt");
        assertEquals(built, Files.getLastModifiedTime(RangeTables.tableFile(dir, dir.resolve("embedded").resolve(EmbeddedData.CITY))).toMillis());
    }
}
