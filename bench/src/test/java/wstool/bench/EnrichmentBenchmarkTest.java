package wstool.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wstool.core.net.Addresses;
import wstool.enrich.Enricher;

/** The benchmark's workload is real: Zipf streams concentrate on few addresses, and lookups answer. */
class EnrichmentBenchmarkTest {
    @Test
    void zipfStreamIsSkewedAndUniformIsNot() {
        InetAddress[] z = AddressStreams.zipf(100_000, 10_000, 1);
        Map<InetAddress, Integer> counts = new HashMap<>();
        for (InetAddress a : z) counts.merge(a, 1, Integer::sum);
        int top = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        assertTrue(top > 100_000 / 20, "the most popular address takes > 5% of a Zipf stream, got " + top);
        InetAddress[] u = AddressStreams.uniform(100_000, 2);
        assertTrue(java.util.Arrays.stream(u).distinct().count() > 99_000);
    }

    @Test
    void readersEnricherAnswersWithDrop() {
        try (Enricher e = EnrichmentBenchmark.enricher(false)) {
            assertEquals("US", e.lookup(Addresses.parse("8.8.8.8")).countryCode());
            assertEquals(15169L, e.lookup(Addresses.parse("8.8.8.8")).asn());
            assertEquals(2000, EnrichmentBenchmark.dropList().networkCount());
        }
    }
}
