package wstool.enrich;

import java.io.Closeable;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import wstool.core.model.DropListing;
import wstool.core.model.Enrichment;
import wstool.core.net.Addresses;
import wstool.core.pipeline.AddressEnricher;

/**
 * Combines {@link GeoSource}s by precedence: each field comes from the first source (in list order) that knows it.
 * IPv4-mapped IPv6 addresses are looked up as IPv4; IPv6 addresses go only to sources that hold IPv6 data.
 * An address is DROP-listed when a DROP source lists its network or its (merged) ASN is on ASN-DROP.
 * Answers are kept in a bounded direct-mapped cache (one slot per address hash, a newer address overwrites an older
 * one): a hit costs one hash and one equals, a miss one array store, with no allocation or eviction bookkeeping, so
 * it never slows a stream of all-new addresses; the hot addresses of real traffic win their slot back at once.
 * A source that fails on a lookup is skipped for that address and counted; the first failure is kept for
 * {@code doctor}. Not thread-safe: one thread uses it (the pipeline's consumer, as {@link AddressEnricher} says).
 * The look-up commands and the event jobs use the same Enricher over the same sources (range tables where a
 * database has them).
 */
public final class Enricher implements AddressEnricher, Closeable {
    /** Whether a source knew an address, did not, or was not asked because it holds no IPv6 data. */
    public enum Outcome { FOUND, NOT_FOUND, NO_IPV6_DATA }

    /** One source's own answer, for the lookup commands; {@link Enrichment#NONE} unless {@link Outcome#FOUND}. */
    public record Answer(String source, Outcome outcome, Enrichment enrichment) {}

    public static final int DEFAULT_CACHE_SIZE = 65_536;

    private final List<GeoSource> sources;
    private final List<SpamhausDrop> dropLists = new ArrayList<>();
    private final InetAddress[] keys;
    private final Enrichment[] values;
    private final int shift;
    private long failures;
    private String firstFailure;

    public Enricher(List<? extends GeoSource> sources, int cacheSize) {
        this.sources = List.copyOf(sources);
        for (GeoSource s : this.sources) if (s instanceof SpamhausDrop d) dropLists.add(d);
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, cacheSize) - 1); // slots: next power of two
        this.keys = new InetAddress[1 << bits];
        this.values = new Enrichment[1 << bits];
        this.shift = 32 - bits;
    }

    public Enricher(List<? extends GeoSource> sources) { this(sources, DEFAULT_CACHE_SIZE); }

    public List<GeoSource> sources() { return sources; }

    @Override
    public Enrichment lookup(InetAddress address) {
        if (address == null) return Enrichment.NONE;
        InetAddress a = Addresses.unmapped(address);
        int slot = shift == 32 ? 0 : (a.hashCode() * 0x9E3779B9) >>> shift;
        if (a.equals(keys[slot])) return values[slot];
        Enrichment e = compute(a);
        keys[slot] = a;
        values[slot] = e;
        return e;
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

    /** Every source's own answer, in precedence order, uncached. */
    public List<Answer> answers(InetAddress address) {
        InetAddress a = Addresses.unmapped(address);
        boolean v6 = a instanceof Inet6Address;
        List<Answer> out = new ArrayList<>();
        for (GeoSource s : sources) {
            if (v6 && !s.coversIpv6()) {
                out.add(new Answer(s.name(), Outcome.NO_IPV6_DATA, Enrichment.NONE));
                continue;
            }
            Enrichment e = ask(s, a);
            out.add(new Answer(s.name(), e.isEmpty() ? Outcome.NOT_FOUND : Outcome.FOUND, e));
        }
        return out;
    }

    /** The merged answer's DROP id, adding ASN-DROP membership of its ASN. */
    private Enrichment withAsnDrop(Enrichment e) {
        if (e.dropId() != null || e.asn() == null) return e;
        for (SpamhausDrop d : dropLists) {
            String id = d.asnListing(e.asn());
            if (id != null) {
                return e.withDropListing(new DropListing(id));
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

    public long cachedEntries() {
        long n = 0;
        for (InetAddress k : keys) if (k != null) n++;
        return n;
    }

    public int cacheSlots() { return keys.length; }

    @Override
    public void close() {
        for (GeoSource s : sources) s.close();
    }
}
