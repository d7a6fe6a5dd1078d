package wstool.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import wstool.core.model.AutonomousSystem;
import wstool.core.model.GeoLocation;
import wstool.core.model.Enrichment;
import wstool.core.net.Addresses;

class EnricherTest {
    /** A source that counts its lookups and answers a fixed value (IPv4 only unless told). */
    static final class Counting implements GeoSource {
        final AtomicInteger calls = new AtomicInteger();
        final Enrichment answer;
        final boolean v6;

        Counting(Enrichment answer, boolean v6) { this.answer = answer; this.v6 = v6; }

        @Override public String name() { return "counting"; }
        @Override public boolean coversIpv6() { return v6; }
        @Override public Enrichment lookup(InetAddress a) { calls.incrementAndGet(); return answer; }
    }

    @Test
    void combinesByPrecedenceWithDropAndSpecial() {
        MmdbSource city = MmdbSource.open(Fixtures.mmdb("GeoIP2-City-Test.mmdb"));
        MmdbSource asn = MmdbSource.open(Fixtures.mmdb("GeoLite2-ASN-Test.mmdb"));
        SpamhausDrop drop = new SpamhausDrop().add("drop.txt", "89.160.20.0/24 ; SBL1\n")
                .add("asndrop.json", "{\"asn\":1221}\n");
        try (Enricher e = new Enricher(List.of(SpecialRanges.iana(), city, asn, drop))) {
            Enrichment se = e.lookup(Addresses.parse("89.160.20.128"));
            assertEquals("SE", se.countryCode());
            assertEquals("Linköping", se.city());
            assertEquals(29518L, se.asn());
            assertEquals("SBL1", se.dropId());
            Enrichment telstra = e.lookup(Addresses.parse("2001:8000::5"));
            assertEquals(1221L, telstra.asn());
            assertEquals("ASN-DROP", telstra.dropId(), "listed by its ASN");
            assertEquals("private", e.lookup(Addresses.parse("::ffff:192.168.0.1")).special());
            assertTrue(e.lookup(Addresses.parse("8.8.8.8")).isEmpty());
            List<Enricher.Answer> answers = e.answers(Addresses.parse("89.160.20.128"));
            assertEquals(List.of("geoip2-city", "geolite2-asn", "spamhaus-drop"),
                    answers.stream().filter(x -> x.outcome() == Enricher.Outcome.FOUND).map(Enricher.Answer::source).toList());
            assertEquals(Enricher.Outcome.NOT_FOUND, answers.get(0).outcome(), "the IANA table knows nothing of it");
        }
    }

    @Test
    void firstSourceWinsPerField() {
        Enrichment a = new Enrichment(new GeoLocation("DE", null, null, null, null, null), new AutonomousSystem(null, null), null, null, null);
        Enrichment b = new Enrichment(new GeoLocation("FR", "France", "Paris", null, null, null), new AutonomousSystem(3215L, null), null, null, null);
        Enricher e = new Enricher(List.of(new Counting(a, true), new Counting(b, true)));
        Enrichment r = e.lookup(Addresses.parse("1.2.3.4"));
        assertEquals("DE", r.countryCode());
        assertEquals("Paris", r.city());
        assertEquals(3215L, r.asn());
    }

    @Test
    void ipv6NeverReachesIpv4OnlySource() {
        Counting v4only = new Counting(new Enrichment(new GeoLocation("XX", null, null, null, null, null), new AutonomousSystem(null, null), null, null, null), false);
        Enricher e = new Enricher(List.of(v4only));
        assertTrue(e.lookup(Addresses.parse("2001:db8::1")).isEmpty());
        assertEquals(0, v4only.calls.get());
        assertEquals("XX", e.lookup(Addresses.parse("::ffff:1.2.3.4")).countryCode());
        assertEquals(1, v4only.calls.get());
    }

    @Test
    void repeatedAddressesAreCachedAndCacheIsBounded() {
        Counting c = new Counting(new Enrichment(new GeoLocation("XX", null, null, null, null, null), new AutonomousSystem(null, null), null, null, null), true);
        Enricher e = new Enricher(List.of(c), 100);
        for (int i = 0; i < 1000; i++) e.lookup(Addresses.parse("1.2.3.4"));
        assertEquals(1, c.calls.get());
        for (int i = 0; i < 5000; i++) e.lookup(Addresses.ipv4(i));
        assertEquals(128, e.cacheSlots());
        assertTrue(e.cachedEntries() <= 128, "cache bounded, has " + e.cachedEntries());
        int before = c.calls.get();
        for (int i = 0; i < 1000; i++) e.lookup(Addresses.parse("1.2.3.4"));
        assertEquals(before + 1, c.calls.get(), "a hot address wins its slot back and stays");
    }

    @Test
    void failingSourceIsSkippedAndCounted() {
        GeoSource broken = new GeoSource() {
            @Override public String name() { return "broken"; }
            @Override public boolean coversIpv6() { return true; }
            @Override public Enrichment lookup(InetAddress a) { throw new GeoDataException("broken.db: bad node at byte offset 12"); }
        };
        Enricher e = new Enricher(List.of(broken, SpecialRanges.iana()));
        assertEquals("private", e.lookup(Addresses.parse("10.0.0.1")).special());
        assertEquals(1, e.failures());
        assertTrue(e.firstFailure().contains("byte offset 12"));
        assertNull(e.lookup(Addresses.parse("8.8.4.4")).special());
    }
}
