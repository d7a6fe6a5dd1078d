package wstool.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import wstool.core.model.Enrichment;
import wstool.core.net.Addresses;

/** Range tables handed to a running {@link Enricher}: adopted on the consumer thread, answers unchanged. */
class EnricherSwapTest {
    private static final String CITY = "GeoIP2-City-Test.mmdb";
    private static final String ASN = "GeoLite2-ASN-Test.mmdb";

    /** Random IPv4, IPv4 dense around the test DBs' networks, and IPv6 (which must stay on the reader). */
    private static InetAddress[] addresses(int n, long seed) {
        Random rnd = new Random(seed);
        String[] v6 = {"2001:8000::1", "2a02:d300::1", "2001:480::1", "::ffff:81.2.69.142", "2001:218::5"};
        InetAddress[] out = new InetAddress[n];
        for (int i = 0; i < n; i++) {
            switch (i % 5) {
                case 0: out[i] = Addresses.ipv4(rnd.nextInt()); break;
                case 1: out[i] = Addresses.ipv4(0x51024500 + rnd.nextInt(1 << 12)); break; // 81.2.69.x
                case 2: out[i] = Addresses.ipv4(0x59A01400 + rnd.nextInt(1 << 10)); break; // 89.160.20.x
                case 3: out[i] = Addresses.ipv4(0x01800000 + rnd.nextInt(1 << 22)); break; // 1.128.0.0/11
                default: out[i] = Addresses.parse(v6[rnd.nextInt(v6.length)]);
            }
        }
        return out;
    }

    private static List<GeoSource> readers() {
        return List.of(SpecialRanges.iana(), MaxMindSource.open(Fixtures.mmdb(CITY)), MaxMindSource.open(Fixtures.mmdb(ASN)));
    }

    private static CompactTable table(GeoSource reader, String file) throws Exception {
        try (InputStream in = Files.newInputStream(Fixtures.mmdb(file))) {
            return CompactTable.build(in, (MaxMindSource) reader);
        }
    }

    @Test
    void adoptsTablesMidStreamAndAnswersIdentically() throws Exception {
        InetAddress[] stream = addresses(120_000, 7);
        List<Enrichment> expected = new ArrayList<>();
        try (Enricher reference = new Enricher(readers(), 1)) { // a one-slot cache: every answer from the readers
            for (InetAddress a : stream) expected.add(reference.lookup(a));
        }
        assertTrue(expected.stream().anyMatch(e -> "GB".equals(e.countryCode())), "some addresses known by City");
        assertTrue(expected.stream().anyMatch(e -> Long.valueOf(1221).equals(e.asn())), "some known by ASN");

        List<GeoSource> sources = readers();
        try (Enricher e = new Enricher(sources, 4096)) {
            for (int i = 0; i < stream.length; i++) {
                if (i == stream.length / 2) {
                    e.offer(Map.of(sources.get(1), table(sources.get(1), CITY), sources.get(2), table(sources.get(2), ASN)));
                    assertEquals(0, e.adoptedReplacements(), "nothing changes before the consumer's next lookup");
                }
                assertEquals(expected.get(i), e.lookup(stream[i]), stream[i].getHostAddress() + " at " + i);
            }
            assertEquals(2, e.adoptedReplacements());
            assertInstanceOf(CompactTable.class, e.sources().get(1));
            assertInstanceOf(CompactTable.class, e.sources().get(2));
            assertEquals("geoip2-city", e.sources().get(1).name(), "the table keeps the database's name");
        }
    }

    @Test
    void replacementForASourceNotInUseIsIgnored() throws Exception {
        List<GeoSource> sources = readers();
        GeoSource stranger = MaxMindSource.open(Fixtures.mmdb(CITY));
        try (Enricher e = new Enricher(sources)) {
            e.offer(Map.of(stranger, table(stranger, CITY)));
            assertEquals("GB", e.lookup(Addresses.parse("81.2.69.142")).countryCode());
            assertEquals(0, e.adoptedReplacements());
            assertEquals(sources, e.sources());
        } finally {
            stranger.close();
        }
    }

    /**
     * A consumer thread enriching continuously while a builder thread builds and offers the tables, in many rounds so
     * the hand-off lands at different points; every answer is checked against the readers'. Bounded: 40 rounds, each
     * consumer at most 10 s.
     */
    @Test
    void handOffBetweenBuilderAndConsumerThreadsIsSafe() throws Exception {
        InetAddress[] stream = addresses(20_000, 11);
        Enrichment[] expected = new Enrichment[stream.length];
        try (Enricher reference = new Enricher(readers(), 1)) {
            for (int i = 0; i < stream.length; i++) expected[i] = reference.lookup(stream[i]);
        }
        for (int round = 0; round < 40; round++) {
            List<GeoSource> sources = readers();
            Enricher e = new Enricher(sources, 1024);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread builder = new Thread(() -> {
                try {
                    e.offer(Map.of(sources.get(2), table(sources.get(2), ASN)));
                    e.offer(Map.of(sources.get(1), table(sources.get(1), CITY)));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "test-builder");
            int[] lookupsAfterBoth = {0};
            Thread consumer = new Thread(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                try {
                    for (int i = 0; lookupsAfterBoth[0] < 2 * stream.length && System.nanoTime() < deadline; i++) {
                        int k = i % stream.length;
                        Enrichment got = e.lookup(stream[k]);
                        if (!expected[k].equals(got)) throw new AssertionError(stream[k].getHostAddress() + ": " + got + " != " + expected[k]);
                        if (e.adoptedReplacements() == 2) lookupsAfterBoth[0]++;
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "test-consumer");
            consumer.start();
            builder.start();
            builder.join(30_000);
            consumer.join(30_000);
            assertNull(failure.get(), () -> "round: " + failure.get());
            assertEquals(2, e.adoptedReplacements(), "both tables adopted");
            assertEquals(2 * stream.length, lookupsAfterBoth[0], "the consumer went on with the tables");
            e.close();
        }
    }

    @Test
    void missTriggerFiresOnceOnTheConsumerAtTheNthMiss() {
        List<GeoSource> sources = readers();
        try (Enricher e = new Enricher(sources, 1 << 12)) {
            int[] fired = {0};
            e.onMisses(3, () -> fired[0]++);
            InetAddress a = Addresses.parse("81.2.69.142");
            for (int i = 0; i < 10; i++) e.lookup(a); // one miss, then hits
            assertEquals(0, fired[0]);
            e.lookup(Addresses.parse("89.160.20.128"));
            assertEquals(0, fired[0]);
            e.lookup(Addresses.parse("1.128.0.1"));
            assertEquals(1, fired[0], "third distinct address");
            e.lookup(Addresses.parse("1.128.0.2"));
            assertEquals(1, fired[0], "once only");
            assertEquals(4, e.misses());
        }
    }
}
