package wstool.bench;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import wstool.core.net.Addresses;
import wstool.core.net.Cidr;
import wstool.data.DataSet;
import wstool.data.EmbeddedData;
import wstool.enrich.Enricher;
import wstool.enrich.GeoSource;
import wstool.enrich.MmdbSource;
import wstool.enrich.RangeTable;
import wstool.enrich.SpamhausDrop;
import wstool.enrich.SpecialRanges;

/**
 * Full enrichment (IANA special class, country, city, region, lat/lon, ASN, Spamhaus DROP + ASN-DROP) of 1 M
 * addresses against the embedded GeoLite2 City + ASN default, through {@link Enricher} (with its address cache).
 * {@code stream}: "zipf" (1 M draws over 100 k addresses, popularity 1/rank) or "uniform" (1 M random IPv4).
 * {@code tables}: "readers" = the generic MaxMind DB reader (tree walk + decode per miss); "tables" = the compiled
 * {@link wstool.enrich.RangeTable}s memory-mapped from the data dir (built there on the first run). DROP: 2,000 random /20 networks and 50 ASNs (a list of
 * the real DROP list's size). One op = one address enriched.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class EnrichmentBenchmark {
    static final int ADDRESSES = 1_000_000;

    @Param({"zipf", "uniform"})
    public String stream;

    @Param({"readers", "tables"})
    public String tables;

    InetAddress[] addresses;
    Enricher enricher;

    @Setup(Level.Trial)
    public void setup() {
        addresses = AddressStreams.benchmarkStream(stream);
        enricher = enricher("tables".equals(tables));
    }

    @Setup(Level.Iteration)
    public void freshEnricher() {
        // every iteration starts with a cold address cache, so the uniform stream is never served from it
        enricher = new Enricher(enricher.sources());
    }

    /** The data dir of the benchmark runs: the embedded databases are extracted and compiled there once. */
    static Path dataDir() { return Path.of(System.getProperty("java.io.tmpdir"), "ws_tool-bench-data"); }

    static Enricher enricher(boolean tables) {
        GeoSource city;
        GeoSource asn;
        if (tables) {
            List<GeoSource> s = DataSet.open(dataDir(), DataSet.Overrides.NONE).sources();
            city = s.stream().filter(x -> x.name().equals("geolite2-city")).findFirst().orElseThrow();
            asn = s.stream().filter(x -> x.name().equals("geolite2-asn")).findFirst().orElseThrow();
            if (!(city instanceof RangeTable) || !(asn instanceof RangeTable)) throw new IllegalStateException("no range tables in " + dataDir());
        } else {
            city = MmdbSource.open(EmbeddedData.extracted(dataDir(), EmbeddedData.CITY));
            asn = MmdbSource.open(EmbeddedData.extracted(dataDir(), EmbeddedData.ASN));
        }
        return new Enricher(List.of(SpecialRanges.iana(), city, asn, dropList()));
    }

    static SpamhausDrop dropList() {
        SplittableRandom rnd = new SplittableRandom(3);
        StringBuilder drop = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            drop.append(new Cidr(Addresses.ipv4(rnd.nextInt()).getAddress(), 20)).append(" ; SBL").append(100000 + i).append('\n');
        }
        StringBuilder asn = new StringBuilder();
        for (int i = 0; i < 50; i++) asn.append("{\"asn\":").append(60000 + i * 7).append("}\n");
        return new SpamhausDrop().add("drop.txt", drop.toString()).add("asndrop.json", asn.toString());
    }

    @TearDown(Level.Trial)
    public void close() { enricher.close(); }

    @Benchmark
    @OperationsPerInvocation(ADDRESSES)
    public void enrich(Blackhole bh) {
        Enricher e = enricher;
        for (InetAddress a : addresses) bh.consume(e.lookup(a));
    }
}
