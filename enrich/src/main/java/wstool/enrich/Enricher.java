package wstool.enrich;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.Closeable;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import wstool.core.model.Enrichment;
import wstool.core.net.Addresses;
import wstool.core.pipeline.AddressEnricher;

/**
 * Combines {@link GeoSource}s by precedence: each field comes from the first source (in list order) that knows it.
 * IPv4-mapped IPv6 addresses are looked up as IPv4; IPv6 addresses go only to sources that hold IPv6 data.
 * An address is DROP-listed when a DROP source lists its network or its (merged) ASN is on ASN-DROP.
 * Answers are kept in a bounded cache (Caffeine, W-TinyLFU eviction, which keeps the few hot addresses of real
 * traffic), so repeated addresses cost one hash lookup. A source that fails on a lookup is skipped for that address
 * and counted; the first failure message is kept for {@code doctor}.
 */
public final class Enricher implements AddressEnricher, Closeable {
    /** One source's own answer, for the lookup commands. */
    public record Answer(String source, Enrichment enrichment) {}

    public static final int DEFAULT_CACHE_SIZE = 65_536;

    private final List<GeoSource> sources;
    private final List<SpamhausDrop> dropLists = new ArrayList<>();
    private final Cache<InetAddress, Enrichment> cache;
    private long failures;
    private String firstFailure;

    public Enricher(List<? extends GeoSource> sources, int cacheSize) {
        this.sources = List.copyOf(sources);
        for (GeoSource s : this.sources) if (s instanceof SpamhausDrop d) dropLists.add(d);
        this.cache = Caffeine.newBuilder().maximumSize(Math.max(1, cacheSize)).executor(Runnable::run).build();
    }

    public Enricher(List<? extends GeoSource> sources) { this(sources, DEFAULT_CACHE_SIZE); }

    public List<GeoSource> sources() { return sources; }

    @Override
    public Enrichment lookup(InetAddress address) {
        if (address == null) return Enrichment.NONE;
        InetAddress a = Addresses.unmapped(address);
        return cache.get(a, this::compute);
    }

    private Enrichment compute(InetAddress a) {
        boolean v6 = a instanceof Inet6Address;
        Enrichment merged = Enrichment.NONE;
        for (GeoSource s : sources) {
            if (v6 && !s.coversIpv6()) continue;
            merged = merged.orElse(ask(s, a));
        }
        return withAsnDrop(merged);
    }

    /** Every source's own answer (sources that know nothing are left out), in precedence order, uncached. */
    public List<Answer> answers(InetAddress address) {
        InetAddress a = Addresses.unmapped(address);
        boolean v6 = a instanceof Inet6Address;
        List<Answer> out = new ArrayList<>();
        for (GeoSource s : sources) {
            if (v6 && !s.coversIpv6()) continue;
            Enrichment e = ask(s, a);
            if (!e.isEmpty()) out.add(new Answer(s.name(), e));
        }
        return out;
    }

    /** The merged answer's DROP id, adding ASN-DROP membership of its ASN. */
    private Enrichment withAsnDrop(Enrichment e) {
        if (e.dropId() != null || e.asn() == null) return e;
        for (SpamhausDrop d : dropLists) {
            String id = d.asnListing(e.asn());
            if (id != null) {
                return new Enrichment(e.countryCode(), e.countryName(), e.city(), e.region(), e.latitude(),
                        e.longitude(), e.asn(), e.asOrg(), id, e.special());
            }
        }
        return e;
    }

    private Enrichment ask(GeoSource s, InetAddress a) {
        try {
            return s.lookup(a);
        } catch (GeoDataException e) {
            failures++;
            if (firstFailure == null) firstFailure = e.getMessage();
            return Enrichment.NONE;
        }
    }

    public long failures() { return failures; }

    public String firstFailure() { return firstFailure; }

    public long cachedEntries() { return cache.estimatedSize(); }

    @Override
    public void close() {
        for (GeoSource s : sources) s.close();
    }
}
